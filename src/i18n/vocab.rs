//! Terms the system records from a fixed vocabulary (how a load was carried and hidden), shown
//! in the reader's language. A record's own free text keeps the language it was written in; a
//! term from the vocabulary is the system's word, so a Spanish reader of a US inspection sees
//! "camioneta pick-up" where the record says "pickup truck". Unknown terms show as written.

use super::{Lang, tr};

/// Each vocabulary term, as either side's records spell it, and its catalogue id.
const TERMS: &[(&[&str], &str)] = &[
    (&["passenger car", "automóvil"], "term-passenger-car"),
    (&["pickup truck", "camioneta pick-up"], "term-pickup-truck"),
    (&["SUV"], "term-suv"),
    (
        &["commercial bus", "autobús de pasajeros"],
        "term-commercial-bus",
    ),
    (&["tractor-trailer", "tractocamión"], "term-tractor-trailer"),
    (&["pedestrian"], "term-pedestrian"),
    (&["motorcycle"], "term-motorcycle"),
    (&["door panels"], "term-door-panels"),
    (&["spare tyre"], "term-spare-tyre"),
    (&["fuel tank"], "term-fuel-tank"),
    (&["rear seat cavity"], "term-rear-seat-cavity"),
    (&["dashboard compartment"], "term-dashboard-compartment"),
    (&["quarter panels"], "term-quarter-panels"),
    (&["truck-bed toolbox"], "term-truck-bed-toolbox"),
    (&["engine compartment"], "term-engine-compartment"),
    (&["false floor"], "term-false-floor"),
    (&["bus luggage compartment"], "term-bus-luggage-compartment"),
    (&["passenger luggage"], "term-passenger-luggage"),
    (&["overhead rack bags"], "term-overhead-rack-bags"),
    (
        &["pallets of household goods"],
        "term-pallets-household-goods",
    ),
    (&["false wall in trailer"], "term-false-wall-trailer"),
    (&["commercial cargo"], "term-commercial-cargo"),
    (&["backpack"], "term-backpack"),
    (&["clothing (taped to body)"], "term-clothing-taped"),
    (&["casa de seguridad"], "term-safe-house"),
    (
        &["compartimento oculto en vehículo"],
        "term-hidden-vehicle-compartment",
    ),
    (&["bodega"], "term-warehouse"),
    (&["enterradas en predio"], "term-buried-on-property"),
];

/// Whether `raw` is a vocabulary term (as either side's records spell it).
pub fn is_term(raw: &str) -> bool {
    TERMS.iter().any(|(s, _)| s.contains(&raw))
}

/// `raw` in the reader's language when it is a vocabulary term, else as written.
pub fn term(lang: Lang, raw: &str) -> String {
    let t = raw.trim();
    TERMS
        .iter()
        .find(|(spellings, _)| spellings.iter().any(|s| s.eq_ignore_ascii_case(t)))
        .map_or_else(|| raw.to_string(), |(_, id)| tr!(lang, *id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_follow_the_reader_and_unknown_text_stays() {
        assert_eq!(term(Lang::Es, "pickup truck"), "camioneta pick-up");
        assert_eq!(term(Lang::En, "camioneta pick-up"), "pickup truck");
        assert_eq!(
            term(Lang::Es, "Dashboard compartment"),
            "compartimento del tablero"
        );
        assert_eq!(term(Lang::En, "casa de seguridad"), "safe house");
        assert_eq!(term(Lang::Es, "inside a piñata"), "inside a piñata");
    }

    #[test]
    fn every_term_has_a_message_in_every_language() {
        for (_, id) in TERMS {
            for lang in [Lang::En, Lang::Es] {
                assert_ne!(tr!(lang, *id), *id, "{id} has no message in {lang:?}");
            }
        }
    }
}
