//! Measures the engine on synthetic casings with known guns: recall of same-gun casings, false
//! leads at the threshold, and the time to correlate one casing against a large store. This is
//! the only place besides tests that reads ground truth, and it reads it only to grade.

use super::descriptor::{Descriptor, Prepared, describe_prepared, prepare};
use super::engine::{DEFAULT_SHORTLIST, Engine, LEAD_THRESHOLD};
use super::image::Gray;
use super::synth;
use std::collections::HashMap;
use std::time::Instant;

/// What [`evaluate`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalReport {
    /// Queries run (one per planted gun), and stored casings they were correlated against.
    pub queries: usize,
    pub stored: usize,
    /// Share of queries whose first candidate came from the same gun.
    pub recall_at_1: f32,
    /// Share of queries with a same-gun casing among the first ten.
    pub recall_at_10: f32,
    /// Share of queries whose same-gun casing made it through the coarse pass.
    pub shortlist_recall: f32,
    /// Share of queries whose best same-gun candidate reached the lead threshold.
    pub lead_recall: f32,
    /// Different-gun candidates at or above the threshold, per 1,000 queries.
    pub false_leads_per_1000: f32,
    /// Median and 5th percentile of the best same-gun combined score per query.
    pub same_gun_median: f32,
    pub same_gun_p5: f32,
    /// 95th percentile and maximum of the best different-gun combined score per query.
    pub other_gun_p95: f32,
    pub other_gun_max: f32,
    /// Store size used for the timing, and mean milliseconds per query (coarse + fine pass).
    pub timing_store: usize,
    pub ms_per_query_at_n: f32,
}

/// Store size for the timing figure (the target: one casing against 100,000 in ≤ 500 ms).
pub const TIMING_STORE: usize = 100_000;

/// Plants `n_guns` guns with `casings_per_gun` casings each among `distractors` casings from
/// other guns (all one calibre), queries each gun's first casing against everything else, and
/// times a query against [`TIMING_STORE`] stored descriptors.
pub fn evaluate(
    n_guns: usize,
    casings_per_gun: usize,
    distractors: usize,
    seed: u64,
) -> EvalReport {
    evaluate_at(n_guns, casings_per_gun, distractors, TIMING_STORE, seed)
}

/// [`evaluate`] with the timing store size chosen (0 skips the timing).
pub fn evaluate_at(
    n_guns: usize,
    casings_per_gun: usize,
    distractors: usize,
    timing_store: usize,
    seed: u64,
) -> EvalReport {
    let calibre = "9mm";
    let mut images: HashMap<String, Gray> = HashMap::new();
    let mut truth: HashMap<String, String> = HashMap::new();
    let mut queries: Vec<(String, Prepared, Descriptor)> = Vec::new();
    let mut engine = Engine::new();
    let mut stored_descriptors = Vec::new();
    let planted =
        (0..n_guns).flat_map(|g| (0..casings_per_gun).map(move |i| (format!("EG-{g}"), i)));
    let others = (0..distractors).map(|d| (format!("ED-{d}"), 0));
    for (gun, index) in planted.chain(others) {
        let id = format!("{gun}/{index}");
        let img = synth::fire(&gun, calibre, index as u32, seed);
        let prepared = prepare(&img);
        let d = describe_prepared(&prepared);
        truth.insert(id.clone(), gun.clone());
        if index == 0 && gun.starts_with("EG-") {
            queries.push((id, prepared, d));
        } else {
            engine.insert(id.clone(), &d);
            stored_descriptors.push((id.clone(), d));
            images.insert(id, img);
        }
    }
    let fetch = |id: &str| images.get(id).cloned();
    let mut report = Grades::default();
    for (id, prepared, d) in &queries {
        let gun = &truth[id];
        let same = |c: &str| truth.get(c) == Some(gun);
        let shortlist = engine.shortlist(d, DEFAULT_SHORTLIST);
        report.shortlisted += usize::from(
            shortlist
                .iter()
                .any(|(i, _)| same(&stored_descriptors[*i].0)),
        );
        let all =
            engine.correlate_prepared(prepared, d, fetch, DEFAULT_SHORTLIST, DEFAULT_SHORTLIST);
        report.top1 += usize::from(all.first().is_some_and(|c| same(&c.id)));
        report.top10 += usize::from(all.iter().take(10).any(|c| same(&c.id)));
        report.false_leads += all
            .iter()
            .take(10)
            .filter(|c| !same(&c.id) && c.scores.combined >= LEAD_THRESHOLD)
            .count();
        let best = |want: bool| {
            all.iter()
                .filter(|c| same(&c.id) == want)
                .map(|c| c.scores.combined)
                .fold(0.0, f32::max)
        };
        report.same.push(best(true));
        report.other.push(best(false));
    }
    let ms = if timing_store > 0 {
        time_queries(&stored_descriptors, &images, &queries, timing_store)
    } else {
        0.0
    };
    report.finish(queries.len(), engine.len(), timing_store, ms)
}

