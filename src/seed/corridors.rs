//! Where a traced gun was first sold, given where it was recovered: the trafficking corridors.
//!
//! Published shapes this reproduces (traces reaching a US purchaser, 2022–23, ATF NFCTA Vol. IV
//! via press): by state of purchase Texas 43%, Arizona 22%, California 9%, New Mexico about 3%;
//! leading corridors (purchase state → recovery state) Arizona→Sonora 9.1%, Texas→Tamaulipas
//! 6.7%, Texas→Nuevo León 6.5%, then Texas→Guanajuato and Texas→Chihuahua. Guns found in a
//! southbound inspection were mostly bought in the state of the port.
//!
//! A recovery first takes its corridor with the listed probability, otherwise a state from
//! [`BASE`]; `BASE` is tuned so that the mixture over all recoveries lands on the state shares
//! above (checked by the seed's shape test on a generated database).

use super::dist::{SeedRng, weighted_index};
use super::geography::US_STATES;

/// Where a firearm was recovered, as far as the corridor is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recovery {
    /// A Mexican state, by its ISO 3166-2:MX code without the prefix (`SON`).
    Mexico(&'static str),
    /// A southbound inspection at a port in this US state (full name, as on seizures).
    Port(&'static str),
}

/// (recovery state code, US state of purchase, per mille of that state's traced guns).
#[rustfmt::skip]
const CORRIDORS: &[(&str, &str, u32)] = &[
    ("SON", "AZ", 900),
    ("TAM", "TX", 900),
    ("NLE", "TX", 900),
    ("GUA", "TX", 900),
    ("CHH", "TX", 520), ("CHH", "NM", 150),
    ("BCN", "CA", 380), ("BCN", "AZ", 200),
    ("COA", "TX", 700),
    ("SIN", "AZ", 400),
    ("ZAC", "TX", 300),
    ("DUR", "TX", 200),
    ("JAL", "TX", 120), ("JAL", "CA", 100),
    ("MIC", "TX", 120), ("MIC", "CA", 100),
    ("BCS", "CA", 300),
];

/// Port state (full name) → state of purchase, per mille of the port's traced guns.
#[rustfmt::skip]
const PORT_STATES: &[(&str, &str, u32)] = &[
    ("Texas", "TX", 700),
    ("Arizona", "AZ", 800),
    ("California", "CA", 700),
    ("New Mexico", "NM", 600),
];

/// The rest: weights of the US states (by code) for recoveries off their corridor.
#[rustfmt::skip]
const BASE: &[(&str, u32)] = &[
    ("TX", 250), ("AZ", 190), ("CA", 75), ("NM", 35),
    ("FL", 70), ("GA", 60), ("NV", 50), ("CO", 50), ("OK", 50), ("IL", 50),
    ("NC", 40), ("LA", 40), ("UT", 30), ("WA", 30), ("OH", 30), ("VA", 30),
    ("KS", 20), ("AR", 20), ("TN", 20), ("MO", 20),
];

fn index_of(code: &str) -> usize {
    US_STATES.iter().position(|s| s.code == code).unwrap_or(0)
}

/// The index into [`US_STATES`] of the state where a gun recovered at `r` was first sold.
pub(crate) fn source_state(rng: &mut SeedRng, r: Recovery) -> usize {
    let (key, table) = match r {
        Recovery::Mexico(code) => (code, CORRIDORS),
        Recovery::Port(state) => (state, PORT_STATES),
    };
    let mut x = rand::Rng::random_range(rng, 0..1000u32);
    for (_, to, p) in table.iter().filter(|(from, _, _)| *from == key) {
        if x < *p {
            return index_of(to);
        }
        x -= p;
    }
    index_of(BASE[weighted_index(rng, BASE, |(_, w)| *w)].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_names_a_known_state_and_no_corridor_exceeds_certainty() {
        for (code, _) in BASE {
            assert!(US_STATES.iter().any(|s| s.code == *code), "{code}");
        }
        assert_eq!(BASE.len(), US_STATES.len());
        for table in [CORRIDORS, PORT_STATES] {
            for (from, to, _) in table {
                assert!(US_STATES.iter().any(|s| s.code == *to), "{to}");
                let total: u32 = table.iter().filter(|r| r.0 == *from).map(|r| r.2).sum();
                assert!(total <= 1000, "{from} {total}");
            }
        }
        for (from, _, _) in CORRIDORS {
            assert!(
                super::super::geography::MX_STATES
                    .iter()
                    .any(|s| s.code == *from)
            );
        }
    }
}
