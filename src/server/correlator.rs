//! Correlation of acquisitions, queued. `POST /v1/ballistics/casings` only stores the casing
//! (with `correlated_at` unset) and wakes one worker ([`super::tasks::correlate_queue`]),
//! which ranks the queued casings oldest first, a few per blocking job. The queue is the
//! table itself, so it is bounded by nothing the server holds in memory, survives a restart,
//! and a burst of acquisitions costs API reads one busy core at most, never a stalled pool.
//!
//! Ranking: one in-memory engine per calibre class, built from the stored descriptors of the
//! casings already ranked the first time a class is queried (missing descriptors are computed
//! from their images and saved), then kept current as casings are ranked — so each casing is
//! compared with every earlier one. The whole-image pass ranks (its recall on damaged casings
//! is the better one, `fwc bench ballistics --sweep`); the cell matcher adds each candidate's
//! evidence and decides automatic leads ([`crate::ballistics::evidence`]).
//!
//! Several nodes (PostgreSQL): only one ranks at a time — the node holding the correlator's
//! advisory lock ([`crate::server::store::postgres::leader`]) — so its engines hold every
//! casing ranked so far and each new casing is compared with all earlier ones, whichever node
//! acquired it. The leader hears of another node's acquisition through the event log
//! (`casing_acquired`, [`super::event_feed`]); a node that is not the leader keeps no engine, and
//! one that becomes leader (the last one stopped or died) builds its engines again from the
//! stored descriptors, as at start. A casing is ranked once even so: the store ignores a
//! ranking of a casing already ranked.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::{Notify, watch};

use crate::ballistics::descriptor::Descriptor;
use crate::ballistics::engine::{DEFAULT_SHORTLIST, DEFAULT_TOP, Engine};
use crate::ballistics::evidence::is_automatic_lead;
use crate::ballistics::image::Gray;
use crate::model::Event;
use crate::server::store::{CandidateRow, Correlated, Store, StoreError, StoreResult};

/// Queued casings ranked per blocking job: small, so a shutdown or a burst of reads never
/// waits long behind the worker.
pub const BATCH: u32 = 8;

pub struct Correlator {
    /// Only the worker ranks, one job at a time; the lock keeps that true.
    engines: Mutex<HashMap<String, Engine>>,
    wake: Notify,
    /// (acquisitions announced so far, whether the worker found the queue empty since the
    /// last one): lets a caller wait until everything acquired is ranked.
    progress: watch::Sender<(u64, bool)>,
    /// On a shared store: whether this node is the one that ranks now (`None`: always).
    leader: Option<watch::Receiver<bool>>,
}

impl Default for Correlator {
    fn default() -> Self {
        Self {
            engines: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            // Not idle until the worker has looked at what an earlier run left queued.
            progress: watch::Sender::new((0, false)),
            leader: None,
        }
    }
}

impl Correlator {
    /// A correlator that ranks only while `leader` says this node holds the lock.
    pub fn led_by(leader: watch::Receiver<bool>) -> Self {
        Self {
            leader: Some(leader),
            ..Self::default()
        }
    }

    /// Whether this node may rank now; when it may not, its engines are let go (another node
    /// ranks meanwhile, so they would miss casings). Without a leader lock: always.
    pub(super) fn may_rank(&self) -> bool {
        let leads = self.leader.as_ref().is_none_or(|l| *l.borrow());
        if !leads && let Ok(mut engines) = self.engines.lock() {
            engines.clear();
        }
        leads
    }

    /// Waits until this node becomes the leader (at once without a leader lock).
    pub(super) async fn leadership(&self) {
        if let Some(l) = &self.leader {
            let mut l = l.clone();
            let _ = l.wait_for(|v| *v).await;
        }
    }

    /// Whether another node may rank (the worker then also wakes on logged acquisitions).
    pub(super) fn shared(&self) -> bool {
        self.leader.is_some()
    }

    /// Announces a newly stored casing: the worker wakes (or runs once more) to rank it.
    pub fn enqueued(&self) {
        self.progress.send_modify(|p| {
            p.0 += 1;
            p.1 = false;
        });
        self.wake.notify_one();
    }

