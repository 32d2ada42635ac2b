//! The console's main loop: terminal events and task replies in, frames out.
//!
//! Input, replies and the minute clock are the only things that wake it; each wake handles
//! everything already queued and then draws once, so an idle console writes nothing. A
//! terminating signal ends it like `q`: the draft saved, the terminal restored.

use std::io::Write;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use anyhow::Context;
use chrono::{Timelike, Utc};
use crossterm::event::EventStream;
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::draw::draw;
use super::input;
use super::keymap::Keymap;
use super::lean::Caps;
use super::terminal::{self, FrameWriter, Term, osc52};
use super::theme::{Theme, Themes};
use crate::app::backend::Backend;
use crate::app::hold::is_moot;
use crate::app::link::LinkSign;
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
    /// What the terminal's output may use.
    pub caps: Caps,
    pub runtime: Runtime<B>,
    pub replies: mpsc::UnboundedReceiver<Action>,
    pub notices: Vec<(Level, Notice)>,
}

/// Everything the loop needs besides the state.
struct Console<B: Backend> {
    state: State,
    /// The theme and its slow-link variant (the state's link profile picks one per frame).
    theme: Themes,
    keymap: Keymap,
    runtime: Runtime<B>,
    frames: FrameWriter<std::io::Stdout>,
    /// Ctrl-Z was pressed: the loop suspends after this turn's actions.
    suspend: bool,
}

/// Runs the console until the user quits. Must be called inside a tokio runtime; restores the
/// terminal on every way out, including a panic.
pub async fn run<B: Backend>(start: Start<B>) -> anyhow::Result<()> {
    let Start {
        state,
        theme,
        keymap,
        caps,
        runtime,
        replies,
        notices,
    } = start;
    let (mut term, frames) = terminal::enter(caps).context("cannot set up the terminal")?;
    let _restore = RestoreOnDrop;
    let theme = Themes::new(theme);
    // First frame at once, from the cache when there is one; the network comes after.
    render(&mut term, &frames, &state, theme.pick(&state))?;
    let mut console = Console {
        state,
        theme,
        keymap,
        runtime,
        frames,
        suspend: false,
    };
    let mut fx = init(&mut console.state);
    let State { shell, panes } = &mut console.state;
    fx.extend(crate::app::panes::cases::offer_drafts(&panes.cases, shell));
    for (level, n) in notices {
        fx.push(console.state.toast(level, n));
    }
    run_effects(&mut console, fx)?;
    let th = console.theme.pick(&console.state);
    render(&mut term, &console.frames, &console.state, th)?;
    main_loop(&mut console, &mut term, replies).await
}

/// Restores the terminal however the loop ends (a panic included).
pub(super) struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        terminal::restore();
    }
}

/// The signal that ended the console, if one did: `main` exits with the conventional status
/// (128 + its number) once the terminal is restored and pending disk writes are done.
static ENDED_BY: AtomicI32 = AtomicI32::new(0);

/// 128 + the number of the signal that ended the console (`kill -TERM` → 143), if one did.
pub fn exit_status_after_signal() -> Option<u8> {
    match ENDED_BY.load(Ordering::SeqCst) {
        0 => None,
        n => u8::try_from(128 + n).ok(),
    }
}

/// SIGTERM, SIGHUP (the SSH link dropped) and SIGQUIT: each ends the console the way `q` does,
/// after saving the note being written. The outbox needs nothing: a write is on disk before it
/// is sent.
#[cfg(unix)]
struct Signals {
    kinds: Vec<(i32, tokio::signal::unix::Signal)>,
}

#[cfg(unix)]
impl Signals {
    fn new() -> std::io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        let mut kinds = Vec::new();
        for (n, k) in [
            (15, SignalKind::terminate()),
            (1, SignalKind::hangup()),
            (3, SignalKind::quit()),
        ] {
            kinds.push((n, signal(k)?));
        }
        Ok(Signals { kinds })
    }

    /// The number of the next signal to arrive.
    async fn next(&mut self) -> i32 {
        let waits = self.kinds.iter_mut().map(|(n, s)| {
            let n = *n;
            Box::pin(async move {
                s.recv().await;
                n
            })
        });
        futures_util::future::select_all(waits).await.0
    }
}

