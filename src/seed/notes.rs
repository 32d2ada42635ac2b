//! Case-note bodies in English and Spanish that cite the case's records by id (`TR-…`, `FA-…`,
//! `SZ-…`, `BC-…`, `BL-…`, `#SERIAL`), as investigators write them.

use super::samples::TraceSample;

/// What a case's notes may cite.
#[derive(Debug, Default, Clone)]
pub(crate) struct Refs {
    pub trace: Option<TraceSample>,
    pub person: Option<(String, String)>,
    /// (name, licence)
    pub dealer: Option<(String, String)>,
    /// (id, summary)
    pub seizure: Option<(String, String)>,
    /// (firearm id, serial, seizure id) of an obliterated, partly restored gun.
    pub partial: Option<(String, String, String)>,
    pub casing: Option<String>,
    pub lead: Option<String>,
    pub firearm: Option<String>,
}

type Template = fn(&Refs) -> Option<String>;

const EN: &[Template] = &[
    |r| {
        let t = r.trace.as_ref()?;
        let (pid, name) = r
            .person
            .clone()
            .unwrap_or((t.purchaser_id.clone(), "the purchaser".into()));
        Some(format!(
            "Trace {} came back completed: first purchaser {name} ({pid}). Time-to-crime {} days, well under the 3-year flag. Recovered in {}.",
            t.trace_id, t.ttc, t.place
        ))
    },
    |r| {
        let t = r.trace.as_ref()?;
        Some(format!(
            "Serial #{} on {} (seized in {}). Checking for other recoveries bought the same way.",
            t.serial, t.firearm_id, t.seizure_id
        ))
    },
    |r| {
        let (name, lic) = r.dealer.as_ref()?;
        Some(format!(
            "{name} (FFL {lic}) keeps coming up in Mexico traces. Requesting its 3310.4/3310.12 reports for the last 24 months."
        ))
    },
    |r| {
        let (id, label) = r.seizure.as_ref()?;
        Some(format!(
            "{id}: {label}. Asked for the crossing history of the conveyance."
        ))
    },
    |r| {
        let lead = r.lead.as_ref()?;
        let casing = r.casing.as_ref()?;
        Some(format!(
            "Lead {lead} ties casing {casing} to an earlier scene. Examiner confirmation requested; do not disclose until confirmed."
        ))
    },
    |r| {
        let (fa, serial, sz) = r.partial.as_ref()?;
        Some(format!(
            "Lab partly restored the serial on {fa} (from {sz}): #{serial}. Running a wildcard search on the missing characters."
        ))
    },
    |r| {
        let fa = r.firearm.as_ref()?;
        Some(format!(
            "{fa} was test-fired; casing entered for correlation against the open scenes."
        ))
    },
    |_| Some("Synced with our Mexican counterparts; next joint call on Thursday.".into()),
];

const ES: &[Template] = &[
    |r| {
        let t = r.trace.as_ref()?;
        Some(format!(
            "Rastreo {} concluido: primer comprador {}. Tiempo al delito: {} días. Asegurada en {}.",
            t.trace_id, t.purchaser_id, t.ttc, t.place
        ))
    },
    |r| {
        let t = r.trace.as_ref()?;
        Some(format!(
            "El arma {} con número de serie #{} fue asegurada en {}; se solicita peritaje en balística.",
            t.firearm_id, t.serial, t.seizure_id
        ))
    },
    |r| {
        let (name, lic) = r.dealer.as_ref()?;
        Some(format!(
            "Se solicita a ATF información sobre {name} (licencia {lic}), recurrente en los rastreos."
        ))
    },
    |r| {
        let (id, label) = r.seizure.as_ref()?;
        Some(format!(
            "Aseguramiento {id}: {label}. Se integra a la carpeta de investigación."
        ))
    },
    |r| {
        let lead = r.lead.as_ref()?;
        let casing = r.casing.as_ref()?;
        Some(format!(
            "El indicio {lead} relaciona el casquillo {casing} con otra escena; pendiente confirmación del perito."
        ))
    },
    |r| {
        let (fa, serial, sz) = r.partial.as_ref()?;
        Some(format!(
            "Número de serie parcialmente restaurado en {fa} (aseguramiento {sz}): #{serial}. Se busca con comodines."
        ))
    },
    |r| {
        let fa = r.firearm.as_ref()?;
        Some(format!(
            "Se realizaron disparos de prueba con {fa}; el casquillo se ingresó para correlación."
        ))
    },
    |_| {
        Some("Se comparte el avance con la contraparte estadounidense; próxima reunión conjunta el jueves.".into())
    },
];

/// The `k`-th note body for a case: templates that have what they need to cite, in turn.
pub(crate) fn body(refs: &Refs, spanish: bool, k: usize) -> String {
    let set = if spanish { ES } else { EN };
    let usable: Vec<String> = set.iter().filter_map(|t| t(refs)).collect();
    usable[k % usable.len()].clone()
}
