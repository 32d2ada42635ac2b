//! The descriptive side of a seizure: agency, conveyance and concealment, inventory lines and a
//! one-line summary (English for US records, Spanish for Mexican ones, as each side writes them).

use super::catalog::{Family, Model};
use super::dist::{SeedRng, between, chance, pick, weighted};
use super::geography::{MX_STATES, PORTS};
use super::timeline::Skel;
use crate::model::{FirearmType, ItemKind, SeizureItem, SeizureKind};

/// Agency that made the seizure. Seeded demo agencies (CBP Laredo, HSI El Paso, ATF Phoenix FD,
/// FGR, FGE Chihuahua, SSPC Sonora) appear here so demo users see their own work.
pub(crate) fn agency(rng: &mut SeedRng, skel: &Skel) -> String {
    if skel.is_border() {
        let p = &PORTS[skel.place];
        return match *weighted(rng, &[(0u8, 80), (1, 15), (2, 5)]) {
            0 => format!("CBP {}", p.name),
            1 => match p.state {
                "Arizona" => "HSI Phoenix".into(),
                "California" => "HSI San Diego".into(),
                "Texas" if !matches!(p.name, "El Paso" | "Presidio") => "HSI San Antonio".into(),
                _ => "HSI El Paso".into(),
            },
            _ => match p.state {
                "Arizona" | "New Mexico" => "ATF Phoenix FD".into(),
                "California" => "ATF Los Angeles FD".into(),
                _ => "ATF Houston FD".into(),
            },
        };
    }
    let state = MX_STATES[skel.place].name;
    match *weighted(rng, &[(0u8, 25), (1, 30), (2, 15), (3, 20), (4, 10)]) {
        0 => "FGR".into(),
        1 => format!("FGE {state}"),
        2 => "SEDENA".into(),
        3 => "Guardia Nacional".into(),
        _ if state == "Sonora" => "SSPC Sonora".into(),
        _ => format!("SSP {state}"),
    }
}

/// The agency that files the trace: Mexican military and police recoveries go through a
/// prosecutor (FGR or the state's FGE); US seizures are traced by the seizing agency.
pub(crate) fn tracing_agency(seizing: &str, border: bool) -> String {
    if border || seizing.starts_with("FG") || seizing.starts_with("SSPC") {
        seizing.to_string()
    } else {
        "FGR".to_string()
    }
}

const VEHICLE_HIDES: &[&str] = &[
    "door panels",
    "spare tyre",
    "fuel tank",
    "rear seat cavity",
    "dashboard compartment",
    "quarter panels",
    "truck-bed toolbox",
    "engine compartment",
    "false floor",
];

const BORDER_CONVEYANCES: &[(&str, u32)] = &[
    ("passenger car", 35),
    ("pickup truck", 25),
    ("SUV", 15),
    ("commercial bus", 10),
    ("tractor-trailer", 7),
    ("pedestrian", 5),
    ("motorcycle", 3),
];
const BUS_HIDES: &[&str] = &[
    "bus luggage compartment",
    "passenger luggage",
    "overhead rack bags",
];
const TRAILER_HIDES: &[&str] = &[
    "pallets of household goods",
    "false wall in trailer",
    "commercial cargo",
];
const FOOT_HIDES: &[&str] = &["backpack", "clothing (taped to body)"];
const MX_CONVEYANCES: &[&str] = &["camioneta pick-up", "SUV", "automóvil", "tractocamión"];
const MX_HIDES: &[&str] = &[
    "casa de seguridad",
    "compartimento oculto en vehículo",
    "bodega",
    "enterradas en predio",
];

/// Every conveyance and concealment term the seed writes: the console shows each in the
/// reader's language, and a test checks it knows them all.
pub fn transport_vocabulary() -> impl Iterator<Item = &'static str> {
    BORDER_CONVEYANCES
        .iter()
        .map(|(t, _)| *t)
        .chain(BUS_HIDES.iter().copied())
        .chain(TRAILER_HIDES.iter().copied())
        .chain(FOOT_HIDES.iter().copied())
        .chain(VEHICLE_HIDES.iter().copied())
        .chain(MX_CONVEYANCES.iter().copied())
        .chain(MX_HIDES.iter().copied())
}

/// Conveyance and concealment for a seizure.
pub(crate) fn transport(rng: &mut SeedRng, kind: SeizureKind) -> (Option<String>, Option<String>) {
    match kind {
        SeizureKind::BorderInspection => {
            let conv = *weighted(rng, BORDER_CONVEYANCES);
            let hide = match conv {
                "commercial bus" => *pick(rng, BUS_HIDES),
                "tractor-trailer" => *pick(rng, TRAILER_HIDES),
                "pedestrian" => *pick(rng, FOOT_HIDES),
                _ => *pick(rng, VEHICLE_HIDES),
            };
            (Some(conv.to_string()), Some(hide.to_string()))
        }
        SeizureKind::Operation => {
            let conv = chance(rng, 0.4).then(|| pick(rng, MX_CONVEYANCES).to_string());
            let hide = chance(rng, 0.5).then(|| pick(rng, MX_HIDES).to_string());
            (conv, hide)
        }
        SeizureKind::CrimeScene => (None, None),
    }
}

