//! Watches are evaluated here, on the server, so they fire while nobody has a console open.
//!
//! One task follows the event log from a stored cursor (so nothing committed while the server
//! was down, or while the task lagged, is skipped): for each committed change it asks the store
//! what the change touches ([`Facts`]), asks the [`Matcher`] which watches that fires, keeps
//! only those whose owner may see the change (membership of its case, checked now, not when the
//! watch was saved), and writes their alerts, their `alert` events and the new cursor in one
//! transaction. The events then go out on the owners' streams only.

pub mod matcher;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub use matcher::Matcher;

use super::AppState;
use super::store::{Store, StoreResult};
use crate::model::{Country, Event, EventKind, ItemKind, SeizureKind, User, Watch};

/// An active watch with its owner, as the matcher needs it.
#[derive(Debug, Clone)]
pub struct WatchRow {
    pub watch: Watch,
    pub owner: User,
    /// The last event id when the watch was saved: it fires only on later changes.
    pub since_event: i64,
}

/// The attributes of a new seizure that seizure filters test.
#[derive(Debug, Clone, PartialEq)]
pub struct SeizureFacts {
    pub port: Option<String>,
    pub state: String,
    pub agency: String,
    pub kind: SeizureKind,
    pub country: Country,
    pub items: Vec<ItemKind>,
}

/// What one committed change touches, read by the store for the matcher.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub serials: Vec<String>,
    pub firearms: Vec<String>,
    pub purchasers: Vec<String>,
    pub dealers: Vec<String>,
    /// (make, model, calibre) of each firearm touched.
    pub models: Vec<(String, String, String)>,
    /// Casings a new lead or confirmed hit touches.
    pub casings: Vec<String>,
    /// Every casing in the confirmed-hit clusters of `casings` (themselves included).
    pub cluster: Vec<String>,
    /// The case the change belongs to.
    pub case: Option<String>,
    pub seizure: Option<SeizureFacts>,
}

/// A firing to store: the watch, its owner and the change.
#[derive(Debug, Clone)]
pub struct Firing {
    pub watch_id: String,
    pub watch_name: String,
    pub owner: String,
    pub event: Event,
}

/// The compiled watches, rebuilt after any watch changes (routes call [`Registry::changed`]).
#[derive(Default)]
pub struct Registry {
    generation: AtomicU64,
    built: Mutex<Option<(u64, Arc<Matcher>)>>,
    /// Rebuilt for every batch: on a shared store another node may change a watch, and this
    /// node's routes would not hear of it (every node evaluates; the stored cursor lets one win).
    always_reload: bool,
}

impl Registry {
    /// A registry for a store several nodes share (see `always_reload`).
    pub fn shared() -> Self {
        Registry {
            always_reload: true,
            ..Registry::default()
        }
    }

    /// A watch was created, renamed, paused, resumed or deleted.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The matcher for the watches as they are now (compiled again only after a change).
    pub fn current(&self, store: &dyn Store) -> StoreResult<Arc<Matcher>> {
        let generation = self.generation.load(Ordering::SeqCst);
        if !self.always_reload
            && let Ok(built) = self.built.lock()
            && let Some((g, m)) = built.as_ref()
            && *g == generation
        {
            return Ok(m.clone());
        }
        let m = Arc::new(Matcher::new(store.active_watches()?));
        if let Ok(mut built) = self.built.lock() {
            *built = Some((generation, m.clone()));
        }
        Ok(m)
    }
}

/// Largest batch of log events read at once.
const BATCH: u32 = 500;

/// Which stored watches `events` fire, need-to-know applied: a change that belongs to a case
/// fires only for owners who are members of it now.
pub fn firings(store: &dyn Store, m: &Matcher, events: &[Event]) -> StoreResult<Vec<Firing>> {
    let mut out = Vec::new();
    if m.is_empty() {
        return Ok(out);
    }
    let mut member: HashMap<(String, String), bool> = HashMap::new();
    for ev in events.iter().filter(|e| e.kind != EventKind::Alert) {
        let facts = store.watch_facts(ev)?;
        for i in m.matches(&facts) {
            let row = m.row(i);
            if ev.id <= row.since_event {
                continue;
            }
            if let Some(case) = &ev.case_id {
                let key = (case.clone(), row.owner.name.clone());
                let ok = match member.get(&key) {
                    Some(ok) => *ok,
                    None => *member
                        .entry(key)
                        .or_insert(store.is_member(case, &row.owner)?),
                };
                if !ok {
                    continue;
                }
            }
            out.push(Firing {
                watch_id: row.watch.id.clone(),
                watch_name: row.watch.name.clone(),
                owner: row.owner.name.clone(),
                event: ev.clone(),
            });
        }
    }
    Ok(out)
}

/// Evaluates the next batch of the log after the stored cursor; the alert events written, and
/// whether there may be more to read.
pub fn evaluate_batch(store: &dyn Store, reg: &Registry) -> StoreResult<(Vec<Event>, bool)> {
    let cursor = store.watch_cursor()?;
    let events = store.events_after(cursor, BATCH)?;
    let Some(last) = events.last().map(|e| e.id) else {
        return Ok((Vec::new(), false));
    };
    let m = reg.current(store)?;
    let fired = firings(store, &m, &events)?;
    let alerts = store.fire_alerts(cursor, last, &fired)?;
    Ok((alerts, events.len() as u32 == BATCH))
}

/// The evaluating task: catches up with the log at start, then after every announced change.
pub async fn evaluate(state: AppState) {
    let mut live = state.events.subscribe();
    loop {
        let (store, reg) = (state.store.clone(), state.watches.clone());
        match tokio::task::spawn_blocking(move || evaluate_batch(store.as_ref(), &reg)).await {
            Ok(Ok((alerts, more))) => {
                alerts.into_iter().for_each(|e| state.publish(Some(e)));
                if more {
                    continue;
                }
            }
            Ok(Err(e)) => {
                tracing::error!("evaluating watches failed: {e}");
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
            Err(e) => tracing::error!("watch task failed: {e}"),
        }
        // Wait for the next change; a lag only means "read the log", which the loop does.
        match live.recv().await {
            Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
        }
    }
}
