//! `fwc bench ballistics`: recall of same-gun casings, false leads at the lead threshold, and the
//! time to correlate one new casing against 100,000 stored ones.

use std::time::Instant;

use crate::ballistics::engine::LEAD_THRESHOLD;
use crate::ballistics::eval::{TIMING_STORE, evaluate};

/// Planted guns, casings per gun, and distractor casings from other guns.
#[derive(Debug, Clone, Copy)]
pub struct BallisticsBench {
    pub guns: usize,
    pub casings_per_gun: usize,
    pub distractors: usize,
    pub seed: u64,
    /// Run the degradation sweep instead of the clean benchmark.
    pub sweep: bool,
    /// Different-gun comparisons per query when measuring the score distribution (sweep).
    pub null_per_query: usize,
    /// Sweep: stored casings for the one-against-many timing (0 skips it).
    pub scale: usize,
}

pub fn run(b: BallisticsBench) {
    if b.sweep {
        return super::ballistics_sweep::run(b);
    }
    println!(
        "fwc bench ballistics — {} planted guns × {} casings among {} distractors (synthetic images, ground truth used only to grade)",
        b.guns, b.casings_per_gun, b.distractors
    );
    let t = Instant::now();
    let r = evaluate(b.guns, b.casings_per_gun, b.distractors, b.seed);
    println!(
        "  queries {} against {} stored casings ({:.1} s in all)",
        r.queries,
        r.stored,
        t.elapsed().as_secs_f64()
    );
    println!("  recall@1                 {:.3}", r.recall_at_1);
    println!(
        "  recall@10                {:.3}   (target ≥ 0.95)",
        r.recall_at_10
    );
    println!(
        "  shortlist recall         {:.3}   (same-gun casing survives the coarse pass)",
        r.shortlist_recall
    );
    println!(
        "  lead recall              {:.3}   (best same-gun score ≥ threshold {LEAD_THRESHOLD})",
        r.lead_recall
    );
    println!("  false leads / 1,000      {:.1}", r.false_leads_per_1000);
    println!(
        "  same-gun score  median {:.3}  p5 {:.3}",
        r.same_gun_median, r.same_gun_p5
    );
    println!(
        "  other-gun score p95    {:.3}  max {:.3}",
        r.other_gun_p95, r.other_gun_max
    );
    println!(
        "  one casing vs {} stored  {:.1} ms   (target ≤ 500 ms; {} requested)",
        r.timing_store, r.ms_per_query_at_n, TIMING_STORE
    );
}
