//! Executes effects in tokio tasks and sends their results back as actions.
//!
//! Nothing here touches the state: every result is an owned, tagged [`Reply`], and `update()`
//! decides what it means (dropping stale generations). One read is in flight per slot: a newer
//! read for the same slot aborts the older one.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use futures_util::{FutureExt, StreamExt};
use tokio::sync::{Notify, mpsc};
use tokio::task::AbortHandle;

use super::action::Action;
use super::backend::{Backend, FetchError, FetchErrorKind};
use super::effect::{CacheEntry, Effect, PendingWrite, Request, Slot};
use super::reply::{Data, Reply};
use super::store::Store;

/// How long a toast stays up.
pub const TOAST_TIME: Duration = Duration::from_secs(5);
const RETRY_MIN: Duration = Duration::from_secs(2);
const RETRY_MAX: Duration = Duration::from_secs(30);

/// Shared between the tasks that learn the link is down and the one that watches for its return.
struct Link {
    /// Tells the app the link is down again while this side already knew (see `went_offline`).
    tx: mpsc::UnboundedSender<Action>,
    offline: AtomicBool,
    /// How many signs of the link down there have been.
    signs: AtomicU64,
    /// Why, in words the user can act on.
    reason: std::sync::Mutex<String>,
    changed: Notify,
    /// Wakes the outbox: a new write, the server is back, or the user signed in again.
    outbox: Notify,
    /// The user signed in again (after the idle lock or an ended session): the change stream,
    /// stopped by the old session's `401`, starts over.
    signed_in: Notify,
    /// The node the status bar names (a service with several addresses), to tell the app
    /// only when it changes.
    node: std::sync::Mutex<Option<String>>,
}

impl Link {
    /// Tells the app the node in use when it differs from the last one told.
    fn note_node(&self, node: Option<String>) {
        let Some(node) = node else { return };
        let Ok(mut last) = self.node.lock() else {
            return;
        };
        if last.as_deref() != Some(node.as_str()) {
            *last = Some(node.clone());
            send(&self.tx, Reply::Node(node));
        }
    }
    fn new(tx: mpsc::UnboundedSender<Action>) -> Link {
        Link {
            tx,
            offline: AtomicBool::default(),
            signs: AtomicU64::default(),
            reason: std::sync::Mutex::default(),
            node: std::sync::Mutex::default(),
            changed: Notify::new(),
            outbox: Notify::new(),
            signed_in: Notify::new(),
        }
    }

    /// A sign that the link is down. The first of an outage wakes the link watcher, which says
    /// so to the app; later ones are said at once, because the app may have shown the link
    /// back up since (any answer that came through, such as a read racing the outage), and
    /// the watcher, still waiting for the health check, would not say it again — the status
    /// bar would stay `online` with the server gone.
    fn went_offline(&self, why: &str) {
        if let Ok(mut r) = self.reason.lock() {
            *r = why.to_string();
        }
        self.signs.fetch_add(1, Ordering::SeqCst);
        if self.offline.swap(true, Ordering::SeqCst) {
            send(&self.tx, Reply::Offline(why.to_string()));
        } else {
            self.changed.notify_one();
        }
    }
}

pub struct Runtime<B: Backend> {
    backend: B,
    tx: mpsc::UnboundedSender<Action>,
    store: Arc<Store>,
    link: Arc<Link>,
    inflight: HashMap<Slot, AbortHandle>,
    background: Vec<AbortHandle>,
    /// Where `Effect::SaveFile` writes (the directory the user started the console in).
    save_dir: PathBuf,
    /// Where a new session is kept for the next start (as `fwc login` keeps it), if anywhere.
    keeper: Option<Arc<super::kept_session::Keeper>>,
}

pub(super) fn send(tx: &mpsc::UnboundedSender<Action>, r: Reply) {
    // A closed channel means the console is shutting down; nothing left to tell.
    let _ = tx.send(Action::Reply(Box::new(r)));
}

