//! Several nodes, one event stream: on a shared (PostgreSQL) store, what an open event stream
//! receives live comes from the event log, not from the writes this process made.
//!
//! A node's own writes would reach its broadcast channel at once, but another node's only
//! through the database; mixing both would deliver ids out of order (this node's 11 before the
//! other's 10), and a stream drops any id at or below the last it sent. So on a shared store
//! [`super::AppState::publish`] only nudges one follower task, which reads the log after the
//! last id it broadcast and sends every new row, in id order, to the channel. It looks when
//! nudged, when the database notifies a commit (`LISTEN` on a dedicated connection that
//! reconnects: [`crate::server::store::postgres::listen`]), and on a timer — every
//! [`POLL_LISTENING`] while listening, every [`POLL_DEAF`] while the connection is down — so
//! a lost notification delays an event, never loses it. Ids are the log's, so a client that
//! moves to another node resumes there with `Last-Event-ID`.
//!
//! SQLite has one node: its writes go straight to the channel, as before.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};

use super::AppState;
use super::store::postgres::listen;

/// Backstop look at the log while notifications are arriving.
pub const POLL_LISTENING: Duration = Duration::from_secs(5);
/// Look at the log this often while the notification connection is down (well inside the
/// one second another node's event may take to arrive).
pub const POLL_DEAF: Duration = Duration::from_millis(250);
/// Log rows read per query.
const BATCH: u32 = 500;

/// The follower's wake-up: nudged by this node's writes and by the database's notifications.
pub struct Feed {
    wake: Arc<Notify>,
    listening: watch::Sender<bool>,
}

impl Feed {
    /// Starts listening on the database at `url` and following its log into `state`'s
    /// channel; both tasks end when the server shuts down.
    pub fn start(url: String, state: &mut AppState) {
        let feed = Arc::new(Feed {
            wake: Arc::new(Notify::new()),
            listening: watch::Sender::new(false),
        });
        tokio::spawn(listen::follow(
            url,
            listen::EVENTS,
            feed.wake.clone(),
            feed.listening.clone(),
            state.shutdown.clone(),
        ));
        state.feed = Some(feed.clone());
        tokio::spawn(follow(state.clone(), feed));
    }

    /// Something was committed here: look at the log now.
    pub fn nudge(&self) {
        self.wake.notify_one();
    }
}

/// Broadcasts every log row after the newest one at start, in id order, until shutdown.
async fn follow(state: AppState, feed: Arc<Feed>) {
    let mut stop = state.shutdown.clone();
    let mut last = None;
    loop {
        match read_on(&state, &mut last).await {
            Ok(()) => {}
            Err(e) => tracing::error!("following the event log failed: {e}"),
        }
        let poll = if *feed.listening.borrow() {
            POLL_LISTENING
        } else {
            POLL_DEAF
        };
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            _ = feed.wake.notified() => {}
            _ = tokio::time::sleep(poll) => {}
        }
    }
}

/// Sends the rows after `last` (the log's end when `last` is still unknown: streams read what
/// came before from the log themselves).
async fn read_on(state: &AppState, last: &mut Option<i64>) -> anyhow::Result<()> {
    let store = state.store.clone();
    let Some(mut after) = *last else {
        let end = tokio::task::spawn_blocking(move || store.last_event_id()).await??;
        *last = Some(end);
        return Ok(());
    };
    loop {
        let store = state.store.clone();
        let batch = tokio::task::spawn_blocking(move || store.events_after(after, BATCH)).await??;
        let more = batch.len() == BATCH as usize;
        for ev in batch {
            after = ev.id;
            *last = Some(after);
            // No subscribers is fine: the event is in the log for whoever connects later.
            let _ = state.events.send(ev);
        }
        if !more {
            return Ok(());
        }
    }
}
