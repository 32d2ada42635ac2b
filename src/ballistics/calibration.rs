//! What a cell-matcher score means: the share of comparisons with a casing from *another* gun
//! that score at least as much, measured by `fwc bench ballistics --sweep` (its "different-gun
//! score distribution" section prints the table below from fresh synthetic casings, so it can
//! be re-measured whenever the matcher changes).
//!
//! The distribution depends on how many face cells were usable: a score averaged over three
//! cells reaches high values by chance far more often than one averaged over twelve, so the
//! table is kept per number of usable cells, and a query between two rows is read from the
//! row with fewer cells (the more cautious estimate).

/// Per usable-cell count: (score, share of different-gun comparisons scoring ≥ score), scores
/// rising. Measured by the sweep (seed 2026): 40 queries at σ 0.05 × 100 casings of other guns
/// each (4,000 comparisons per row), usable cells limited by blanking a contiguous sector of
/// the query's cells. With 4,000 comparisons the 1-in-10,000 point is the largest score seen:
/// rates below it are extrapolated and shown as estimates.
const NULL: &[(u32, &[(f32, f64)])] = &[
    (
        3,
        &[
            (0.336, 0.5),
            (0.436, 0.1),
            (0.525, 0.01),
            (0.574, 0.001),
            (0.591, 0.0001),
        ],
    ),
    (
        6,
        &[
            (0.291, 0.5),
            (0.373, 0.1),
            (0.450, 0.01),
            (0.496, 0.001),
            (0.503, 0.0001),
        ],
    ),
    (
        9,
        &[
            (0.264, 0.5),
            (0.338, 0.1),
            (0.408, 0.01),
            (0.461, 0.001),
            (0.522, 0.0001),
        ],
    ),
    (
        12,
        &[
            (0.247, 0.5),
            (0.320, 0.1),
            (0.381, 0.01),
            (0.435, 0.001),
            (0.457, 0.0001),
        ],
    ),
];

/// Combined score at or above which a correlation candidate is filed as a lead automatically.
/// Chosen from the sweep's distributions: above every different-gun score measured at any
/// number of usable cells (the largest, 0.591, with only 3 cells usable), so that automatic
/// leads stay for near-certain matches; everything below waits for a person's review.
pub const AUTO_LEAD_SCORE: f32 = 0.65;

/// Estimated share of different-gun comparisons scoring at least `score` when `usable` face
/// cells were compared. Log-linear between measured points; past the last point the tail is
/// extended with the slope of the last two (an estimate, shown as such), never below 1e-12.
pub fn false_match_rate(score: f32, usable: u32) -> f64 {
    let Some(row) = NULL
        .iter()
        .rev()
        .find(|(n, _)| *n <= usable)
        .or(NULL.first())
        .map(|(_, row)| *row)
    else {
        return 1.0;
    };
    if usable == 0 {
        return 1.0;
    }
    let (first, last) = (row[0], row[row.len() - 1]);
    if score <= first.0 {
        return 1.0f64.min(first.1 * 2.0f64.powf(f64::from((first.0 - score) * 10.0)));
    }
    let segment = row
        .windows(2)
        .find(|w| score <= w[1].0)
        .map_or((row[row.len() - 2], last), |w| (w[0], w[1]));
    let ((s0, p0), (s1, p1)) = segment;
    let t = f64::from((score - s0) / (s1 - s0));
    let log = p0.ln() + t * (p1.ln() - p0.ln());
    log.exp().clamp(1e-12, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_scores_are_rarer_and_fewer_cells_more_cautious() {
        let mut last = 1.0;
        for s in 0..=20 {
            let p = false_match_rate(s as f32 * 0.05, 12);
            assert!(p <= last && p > 0.0, "{s}: {p}");
            last = p;
        }
        assert!(false_match_rate(0.45, 3) > false_match_rate(0.45, 12));
        assert_eq!(false_match_rate(0.9, 0), 1.0);
        assert!(false_match_rate(AUTO_LEAD_SCORE, 3) < 1e-4);
    }
}