/// Answers a read (or an effect answered like one) of `slot`.
pub(super) fn answer(
    tx: &mpsc::UnboundedSender<Action>,
    slot: Slot,
    generation: u64,
    result: Result<Data, FetchError>,
) {
    send(
        tx,
        Reply::Fetched {
            slot,
            generation,
            result,
        },
    );
}

impl<B: Backend> Runtime<B> {
    /// Starts the background tasks: outbox delivery, the change stream and the link watcher.
    /// Files the user asks for are written into `save_dir`.
    pub fn start(
        backend: B,
        tx: mpsc::UnboundedSender<Action>,
        store: Arc<Store>,
        save_dir: PathBuf,
    ) -> Runtime<B> {
        let link = Arc::new(Link::new(tx.clone()));
        let background = vec![
            tokio::spawn(outbox_loop(
                backend.clone(),
                tx.clone(),
                store.clone(),
                link.clone(),
            ))
            .abort_handle(),
            tokio::spawn(events_loop(backend.clone(), tx.clone(), link.clone())).abort_handle(),
            tokio::spawn(link_watch(backend.clone(), tx.clone(), link.clone())).abort_handle(),
        ];
        Runtime {
            backend,
            tx,
            store,
            link,
            inflight: HashMap::new(),
            background,
            save_dir,
            keeper: None,
        }
    }

    /// Keeps every new session (after the lock screen) on disk for the next start.
    pub fn keep_sessions(mut self, keeper: super::kept_session::Keeper) -> Self {
        self.keeper = Some(Arc::new(keeper));
        self
    }

    /// Reads the rest of the cache in the background (the first frame used only the head of a
    /// long list): the whole cached queue, taken by the pane that shows it while its data is
    /// still the cache's.
    pub fn load_rest_of_cache(&self) {
        let (store, tx) = (self.store.clone(), self.tx.clone());
        tokio::task::spawn_blocking(move || {
            if let Some(rows) = store.load_queue() {
                send(&tx, Reply::Cached(CacheEntry::Queue(rows, None)));
            }
        });
    }

    /// Saves the note being written now, on this thread (see [`crate::app::panes::cases::local::execute_now`]).
    pub fn save_draft_now(&self, state: &crate::app::state::State) {
        let now = chrono::Utc::now();
        let last = state
            .panes
            .cases
            .editor
            .as_ref()
            .and_then(|e| e.final_save(now));
        if let Some(e) = last
            && let Err(err) = super::panes::cases::local::execute_now(&self.store, &e)
        {
            tracing::error!("saving the draft before exit: {err:#}");
        }
    }

