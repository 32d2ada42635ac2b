//! The engine's robust path. Before anything is compared, the query is cut into cells
//! ([`super::cells`]) and the cells with no usable mark (flattened, smeared, worn to noise) are
//! blanked: the coarse screen and the alignment then read only what the casing still shows, so
//! a lost region drags no score down. The short list is aligned as in the whole-image pass, on
//! the usable pixels only; the top candidates then have each usable cell registered on its own,
//! and the cells that agree with the candidate's rotation are counted (congruent matching
//! cells), and each score is given its estimated false-match rate ([`super::calibration`]).
//! The whole-image pass ([`Engine::correlate_prepared`]) stays as the reference the sweep
//! benchmark compares against.

use super::align::{PIN_WEIGHT, Pose, QueryPixels, Side, combine_weighted, image_shift, refine};
use super::calibration::false_match_rate;
use super::cells::{QueryCells, StoredCells};
use super::descriptor::{Prepared, describe_prepared, prepare};
use super::engine::{Candidate, CellEvidence, Correlation, Engine, rank};
use super::image::Gray;
use super::polar::{Centre, detrend};
use crate::model::MarkScores;

/// Stored casings aligned per query. Wider than the whole-image pass's list: a damaged query
/// screens less sharply.
pub const CELLS_SHORTLIST: usize = 150;

/// The blur both sides of a comparison get, from the query's noise: the whole-image pass's
/// 0.7 px on a clean image, rising to 1.4 px at σ 0.15, where pixel noise would otherwise
/// swamp the finer relief. (Measured with the sweep: a fixed 0.7 px loses same-gun casings
/// from the top 10 at σ 0.15.)
fn blur_for(noise: f32) -> f32 {
    (0.7 + 7.0 * (noise - 0.05)).clamp(0.7, 1.4)
}

/// A stored casing's working form from its image and the centre its descriptor recorded.
pub fn stored_prepared(image: &Gray, centre: Centre) -> Prepared {
    Prepared {
        centre,
        detrended: detrend(&image.to_f32(), centre),
    }
}

/// The query with its unusable cells set to zero (the detrended image's neutral value).
fn masked(p: &Prepared, cells: &QueryCells) -> Prepared {
    let mut out = p.clone();
    let c = p.centre;
    for y in 0..out.detrended.height {
        for x in 0..out.detrended.width {
            if cells.is_lost(x as f32 - c.x, y as f32 - c.y) {
                out.detrended.data[y * out.detrended.width + x] = 0.0;
            }
        }
    }
    out
}

/// The query in the forms the robust pass needs, built once per query.
pub struct RobustQuery {
    cells: QueryCells,
    pixels: QueryPixels,
    screen: super::descriptor::Descriptor,
    pin_weight: f32,
    blur: f32,
    img_centre: (f32, f32),
}

impl RobustQuery {
    pub fn new(prepared: &Prepared) -> Self {
        let cells = QueryCells::new(prepared);
        let blur = blur_for(cells.noise());
        let side = Side::blurred(prepared, blur);
        let pixels = QueryPixels::masked(&side, |dx, dy| cells.is_lost(dx, dy));
        let pin_weight = if cells.pin_usable() { PIN_WEIGHT } else { 0.0 };
        Self {
            screen: describe_prepared(&masked(prepared, &cells)),
            cells,
            pixels,
            pin_weight,
            blur,
            img_centre: (
                (prepared.detrended.width as f32 - 1.0) / 2.0,
                (prepared.detrended.height as f32 - 1.0) / 2.0,
            ),
        }
    }

    /// Usable face cells, of all of them.
    pub fn usable(&self) -> (usize, usize) {
        self.cells.usable()
    }

    /// For calibration: keep at most `keep` usable cells (see [`QueryCells::limit_usable`]).
    pub fn limit_usable(prepared: &Prepared, keep: usize, start: usize) -> Self {
        let mut q = Self::new(prepared);
        q.cells.limit_usable(keep, start);
        let side = Side::blurred(prepared, q.blur);
        q.pixels = QueryPixels::masked(&side, |dx, dy| q.cells.is_lost(dx, dy));
        q.screen = describe_prepared(&masked(prepared, &q.cells));
        q
    }

    /// Aligns one stored casing (coarse rotation as the start) and scores it.
    pub fn score(&self, stored: &Prepared, start_deg: f32) -> (Pose, MarkScores) {
        let side = Side::blurred(stored, self.blur);
        let start = Pose {
            rotation_deg: start_deg,
            dx: 0.0,
            dy: 0.0,
        };
        let a = refine(&self.pixels, &side, start);
        let scores = MarkScores {
            breech_face: a.breech_face.clamp(0.0, 1.0),
            firing_pin: a.firing_pin.clamp(0.0, 1.0),
            combined: combine_weighted(a.breech_face, a.firing_pin, self.pin_weight),
        };
        (a.pose, scores)
    }

