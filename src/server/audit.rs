//! The audit trail: every request (who, what, when, result) is recorded. Records are queued and
//! written in batches by one background task, so auditing does not cost a write transaction per
//! request; the queue is drained before the server exits.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::mpsc;

use super::AppState;
use super::store::{AuditRecord, Store};
use crate::model::User;

const BATCH: usize = 512;

/// Records the request once its answer is known.
pub async fn record(State(st): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    // Graph questions name their entity in the query (`?id=`, `?from=`), not in the path.
    let entity = entity_of(&path).or_else(|| req.uri().query().and_then(entity_in_query));
    let resp = next.run(req).await;
    let user = resp.extensions().get::<Arc<User>>().map(|u| u.name.clone());
    let rec = AuditRecord {
        at: chrono::Utc::now(),
        user,
        entity_id: entity,
        method,
        path,
        status: resp.status().as_u16(),
    };
    if st.audit.send(rec).await.is_err() {
        tracing::error!("audit queue closed; a record was lost");
    }
    resp
}

/// The id a path is about, e.g. `CS-2026-0042` in `/v1/cases/CS-2026-0042/notes`.
pub fn entity_of(path: &str) -> Option<String> {
    path.split('/')
        .skip(2)
        .find(|seg| {
            seg.len() >= 4
                && seg.contains('-')
                && seg.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        })
        .map(str::to_string)
}

/// The first `id`, `from` or `to` query value that looks like an entity id.
fn entity_in_query(query: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .filter(|(k, _)| matches!(*k, "id" | "from" | "to"))
        .find_map(|(_, v)| entity_of(&format!("/v1/{v}")))
}

/// Writes queued records in batches until every sender is gone, then returns.
pub async fn writer(store: Arc<dyn Store>, mut rx: mpsc::Receiver<AuditRecord>) {
    let mut buf = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut buf, BATCH).await > 0 {
        // Let a burst accumulate briefly: one transaction for many requests.
        tokio::time::sleep(Duration::from_millis(50)).await;
        while buf.len() < BATCH {
            match rx.try_recv() {
                Ok(r) => buf.push(r),
                Err(_) => break,
            }
        }
        let batch = std::mem::take(&mut buf);
        let s = store.clone();
        match tokio::task::spawn_blocking(move || s.audit(&batch)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::error!("audit write failed: {e}"),
            Err(e) => tracing::error!("audit task failed: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::entity_of;

    #[test]
    fn finds_the_entity_in_a_path() {
        assert_eq!(
            entity_of("/v1/cases/CS-2026-0042/notes").as_deref(),
            Some("CS-2026-0042")
        );
        assert_eq!(
            entity_of("/v1/seizures/SZ-000001").as_deref(),
            Some("SZ-000001")
        );
        assert_eq!(entity_of("/v1/seizures"), None);
        assert_eq!(entity_of("/v1/ballistics/leads"), None);
    }

    #[test]
    fn finds_the_entity_a_graph_question_is_about() {
        use super::entity_in_query;
        assert_eq!(
            entity_in_query("id=CS-2026-0042&depth=2").as_deref(),
            Some("CS-2026-0042")
        );
        assert_eq!(
            entity_in_query("depth=2&from=SZ-000001&to=P-000004").as_deref(),
            Some("SZ-000001")
        );
        assert_eq!(entity_in_query("kind=dealer&limit=5"), None);
    }
}