async fn main_loop<B: Backend>(
    c: &mut Console<B>,
    term: &mut Term,
    mut rx: mpsc::UnboundedReceiver<Action>,
) -> anyhow::Result<()> {
    let mut events = EventStream::new();
    let mut clock = minute_clock();
    // The idle lock counts from the last key (or paste) the user gave.
    let mut last_key = tokio::time::Instant::now();
    #[cfg(unix)]
    let mut signals = Signals::new().context("cannot listen for signals")?;
    #[cfg(unix)]
    let mut stop = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::from_raw(
        signal_hook::consts::SIGTSTP,
    ))
    .context("cannot listen for SIGTSTP")?;
    loop {
        #[cfg(unix)]
        let signalled = signals.next();
        #[cfg(not(unix))]
        let signalled = std::future::pending::<i32>();
        #[cfg(unix)]
        let stopped = stop.recv();
        #[cfg(not(unix))]
        let stopped = std::future::pending::<Option<()>>();
        let idle = idle_deadline(&c.state, last_key);
        let actions = tokio::select! {
            // No key for the idle time: lock.
            _ = sleep_until(idle) => vec![Action::Lock],
            // `kill -TSTP`: as Ctrl-Z.
            _ = stopped => {
                c.suspend = true;
                vec![]
            }
            n = signalled => {
                c.runtime.save_draft_now(&c.state);
                ENDED_BY.store(n, Ordering::SeqCst);
                return Ok(());
            }
            ev = events.next() => match ev {
                Some(Ok(ev)) => {
                    if matches!(ev, crossterm::event::Event::Key(_) | crossterm::event::Event::Paste(_)) {
                        last_key = tokio::time::Instant::now();
                    }
                    input::to_actions(&ev, &c.state, &c.keymap)
                }
                Some(Err(e)) => return Err(e).context("reading the terminal"),
                None => return Ok(()),
            },
            Some(a) = rx.recv() => vec![a],
            _ = clock.tick() => vec![Action::Tick(Utc::now())],
        };
        let mut changed = false;
        let was_locked = c.state.gate.is_some();
        for a in actions {
            changed |= !is_moot(&c.state, &a);
            handle(c, a)?;
        }
        // Coalesce: everything already waiting is applied before the one frame is drawn.
        while let Ok(a) = rx.try_recv() {
            changed |= !is_moot(&c.state, &a);
            handle(c, a)?;
        }
        if c.state.quit {
            return Ok(());
        }
        if std::mem::take(&mut c.suspend) {
            suspend(term)?;
            changed = true;
        }
        if c.state.gate.is_some() && !was_locked {
            wipe(term, &c.frames)?;
            changed = true;
        }
        // A pane opened with nothing to show keeps the previous frame until its data or its
        // deadline (`app::hold`): no "loading" frame that the data overwrites at once.
        if changed && !c.state.holding() {
            render(term, &c.frames, &c.state, c.theme.pick(&c.state))?;
            // A frame the terminal took slowly is a sign of a slow link (`--link auto`).
            if let Some(rate) = c.frames.output_rate() {
                handle(c, Action::LinkMeasured(LinkSign::OutputRate(rate)))?;
            }
        }
    }
}

/// Stops until `fg`, then redraws every cell (the shell wrote over the screen meanwhile).
#[cfg(unix)]
fn suspend(term: &mut Term) -> anyhow::Result<()> {
    terminal::suspend().context("cannot suspend")?;
    term.clear()?;
    Ok(())
}

#[cfg(not(unix))]
fn suspend(_term: &mut Term) -> anyhow::Result<()> {
    Ok(())
}

/// When the console locks if no key comes first (`None`: it does not lock now).
fn idle_deadline(s: &State, last_key: tokio::time::Instant) -> Option<tokio::time::Instant> {
    let lock = s.session.idle_lock?;
    if s.gate.is_some() || s.session.account.is_none() {
        return None;
    }
    Some(last_key + Duration::from_secs(lock.after_s()))
}

async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d).await,
        None => std::future::pending().await,
    }
}

/// The console locked: a blank frame (so ratatui's idea of the screen is blank too), then the
/// whole screen and the terminal's scrollback erased (`CSI 2 J`, `CSI 3 J`), so the lock
/// screen is drawn on blank cells and no record survives in any cell or any line above.
/// (`Terminal::clear` would ask the terminal for the cursor position: a round trip.)
fn wipe(term: &mut Term, frames: &FrameWriter<std::io::Stdout>) -> anyhow::Result<()> {
    term.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
    frames.clone().write_all(b"\x1b[2J\x1b[3J")?;
    frames.commit()?;
    Ok(())
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
            Effect::Suspend => c.suspend = true,
            other => c.runtime.execute(other),
        }
    }
    Ok(())
}

pub(super) fn render(
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