    /// What the cell matcher sees in one pair that another pass ranked: `stored` re-aligned on
    /// the usable cells from `start_deg`, its cells registered one by one and counted when they
    /// agree, and the false-match rate of the usable-cell score.
    pub fn evidence(&self, stored: &Prepared, start_deg: f32) -> CellEvidence {
        let (pose, scores) = self.score(stored, start_deg);
        let (agreeing, usable) = self
            .cells
            .agreement(&StoredCells::new(stored), pose.rotation_deg);
        CellEvidence {
            agreeing,
            usable,
            score: scores.combined,
            false_match_rate: false_match_rate(scores.combined, usable),
        }
    }

    /// The best-rotation score of `stored` without the coarse pass (for calibration).
    pub fn score_any_rotation(&self, stored: &Prepared) -> f32 {
        let d = describe_prepared(stored);
        let m = self.screen.similarity(&d, &Default::default());
        self.score(stored, m.rotation_deg).1.combined
    }
}

impl Engine {
    /// Correlates a new casing on its usable regions: returns its own (unmasked) descriptor
    /// to store and the ranked candidates, each with agreeing cells and false-match rate.
    pub fn correlate_cells(
        &self,
        query: &Gray,
        fetch: impl Fn(&str) -> Option<Gray>,
        shortlist: usize,
        top: usize,
    ) -> Correlation {
        let prepared = prepare(query);
        let descriptor = describe_prepared(&prepared);
        let fetch_prepared = |id: &str, centre: Centre| Some(stored_prepared(&fetch(id)?, centre));
        let candidates = self.correlate_cells_prepared(&prepared, fetch_prepared, shortlist, top);
        Correlation {
            descriptor,
            candidates,
        }
    }

    /// [`Engine::correlate_cells`] for a prepared query; `fetch` returns a stored casing's
    /// working form (given its id and recorded centre), `None` for one it cannot read.
    pub fn correlate_cells_prepared(
        &self,
        prepared: &Prepared,
        fetch: impl Fn(&str, Centre) -> Option<Prepared>,
        shortlist: usize,
        top: usize,
    ) -> Vec<Candidate> {
        let q = RobustQuery::new(prepared);
        let mut kept: Vec<(Candidate, Prepared)> = Vec::new();
        let mut candidates: Vec<Candidate> = self
            .shortlist(&q.screen, shortlist)
            .into_iter()
            .filter_map(|(index, coarse)| {
                let (id, centre) = (&self.ids[index], self.centres[index]);
                let stored = fetch(id, centre)?;
                let (pose, scores) = q.score(&stored, coarse.rotation_deg);
                let (shift_x, shift_y) = image_shift(prepared.centre, centre, pose, q.img_centre);
                let c = Candidate {
                    id: id.clone(),
                    rank: 0,
                    coarse: coarse.score,
                    scores,
                    rotation_deg: (pose.rotation_deg * 10.0).round() / 10.0 % 360.0,
                    shift_x,
                    shift_y,
                    cells: None,
                };
                kept.push((c.clone(), stored));
                Some(c)
            })
            .collect();
        rank(&mut candidates, top);
        for c in &mut candidates {
            let Some((_, stored)) = kept.iter().find(|(k, _)| k.id == c.id) else {
                continue;
            };
            let (agreeing, usable) = q.cells.agreement(&StoredCells::new(stored), c.rotation_deg);
            c.cells = Some(CellEvidence {
                agreeing,
                usable,
                score: c.scores.combined,
                false_match_rate: false_match_rate(c.scores.combined, usable),
            });
        }
        candidates
    }
}

#[cfg(test)]
mod tests {
    use super::super::synth;

    #[test]
    fn the_same_gun_ranks_first_with_its_evidence() {
        let (engine, images) = synth::stored_guns(8);
        let query = synth::fire("G5", "9mm", 0, 4);
        let r = engine.correlate_cells(&query, |id| images.get(id).cloned(), 8, 3);
        let first = &r.candidates[0];
        assert_eq!((first.id.as_str(), first.rank), ("C5", 1), "{first:?}");
        let ev = first.cells.expect("cell evidence");
        assert!(ev.agreeing * 2 > ev.usable, "{ev:?}");
        let second = r.candidates[1].cells.expect("cell evidence");
        assert!(ev.false_match_rate < second.false_match_rate, "{r:?}");
        assert!(second.agreeing < ev.agreeing, "{r:?}");
    }
}