/// Tallies over the queries.
#[derive(Default)]
struct Grades {
    shortlisted: usize,
    top1: usize,
    top10: usize,
    false_leads: usize,
    same: Vec<f32>,
    other: Vec<f32>,
}

impl Grades {
    fn finish(mut self, queries: usize, stored: usize, timing_store: usize, ms: f32) -> EvalReport {
        let share = |n: usize| n as f32 / queries.max(1) as f32;
        self.same.sort_by(f32::total_cmp);
        self.other.sort_by(f32::total_cmp);
        EvalReport {
            queries,
            stored,
            recall_at_1: share(self.top1),
            recall_at_10: share(self.top10),
            shortlist_recall: share(self.shortlisted),
            lead_recall: share(self.same.iter().filter(|&&s| s >= LEAD_THRESHOLD).count()),
            false_leads_per_1000: 1000.0 * share(self.false_leads),
            same_gun_median: quantile(&self.same, 0.5),
            same_gun_p5: quantile(&self.same, 0.05),
            other_gun_p95: quantile(&self.other, 0.95),
            other_gun_max: self.other.last().copied().unwrap_or(0.0),
            timing_store,
            ms_per_query_at_n: ms,
        }
    }
}

fn quantile(sorted: &[f32], q: f32) -> f32 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f32 * q).round() as usize]
}

/// Mean time of a full correlation against `n` stored descriptors. The store is filled by
/// cycling the real synthetic descriptors under fresh ids (synthesising 100,000 distinct
/// images would take minutes and changes nothing about the cost), and each fetch decodes a
/// copy of an image as a store read would.
fn time_queries(
    stored: &[(String, Descriptor)],
    images: &HashMap<String, Gray>,
    queries: &[(String, Prepared, Descriptor)],
    n: usize,
) -> f32 {
    if stored.is_empty() || queries.is_empty() {
        return 0.0;
    }
    let mut engine = Engine::new();
    for i in 0..n {
        engine.insert(format!("{i}"), &stored[i % stored.len()].1);
    }
    let fetch = |id: &str| {
        let i: usize = id.parse().ok()?;
        images.get(&stored[i % stored.len()].0).cloned()
    };
    let runs = queries.len().min(5);
    let start = Instant::now();
    for (_, prepared, d) in queries.iter().take(runs) {
        let _ = engine.correlate_prepared(prepared, d, fetch, DEFAULT_SHORTLIST, 10);
    }
    start.elapsed().as_secs_f32() * 1000.0 / runs as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full benchmark: `cargo test --release --lib ballistics::eval -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn benchmark() {
        let report = evaluate(200, 3, 10_000, 42);
        eprintln!("{report:#?}");
    }

    #[test]
    fn planted_pairs_are_found() {
        let r = evaluate_at(20, 3, 40, 0, 9);
        assert!(r.recall_at_1 >= 0.9, "{r:#?}");
        assert!(r.recall_at_10 >= 0.95, "{r:#?}");
        assert!(r.other_gun_max < LEAD_THRESHOLD + 0.1, "{r:#?}");
    }
}