/// Magazines, ammunition and parts that come with the guns.
pub(crate) fn extra_items(
    rng: &mut SeedRng,
    kind: SeizureKind,
    guns: &[&Model],
    scene_casings: u32,
) -> Vec<SeizureItem> {
    // Mexican records (recoveries and operations) are written by Mexican agencies, in Spanish.
    let es = kind != SeizureKind::BorderInspection;
    let say = |en: &str, sp: &str| if es { sp.to_string() } else { en.to_string() };
    let mut items = Vec::new();
    let line = |kind, quantity, description: String| SeizureItem {
        kind,
        quantity,
        description,
        firearm_id: None,
    };
    if kind != SeizureKind::CrimeScene && chance(rng, 0.25) {
        let parts: [(&str, &str); 4] = [
            (
                "AR-pattern upper receivers",
                "receptores superiores tipo AR",
            ),
            ("AK-pattern parts kits", "juegos de piezas tipo AK"),
            (
                "unfinished lower receivers",
                "receptores inferiores sin terminar",
            ),
            ("rifle barrels", "cañones de fusil"),
        ];
        let (en, sp) = *pick(rng, &parts);
        items.push(line(
            ItemKind::Part,
            between(rng, 1, 12) as u32,
            say(en, sp),
        ));
    }
    if let Some(first) = guns.first() {
        if chance(rng, 0.7) {
            let n = guns.len() as i64 * between(rng, 1, 4);
            items.push(line(
                ItemKind::Magazine,
                n as u32,
                first.family.magazine_in(es).to_string(),
            ));
        }
        if chance(rng, 0.6) {
            items.push(line(
                ItemKind::Ammunition,
                between(rng, 20, 3_000) as u32,
                if es {
                    format!("cartuchos calibre {}", first.caliber)
                } else {
                    format!("{} cartridges", first.caliber)
                },
            ));
        }
    }
    if scene_casings > 0 {
        items.push(line(
            ItemKind::Ammunition,
            scene_casings,
            say(
                "spent cartridge casings (sent for ballistic imaging)",
                "casquillos percutidos (enviados a análisis balístico)",
            ),
        ));
    }
    if guns.is_empty() && items.is_empty() {
        items.push(line(
            ItemKind::Ammunition,
            between(rng, 10, 500) as u32,
            say("assorted cartridges", "cartuchos surtidos"),
        ));
    }
    items
}

/// "1 firearm", "3 firearms".
fn en(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "1 arma larga", "3 armas largas": Spanish agreement for the summaries.
fn es(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn counts(guns: &[&Model]) -> (usize, usize) {
    let long = guns
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                FirearmType::Rifle | FirearmType::Shotgun | FirearmType::MachineGun
            )
        })
        .count();
    (long, guns.len() - long)
}

/// One line for the queue: what, where, how concealed.
pub(crate) fn summary(
    skel: &Skel,
    guns: &[&Model],
    conveyance: Option<&str>,
    hide: Option<&str>,
) -> String {
    let (long, short) = counts(guns);
    let fifty = guns.iter().any(|m| m.family == Family::Fifty);
    match skel.kind {
        SeizureKind::BorderInspection => {
            let p = &PORTS[skel.place];
            let what = if guns.is_empty() {
                "magazines and ammunition, no firearms".to_string()
            } else {
                format!(
                    "{} ({}, {}){}",
                    en(guns.len(), "firearm", "firearms"),
                    en(long, "long gun", "long guns"),
                    en(short, "handgun", "handguns"),
                    if fifty { " incl. a .50 BMG rifle" } else { "" }
                )
            };
            format!(
                "Southbound inspection at {}: {what} concealed in {} ({})",
                p.name,
                hide.unwrap_or("cargo"),
                conveyance.unwrap_or("vehicle")
            )
        }
        SeizureKind::CrimeScene => {
            let s = &MX_STATES[skel.place];
            let muni = s.municipalities[skel.muni % s.municipalities.len()];
            if guns.is_empty() {
                format!(
                    "Lugar de los hechos en {muni}, {}: casquillos y cartuchos asegurados, sin armas",
                    s.name
                )
            } else {
                format!(
                    "Lugar de los hechos en {muni}, {}: {} ({}, {})",
                    s.name,
                    es(guns.len(), "arma asegurada", "armas aseguradas"),
                    es(long, "larga", "largas"),
                    es(short, "corta", "cortas")
                )
            }
        }
        SeizureKind::Operation => {
            let s = &MX_STATES[skel.place];
            let muni = s.municipalities[skel.muni % s.municipalities.len()];
            let place = hide.map(|h| format!(" en {h}")).unwrap_or_default();
            format!(
                "Operativo en {muni}, {}: {}{place} ({}, {}){}",
                s.name,
                es(guns.len(), "arma asegurada", "armas aseguradas"),
                es(long, "larga", "largas"),
                es(short, "corta", "cortas"),
                if fifty {
                    "; incluye fusil calibre .50"
                } else {
                    ""
                }
            )
        }
    }
}

/// NCIC-style crime code for the trace request, by the kind of recovery.
pub(crate) fn crime_code(rng: &mut SeedRng, kind: SeizureKind) -> &'static str {
    let table: &[(&'static str, u32)] = match kind {
        // 0999 homicide, 1399 assault, 5212 weapon possession
        SeizureKind::CrimeScene => &[("0999", 35), ("1399", 25), ("5212", 40)],
        // 3599 dangerous drugs, 5299 weapon offence (other)
        SeizureKind::Operation => &[("5212", 50), ("3599", 25), ("5299", 25)],
        SeizureKind::BorderInspection => &[("5299", 60), ("5212", 40)],
    };
    let code: &&'static str = weighted(rng, table);
    code
}
