//! Benchmark (ignored by default; run with
//! `cargo test --release --test it bench:: -- --ignored --nocapture`): bytes an idle console
//! writes to its terminal over one minute, on the real `fwc demo` in a pseudo-terminal.

use std::time::{Duration, Instant};

use crate::support::pty::*;

#[test]
#[ignore = "takes a minute; a benchmark, not a check"]
fn idle_console_bytes_over_one_minute() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cfg = config_dir(dir.path());
    let home = dir.path().display().to_string();
    let c = Console::spawn(
        &["demo", "--data-dir", data.to_str().unwrap()],
        &[
            ("HOME", home.as_str()),
            ("XDG_CONFIG_HOME", cfg.as_str()),
            ("XDG_DATA_HOME", home.as_str()),
        ],
        120,
        40,
    );
    c.wait_for("queue rows, online", |s| {
        s.contains("SZ-") && s.contains("online")
    });
    // Let the start-up reads and the first refresh settle before measuring.
    let settle_until = Instant::now() + Duration::from_secs(5);
    let mut last = c.bytes();
    while Instant::now() < settle_until {
        std::thread::sleep(Duration::from_millis(500));
        last = c.bytes();
    }
    let start = Instant::now();
    std::thread::sleep(Duration::from_secs(60));
    let idle = c.bytes() - last;
    println!(
        "idle console, 120×40: {idle} bytes written in {:.0} s (target: 0 beyond the once-a-minute clock)",
        start.elapsed().as_secs_f64()
    );
}
