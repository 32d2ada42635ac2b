//! An in-memory [`Backend`] for driving the effect runtime without a network: answers are
//! scripted, every call is logged with the (paused) tokio clock, and a read that is dropped
//! before it answered is logged as such, so a test can see that the runtime aborted it.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use tokio::sync::{Notify, mpsc};
use tokio::time::Instant;

use fwc::app::Action;
use fwc::app::backend::{Backend, FetchError, FetchErrorKind};
use fwc::app::effect::{PendingWrite, Request};
use fwc::app::reply::{Data, Reply};
use fwc::app::runtime::Runtime;
use fwc::app::store::Store;
use fwc::model::{Event, Health, ImportOutcome, ImportResult, SeizureImport};

/// What the backend was asked, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    Fetch(Request),
    /// A read finished and its answer went back to the runtime.
    Answered(Request),
    /// A read was dropped before it answered (its task was aborted).
    Dropped(Request),
    /// A write reached the backend, with its idempotency key.
    Write(String),
    /// An import batch reached the backend: its rows' keys.
    Import(Vec<String>),
}

#[derive(Default)]
struct Script {
    calls: Vec<(Instant, Call)>,
    /// Answers to the next writes, in order; when they run out a write succeeds.
    writes: VecDeque<Result<Data, FetchError>>,
    /// Answers to the next health checks, in order; when they run out the server is up.
    health: VecDeque<Result<Data, FetchError>>,
    /// Reads that take this long before answering.
    slow: HashMap<String, Duration>,
    /// Every read but health checks finds the link down.
    reads_offline: bool,
    /// What reads answer; [`answer_to`] for those it has no answer for.
    answers: Option<Answers>,
    /// The change stream: what a test pushes, the runtime reads (made by whichever comes first).
    events: Option<EventChannel>,
    /// Answers to the next import batches, in order; when they run out every row of a batch
    /// is recorded.
    imports: VecDeque<Result<ImportResult, FetchError>>,
}

type EventItem = Result<Event, FetchError>;
type EventChannel = (
    mpsc::UnboundedSender<EventItem>,
    Option<mpsc::UnboundedReceiver<EventItem>>,
);

type Answers = Arc<dyn Fn(&Request) -> Option<Data> + Send + Sync>;

#[derive(Clone, Default)]
pub struct FakeBackend {
    script: Arc<Mutex<Script>>,
    /// Signalled on every call, so a test can wait for one to arrive.
    called: Arc<Notify>,
}

/// The link is down: what a refused connection looks like to the runtime.
pub fn offline() -> FetchError {
    FetchError::new(FetchErrorKind::Offline, "connection refused")
}

/// The server failed (retryable, but the link is up).
pub fn server_error() -> FetchError {
    FetchError::new(FetchErrorKind::Server, "500 internal error")
}

/// The answer the fake gives a read of `req`: the request itself, so a test can tell answers apart.
pub fn answer_to(req: &Request) -> Data {
    Data::Exported(format!("{req:?}"))
}

impl FakeBackend {
    fn with<T>(&self, f: impl FnOnce(&mut Script) -> T) -> T {
        f(&mut self.script.lock().expect("script lock"))
    }

    fn log(&self, call: Call) {
        self.with(|s| s.calls.push((Instant::now(), call)));
        self.called.notify_waiters();
    }

    /// Waits until a call equal to `call` has been made. Panics if none comes within a virtual
    /// day (with the clock paused that costs no real time).
    pub async fn wait_for(&self, call: &Call) {
        let wait = async {
            loop {
                let next = self.called.notified();
                if self.calls().contains(call) {
                    return;
                }
                next.await;
            }
        };
        if tokio::time::timeout(Duration::from_secs(86_400), wait)
            .await
            .is_err()
        {
            panic!("no call {call:?}; calls were {:?}", self.calls());
        }
    }

    pub fn calls(&self) -> Vec<Call> {
        self.with(|s| s.calls.iter().map(|(_, c)| c.clone()).collect())
    }

    /// When each call matching `pred` arrived.
    pub fn times(&self, pred: impl Fn(&Call) -> bool) -> Vec<Instant> {
        self.with(|s| {
            s.calls
                .iter()
                .filter(|(_, c)| pred(c))
                .map(|(t, _)| *t)
                .collect()
        })
    }

    /// The next writes answer these, in order.
    pub fn script_writes(&self, answers: impl IntoIterator<Item = Result<Data, FetchError>>) {
        self.with(|s| s.writes.extend(answers));
    }

    /// The next health checks answer these, in order.
    pub fn script_imports(
        &self,
        answers: impl IntoIterator<Item = Result<ImportResult, FetchError>>,
    ) {
        self.with(|s| s.imports.extend(answers));
    }

    pub fn script_health(&self, answers: impl IntoIterator<Item = Result<Data, FetchError>>) {
        self.with(|s| s.health.extend(answers));
    }

    /// Reads answer what `answers` gives for them.
    pub fn answer_with(&self, answers: impl Fn(&Request) -> Option<Data> + Send + Sync + 'static) {
        self.with(|s| s.answers = Some(Arc::new(answers)));
    }

    /// From now on every read but health checks finds the link down (or no longer does).
    pub fn script_reads_offline(&self, down: bool) {
        self.with(|s| s.reads_offline = down);
    }

    /// The change stream yields `item` (an event, or an error such as [`offline`]).
    pub fn push_event(&self, item: EventItem) {
        self.with(|s| {
            let (tx, _) = s.events.get_or_insert_with(event_channel);
            let _ = tx.send(item);
        });
    }

