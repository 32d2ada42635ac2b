//! Measurements behind the console's link and speed targets, for `fwc bench` and the tests:
//! time to first frame from a warm cache, render time per frame of a 100,000-row queue, and
//! bytes written for one cursor move versus a full redraw.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::draw::draw;
use super::lean::{Caps, LeanBackend};
use super::terminal::FrameWriter;
use super::theme::Theme;
use crate::app::effect::CacheEntry;
use crate::app::options::ColorDepth;
use crate::app::state::{Conn, State};
use crate::app::store::Store;
use crate::app::{Action, update};
use crate::model::*;

/// The console's own frame writer, on a terminal of a fixed size.
type SinkTerm = Terminal<LeanBackend<FrameWriter<io::Sink>>>;

/// What one run measured.
#[derive(Debug, Clone)]
pub struct Report {
    pub first_frame: Duration,
    pub frame: Duration,
    pub full_redraw_bytes: u64,
    pub cursor_move_bytes: u64,
}

fn when() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 15, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// `n` plausible seizures, the same every time.
pub fn seizures(n: usize) -> Vec<Seizure> {
    const STATES: &[&str] = &[
        "Sonora",
        "Chihuahua",
        "Baja California",
        "Tamaulipas",
        "Jalisco",
        "Sinaloa",
    ];
    (0..n)
        .map(|i| Seizure {
            id: format!("SZ-{:06}", i + 1),
            kind: SeizureKind::CrimeScene,
            status: TriageStatus::ALL[i % TriageStatus::ALL.len()],
            occurred_at: when() - Span::minutes(i as i64 * 17),
            country: Country::MX,
            state: STATES[i % STATES.len()].to_string(),
            municipality: "Municipio".to_string(),
            port: None,
            agency: "FGR".to_string(),
            conveyance: None,
            concealment: None,
            summary: format!("{} rifles, magazines and ammunition", 1 + i % 5),
            items: vec![SeizureItem {
                kind: ItemKind::Firearm,
                quantity: 1,
                description: "AK-pattern rifle".to_string(),
                firearm_id: Some(format!("FA-{:07}", i + 1)),
            }],
            trace_ids: vec![],
            case_ids: vec![],
            updated_at: when(),
        })
        .collect()
}

/// An online console showing `rows` in the queue at `cols`×`lines`.
pub fn state(rows: Vec<Seizure>, cols: u16, lines: u16) -> State {
    let mut s = State::new("https://bench.invalid", "bench", when());
    s.session.conn = Conn::Online;
    for a in crate::ui::draw::resized(cols, lines) {
        update(&mut s, a);
    }
    s.panes.queue.from_cache(rows, None);
    s.panes.queue.stale = false;
    s
}

fn terminal(cols: u16, lines: u16) -> io::Result<(SinkTerm, FrameWriter<io::Sink>)> {
    let writer = FrameWriter::new(io::sink());
    let backend = LeanBackend::fixed(
        writer.clone(),
        Caps::xterm(ColorDepth::Ansi256),
        cols,
        lines,
    );
    let term = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fullscreen,
        },
    )?;
    Ok((term, writer))
}

fn frame(term: &mut SinkTerm, w: &FrameWriter<io::Sink>, s: &State, th: &Theme) -> io::Result<u64> {
    let before = w.sent();
    term.draw(|f| draw(f, s, th))?;
    w.commit()?;
    Ok(w.sent() - before)
}

/// Bytes for the first full frame, and for the frame after one `j`.
pub fn cursor_move_bytes(rows: usize, cols: u16, lines: u16) -> io::Result<(u64, u64)> {
    let th = Theme::builtin("dark", ColorDepth::Ansi256);
    let mut s = state(seizures(rows), cols, lines);
    let (mut term, w) = terminal(cols, lines)?;
    let full = frame(&mut term, &w, &s, &th)?;
    update(&mut s, Action::Down);
    let moved = frame(&mut term, &w, &s, &th)?;
    Ok((full, moved))
}

/// Mean time to update and draw one frame while moving through a queue of `rows`.
pub fn frame_time(rows: usize, cols: u16, lines: u16, frames: u32) -> io::Result<Duration> {
    let th = Theme::builtin("dark", ColorDepth::Ansi256);
    let mut s = state(seizures(rows), cols, lines);
    let (mut term, w) = terminal(cols, lines)?;
    frame(&mut term, &w, &s, &th)?;
    update(&mut s, Action::Bottom);
    let start = Instant::now();
    for i in 0..frames {
        update(
            &mut s,
            if i % 50 < 25 {
                Action::Up
            } else {
                Action::Down
            },
        );
        frame(&mut term, &w, &s, &th)?;
    }
    Ok(start.elapsed() / frames.max(1))
}

/// Fills a cache in `dir` with `rows` seizures, then times what a restart does before its
/// first frame: open the cache, load what the first frame shows (its head), and draw. The full
/// list is read after that frame, in the background.
pub fn first_frame(dir: &Path, rows: usize, cols: u16, lines: u16) -> anyhow::Result<Duration> {
    Store::open(dir, "bench")?.save(&CacheEntry::Queue(seizures(rows), None))?;
    let th = Theme::builtin("dark", ColorDepth::Ansi256);
    let start = Instant::now();
    let store = Store::open(dir, "bench")?;
    let cached = store.load();
    let s = state(cached.seizures.unwrap_or_default(), cols, lines);
    let (mut term, w) = terminal(cols, lines)?;
    frame(&mut term, &w, &s, &th)?;
    Ok(start.elapsed())
}

/// All of the above at the sizes the targets name (50,000 cached seizures; 100,000 rows; 120×40).
pub fn run(dir: &Path) -> anyhow::Result<Report> {
    let first_frame = first_frame(dir, 50_000, 120, 40)?;
    let frame = frame_time(100_000, 120, 40, 200)?;
    let (full_redraw_bytes, cursor_move_bytes) = cursor_move_bytes(100_000, 120, 40)?;
    Ok(Report {
        first_frame,
        frame,
        full_redraw_bytes,
        cursor_move_bytes,
    })
}
