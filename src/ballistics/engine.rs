//! The correlation engine: an in-memory index of one calibre class's descriptors. A query is
//! screened against every stored descriptor (the coarse pass, a few hundred floats each), the
//! best `shortlist` are aligned and scored on their images (the fine pass), and the `top` best
//! are returned ranked. The engine never sees which gun fired anything.

use super::align::{Pose, QueryPixels, Side, combine, image_shift, refine};
use super::descriptor::{
    CoarseMatch, Descriptor, FEATURES, Prepared, RotationTable, describe_prepared, prepare,
};
use super::image::Gray;
use super::polar::{Centre, detrend};
use crate::model::MarkScores;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// Combined score at or above which a candidate becomes a lead for an examiner. Chosen from
/// [`super::eval::evaluate`] (200 planted guns among 10,400 stored casings): the best same-gun
/// candidate scores 0.69 or more for 95 % of queries (median 0.80), while the best
/// different-gun candidate stays at or below 0.51 for 95 % of queries (maximum 0.56).
pub const LEAD_THRESHOLD: f32 = 0.6;
/// Default sizes: stored casings aligned per query, and candidates kept.
pub const DEFAULT_SHORTLIST: usize = 100;
pub const DEFAULT_TOP: usize = 10;
/// Below this many stored casings the coarse pass stays on one thread: spawning costs more.
const PARALLEL_FROM: usize = 20_000;

/// One ranked correlation candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: String,
    /// 1-based rank by combined score.
    pub rank: u32,
    /// The coarse-pass correlation that put it on the short list.
    pub coarse: f32,
    pub scores: MarkScores,
    /// Alignment of the candidate's image onto the query's, about the image centres.
    pub rotation_deg: f32,
    pub shift_x: i32,
    pub shift_y: i32,
    /// What the cell matcher saw ([`Engine::correlate_cells`]); `None` from the whole-image pass.
    pub cells: Option<CellEvidence>,
}

/// The meaning of a cell-matcher score: how many cells agreed, and how often a casing from
/// another gun scores this high.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellEvidence {
    /// Usable breech-face cells that registered on the consensus rotation, of those usable.
    pub agreeing: u32,
    pub usable: u32,
    /// The combined score over the usable cells only (what the false-match rate is read at).
    pub score: f32,
    /// Estimated share of different-gun comparisons scoring at least this much
    /// ([`super::calibration::false_match_rate`]).
    pub false_match_rate: f64,
}

/// A query's outcome: its own descriptor (to store) and the ranked candidates.
#[derive(Debug, Clone)]
pub struct Correlation {
    pub descriptor: Descriptor,
    pub candidates: Vec<Candidate>,
}

