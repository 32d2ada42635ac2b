//! What the server stores for each acquisition: candidates ranked by the whole-image pass
//! (its recall on damaged casings is the better of the two, see `fwc bench ballistics
//! --sweep`), each with what the cell matcher sees in that pair — the agreeing cells and the
//! false-match rate of its usable-cell score — so a reviewer reads a score with its meaning,
//! and automatic leads can be limited to near-certain pairs ([`is_automatic_lead`]).

use std::cell::RefCell;
use std::collections::HashMap;

use super::align::Side;
use super::descriptor::{Prepared, describe_prepared, prepare};
use super::engine::{Candidate, Correlation, Engine, LEAD_THRESHOLD};
use super::image::Gray;
use super::robust::{RobustQuery, stored_prepared};

/// Estimated false-match rate at or below which a candidate is filed as a lead without a
/// person's review: 1 in 10,000 comparisons with casings of other guns
/// ([`super::calibration`]).
pub const AUTO_LEAD_FALSE_MATCH_RATE: f64 = 1e-4;

/// Whether a ranked candidate becomes a lead automatically: its whole-image score reaches
/// [`LEAD_THRESHOLD`] (no different-gun pair measured by `fwc bench ballistics` does) *and*
/// its cell evidence puts the false-match rate at 1 in 10,000 or below. Everything else waits
/// for a technician's review of the list.
pub fn is_automatic_lead(c: &Candidate) -> bool {
    c.scores.combined >= LEAD_THRESHOLD
        && c.cells
            .is_some_and(|e| e.false_match_rate <= AUTO_LEAD_FALSE_MATCH_RATE)
}

impl Engine {
    /// Correlates a new casing with the whole-image pass and adds the cell evidence of each
    /// of the `top` candidates. `fetch` returns a stored casing's image (`None`: skipped).
    pub fn correlate_with_evidence(
        &self,
        query: &Gray,
        fetch: impl Fn(&str) -> Option<Gray>,
        shortlist: usize,
        top: usize,
    ) -> Correlation {
        let prepared = prepare(query);
        let descriptor = describe_prepared(&prepared);
        // The short list's working forms, kept for the evidence of the ones ranked on top.
        let seen: RefCell<HashMap<String, Prepared>> = RefCell::new(HashMap::new());
        let fetch_side = |id: &str, centre| {
            let p = stored_prepared(&fetch(id)?, centre);
            let side = Side::from_prepared(&p);
            seen.borrow_mut().insert(id.to_string(), p);
            Some(side)
        };
        let mut candidates =
            self.correlate_sides(&prepared, &descriptor, fetch_side, shortlist, top);
        let seen = seen.into_inner();
        let q = RobustQuery::new(&prepared);
        for c in &mut candidates {
            if let Some(stored) = seen.get(&c.id) {
                c.cells = Some(q.evidence(stored, c.rotation_deg));
            }
        }
        Correlation {
            descriptor,
            candidates,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::synth;
    use super::*;

    #[test]
    fn a_clean_same_gun_pair_is_an_automatic_lead_and_others_are_not() {
        let (engine, images) = synth::stored_guns(8);
        let query = synth::fire("G3", "9mm", 0, 4);
        let r = engine.correlate_with_evidence(&query, |id| images.get(id).cloned(), 8, 8);
        let first = &r.candidates[0];
        assert_eq!(first.id, "C3", "{r:?}");
        let ev = first.cells.expect("evidence");
        assert!(ev.agreeing * 2 > ev.usable, "{ev:?}");
        assert!(is_automatic_lead(first), "{first:?}");
        assert!(
            r.candidates[1..].iter().all(|c| !is_automatic_lead(c)),
            "{r:?}"
        );
    }
}
