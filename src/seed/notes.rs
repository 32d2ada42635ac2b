//! Case-note bodies in English and Spanish that cite the case's records by id (`TR-…`, `FA-…`,
//! `SZ-…`, `BC-…`, `BL-…`, `#SERIAL`), as investigators write them.

use super::samples::TraceSample;

/// What a case's notes may cite.
#[derive(Debug, Default, Clone)]
pub(crate) struct Refs {
    /// Completed traces the notes walk through in turn.
    pub traces: Vec<TraceSample>,
    /// (id, name) of the case's main person of interest.
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

/// A note template: `None` when the case lacks what it cites; `salt` picks which record.
type Template = fn(&Refs, usize) -> Option<String>;

fn trace(r: &Refs, salt: usize) -> Option<&TraceSample> {
    r.traces.get(salt % r.traces.len().max(1))
}

const EN: &[Template] = &[
    |r, k| {
        let t = trace(r, k)?;
        Some(format!(
            "Trace {} came back completed: first purchaser {} ({}). Time-to-crime {} days{}. Recovered in {}.",
            t.trace_id,
            t.purchaser_name,
            t.purchaser_id,
            t.ttc,
            if t.ttc < crate::model::SHORT_TTC_DAYS {
                ", well under the 3-year flag"
            } else {
                ""
            },
            t.place
        ))
    },
    |r, _| {
        let (pid, name) = r.person.as_ref()?;
        Some(format!(
            "Running {name} ({pid}) against the 3310.4/3310.12 reports: repeated purchases at the same dealers. Interview planned."
        ))
    },
    |r, k| {
        let t = trace(r, k + 1)?;
        Some(format!(
            "Serial #{} on {} (seized in {}). Checking for other recoveries bought the same way.",
            t.serial, t.firearm_id, t.seizure_id
        ))
    },
    |r, _| {
        let (name, lic) = r.dealer.as_ref()?;
        Some(format!(
            "{name} (FFL {lic}) keeps coming up in Mexico traces. Requesting its 3310.4/3310.12 reports for the last 24 months."
        ))
    },
    |r, _| {
        let (id, label) = r.seizure.as_ref()?;
        Some(format!(
            "{id}: {label}. Asked for the crossing history of the conveyance."
        ))
    },
    |r, _| {
        let lead = r.lead.as_ref()?;
        let casing = r.casing.as_ref()?;
        Some(format!(
            "Lead {lead} ties casing {casing} to an earlier scene. Examiner confirmation requested; do not disclose until confirmed."
        ))
    },
    |r, _| {
        let (fa, serial, sz) = r.partial.as_ref()?;
        Some(format!(
            "Lab partly restored the serial on {fa} (from {sz}): #{serial}. Running a wildcard search on the missing characters."
        ))
    },
    |r, _| {
        let fa = r.firearm.as_ref()?;
        Some(format!(
            "{fa} was test-fired; casing entered for correlation against the open scenes."
        ))
    },
    |_, _| Some("Synced with our Mexican counterparts; next joint call on Thursday.".into()),
];

const ES: &[Template] = &[
    |r, k| {
        let t = trace(r, k)?;
        Some(format!(
            "Rastreo {} concluido: primer comprador {} ({}). Tiempo al delito: {} días. Asegurada en {}.",
            t.trace_id, t.purchaser_name, t.purchaser_id, t.ttc, t.place
        ))
    },
    |r, _| {
        let (pid, name) = r.person.as_ref()?;
        Some(format!(
            "Se solicita a ATF el historial de compras múltiples de {name} ({pid})."
        ))
    },
    |r, k| {
        let t = trace(r, k + 1)?;
        Some(format!(
            "El arma {} con número de serie #{} fue asegurada en {}; se solicita peritaje en balística.",
            t.firearm_id, t.serial, t.seizure_id
        ))
    },
    |r, _| {
        let (name, lic) = r.dealer.as_ref()?;
        Some(format!(
            "Se solicita a ATF información sobre {name} (licencia {lic}), recurrente en los rastreos."
        ))
    },
    |r, _| {
        let (id, label) = r.seizure.as_ref()?;
        Some(format!(
            "Aseguramiento {id}: {label}. Se integra a la carpeta de investigación."
        ))
    },
    |r, _| {
        let lead = r.lead.as_ref()?;
        let casing = r.casing.as_ref()?;
        Some(format!(
            "La pista {lead} relaciona el casquillo {casing} con otro lugar de los hechos; pendiente de confirmación del perito."
        ))
    },
    |r, _| {
        let (fa, serial, sz) = r.partial.as_ref()?;
        Some(format!(
            "Número de serie parcialmente restaurado en {fa} (aseguramiento {sz}): #{serial}. Se busca con comodines."
        ))
    },
    |r, _| {
        let fa = r.firearm.as_ref()?;
        Some(format!(
            "Se realizaron disparos de prueba con {fa}; el casquillo se ingresó para correlación."
        ))
    },
    |_, _| {
        Some("Se comparte el avance con la contraparte estadounidense; próxima reunión conjunta el jueves.".into())
    },
];

/// The `k`-th note body for a case: templates that have what they need to cite, in turn,
/// each later round citing the next record.
pub(crate) fn body(refs: &Refs, spanish: bool, k: usize) -> String {
    let set = if spanish { ES } else { EN };
    let usable: Vec<&Template> = set.iter().filter(|t| t(refs, 0).is_some()).collect();
    let n = usable.len().max(1);
    usable
        .get(k % n)
        .and_then(|t| t(refs, k / n))
        .unwrap_or_default()
}