/// Descriptors of one calibre class, held contiguously so the coarse pass streams through them.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    pub(super) ids: Vec<String>,
    pub(super) centres: Vec<Centre>,
    features: Vec<f32>,
    table: RotationTable,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Bytes the index holds in memory (descriptors, centres and ids), for capacity figures.
    pub fn bytes(&self) -> usize {
        self.features.capacity() * std::mem::size_of::<f32>()
            + self.centres.capacity() * std::mem::size_of::<Centre>()
            + self.ids.capacity() * std::mem::size_of::<String>()
            + self.ids.iter().map(String::capacity).sum::<usize>()
    }

    /// Adds a stored casing. Descriptors of another layout are skipped with `false`, so one
    /// stale row cannot poison the index.
    pub fn insert(&mut self, id: impl Into<String>, d: &Descriptor) -> bool {
        if d.features.len() != FEATURES {
            return false;
        }
        self.ids.push(id.into());
        self.centres.push(d.centre);
        self.features.extend_from_slice(&d.features);
        true
    }

    /// The coarse pass: the `n` stored casings whose descriptors correlate best with `query`,
    /// best first, as (index, match). Large indexes are scanned in two halves on two threads.
    pub fn shortlist(&self, query: &Descriptor, n: usize) -> Vec<(usize, CoarseMatch)> {
        if n == 0 || query.features.len() != FEATURES {
            return Vec::new();
        }
        let total = self.ids.len();
        let mut found = if total >= PARALLEL_FROM {
            let mid = total / 2;
            std::thread::scope(|s| {
                let right = s.spawn(|| self.scan(query, mid..total, n));
                let mut left = self.scan(query, 0..mid, n);
                // The helper can only panic through a bug in `scan`; redo its half here
                // rather than lose the query.
                left.extend(
                    right
                        .join()
                        .unwrap_or_else(|_| self.scan(query, mid..total, n)),
                );
                left
            })
        } else {
            self.scan(query, 0..total, n)
        };
        found.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
        found.truncate(n);
        found
    }

    /// The best `n` of a range of the index, keeping a running floor (the n-th best so far)
    /// so that hopeless entries skip the rotation search.
    fn scan(
        &self,
        query: &Descriptor,
        range: std::ops::Range<usize>,
        n: usize,
    ) -> Vec<(usize, CoarseMatch)> {
        let mut heap: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(n + 1);
        for i in range {
            let floor = if heap.len() >= n {
                heap.peek().map_or(f32::MIN, |r| r.0.0.score)
            } else {
                f32::MIN
            };
            let stored = &self.features[i * FEATURES..(i + 1) * FEATURES];
            if let Some(m) = self.table.best_above(&query.features, stored, floor)
                && m.score > floor
            {
                heap.push(Reverse(Ranked(m, i)));
                if heap.len() > n {
                    heap.pop();
                }
            }
        }
        heap.into_iter()
            .map(|Reverse(Ranked(m, i))| (i, m))
            .collect()
    }

    /// Correlates a new casing image against the stored ones: coarse screen, then alignment of
    /// the short list on their images (fetched through `fetch`, which returns `None` for an
    /// image that cannot be read — that candidate is then skipped).
    pub fn correlate(
        &self,
        query: &Gray,
        fetch: impl Fn(&str) -> Option<Gray>,
        shortlist: usize,
        top: usize,
    ) -> Correlation {
        let prepared = prepare(query);
        let descriptor = describe_prepared(&prepared);
        let candidates = self.correlate_prepared(&prepared, &descriptor, fetch, shortlist, top);
        Correlation {
            descriptor,
            candidates,
        }
    }

    /// [`Engine::correlate`] for a query already prepared and described.
    pub fn correlate_prepared(
        &self,
        prepared: &Prepared,
        descriptor: &Descriptor,
        fetch: impl Fn(&str) -> Option<Gray>,
        shortlist: usize,
        top: usize,
    ) -> Vec<Candidate> {
        let fetch_side = |id: &str, centre: Centre| {
            let image = fetch(id)?;
            Some(Side::from_prepared(&Prepared {
                centre,
                detrended: detrend(&image.to_f32(), centre),
            }))
        };
        self.correlate_sides(prepared, descriptor, fetch_side, shortlist, top)
    }

    /// [`Engine::correlate_prepared`] for a caller that keeps the stored casings' working
    /// forms at hand (the seed does): `fetch` returns the aligned-ready [`Side`] of a stored
    /// casing given its id and the centre its descriptor recorded.
    pub fn correlate_sides(
        &self,
        prepared: &Prepared,
        descriptor: &Descriptor,
        fetch: impl Fn(&str, Centre) -> Option<Side>,
        shortlist: usize,
        top: usize,
    ) -> Vec<Candidate> {
        let query_side = Side::from_prepared(prepared);
        let pixels = QueryPixels::new(&query_side);
        let img_centre = (
            (prepared.detrended.width as f32 - 1.0) / 2.0,
            (prepared.detrended.height as f32 - 1.0) / 2.0,
        );
        let mut candidates: Vec<Candidate> = self
            .shortlist(descriptor, shortlist)
            .into_iter()
            .filter_map(|(index, coarse)| {
                let id = &self.ids[index];
                let centre = self.centres[index];
                let stored = fetch(id, centre)?;
                let start = Pose {
                    rotation_deg: coarse.rotation_deg,
                    dx: 0.0,
                    dy: 0.0,
                };
                let a = refine(&pixels, &stored, start);
                let (shift_x, shift_y) = image_shift(query_side.centre, centre, a.pose, img_centre);
                let scores = MarkScores {
                    breech_face: a.breech_face.clamp(0.0, 1.0),
                    firing_pin: a.firing_pin.clamp(0.0, 1.0),
                    combined: combine(a.breech_face, a.firing_pin),
                };
                let rotation_deg = (a.pose.rotation_deg * 10.0).round() / 10.0 % 360.0;
                Some(Candidate {
                    id: id.clone(),
                    rank: 0,
                    coarse: coarse.score,
                    scores,
                    rotation_deg,
                    shift_x,
                    shift_y,
                    cells: None,
                })
            })
            .collect();
        rank(&mut candidates, top);
        candidates
    }
}

/// Sorts by combined score (ties by id, so the order is stable), keeps `top`, numbers ranks.
pub(super) fn rank(candidates: &mut Vec<Candidate>, top: usize) {
    candidates.sort_by(|a, b| {
        b.scores
            .combined
            .total_cmp(&a.scores.combined)
            .then_with(|| a.id.cmp(&b.id))
    });
    candidates.truncate(top);
    for (i, c) in candidates.iter_mut().enumerate() {
        c.rank = i as u32 + 1;
    }
}