    /// A read of `req` takes `after` to answer (health checks too).
    pub fn slow(&self, req: &Request, after: Duration) {
        self.with(|s| s.slow.insert(format!("{req:?}"), after));
    }
}

/// Logs `Dropped` unless the read answered first.
struct Watch {
    backend: FakeBackend,
    req: Option<Request>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(req) = self.req.take() {
            self.backend.log(Call::Dropped(req));
        }
    }
}

impl Backend for FakeBackend {
    async fn fetch(&self, req: Request) -> Result<Data, FetchError> {
        self.log(Call::Fetch(req.clone()));
        if req == Request::Health {
            let delay = self.with(|s| s.slow.get(&format!("{req:?}")).copied());
            if let Some(d) = delay {
                tokio::time::sleep(d).await;
            }
            let next = self.with(|s| s.health.pop_front());
            return next.unwrap_or_else(|| Ok(Data::Health(health())));
        }
        if self.with(|s| s.reads_offline) {
            return Err(offline());
        }
        let mut watch = Watch {
            backend: self.clone(),
            req: Some(req.clone()),
        };
        let delay = self.with(|s| s.slow.get(&format!("{req:?}")).copied());
        if let Some(d) = delay {
            tokio::time::sleep(d).await;
        }
        watch.req = None;
        self.log(Call::Answered(req.clone()));
        let answers = self.with(|s| s.answers.clone());
        Ok(answers
            .and_then(|a| a(&req))
            .unwrap_or_else(|| answer_to(&req)))
    }

    async fn write(&self, w: PendingWrite) -> Result<Data, FetchError> {
        self.log(Call::Write(w.key.clone()));
        let next = self.with(|s| s.writes.pop_front());
        // The runtime passes a delivered write's answer on untouched; its kind does not matter.
        next.unwrap_or(Ok(Data::Exported(w.key)))
    }

    async fn import_seizures(&self, batch: SeizureImport) -> Result<ImportResult, FetchError> {
        let keys: Vec<String> = batch.rows.iter().map(|r| r.key.clone()).collect();
        self.log(Call::Import(keys.clone()));
        let next = self.with(|s| s.imports.pop_front());
        next.unwrap_or_else(|| {
            Ok(ImportResult {
                results: keys
                    .into_iter()
                    .enumerate()
                    .map(|(i, key)| ImportOutcome {
                        key,
                        id: format!("SZ-9{i:05}"),
                        created: true,
                    })
                    .collect(),
            })
        })
    }

    /// What the test pushes with [`FakeBackend::push_event`]; a stream asked for again (after
    /// a new sign-in) stays silent.
    fn events(&self, _after: Option<i64>) -> BoxStream<'static, Result<Event, FetchError>> {
        match self.with(|s| s.events.get_or_insert_with(event_channel).1.take()) {
            Some(rx) => tokio_stream::wrappers::UnboundedReceiverStream::new(rx).boxed(),
            None => futures_util::stream::pending().boxed(),
        }
    }
}

fn event_channel() -> EventChannel {
    let (tx, rx) = mpsc::unbounded_channel();
    (tx, Some(rx))
}

fn health() -> Health {
    Health {
        status: "ok".into(),
        version: "test".into(),
        synthetic_data: true,
        api_version: "v1".into(),
    }
}

/// A runtime over `backend` and an empty in-memory outbox, and the channel its replies come on.
pub struct Harness {
    pub runtime: Runtime<FakeBackend>,
    pub replies: mpsc::UnboundedReceiver<Action>,
    pub store: Arc<Store>,
}

impl Harness {
    /// Starts the runtime and waits until its outbox is idle (it has looked at the empty outbox
    /// and waits to be woken), so what a test does next meets a settled runtime. Files it is
    /// asked to save go to the system's temporary directory.
    pub async fn start(backend: &FakeBackend) -> Harness {
        Harness::saving_into(backend, std::env::temp_dir()).await
    }

    /// [`Harness::start`], saving files into `dir`.
    pub async fn saving_into(backend: &FakeBackend, dir: std::path::PathBuf) -> Harness {
        let (tx, replies) = mpsc::unbounded_channel();
        let store = Arc::new(Store::in_memory("http://fake.invalid").expect("in-memory store"));
        let runtime = Runtime::start(backend.clone(), tx, store.clone(), dir);
        let mut h = Harness {
            runtime,
            replies,
            store,
        };
        h.next("the idle outbox", |r| (r == Reply::Outbox(0)).then_some(()))
            .await;
        h
    }

    /// The next reply for which `pick` gives a value (others are skipped). Panics if none comes
    /// within a virtual day: with the clock paused that costs no real time.
    pub async fn next<T>(&mut self, what: &str, pick: impl Fn(Reply) -> Option<T>) -> T {
        let wait = async {
            while let Some(action) = self.replies.recv().await {
                if let Action::Reply(r) = action
                    && let Some(v) = pick(*r)
                {
                    return Some(v);
                }
            }
            None
        };
        match tokio::time::timeout(Duration::from_secs(86_400), wait).await {
            Ok(Some(v)) => v,
            _ => panic!("no reply: {what}"),
        }
    }

    /// Every reply that is already waiting, without waiting for more.
    pub fn waiting(&mut self) -> Vec<Reply> {
        let mut out = Vec::new();
        while let Ok(action) = self.replies.try_recv() {
            if let Action::Reply(r) = action {
                out.push(*r);
            }
        }
        out
    }
}
