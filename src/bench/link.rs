//! `fwc bench link`: what a console session costs on a 64 kbit/s link — bytes per step from the
//! lean frame writer against ratatui's stock crossterm backend, on the same frames, at 80×24,
//! 120×40 and 200×60, against a demo server on loopback.

use std::time::Duration;

use crate::app::config::Config;
use crate::app::link::LinkMode;
use crate::app::options::ColorDepth;
use crate::cli::{ConsoleArgs, DemoArgs};
use crate::ui::link_bench::{StepBytes, replay};

/// The link the figures are priced for.
const BITS_PER_SECOND: f64 = 64_000.0;

/// Per-unit targets at 120×40 (bytes), by step name.
fn target(name: &str) -> Option<u64> {
    Some(match name {
        "first screen" => 7_000,
        "cursor move (×10)" => 300,
        "scroll one row (×60)" => 400,
        "pane switch (×6)" => 6_000,
        _ => return None,
    })
}

fn ms(bytes: f64) -> f64 {
    bytes * 8.0 / BITS_PER_SECOND * 1000.0
}

pub async fn run() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("fwc-bench-link-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let args = DemoArgs {
        data_dir: Some(dir.join("demo")),
        fresh: true,
        role: crate::model::Role::Investigator,
        tls: false,
        // No trace completes during the run: every frame comes from the script.
        trace_delay: Some(Duration::from_secs(86_400)),
    };
    let demo = crate::cli::demo::start_demo(&args).await?;
    println!("fwc bench link — one scripted session per size, each frame drawn by both writers");
    println!(
        "(bytes per unit; time at 64 kbit/s; the stock backend is ratatui's CrosstermBackend)"
    );
    let mut totals = Vec::new();
    // The default look, then the slow-link profile (`--link slow`) on the same script.
    for link in [LinkMode::Fast, LinkMode::Slow] {
        for (cols, lines) in [(80u16, 24u16), (120, 40), (200, 60)] {
            let console = ConsoleArgs {
                config_dir: Some(dir.join("config")),
                ..ConsoleArgs::default()
            };
            let mut opts = crate::cli::console::demo_options(&demo, &console)?;
            opts.link = Some(link);
            // A cold cache for each run: the first screen is fetched, as on a first start.
            opts.data_dir = dir.join(format!("console-{link:?}-{cols}x{lines}"));
            let (config, _) = Config::load(&opts.config_dir);
            let start = crate::cli::start::prepare(opts, config, Vec::new())?;
            let steps = replay(start, cols, lines, ColorDepth::Ansi256).await?;
            print_size(cols, lines, link, &steps);
            let (l, s): (u64, u64) = steps
                .iter()
                .fold((0, 0), |(l, s), b| (l + b.lean, s + b.stock));
            totals.push((link, cols, lines, l, s));
        }
    }
    println!("\nwhole session");
    for (link, cols, lines, l, s) in totals {
        println!(
            "  {:<5} {cols:>3}×{lines:<3} lean {l:>8} B ({:>6.1} s)   stock {s:>8} B ({:>6.1} s)   lean/stock {:>5.1}%  (target ≤ 40%)",
            profile(link),
            ms(l as f64) / 1000.0,
            ms(s as f64) / 1000.0,
            100.0 * l as f64 / s.max(1) as f64
        );
    }
    demo.server.shutdown().await?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn profile(link: LinkMode) -> &'static str {
    match link {
        LinkMode::Slow => "slow",
        _ => "fast",
    }
}

fn print_size(cols: u16, lines: u16, link: LinkMode, steps: &[StepBytes]) {
    println!("\n{cols}×{lines}, {} profile", profile(link));
    println!(
        "  {:<28} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}",
        "step", "lean B", "stock B", "lean ms", "stock ms", "frames", "target"
    );
    for b in steps {
        let u = f64::from(b.units.max(1));
        let (l, s) = (b.lean as f64 / u, b.stock as f64 / u);
        let t = if (cols, lines) == (120, 40) {
            target(b.name).map_or(String::new(), |t| {
                format!("{}{t}", if l <= t as f64 { "≤" } else { "✗>" })
            })
        } else {
            String::new()
        };
        println!(
            "  {:<28} {:>9.0} {:>9.0} {:>9.0} {:>9.0} {:>7} {:>7}",
            b.name,
            l,
            s,
            ms(l),
            ms(s),
            b.frames,
            t
        );
    }
}
