//! `GET /v1/events`: server-sent events of changes. Each SSE `id:` is the event id, so a client
//! that reconnects with `Last-Event-ID` (or `?after=`) receives what it missed, from the log,
//! before live events. Events about a case reach only its members.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::routing::get;
use futures_util::Stream;
use serde::Deserialize;
use tokio::sync::{broadcast, mpsc};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;
use utoipa::IntoParams;

use super::blocking;
use crate::model::{Event, EventKind, User};
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::ApiQuery;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/events", get(events))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Resume after this event id (same as the `Last-Event-ID` header, which wins).
    pub after: Option<i64>,
}

/// A stream of change events (`text/event-stream`); `data:` is an `Event` as JSON.
#[utoipa::path(get, path = "/v1/events", tag = "events", params(EventsQuery,
        ("Last-Event-ID" = Option<i64>, Header, description = "Resume after this event id")),
    responses((status = 200, description = "Server-sent events, each `data:` an Event", body = crate::model::Event, content_type = "text/event-stream")))]
pub async fn events(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<EventsQuery>,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let header_id = match headers.get("last-event-id") {
        Some(v) => Some(
            v.to_str()
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .ok_or_else(|| {
                    ApiError::bad_request("Last-Event-ID must be an event id (an integer).")
                })?,
        ),
        None => None,
    };
    // Subscribe before reading the log so nothing falls between the two.
    let live = st.events.subscribe();
    let after = match header_id.or(q.after) {
        Some(id) => id,
        None => blocking(&st, |s| s.last_event_id()).await?,
    };
    let (tx, rx) = mpsc::channel(64);
    let keepalive = st.sse_keepalive;
    tokio::spawn(pump(st, u, after, live, tx));
    let stream = ReceiverStream::new(rx).map(Ok);
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(keepalive).text("keepalive")))
}

/// Feeds one subscriber until it goes away or the server shuts down.
async fn pump(
    st: AppState,
    user: Arc<User>,
    mut last: i64,
    mut live: broadcast::Receiver<Event>,
    tx: mpsc::Sender<SseEvent>,
) {
    let mut visible = Visibility {
        user,
        known: HashMap::new(),
    };
    let mut shutdown = st.shutdown.clone();
    if !backlog(&st, &mut visible, &mut last, &tx).await {
        return;
    }
    loop {
        tokio::select! {
            _ = async { shutdown.wait_for(|s| *s).await.is_ok() } => return,
            r = live.recv() => match r {
                Ok(ev) if ev.id > last => {
                    last = ev.id;
                    if visible.check(&st, &ev).await && tx.send(to_sse(&ev)).await.is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                // Fell behind the live channel: catch up from the log.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    if !backlog(&st, &mut visible, &mut last, &tx).await {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
        }
    }
}

/// Sends logged events after `last`. False when the subscriber is gone.
async fn backlog(
    st: &AppState,
    visible: &mut Visibility,
    last: &mut i64,
    tx: &mpsc::Sender<SseEvent>,
) -> bool {
    loop {
        let after = *last;
        let batch = match blocking(st, move |s| s.events_after(after, 500)).await {
            Ok(b) => b,
            Err(e) => {
                tracing::error!("reading the event log failed: {}", e.message);
                return false;
            }
        };
        if batch.is_empty() {
            return true;
        }
        for ev in batch {
            *last = ev.id;
            if visible.check(st, &ev).await && tx.send(to_sse(&ev)).await.is_err() {
                return false;
            }
        }
    }
}

fn to_sse(ev: &Event) -> SseEvent {
    let data = serde_json::to_string(ev).unwrap_or_else(|_| "{}".into());
    SseEvent::default()
        .id(ev.id.to_string())
        .event(ev.kind.as_str())
        .data(data)
}

/// Need-to-know for events: alerts only for their owner, case events only for the case's
/// members (answers cached per stream).
struct Visibility {
    user: Arc<User>,
    known: HashMap<String, bool>,
}

impl Visibility {
    async fn check(&mut self, st: &AppState, ev: &Event) -> bool {
        // An event for one user (an alert) reaches that user only.
        if ev.user.as_ref().is_some_and(|u| *u != self.user.name) {
            return false;
        }
        let Some(case) = &ev.case_id else { return true };
        // Membership changes come as `case_updated`: on those, ask again instead of trusting the
        // cache, so a removed member stops receiving the case and an added one starts.
        if ev.kind != EventKind::CaseUpdated
            && let Some(v) = self.known.get(case)
        {
            return *v;
        }
        let (c, u) = (case.clone(), self.user.clone());
        let ok = blocking(st, move |s| s.is_member(&c, &u))
            .await
            .unwrap_or(false);
        self.known.insert(case.clone(), ok);
        ok
    }
}
