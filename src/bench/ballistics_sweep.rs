//! `fwc bench ballistics --sweep`: recall@1, recall@10 and false matches per degradation level,
//! the whole-image pass (the engine before the cell matcher) side by side with the cell matcher
//! on the same casings, then the different-gun score distribution behind the false-match rates.

use std::time::Instant;

use crate::ballistics::calibration::AUTO_LEAD_SCORE;
use crate::ballistics::engine::LEAD_THRESHOLD;
use crate::ballistics::sweep::{Bench, Grade, exceeded_by, levels};

use super::ballistics::BallisticsBench;

pub fn run(b: BallisticsBench) {
    let t = Instant::now();
    let bench = Bench::new(b.guns, b.casings_per_gun, b.distractors, b.seed);
    println!(
        "fwc bench ballistics --sweep — {} queries (one degraded casing per planted gun) against {} stored casings \
         ({} more per gun, the rest one-off distractors); synthetic, ground truth used only to grade; set up in {:.1} s",
        bench.queries(),
        bench.stored(),
        b.casings_per_gun.saturating_sub(1),
        t.elapsed().as_secs_f64()
    );
    println!(
        "  whole = whole-image pass (lead ≥ {LEAD_THRESHOLD}), cells = robust pass: unreadable cells left out, cells counted (automatic lead ≥ {AUTO_LEAD_SCORE})"
    );
    println!(
        "  R@1, R@10: same gun ranked first / in the top 10. lead: same gun at or above the lead score. \
         false: different-gun candidates at or above the lead score in the top 10, per query"
    );
    println!(
        "  {:<40} │ {:>5} {:>5} {:>5} {:>5} │ {:>5} {:>5} {:>5} {:>5} │ target",
        "degradation", "R@1", "R@10", "lead", "false", "R@1", "R@10", "lead", "false"
    );
    println!("  {:<40} │ {:^23} │ {:^23} │", "", "whole", "cells");
    scale(&bench, b.scale);
    for level in levels() {
        let t = Instant::now();
        let row = bench.run(&level);
        let target = match level.target {
            Some(goal) if row.cells.recall_at_10 >= goal => format!("R@10 ≥ {goal:.2} met"),
            Some(goal) => format!(
                "R@10 ≥ {goal:.2} MISSED by {:.3}",
                goal - row.cells.recall_at_10
            ),
            None => String::new(),
        };
        println!(
            "  {:<40} │ {} │ {} │ {target}  ({:.1} s)",
            level.name,
            cols(&row.whole),
            cols(&row.cells),
            t.elapsed().as_secs_f64()
        );
    }
    println!(
        "  different-gun score distribution of the robust pass (clean queries, σ 0.05; share of comparisons scoring ≥ s):"
    );
    let shares = [0.5, 0.1, 0.01, 0.001, 0.0001];
    println!(
        "  {:>14} │ {}",
        "usable cells",
        shares.map(|p| format!("{p:>8}")).join(" ")
    );
    for usable in [3usize, 6, 9, 12] {
        let t = Instant::now();
        let scores = bench.null_scores(usable, b.null_per_query);
        let line = shares.map(|p| format!("{:>8.3}", exceeded_by(&scores, p)));
        println!(
            "  {usable:>14} │ {}   ({} comparisons, max {:.3}, {:.1} s)",
            line.join(" "),
            scores.len(),
            scores.last().copied().unwrap_or(0.0),
            t.elapsed().as_secs_f64()
        );
    }
}

/// The million-casing figure (`--scale N`, 0 skips it).
fn scale(bench: &Bench, n: usize) {
    if n == 0 {
        return;
    }
    let s = bench.at_scale(n, 5);
    println!(
        "  one casing (σ 0.10, 25% unreadable) vs {} stored: {:.0} ms per query (target ≤ 500 ms); \
         coarse index built in {:.1} s (target < 60 s), {:.0} MiB in memory",
        s.stored,
        s.ms_per_query,
        s.build_s,
        s.index_bytes as f64 / (1024.0 * 1024.0)
    );
}

fn cols(g: &Grade) -> String {
    format!(
        "{:>5.2} {:>5.2} {:>5.2} {:>5.2}",
        g.recall_at_1, g.recall_at_10, g.lead_recall, g.false_leads_per_query
    )
}
