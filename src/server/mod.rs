//! The reference server: routes over a [`store::Store`], auth, audit, ETags, compression, limits
//! and the event stream.

pub mod audit;
pub mod auth;
pub mod correlator;
pub mod credentials;
pub mod demo_ca;
pub mod error;
pub mod etag;
pub mod event_feed;
pub mod extract;
pub mod forwarded;
pub mod idempotency;
pub mod openapi;
mod openapi_inputs;
pub mod rate_limit;
pub mod routes;
pub mod stats;
pub mod store;
mod tasks;
pub mod throttle;
pub mod tls;
pub mod validate;
pub mod watches;
pub mod wire;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware;
use tokio::net::TcpListener;
use tokio::sync::{broadcast, mpsc, watch};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

use crate::model::Event;
use store::Store;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// How long the stand-in for dealers takes to answer a trace (half of it "in progress").
    pub trace_delay: Duration,
    /// Requests per second per user (bursts of twice that); 0 disables the limit.
    pub rate_limit: u32,
    /// Largest accepted request body in bytes.
    pub max_body: usize,
    /// Session length, idle time, lockout.
    pub sessions: auth::SessionPolicy,
    /// The operator's logon banner (`fwc serve --banner-file`); the built-in notice otherwise.
    pub banner: Option<String>,
    /// Serve HTTPS with this certificate and key (PEM) instead of plain HTTP.
    pub tls: Option<tls::TlsFiles>,
    /// Behind a reverse proxy: the client address is the right-most `X-Forwarded-For` entry.
    pub trust_proxy: bool,
    /// Time between keep-alive comments on an idle event stream.
    pub sse_keepalive: Duration,
}

impl ServerConfig {
    pub fn new(db: PathBuf, addr: SocketAddr) -> Self {
        ServerConfig {
            db,
            addr,
            trace_delay: Duration::from_secs(20),
            rate_limit: 200,
            max_body: 256 * 1024,
            sessions: auth::SessionPolicy::default(),
            banner: None,
            tls: None,
            trust_proxy: false,
            sse_keepalive: Duration::from_secs(15),
        }
    }
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub events: broadcast::Sender<Event>,
    /// The group-commit queue of audit records (each confirmed once durable).
    pub audit: mpsc::Sender<audit::AuditJob>,
    pub auth: Arc<auth::Authenticator>,
    pub correlator: Arc<correlator::Correlator>,
    /// Flips to true when the server is shutting down, ending open event streams.
    pub shutdown: watch::Receiver<bool>,
    /// The facts `/v1/stats` counts, read again after writes.
    pub stats: Arc<stats::StatsCache>,
    /// The operator's logon banner for `GET /v1/banner` (None: the built-in notice).
    pub banner: Option<Arc<str>>,
    /// The compiled watches the evaluator matches changes against.
    pub watches: Arc<watches::Registry>,
    /// Time between keep-alive comments on an idle event stream.
    pub sse_keepalive: Duration,
    /// On a shared (PostgreSQL) store: the follower that feeds `events` from the log, for
    /// every node's writes alike ([`event_feed`]). `None` on SQLite.
    pub feed: Option<Arc<event_feed::Feed>>,
}

impl AppState {
    /// Announces a committed change to every open event stream.
    pub fn publish(&self, ev: Option<Event>) {
        let Some(ev) = ev else { return };
        match &self.feed {
            // The follower reads it from the log, in order with other nodes' events.
            Some(feed) => feed.nudge(),
            // No subscribers is fine: the event is in the log for whoever connects later.
            None => {
                let _ = self.events.send(ev);
            }
        }
    }
}

/// A server running in this process.
pub struct RunningServer {
    pub addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    done: tokio::task::JoinHandle<anyhow::Result<()>>,
    correlator: Arc<correlator::Correlator>,
    tls: Option<Arc<tls::CertStore>>,
}

impl RunningServer {
    /// `https://ADDR` when serving TLS, else `http://ADDR`.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// The TLS certificate being served (`None` for plain HTTP).
    pub fn tls(&self) -> Option<&tls::CertStore> {
        self.tls.as_deref()
    }

    /// Stops accepting, ends event streams, finishes in-flight requests and flushes the audit
    /// queue. Committed writes are already durable (WAL).
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.shutdown.send(true);
        self.done.await?
    }

    /// Waits until the server stops by itself (it does not, unless the task fails).
    pub async fn wait(self) -> anyhow::Result<()> {
        self.done.await?
    }

    /// Waits until every casing acquired so far has its ranked correlation list (tests and
    /// benchmarks wait on this instead of sleeping).
    pub async fn correlations_settled(&self) {
        self.correlator.settled().await;
    }

    /// A handle that can ask the server to stop from elsewhere (signals).
    pub fn stopper(&self) -> watch::Sender<bool> {
        self.shutdown.clone()
    }
}

