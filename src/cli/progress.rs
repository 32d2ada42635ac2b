//! Progress bars for long work (imports, `fwc seed --scale large`, benches), drawn on stderr
//! only when stderr is a terminal: a log file or a pipe never gets bar frames.

use std::io::IsTerminal;

/// A progress bar drawn on stderr only when stderr is a terminal (never into a log or pipe).
pub fn bar(len: u64, what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {pos}/{len} ({per_sec}, {eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}
