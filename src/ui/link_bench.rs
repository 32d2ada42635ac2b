//! `fwc bench link`: one scripted console session, replayed against a real server, each frame
//! drawn twice from the same state — by the lean frame writer and by ratatui's stock crossterm
//! backend — so the bytes each would send over a slow link are counted side by side.

use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::sync::mpsc;

use super::draw::draw;
use super::input;
use super::lean::{Caps, LeanBackend};
use super::run::Start;
use super::terminal::FrameWriter;
use super::theme::{Theme, Themes};
use crate::app::backend::Backend;
use crate::app::hold::is_moot;
use crate::app::options::ColorDepth;
use crate::app::state::State;
use crate::app::{Action, Effect, init, update};

/// One step of the script: its keys, and how many units its per-unit figure divides by.
pub struct Step {
    pub name: &'static str,
    pub keys: Vec<KeyEvent>,
    pub units: u32,
}

/// Bytes one step sent, by each writer, and the frames drawn.
#[derive(Debug, Clone)]
pub struct StepBytes {
    pub name: &'static str,
    pub units: u32,
    pub lean: u64,
    pub stock: u64,
    pub frames: u32,
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn chars(s: &str) -> Vec<KeyEvent> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// The session the issue names: start, 10 cursor moves, scroll 60 rows, page down ×3, every
/// pane in turn, open and close a record, a 200-character note.
pub fn script() -> Vec<Step> {
    let note: String = "Recovered at the Nogales crossing; serial matches a multiple-sale report. "
        .chars()
        .cycle()
        .take(200)
        .collect();
    let mut note_keys = chars("3");
    note_keys.push(key(KeyCode::Enter));
    note_keys.extend(chars("n"));
    note_keys.extend(chars(&note));
    vec![
        Step {
            name: "first screen",
            keys: vec![],
            units: 1,
        },
        Step {
            name: "cursor move (×10)",
            keys: chars(&"j".repeat(10)),
            units: 10,
        },
        Step {
            name: "scroll one row (×60)",
            keys: chars(&"j".repeat(60)),
            units: 60,
        },
        Step {
            name: "page down (×3)",
            keys: vec![key(KeyCode::PageDown); 3],
            units: 3,
        },
        Step {
            name: "pane switch (×6)",
            keys: chars("234561"),
            units: 6,
        },
        Step {
            name: "open and close a record",
            keys: vec![key(KeyCode::Enter), key(KeyCode::Esc)],
            units: 1,
        },
        Step {
            name: "type a 200-character note",
            keys: note_keys,
            units: 200,
        },
    ]
}

type Stock = Terminal<CrosstermBackend<FrameWriter<io::Sink>>>;
type Lean = Terminal<LeanBackend<FrameWriter<io::Sink>>>;

struct Pair {
    stock: Stock,
    stock_w: FrameWriter<io::Sink>,
    lean: Lean,
    lean_w: FrameWriter<io::Sink>,
    theme: Themes,
    frames: u32,
}

impl Pair {
    fn new(cols: u16, lines: u16, caps: Caps) -> io::Result<Pair> {
        let stock_w = FrameWriter::new(io::sink());
        let stock = Terminal::with_options(
            CrosstermBackend::new(stock_w.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, cols, lines)),
            },
        )?;
        let lean_w = FrameWriter::new(io::sink());
        let lean = Terminal::with_options(
            LeanBackend::fixed(lean_w.clone(), caps, cols, lines),
            TerminalOptions {
                viewport: Viewport::Fullscreen,
            },
        )?;
        Ok(Pair {
            stock,
            stock_w,
            lean,
            lean_w,
            theme: Themes::new(Theme::builtin("dark", caps.depth)),
            frames: 0,
        })
    }

    fn render(&mut self, s: &State) -> io::Result<()> {
        let th = self.theme.pick(s);
        self.stock.draw(|f| draw(f, s, th))?;
        self.stock_w.commit()?;
        self.lean.draw(|f| draw(f, s, th))?;
        self.lean_w.commit()?;
        self.frames += 1;
        Ok(())
    }

    fn sent(&self) -> (u64, u64) {
        (self.lean_w.sent(), self.stock_w.sent())
    }
}

/// Applies actions the way the console loop does; true when a request went out.
fn apply<B: Backend>(start: &mut Start<B>, actions: Vec<Action>) -> bool {
    let mut fetched = false;
    for a in actions {
        for e in update(&mut start.state, a) {
            match e {
                Effect::Copy(_) | Effect::Quit | Effect::Suspend => {}
                other => {
                    fetched |= matches!(other, Effect::Fetch { .. });
                    start.runtime.execute(other);
                }
            }
        }
    }
    fetched
}

/// Waits for the answers to what went out, drawing a frame per batch as the console would,
/// until the server has been quiet for `quiet`.
async fn settle<B: Backend>(
    start: &mut Start<B>,
    replies: &mut mpsc::UnboundedReceiver<Action>,
    pair: &mut Pair,
    quiet: Duration,
) -> anyhow::Result<()> {
    while let Ok(Some(a)) = tokio::time::timeout(quiet, replies.recv()).await {
        let mut batch = vec![a];
        while let Ok(a) = replies.try_recv() {
            batch.push(a);
        }
        let changed = batch.iter().any(|a| !is_moot(&start.state, a));
        apply(start, batch);
        if changed && !start.state.holding() {
            pair.render(&start.state)?;
        }
    }
    Ok(())
}

/// Replays the script at `cols`×`lines` and returns the bytes per step.
pub async fn replay<B: Backend>(
    mut start: Start<B>,
    cols: u16,
    lines: u16,
    depth: ColorDepth,
) -> anyhow::Result<Vec<StepBytes>> {
    let mut replies = std::mem::replace(&mut start.replies, mpsc::unbounded_channel().1);
    for a in super::draw::resized(cols, lines) {
        update(&mut start.state, a);
    }
    let mut pair = Pair::new(cols, lines, Caps::xterm(depth))?;
    let quiet = Duration::from_millis(300);
    let mut out = Vec::new();
    for step in script() {
        let (l0, s0) = pair.sent();
        let f0 = pair.frames;
        if step.keys.is_empty() {
            pair.render(&start.state)?;
            let fx = init(&mut start.state);
            let fetched = fx.iter().any(|e| matches!(e, Effect::Fetch { .. }));
            for e in fx {
                start.runtime.execute(e);
            }
            if fetched {
                pair.render(&start.state)?;
            }
            settle(&mut start, &mut replies, &mut pair, quiet).await?;
        }
        for k in &step.keys {
            let actions = input::to_actions(&Event::Key(*k), &start.state, &start.keymap);
            let fetched = apply(&mut start, actions);
            // As the console loop does: a pane opened with nothing to show keeps the previous
            // frame until its data or its deadline (`app::hold`).
            if !start.state.holding() {
                pair.render(&start.state)?;
            }
            if fetched {
                settle(&mut start, &mut replies, &mut pair, quiet).await?;
            }
        }
        let (l1, s1) = pair.sent();
        out.push(StepBytes {
            name: step.name,
            units: step.units,
            lean: l1 - l0,
            stock: s1 - s0,
            frames: pair.frames - f0,
        });
    }
    Ok(out)
}
