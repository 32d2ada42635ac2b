//! `fwc bench console`: time to first frame from a warm cache of 50,000 seizures, render time
//! per frame of a 100,000-row queue, and bytes written for one cursor move at 120×40.

use crate::ui::bench;

pub fn run() -> anyhow::Result<()> {
    let dir = tempfile_dir()?;
    let r = bench::run(&dir)?;
    println!("fwc bench console — release build, 120×40, frames rendered to a byte counter");
    println!(
        "  first frame, warm cache of 50,000 seizures  {:>8.1} ms   (target ≤ 100 ms)",
        r.first_frame.as_secs_f64() * 1000.0
    );
    println!(
        "  one frame, queue of 100,000 rows            {:>8.2} ms   (target ≤ 2 ms)",
        r.frame.as_secs_f64() * 1000.0
    );
    println!(
        "  one cursor move (j)                          {:>8} bytes (target ≤ 1 KB; full redraw {} bytes, {:.0}× more)",
        r.cursor_move_bytes,
        r.full_redraw_bytes,
        r.full_redraw_bytes as f64 / r.cursor_move_bytes.max(1) as f64
    );
    println!(
        "  idle bytes per minute: cargo test --release --test it bench:: -- --ignored --nocapture"
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// A fresh scratch directory for the warm cache.
fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("fwc-bench-console-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
