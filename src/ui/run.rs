//! The console's main loop: terminal events and task replies in, frames out.
//!
//! Input, replies and the minute clock are the only things that wake it; each wake handles
//! everything already queued and then draws once, so an idle console writes nothing.

use std::io::Write;
use std::time::Duration;

use anyhow::Context;
use chrono::{Timelike, Utc};
use crossterm::event::EventStream;
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::draw::draw;
use super::input;
use super::keymap::Keymap;
use super::terminal::{self, FrameWriter, Term, osc52};
use super::theme::Theme;
use crate::app::backend::Backend;
use crate::app::runtime::Runtime;
use crate::app::state::{Level, Notice, State};
use crate::app::{Action, Effect, init, update};

/// What the CLI wires up before the terminal is touched (see `cli::start`): the first state
/// (already painted from the cache), the look, the keys, the running effect runtime and the
/// channel its replies come on, and the notices to show at start.
pub struct Start<B: Backend> {
    pub state: State,
    pub theme: Theme,
    pub keymap: Keymap,
    pub runtime: Runtime<B>,
    pub replies: mpsc::UnboundedReceiver<Action>,
    pub notices: Vec<(Level, Notice)>,
}

/// Everything the loop needs besides the state.
struct Console<B: Backend> {
    state: State,
    theme: Theme,
    keymap: Keymap,
    runtime: Runtime<B>,
    frames: FrameWriter<std::io::Stdout>,
}

/// Runs the console until the user quits. Must be called inside a tokio runtime; restores the
/// terminal on every way out, including a panic.
pub async fn run<B: Backend>(start: Start<B>) -> anyhow::Result<()> {
    let Start {
        state,
        theme,
        keymap,
        runtime,
        replies,
        notices,
    } = start;
    let (mut term, frames) = terminal::enter().context("cannot set up the terminal")?;
    let _restore = RestoreOnDrop;
    // First frame at once, from the cache when there is one; the network comes after.
    render(&mut term, &frames, &state, &theme)?;
    let mut console = Console {
        state,
        theme,
        keymap,
        runtime,
        frames,
    };
    let mut fx = init(&mut console.state);
    let State { shell, panes } = &mut console.state;
    fx.extend(crate::app::panes::cases::offer_drafts(&panes.cases, shell));
    for (level, n) in notices {
        fx.push(console.state.toast(level, n));
    }
    run_effects(&mut console, fx)?;
    render(&mut term, &console.frames, &console.state, &console.theme)?;
    main_loop(&mut console, &mut term, replies).await
}

struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        terminal::restore();
    }
}

async fn main_loop<B: Backend>(
    c: &mut Console<B>,
    term: &mut Term,
    mut rx: mpsc::UnboundedReceiver<Action>,
) -> anyhow::Result<()> {
    let mut events = EventStream::new();
    let mut clock = minute_clock();
    loop {
        let actions = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => input::to_actions(&ev, &c.state, &c.keymap),
                Some(Err(e)) => return Err(e).context("reading the terminal"),
                None => return Ok(()),
            },
            Some(a) = rx.recv() => vec![a],
            _ = clock.tick() => vec![Action::Tick(Utc::now())],
        };
        let mut changed = !actions.is_empty();
        for a in actions {
            handle(c, a)?;
        }
        // Coalesce: everything already waiting is applied before the one frame is drawn.
        while let Ok(a) = rx.try_recv() {
            handle(c, a)?;
            changed = true;
        }
        if c.state.quit {
            return Ok(());
        }
        if changed {
            render(term, &c.frames, &c.state, &c.theme)?;
        }
    }
}

fn handle<B: Backend>(c: &mut Console<B>, a: Action) -> anyhow::Result<()> {
    let fx = update(&mut c.state, a);
    run_effects(c, fx)
}

fn run_effects<B: Backend>(c: &mut Console<B>, fx: Vec<Effect>) -> anyhow::Result<()> {
    for e in fx {
        match e {
            Effect::Copy(text) => c.frames.clone().write_all(&osc52(&text))?,
            Effect::Quit => c.state.quit = true,
            other => c.runtime.execute(other),
        }
    }
    Ok(())
}

fn render(
    term: &mut Term,
    frames: &FrameWriter<std::io::Stdout>,
    state: &State,
    theme: &Theme,
) -> anyhow::Result<()> {
    term.draw(|f| draw(f, state, theme))?;
    frames.commit()?;
    Ok(())
}

/// Ticks at each new minute (for the clock and the age column), and never otherwise.
fn minute_clock() -> tokio::time::Interval {
    let now = Utc::now();
    let into_minute = Duration::from_millis(
        u64::from(now.second()) * 1000 + u64::from(now.timestamp_subsec_millis()),
    );
    let first = tokio::time::Instant::now() + Duration::from_secs(60).saturating_sub(into_minute);
    let mut i = tokio::time::interval_at(first, Duration::from_secs(60));
    i.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    i
}
