//! The server-sent events subscription: reconnects by itself and resumes with `Last-Event-ID`,
//! so a dropped link loses no change.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::{Stream, StreamExt};
use tokio::sync::{mpsc, oneshot};
use tokio_stream::wrappers::ReceiverStream;

use super::client::Api;
use super::{ApiClient, ApiError};
use crate::model::Event;
use crate::model::text::Sanitize;

const MAX_BACKOFF: Duration = Duration::from_secs(30);

impl ApiClient {
    /// Changes after event `after` (exclusive), from the trace API's server — and from the case
    /// API's too when that is a different server. Errors are yielded (so the console can show
    /// it is offline) and the stream carries on reconnecting; it ends when dropped.
    pub fn events(
        &self,
        after: Option<i64>,
    ) -> impl Stream<Item = Result<Event, ApiError>> + Send + 'static {
        self.events_connected(after).0
    }

    /// [`Self::events`], and a signal that fires once the trace API's server has accepted the
    /// stream: from then on no change is missed, so a caller can list what exists and then
    /// follow what is new without a gap between the two (`fwc alerts --follow`).
    pub fn events_connected(
        &self,
        after: Option<i64>,
    ) -> (
        impl Stream<Item = Result<Event, ApiError>> + Send + 'static,
        oneshot::Receiver<()>,
    ) {
        let (tx, rx) = mpsc::channel(256);
        let (ready, connected) = oneshot::channel();
        let trace = self.trace_url().to_string();
        let first = Subscription {
            api: Api::Trace,
            last: after,
            ready: Some(ready),
        };
        tokio::spawn(subscribe(self.clone(), first, tx.clone()));
        if self.case_url() != trace {
            let case = Subscription {
                api: Api::Case,
                last: None,
                ready: None,
            };
            tokio::spawn(subscribe(self.clone(), case, tx));
        }
        (ReceiverStream::new(rx), connected)
    }
}

/// One server's stream: where it resumes, and whom to tell when it first connects.
struct Subscription {
    /// Whose server: the address is taken again at each connection, so a stream follows the
    /// client to another node when it fails over ([`super::failover`]).
    api: Api,
    last: Option<i64>,
    ready: Option<oneshot::Sender<()>>,
}

async fn subscribe(
    client: ApiClient,
    mut sub: Subscription,
    tx: mpsc::Sender<Result<Event, ApiError>>,
) {
    let mut backoff = Duration::from_millis(500);
    loop {
        match stream_once(&client, &mut sub, &tx, &mut backoff).await {
            Ok(()) => return, // receiver dropped
            Err(e) => {
                if e.status.is_some() && !e.is_transient() {
                    // 401/403: retrying will not help; say so once and stop.
                    let _ = tx.send(Err(e)).await;
                    return;
                }
                if tx.send(Err(e)).await.is_err() {
                    return;
                }
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// One connection. Returns Ok when the receiver is gone, Err when the connection failed or ended.
async fn stream_once(
    client: &ApiClient,
    sub: &mut Subscription,
    tx: &mpsc::Sender<Result<Event, ApiError>>,
    backoff: &mut Duration,
) -> Result<(), ApiError> {
    let (node, base) = client.endpoint(sub.api);
    let base = base.as_str();
    let last = &mut sub.last;
    let mut rb = client
        .http()
        .get(format!("{base}/v1/events"))
        .bearer_auth(client.token())
        .header("Accept", "text/event-stream")
        // The per-request timeout must not cut a long-lived stream.
        .timeout(Duration::from_secs(365 * 24 * 3600));
    if let Some(id) = last {
        rb = rb.header("Last-Event-ID", id.to_string());
    }
    let resp = rb.send().await.map_err(|e| {
        // Nothing answered here: the next connection tries the service's next address.
        if let Some(i) = node {
            client.inner.nodes.failed(i);
        }
        ApiError::from_transport(base, &e)
    })?;
    let status = resp.status();
    if !status.is_success() {
        let body = resp.bytes().await.unwrap_or_default();
        return Err(ApiError::from_status(status.as_u16(), &body));
    }
    // Connected: the next loss of the link is retried quickly again.
    *backoff = Duration::from_millis(500);
    if let Some(ready) = sub.ready.take() {
        let _ = ready.send(());
    }
    let mut stream = resp.bytes_stream().eventsource();
    while let Some(item) = stream.next().await {
        let ev = item.map_err(|e| match e {
            // The connection broke mid-stream: the server is gone, not confused.
            eventsource_stream::EventStreamError::Transport(_) => {
                ApiError::from_transport_closed(base)
            }
            other => ApiError::decode(base, other),
        })?;
        if ev.event == "keepalive" || ev.data.is_empty() {
            continue;
        }
        let mut event: Event = match serde_json::from_str(&ev.data) {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!("ignoring an event that could not be decoded: {e}");
                continue;
            }
        };
        event.sanitize();
        *last = Some(event.id);
        if tx.send(Ok(event)).await.is_err() {
            return Ok(());
        }
    }
    Err(ApiError::from_transport_closed(base))
}

impl ApiError {
    fn from_transport_closed(base: &str) -> Self {
        ApiError {
            kind: super::ApiErrorKind::Unreachable,
            status: None,
            code: None,
            message: format!("The live update stream from {base} closed; reconnecting."),
        }
    }
}