    /// Waits until every casing announced so far is ranked (tests, benchmarks).
    pub async fn settled(&self) {
        let mut rx = self.progress.subscribe();
        let _ = rx.wait_for(|p| p.1).await;
    }

    /// How many acquisitions were announced (the worker compares it before and after a job).
    pub(super) fn announced(&self) -> u64 {
        self.progress.borrow().0
    }

    /// Records an empty queue, unless an acquisition was announced after `seen`.
    pub(super) fn idle_since(&self, seen: u64) {
        self.progress.send_if_modified(|p| {
            let now_idle = p.0 == seen && !p.1;
            if now_idle {
                p.1 = true;
            }
            now_idle
        });
    }

    pub(super) async fn woken(&self) {
        self.wake.notified().await;
    }

    /// Ranks up to [`BATCH`] queued casings (blocking: call from the blocking pool). Returns
    /// how many were taken and the events to announce.
    pub fn drain(&self, store: &dyn Store) -> StoreResult<(usize, Vec<Event>)> {
        let queued = store.queued_casings(BATCH)?;
        let mut events = Vec::new();
        for (id, caliber) in &queued {
            events.extend(self.rank(store, id, caliber)?);
        }
        Ok((queued.len(), events))
    }

    /// Ranks one queued casing against the earlier ones of its calibre class and stores the list.
    fn rank(&self, store: &dyn Store, id: &str, caliber: &str) -> StoreResult<Vec<Event>> {
        let mut engines = self
            .engines
            .lock()
            .map_err(|_| StoreError::Internal("correlator lock poisoned".into()))?;
        if !engines.contains_key(caliber) {
            let engine = load_engine(store, caliber)?;
            engines.insert(caliber.to_string(), engine);
        }
        let engine = engines
            .get_mut(caliber)
            .ok_or_else(|| StoreError::Internal("engine missing".into()))?;
        let Some(query) = stored_image(store, id) else {
            tracing::warn!("casing {id} has no readable image; stored with an empty list");
            let empty = Correlated {
                casing_id: id.to_string(),
                descriptor: Vec::new(),
                candidates: Vec::new(),
                automatic: Vec::new(),
            };
            return store.save_correlation(&empty);
        };
        let fetch = |other: &str| stored_image(store, other);
        let result = engine.correlate_with_evidence(&query, fetch, DEFAULT_SHORTLIST, DEFAULT_TOP);
        let correlated = Correlated {
            casing_id: id.to_string(),
            descriptor: result.descriptor.to_bytes(),
            automatic: result
                .candidates
                .iter()
                .filter(|c| is_automatic_lead(c))
                .map(|c| c.rank)
                .collect(),
            candidates: result
                .candidates
                .iter()
                .map(|c| CandidateRow {
                    casing_id: String::new(),
                    candidate_id: c.id.clone(),
                    rank: c.rank,
                    scores: c.scores,
                    rotation_deg: c.rotation_deg,
                    shift_x: c.shift_x,
                    shift_y: c.shift_y,
                    cells: c.cells,
                })
                .collect(),
        };
        let events = store.save_correlation(&correlated)?;
        engine.insert(id.to_string(), &result.descriptor);
        Ok(events)
    }
}

fn stored_image(store: &dyn Store, id: &str) -> Option<Gray> {
    let (side, pixels) = store.casing_image(id).ok()??;
    Gray::square(side as usize, pixels)
}

/// Builds the engine of one calibre class, computing and saving descriptors that are missing.
fn load_engine(store: &dyn Store, caliber: &str) -> StoreResult<Engine> {
    let mut engine = Engine::new();
    let mut computed = Vec::new();
    for (id, bytes) in store.casing_descriptors(caliber)? {
        let descriptor = match bytes.as_deref().map(Descriptor::from_bytes) {
            Some(Ok(d)) => d,
            _ => {
                let Some(img) = stored_image(store, &id) else {
                    tracing::warn!("casing {id} has no readable image; left out of correlation");
                    continue;
                };
                let d = crate::ballistics::descriptor::describe(&img);
                computed.push((id.clone(), d.to_bytes()));
                d
            }
        };
        engine.insert(id, &descriptor);
    }
    if !computed.is_empty() {
        store.save_descriptors(&computed)?;
    }
    Ok(engine)
}