    /// Runs one effect. `Copy`, `Quit` and `Suspend` belong to the terminal and are ignored here.
    pub fn execute(&mut self, effect: Effect) {
        match effect {
            Effect::Fetch {
                slot,
                generation,
                req,
            } => self.fetch(slot, generation, req),
            Effect::Write(w) => self.write(w),
            Effect::SaveFile {
                slot,
                generation,
                name,
                text,
            } => self.save_file(slot, generation, name, text),
            Effect::Cache(entry) => {
                let store = self.store.clone();
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = store.save(&entry) {
                        tracing::warn!("cache write failed: {e:#}");
                    }
                });
            }
            Effect::ExpireToast(id) => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(TOAST_TIME).await;
                    send(&tx, Reply::ToastExpired(id));
                });
            }
            Effect::ProbeLink => {
                let (backend, tx) = (self.backend.clone(), self.tx.clone());
                tokio::spawn(async move {
                    if let Some(rtt) = probe_round_trip(&backend).await {
                        let _ =
                            tx.send(Action::LinkMeasured(super::link::LinkSign::RoundTrip(rtt)));
                    }
                });
            }
            Effect::HoldFrame { id, after } => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    send(&tx, Reply::HoldExpired(id));
                });
            }
            Effect::Local(e) => super::panes::cases::local::execute(&self.store, &self.tx, e),
            Effect::SignIn(body) => {
                let link = self.link.clone();
                let keeper = self.keeper.clone();
                let (backend, tx) = (self.backend.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result =
                        super::runtime_signin::sign_in(&backend, body, keeper.as_deref()).await;
                    if result.is_ok() {
                        link.signed_in.notify_one();
                        link.outbox.notify_one();
                    }
                    send(&tx, Reply::SignedIn(result));
                });
            }
            Effect::FetchBanner(_) | Effect::SignOut => {
                super::runtime_signin::spawn_gate(&self.backend, &self.tx, effect, None);
            }
            Effect::ReadImport {
                slot,
                generation,
                path,
            } => super::runtime_import::read(
                self.tx.clone(),
                self.save_dir.clone(),
                slot,
                generation,
                path,
            ),
            Effect::Import {
                slot,
                generation,
                batches,
            } => super::runtime_import::import(
                self.backend.clone(),
                self.tx.clone(),
                slot,
                generation,
                batches,
            ),
            Effect::Navigate(_) => {}
            Effect::Copy(_) | Effect::Quit | Effect::Suspend => {}
        }
    }

    fn fetch(&mut self, slot: Slot, generation: u64, req: Request) {
        if let Some(old) = self.inflight.remove(&slot) {
            old.abort();
        }
        let (backend, tx, link) = (self.backend.clone(), self.tx.clone(), self.link.clone());
        let task = tokio::spawn(async move {
            let result = backend.fetch(req).await;
            if let Err(e) = &result
                && e.is_offline()
            {
                link.went_offline(&e.offline_reason());
            }
            link.note_node(backend.active_node());
            answer(&tx, slot, generation, result);
        });
        self.inflight.insert(slot, task.abort_handle());
    }

    /// Writes a file the user asked for into the save directory and answers like a read of
    /// `slot`. `name` must be a bare file name: anything that would climb or leave the
    /// directory is refused.
    fn save_file(&self, slot: Slot, generation: u64, name: String, text: String) {
        let tx = self.tx.clone();
        let path = self.save_dir.join(&name);
        tokio::spawn(async move {
            let bare = std::path::Path::new(&name).file_name() == Some(std::ffi::OsStr::new(&name));
            let result = if !bare || name.starts_with('.') {
                Err(FetchError::new(
                    FetchErrorKind::Invalid,
                    format!("refusing to write {name:?}: not a plain file name"),
                ))
            } else {
                match tokio::fs::write(&path, text).await {
                    Ok(()) => Ok(Data::Exported(path.display().to_string())),
                    Err(e) => Err(FetchError::new(
                        FetchErrorKind::Invalid,
                        format!("cannot write {}: {e}", path.display()),
                    )),
                }
            };
            answer(&tx, slot, generation, result);
        });
    }

    /// Stores the write durably first, then wakes the outbox to deliver it.
    fn write(&self, w: PendingWrite) {
        let (store, link) = (self.store.clone(), self.link.clone());
        tokio::task::spawn_blocking(move || {
            if let Err(e) = store.push(&w) {
                tracing::error!("outbox write failed: {e:#}");
            }
            link.outbox.notify_one();
        });
    }
}

impl<B: Backend> Drop for Runtime<B> {
    fn drop(&mut self) {
        for h in self.inflight.values().chain(self.background.iter()) {
            h.abort();
        }
    }
}

async fn pending(store: &Arc<Store>) -> Vec<PendingWrite> {
    let s = store.clone();
    match tokio::task::spawn_blocking(move || s.pending()).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            tracing::error!("outbox read failed: {e:#}");
            Vec::new()
        }
        Err(_) => Vec::new(),
    }
}

async fn remove(store: &Arc<Store>, key: String) {
    let s = store.clone();
    let _ = tokio::task::spawn_blocking(move || s.remove(&key)).await;
}

