//! The audit trail: every request (who, what, when, result) is recorded, and none is lost.
//!
//! - What is recorded is what the router matched — the route template and the decoded,
//!   validated ids of its path — never a re-parse of the raw path, so `CS%2D2026%2D0016` is
//!   audited as case `CS-2026-0016` like its plain spelling.
//! - A write that commits carries its audit row in its own transaction (see
//!   [`crate::server::store::with_write_audit`]); every other request (reads, refusals, failed
//!   writes) goes through a group-commit queue whose confirmation the request awaits, so its
//!   row is durable before the answer leaves. If the row cannot be written, the answer is 503.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{MatchedPath, RawPathParams, State};
use axum::http::{Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::{mpsc, oneshot};

use super::AppState;
use super::error::ApiError;
use super::store::{AuditRecord, Store, WriteAudit};
use crate::model::User;

/// Most records written in one transaction.
const BATCH: usize = 512;
/// Longest request path kept in a record (a hostile client cannot bloat the trail).
pub const MAX_PATH: usize = 512;

/// A record and who to tell once it is durable.
pub type AuditJob = (AuditRecord, oneshot::Sender<bool>);

tokio::task_local! {
    /// The audit record of the request this task serves.
    static CURRENT: Arc<WriteAudit>;
}

/// The audit record of the request being served, for handlers' store calls.
pub fn current() -> Option<Arc<WriteAudit>> {
    CURRENT.try_with(Arc::clone).ok()
}

/// Names the signed-in user on the current request's record (called by authentication).
pub fn set_user(user: &User) {
    if let Some(a) = current() {
        a.update(|r| r.user = Some(user.name.clone()));
    }
}

/// Names the user a sign-in attempt is for on the current request's record, whether or not
/// such a user exists (an auditor looks for attempts on a name).
pub fn set_user_name(name: &str) {
    if let Some(a) = current() {
        a.update(|r| r.user = Some(name.to_string()));
    }
}

/// Records the request: in the write's transaction if it committed one, otherwise durably
/// before the answer is sent.
pub async fn record(
    State(st): State<AppState>,
    matched: Option<MatchedPath>,
    params: Result<RawPathParams, axum::extract::rejection::RawPathParamsRejection>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let route = matched.map(|m| m.as_str().to_string());
    let params: Vec<(String, String)> = params
        .map(|p| {
            p.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let (entity_id, case_id) = ids_of(route.as_deref(), &params);
    let record = AuditRecord {
        at: chrono::Utc::now(),
        user: None,
        method: req.method().to_string(),
        status: success_status(req.method(), route.as_deref()),
        route,
        path: bounded(req.uri().path()),
        entity_id,
        case_id,
    };
    let ctx = Arc::new(WriteAudit::new(record));
    let resp = CURRENT.scope(ctx.clone(), next.run(req)).await;
    let status = resp.status().as_u16();
    if ctx.committed() == Some(status) {
        return resp;
    }
    let Some(mut rec) = ctx.record() else {
        return unrecorded();
    };
    if rec.user.is_none() {
        rec.user = resp.extensions().get::<Arc<User>>().map(|u| u.name.clone());
    }
    rec.status = status;
    let (done_tx, done_rx) = oneshot::channel();
    if st.audit.send((rec, done_tx)).await.is_err() {
        tracing::error!("audit queue closed; the request was not recorded");
        return unrecorded();
    }
    match done_rx.await {
        Ok(true) => resp,
        _ => unrecorded(),
    }
}

fn unrecorded() -> Response {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "audit_unavailable",
        "The request could not be recorded in the audit trail, so it is not answered. Try again.",
    )
    .into_response()
}

/// The answer a write gets when it commits (the status its in-transaction row records).
fn success_status(method: &Method, route: Option<&str>) -> u16 {
    // A decision or a mark-as-read changes a record that exists: 200, not 201.
    let decision = route.is_some_and(|r| r.ends_with("/decision") || r.ends_with("/read"));
    if *method == Method::POST && !decision {
        201
    } else {
        200
    }
}

/// The ids a matched route names: the case for routes under `/v1/cases/{id}`, and the most
/// specific id (the last path parameter). Ids that fail validation are not recorded as ids
/// (the raw path still is).
fn ids_of(route: Option<&str>, params: &[(String, String)]) -> (Option<String>, Option<String>) {
    let valid = |v: &String| super::validate::path_id(v).then(|| v.clone());
    let entity = params.last().and_then(|(_, v)| valid(v));
    let case = route
        .filter(|r| r.starts_with("/v1/cases/{id}"))
        .and_then(|_| params.iter().find(|(k, _)| k == "id"))
        .and_then(|(_, v)| valid(v));
    (entity, case)
}

/// The path cut to [`MAX_PATH`] bytes on a character boundary, marked when cut.
fn bounded(path: &str) -> String {
    if path.len() <= MAX_PATH {
        return path.to_string();
    }
    let mut end = MAX_PATH;
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &path[..end])
}

/// Writes queued records, as many per transaction as have queued meanwhile (group commit),
/// and confirms each once its transaction committed. Ends when every sender is gone.
pub async fn writer(store: Arc<dyn Store>, mut rx: mpsc::Receiver<AuditJob>) {
    let mut buf: Vec<AuditJob> = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut buf, BATCH).await > 0 {
        let (records, waiting): (Vec<AuditRecord>, Vec<oneshot::Sender<bool>>) =
            std::mem::take(&mut buf).into_iter().unzip();
        let s = store.clone();
        let ok = match tokio::task::spawn_blocking(move || s.audit(&records)).await {
            Ok(Ok(())) => true,
            Ok(Err(e)) => {
                tracing::error!("audit write failed: {e}");
                false
            }
            Err(e) => {
                tracing::error!("audit task failed: {e}");
                false
            }
        };
        for w in waiting {
            let _ = w.send(ok);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn ids_come_from_the_matched_route() {
        let notes = p(&[("id", "CS-2026-0016"), ("note_id", "NT-1a2b")]);
        assert_eq!(
            ids_of(Some("/v1/cases/{id}/notes/{note_id}"), &notes),
            (Some("NT-1a2b".into()), Some("CS-2026-0016".into()))
        );
        let seizure = p(&[("id", "SZ-000001")]);
        assert_eq!(
            ids_of(Some("/v1/seizures/{id}"), &seizure),
            (Some("SZ-000001".into()), None)
        );
        let hostile = p(&[("id", "CS-1\u{1b}[2J")]);
        assert_eq!(ids_of(Some("/v1/cases/{id}"), &hostile), (None, None));
        assert_eq!(ids_of(None, &[]), (None, None));
    }

    #[test]
    fn long_paths_are_cut() {
        let long = format!("/v1/cases/{}", "é".repeat(600));
        let b = bounded(&long);
        assert!(b.len() <= MAX_PATH + '…'.len_utf8());
        assert!(b.ends_with('…'));
    }
}
