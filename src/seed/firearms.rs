//! Drawing individual firearms: model, serial (sometimes filed off and partly restored) and
//! markings.

use rand::Rng;

use super::catalog::{Family, MODELS, Model};
use super::dist::{SeedRng, chance, weighted, weighted_index};

/// What is left of the serial number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SerialState {
    Intact,
    /// Filed off, fully restored by the lab.
    Restored,
    /// Filed off, partly restored: `?` marks unreadable characters.
    Partial,
    /// Filed off, nothing readable.
    Unreadable,
}

impl SerialState {
    pub fn obliterated(self) -> bool {
        self != SerialState::Intact
    }
}

/// A firearm before it gets ids and dates.
pub(crate) struct Draft {
    pub model: &'static Model,
    pub serial: String,
    pub state: SerialState,
    /// Made before 1968: no serial requirement, not traceable to a purchaser.
    pub pre_1968: bool,
}

/// Any model, by its share of the population the seizure belongs to: southbound inspections
/// (`border`) find mostly rifles, recoveries in Mexico follow the traced population.
pub(crate) fn any_model(rng: &mut SeedRng, border: bool) -> &'static Model {
    if border {
        &MODELS[weighted_index(rng, MODELS, |m| m.border)]
    } else {
        &MODELS[weighted_index(rng, MODELS, |m| m.traced)]
    }
}

/// A model of the given ballistic calibre class (for guns planted by the ballistic plan).
pub(crate) fn model_of_class(rng: &mut SeedRng, class: &str) -> &'static Model {
    let fit: Vec<&'static Model> = MODELS
        .iter()
        .filter(|m| m.caliber_class() == Some(class))
        .collect();
    if fit.is_empty() {
        return any_model(rng, false);
    }
    fit[weighted_index(rng, &fit, |m| m.traced)]
}

/// What straw buyers buy: US-market AK/AR rifles, or 9 mm / .38 Super pistols.
pub(crate) fn ring_model(rng: &mut SeedRng, rifles: bool) -> &'static Model {
    let fit: Vec<&'static Model> = MODELS
        .iter()
        .filter(|m| m.us_channel())
        .filter(|m| {
            if rifles {
                matches!(m.family, Family::Ak | Family::Ar)
                    && m.kind == crate::model::FirearmType::Rifle
            } else {
                m.family == Family::Handgun && matches!(m.caliber, "9mm Luger" | ".38 Super")
            }
        })
        .collect();
    fit[weighted_index(rng, &fit, |m| m.traced + m.border)]
}

/// Fills a serial template: `#` digit, `@` letter (no I or O, as makers avoid them).
pub(crate) fn serial_from(rng: &mut SeedRng, template: &str) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    template
        .chars()
        .map(|c| match c {
            '#' => char::from(b'0' + rng.random_range(0..10u8)),
            '@' => char::from(LETTERS[rng.random_range(0..LETTERS.len())]),
            other => other,
        })
        .collect()
}

/// Partial restoration: a few alphanumeric characters become `?`.
fn partly_restore(rng: &mut SeedRng, serial: &str) -> String {
    let mut chars: Vec<char> = serial.chars().collect();
    let positions: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_ascii_alphanumeric())
        .collect();
    let lost = rng.random_range(2..=(positions.len() / 2).max(2));
    for _ in 0..lost {
        let p = positions[rng.random_range(0..positions.len())];
        chars[p] = '?';
    }
    chars.into_iter().collect()
}

/// Draws a firearm of `model`. About 7% have obliterated serials; labs restore some fully.
pub(crate) fn draft(rng: &mut SeedRng, model: &'static Model, allow_damage: bool) -> Draft {
    let clean = serial_from(rng, model.serial);
    let state = if allow_damage && chance(rng, 0.07) {
        *weighted(
            rng,
            &[
                (SerialState::Restored, 30),
                (SerialState::Partial, 60),
                (SerialState::Unreadable, 10),
            ],
        )
    } else {
        SerialState::Intact
    };
    let serial = match state {
        SerialState::Intact | SerialState::Restored => clean,
        SerialState::Partial => partly_restore(rng, &clean),
        SerialState::Unreadable => clean
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { '?' } else { c })
            .collect(),
    };
    let pre_1968 = allow_damage && model.us_channel() && chance(rng, 0.03);
    Draft {
        model,
        serial,
        state,
        pre_1968,
    }
}

/// Free-text markings an examiner would note, in the language of the side that recorded the
/// gun (`es`: a Mexican recovery, written by a Mexican perito).
pub(crate) fn markings(d: &Draft, es: bool) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if !d.model.family.label().is_empty() {
        parts.push(d.model.family.label_in(es).to_string());
    }
    if let Some(imp) = d.model.importer {
        parts.push(if es {
            format!("marca de importación: {imp}")
        } else {
            format!("import mark: {imp}")
        });
    }
    let serial = match (d.state, es) {
        (SerialState::Intact, _) => None,
        (SerialState::Restored, false) => Some("serial ground off; fully restored by lab"),
        (SerialState::Partial, false) => Some("serial ground off; partial restoration"),
        (SerialState::Unreadable, false) => Some("serial ground off; restoration failed"),
        (SerialState::Restored, true) => {
            Some("número de serie limado; restaurado por completo en laboratorio")
        }
        (SerialState::Partial, true) => Some("número de serie limado; restauración parcial"),
        (SerialState::Unreadable, true) => Some("número de serie limado; restauración fallida"),
    };
    parts.extend(serial.map(String::from));
    if d.pre_1968 {
        parts.push(
            if es {
                "fabricada antes de 1968"
            } else {
                "pre-1968 manufacture"
            }
            .into(),
        );
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("; "))
    }
}

/// One inventory line describing the gun, e.g. `Rifle, 7.62x39mm, Carpathia Arms WR-10`, or
/// `Fusil, 7.62x39mm, …` when a Mexican agency wrote it (`es`).
pub(crate) fn describe(model: &Model, es: bool) -> String {
    use crate::model::FirearmType as T;
    let kind = match (model.kind, es) {
        (T::Pistol, false) => "Pistol",
        (T::Revolver, false) => "Revolver",
        (T::Rifle, false) => "Rifle",
        (T::Shotgun, false) => "Shotgun",
        (T::MachineGun, false) => "Machine gun",
        (T::Pistol, true) => "Pistola",
        (T::Revolver, true) => "Revólver",
        (T::Rifle, true) => "Fusil",
        (T::Shotgun, true) => "Escopeta",
        (T::MachineGun, true) => "Ametralladora",
    };
    format!("{kind}, {}, {} {}", model.caliber, model.make, model.model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn partial_serials_keep_length_and_mark_unreadable_characters() {
        let mut rng = SeedRng::seed_from_u64(7);
        let s = serial_from(&mut rng, "RX#######");
        assert!(s.starts_with("RX") && s.len() == 9);
        let p = partly_restore(&mut rng, &s);
        assert_eq!(p.len(), s.len());
        assert!(p.contains('?'));
    }
}