/// Opens the database, binds the address and serves in a background task.
pub async fn start(cfg: ServerConfig) -> anyhow::Result<RunningServer> {
    let store = {
        let db = cfg.db.clone();
        tokio::task::spawn_blocking(move || store::open(&db)).await??
    };
    // A bad certificate stops the start before the port is taken.
    let tls = match &cfg.tls {
        Some(files) => Some(Arc::new(tls::CertStore::load(files.clone())?)),
        None => None,
    };
    let listener = TcpListener::bind(cfg.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", cfg.addr))?;
    let addr = listener.local_addr()?;
    let (events, _) = broadcast::channel(1024);
    let (audit_tx, audit_rx) = mpsc::channel(8192);
    let (stop_tx, stop_rx) = watch::channel(false);
    // Several nodes may serve this database: share what one node alone could keep in memory.
    let shared = store::pg_url(&cfg.db).is_some();
    let mut state = AppState {
        store: store.clone(),
        events,
        audit: audit_tx,
        auth: Arc::new(if shared {
            auth::Authenticator::shared(cfg.rate_limit, cfg.sessions)
        } else {
            auth::Authenticator::new(cfg.rate_limit, cfg.sessions)
        }),
        correlator: Arc::new(match store::pg_url(&cfg.db) {
            Some(url) => {
                let (leader, led) = watch::channel(false);
                tokio::spawn(store::postgres::leader::contend(
                    url.to_string(),
                    store::postgres::leader::CORRELATOR,
                    leader,
                    stop_rx.clone(),
                ));
                correlator::Correlator::led_by(led)
            }
            None => correlator::Correlator::default(),
        }),
        shutdown: stop_rx.clone(),
        stats: Arc::new(stats::StatsCache::default()),
        banner: cfg.banner.as_deref().map(Arc::from),
        watches: Arc::new(if shared {
            watches::Registry::shared()
        } else {
            watches::Registry::default()
        }),
        sse_keepalive: cfg.sse_keepalive,
        feed: None,
    };
    if let Some(url) = store::pg_url(&cfg.db) {
        event_feed::Feed::start(url.to_string(), &mut state);
    }
    let mut app = router(state.clone(), cfg.max_body);
    if cfg.trust_proxy {
        // Outermost: throttling and every handler see the proxy's word for the client.
        app = app.layer(middleware::from_fn(forwarded::client_from_proxy));
    }
    let audit_writer = tokio::spawn(audit::writer(store.clone(), audit_rx));
    // Only PostgreSQL queues audit rows (SQLite chains each in its own transaction).
    // It holds the store, not the state: the audit writer ends when the last state is gone.
    let sealer = shared.then(|| tokio::spawn(tasks::seal_audit(store.clone())));
    let ticker = tokio::spawn(tasks::advance_traces(state.clone(), cfg.trace_delay));
    let correlate = tokio::spawn(tasks::correlate_queue(state.clone()));
    let evaluate = tokio::spawn(watches::evaluate(state.clone()));
    let correlator = state.correlator.clone();
    drop(state);
    let tls_config = tls.clone().map(tls::server_config).transpose()?;
    let mut stop = stop_rx;
    let done = tokio::spawn(async move {
        let stopped = async move {
            let _ = stop.wait_for(|s| *s).await;
        };
        // The peer address reaches handlers: failed authentication is counted per address.
        let service = app.into_make_service_with_connect_info::<wire::PeerAddr>();
        match tls_config {
            Some(config) => {
                axum::serve(tls::TlsListener::new(listener, config)?, service)
                    .with_graceful_shutdown(stopped)
                    .await?
            }
            None => {
                axum::serve(wire::JsonErrorsListener(listener), service)
                    .with_graceful_shutdown(stopped)
                    .await?
            }
        }
        ticker.abort();
        let _ = ticker.await;
        correlate.abort();
        let _ = correlate.await;
        evaluate.abort();
        let _ = evaluate.await;
        // Every request's AppState (and with it an audit sender) is gone now: drain and stop.
        audit_writer.await?;
        if let Some(sealer) = sealer {
            sealer.abort();
            let _ = sealer.await;
            // A clean stop leaves no row of this node outside the chain.
            tasks::seal_once(store.clone()).await;
        }
        // …and, on SQLite, every committed write in the database file itself: a copy of the
        // stopped file is whole without its `-wal` (an open connection elsewhere, or one this
        // process still holds, would otherwise keep the log).
        if let Err(e) = tokio::task::spawn_blocking(move || store.checkpoint()).await? {
            tracing::warn!("checkpoint at stop: {e}");
        }
        Ok(())
    });
    Ok(RunningServer {
        addr,
        shutdown: stop_tx,
        done,
        correlator,
        tls,
    })
}

/// The whole HTTP surface with its middleware stack (innermost first: ETag, idempotency
/// digest, auth, audit,
/// compression, body limit, JSON errors, panic guard).
pub fn router(state: AppState, max_body: usize) -> Router {
    routes::routes()
        .layer(middleware::from_fn(etag::etag))
        .layer(middleware::from_fn(idempotency::digest))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), audit::record))
        .layer(CompressionLayer::new().gzip(true).zstd(true))
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(middleware::from_fn(error::json_errors))
        .layer(CatchPanicLayer::custom(|_| {
            error::ApiError::internal(
                "The server could not complete the request; it has been logged.",
            )
            .into_response()
        }))
        .with_state(state)
}

use axum::response::IntoResponse;
