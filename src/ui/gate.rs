//! The console before its first sign-in: the logon banner and the sign-in form alone, with
//! no store, no outbox and no change stream yet (they belong to the user who signs in). The
//! same state, `update()` and drawing as the lock screen; only the loop is smaller.

use std::sync::Arc;

use anyhow::Context;
use crossterm::event::EventStream;
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::keymap::Keymap;
use super::lean::Caps;
use super::run::{RestoreOnDrop, render};
use super::terminal;
use super::theme::Theme;
use crate::app::backend::Backend;
use crate::app::kept_session::Keeper;
use crate::app::reply::Reply;
use crate::app::runtime_signin::spawn_gate;
use crate::app::signin::{Gate, SignedIn};
use crate::app::state::State;
use crate::app::{Action, Effect, update};

/// What the CLI wires up for the first sign-in.
pub struct GateStart<B: Backend> {
    pub state: State,
    pub theme: Theme,
    pub keymap: Keymap,
    /// What the terminal's output may use.
    pub caps: Caps,
    pub backend: B,
    /// Where the new session is kept (as `fwc login` keeps it).
    pub keeper: Keeper,
}

/// Shows the banner, then the form, until the user signs in (`Some`, the session already in
/// use by `backend` and kept on disk) or quits (`None`). Restores the terminal either way.
pub async fn sign_in<B: Backend>(start: GateStart<B>) -> anyhow::Result<Option<SignedIn>> {
    let GateStart {
        mut state,
        theme,
        keymap,
        caps,
        backend,
        keeper,
    } = start;
    let keeper = Arc::new(keeper);
    let (mut term, frames) = terminal::enter(caps).context("cannot set up the terminal")?;
    let _restore = RestoreOnDrop;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let (gate, first) = Gate::sign_in(state.lang);
    state.gate = Some(gate);
    spawn_gate(&backend, &tx, first, Some(keeper.clone()));
    render(&mut term, &frames, &state, &theme)?;
    let mut events = EventStream::new();
    // SIGTERM or SIGHUP (the SSH link dropped) before signing in: nothing to save, just leave
    // the terminal as it was.
    #[cfg(unix)]
    let (mut term_sig, mut hup_sig) = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).context("cannot listen for signals")?,
            signal(SignalKind::hangup()).context("cannot listen for signals")?,
        )
    };
    loop {
        #[cfg(unix)]
        let ended = async {
            tokio::select! {
                _ = term_sig.recv() => {},
                _ = hup_sig.recv() => {},
            }
        };
        #[cfg(not(unix))]
        let ended = std::future::pending::<()>();
        let actions = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => super::input::to_actions(&ev, &state, &keymap),
                Some(Err(e)) => return Err(e).context("reading the terminal"),
                None => return Ok(None),
            },
            Some(a) = rx.recv() => vec![a],
            _ = ended => return Ok(None),
        };
        for a in actions {
            let signed_in = match &a {
                Action::Reply(r) => match r.as_ref() {
                    Reply::SignedIn(Ok(s)) => Some(s.clone()),
                    _ => None,
                },
                _ => None,
            };
            for e in update(&mut state, a) {
                match e {
                    Effect::Quit => return Ok(None),
                    other => spawn_gate(&backend, &tx, other, Some(keeper.clone())),
                }
            }
            if state.gate.is_none() {
                return Ok(signed_in);
            }
        }
        if state.quit {
            return Ok(None);
        }
        render(&mut term, &frames, &state, &theme)?;
    }
}