/// Delivers queued writes in order, each once: removed from the outbox only when the server
/// answered. While the link is down it waits to be woken rather than polling.
async fn outbox_loop<B: Backend>(
    backend: B,
    tx: mpsc::UnboundedSender<Action>,
    store: Arc<Store>,
    link: Arc<Link>,
) {
    let mut backoff = RETRY_MIN;
    loop {
        // A wake-up from before this read is answered by it. Dropping it keeps a write's own
        // wake-up from cutting short the pause after that write's first failed try.
        let _ = link.outbox.notified().now_or_never();
        let queue = pending(&store).await;
        send(&tx, Reply::Outbox(queue.len()));
        if queue.is_empty() || link.offline.load(Ordering::SeqCst) {
            link.outbox.notified().await;
            continue;
        }
        for w in queue {
            let key = w.key.clone();
            match backend.write(w).await {
                Ok(data) => {
                    remove(&store, key.clone()).await;
                    send(
                        &tx,
                        Reply::Wrote {
                            key,
                            result: Ok(data),
                        },
                    );
                    backoff = RETRY_MIN;
                }
                // The session ended (idle lock, expiry): the write waits in the outbox until
                // the user signs in again, and the console asks them to.
                Err(e) if e.kind == FetchErrorKind::Unauthorized => {
                    send(&tx, Reply::SessionEnded(e.message));
                    link.outbox.notified().await;
                    break;
                }
                Err(e) if e.is_retryable() => {
                    if e.is_offline() {
                        link.went_offline(&e.offline_reason());
                    }
                    tokio::select! {
                        _ = link.outbox.notified() => {}
                        _ = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(RETRY_MAX);
                    break;
                }
                Err(e) => {
                    remove(&store, key.clone()).await;
                    send(
                        &tx,
                        Reply::Wrote {
                            key,
                            result: Err(e),
                        },
                    );
                }
            }
            send(&tx, Reply::Outbox(pending(&store).await.len()));
        }
    }
}

/// Feeds server-pushed changes to the panes; its errors are a sign the link is down.
/// A stream the server refused (the session ended: `401`) starts over, from the last change
/// seen, once the user has signed in again.
async fn events_loop<B: Backend>(backend: B, tx: mpsc::UnboundedSender<Action>, link: Arc<Link>) {
    let mut last = None;
    loop {
        let mut stream = backend.events(last);
        while let Some(item) = stream.next().await {
            match item {
                Ok(ev) => {
                    last = Some(ev.id);
                    send(&tx, Reply::Event(ev));
                }
                Err(e) if e.is_offline() => link.went_offline(&e.offline_reason()),
                Err(e) => tracing::warn!("change stream: {e}"),
            }
        }
        link.signed_in.notified().await;
    }
}

/// The shorter of two timed health probes (the first may pay for opening the connection);
/// `None` when the server does not answer.
async fn probe_round_trip<B: Backend>(backend: &B) -> Option<Duration> {
    let mut best: Option<Duration> = None;
    for _ in 0..2 {
        let t0 = tokio::time::Instant::now();
        backend.fetch(Request::Health).await.ok()?;
        let took = t0.elapsed();
        best = Some(best.map_or(took, |b| b.min(took)));
    }
    best
}

/// While the link is down, asks the server's health endpoint with growing pauses; when it
/// answers, says so and wakes the outbox.
async fn link_watch<B: Backend>(backend: B, tx: mpsc::UnboundedSender<Action>, link: Arc<Link>) {
    loop {
        if !link.offline.load(Ordering::SeqCst) {
            link.changed.notified().await;
            continue;
        }
        let why = link.reason.lock().map(|r| r.clone()).unwrap_or_default();
        send(&tx, Reply::Offline(why));
        let mut wait = RETRY_MIN;
        loop {
            tokio::time::sleep(wait).await;
            let signs = link.signs.load(Ordering::SeqCst);
            match backend.fetch(Request::Health).await {
                // A sign of the link down that came while the server answered is newer than
                // the answer: ask again rather than call the link back.
                Ok(_) if link.signs.load(Ordering::SeqCst) == signs => break,
                Ok(_) => wait = RETRY_MIN,
                Err(_) => wait = (wait * 2).min(RETRY_MAX),
            }
        }
        link.offline.store(false, Ordering::SeqCst);
        send(&tx, Reply::Online);
        link.outbox.notify_one();
    }
}