/// One-off correlation of `query` against `stored` (id, descriptor) pairs, for callers that
/// do not keep an [`Engine`]: builds the index, then runs [`Engine::correlate`]. A server that
/// correlates often should keep one `Engine` per calibre class instead.
pub fn correlate(
    query: &Gray,
    stored: &[(&str, &Descriptor)],
    fetch: impl Fn(&str) -> Option<Gray>,
    shortlist: usize,
    top: usize,
) -> Correlation {
    let mut engine = Engine::new();
    for (id, d) in stored {
        engine.insert(*id, d);
    }
    engine.correlate(query, fetch, shortlist, top)
}

/// A coarse match ordered by score (ties by index), for the running top-n heap.
#[derive(Debug, Clone, Copy)]
struct Ranked(CoarseMatch, usize);

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .score
            .total_cmp(&other.0.score)
            .then(other.1.cmp(&self.1))
    }
}

/// Leads among ranked candidates: those at or above [`LEAD_THRESHOLD`].
pub fn leads(candidates: &[Candidate]) -> impl Iterator<Item = &Candidate> {
    candidates
        .iter()
        .filter(|c| c.scores.combined >= LEAD_THRESHOLD)
}

#[cfg(test)]
mod tests {
    use super::super::{descriptor::describe, synth};
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_same_gun_casing_ranks_first_with_its_pose() {
        let mut images = HashMap::new();
        let mut stored = Vec::new();
        for g in 0..6 {
            let id = format!("C{g}");
            let img = synth::fire(&format!("G{g}"), "9mm", 1, 4);
            stored.push((id.clone(), describe(&img)));
            images.insert(id, img);
        }
        let refs: Vec<(&str, &Descriptor)> =
            stored.iter().map(|(id, d)| (id.as_str(), d)).collect();
        let query = synth::fire("G3", "9mm", 0, 4);
        let result = correlate(&query, &refs, |id| images.get(id).cloned(), 6, 3);
        assert_eq!(result.candidates.len(), 3);
        let first = &result.candidates[0];
        assert_eq!((first.id.as_str(), first.rank), ("C3", 1));
        assert!(first.scores.combined >= LEAD_THRESHOLD, "{first:?}");
        assert!(
            result.candidates[1].scores.combined < LEAD_THRESHOLD,
            "{:?}",
            result.candidates[1]
        );
        // The reported pose really lines the two images up: inside the primer the difference
        // is darker than with no alignment at all.
        let img = &images["C3"];
        let aligned = aligned_mean(
            &query,
            img,
            first.rotation_deg,
            first.shift_x,
            first.shift_y,
        );
        assert!(aligned < aligned_mean(&query, img, 0.0, 0, 0), "{first:?}");
    }

    fn aligned_mean(a: &Gray, b: &Gray, rot: f32, dx: i32, dy: i32) -> f32 {
        let d = super::super::align::aligned_difference(a, b, rot, dx, dy);
        let (cx, cy) = d.centre();
        let inside: Vec<f32> = (0..d.height)
            .flat_map(|y| (0..d.width).map(move |x| (x, y)))
            .filter(|&(x, y)| (x as f32 - cx).hypot(y as f32 - cy) < 18.0)
            .map(|(x, y)| f32::from(d.get(x, y)))
            .collect();
        inside.iter().sum::<f32>() / inside.len() as f32
    }

    #[test]
    fn odd_images_do_not_panic() {
        // A server receives whatever a client uploads: tiny or blank images must give a
        // (useless) answer, never a crash.
        let mut engine = Engine::new();
        engine.insert("A", &describe(&synth::fire("G", "9mm", 0, 1)));
        for img in [Gray::new(0, 0), Gray::new(8, 8), Gray::new(64, 64)] {
            let r = engine.correlate(&img, |_| Some(synth::fire("G", "9mm", 0, 1)), 5, 5);
            assert!(
                r.candidates
                    .iter()
                    .all(|c| (0.0..=1.0).contains(&c.scores.combined))
            );
        }
    }

    #[test]
    fn descriptors_of_another_layout_are_refused() {
        let mut engine = Engine::new();
        let bad = Descriptor {
            centre: Centre {
                x: 0.0,
                y: 0.0,
                radius: 0.0,
            },
            features: vec![0.0; 3],
        };
        assert!(!engine.insert("X", &bad));
        assert!(engine.is_empty());
        assert!(engine.shortlist(&bad, 5).is_empty());
    }
}
