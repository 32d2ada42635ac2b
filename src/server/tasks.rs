//! Background work of the reference server.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast;

use super::AppState;
use super::store::Store;
use crate::model::{Event, EventKind};

/// Moves traces along their lifecycle once a second and announces the changes.
pub async fn advance_traces(state: AppState, delay: Duration) {
    let delay = chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::seconds(20));
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        let store = state.store.clone();
        match tokio::task::spawn_blocking(move || store.advance_traces(chrono::Utc::now(), delay))
            .await
        {
            Ok(Ok(events)) => events.into_iter().for_each(|e| state.publish(Some(e))),
            Ok(Err(e)) => tracing::error!("advancing traces failed: {e}"),
            Err(e) => tracing::error!("trace task failed: {e}"),
        }
    }
}

/// How often a node seals queued audit rows into the chain: the longest a row of a running
/// service waits outside it (readers of the trail seal first and never wait for this).
pub const SEAL_EVERY: Duration = Duration::from_millis(250);

/// Seals the audit rows every node queued (PostgreSQL: `store::postgres::audit_chain`) a few
/// times a second. Every node runs it; the write lock makes them take turns, and a node that
/// finds the queue empty does not take the lock at all.
pub async fn seal_audit(store: Arc<dyn Store>) {
    let mut tick = tokio::time::interval(SEAL_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        seal_once(store.clone()).await;
    }
}

/// Seals the queued audit rows once, on the blocking pool; a failure is logged (the next
/// seal, or the next reader of the trail, takes the rows up).
pub async fn seal_once(store: Arc<dyn Store>) {
    match tokio::task::spawn_blocking(move || store.seal_audit()).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::error!("sealing queued audit rows failed: {e}"),
        Err(e) => tracing::error!("audit seal task failed: {e}"),
    }
}

/// The correlation queue's one worker: ranks queued casings a batch at a time on the blocking
/// pool and announces their lists and automatic leads; sleeps while the queue is empty. On a
/// shared store it ranks only while this node is the leader, and wakes on every node's
/// acquisitions (read from the event log) as well as on this node's.
pub async fn correlate_queue(state: AppState) {
    let corr = state.correlator.clone();
    let mut logged = state.events.subscribe();
    loop {
        if !corr.may_rank() {
            corr.leadership().await;
            continue;
        }
        let seen = corr.announced();
        let (store, worker) = (state.store.clone(), corr.clone());
        match tokio::task::spawn_blocking(move || worker.drain(store.as_ref())).await {
            Ok(Ok((0, _))) => {
                corr.idle_since(seen);
                if corr.shared() {
                    tokio::select! {
                        _ = corr.woken() => {}
                        _ = acquired_elsewhere(&mut logged) => {}
                    }
                } else {
                    corr.woken().await;
                }
            }
            Ok(Ok((_, events))) => events.into_iter().for_each(|e| state.publish(Some(e))),
            Ok(Err(e)) => {
                tracing::error!("correlating queued casings failed: {e}");
                // Retry after a pause (a busy database clears; a new acquisition wakes it too).
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = corr.woken() => {}
                }
            }
            Err(e) => tracing::error!("correlation task failed: {e}"),
        }
    }
}

/// Returns once the log announces an acquisition (on any node), or the channel lagged (then
/// the queue is looked at anyway). Pends forever once the channel is closed.
async fn acquired_elsewhere(logged: &mut broadcast::Receiver<Event>) {
    loop {
        match logged.recv().await {
            Ok(ev) if ev.kind == EventKind::CasingAcquired => return,
            Ok(_) => {}
            Err(broadcast::error::RecvError::Lagged(_)) => return,
            Err(broadcast::error::RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
}
