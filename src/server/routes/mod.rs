//! HTTP routes, one file per resource. Handlers validate, call the store off the async threads,
//! publish the resulting event and answer JSON.

pub mod ballistics;
pub mod banner;
pub mod cases;
pub mod correlations;
pub mod events;
pub mod firearms;
pub mod graph;
pub mod health;
pub mod seizures;
pub mod sessions;
pub mod stats;
pub mod traces;
pub mod watches;

use axum::Json;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppState;
use super::error::ApiError;
use super::store::{Store, StoreResult, Written};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(health::routes())
        .merge(sessions::routes())
        .merge(banner::routes())
        .merge(seizures::routes())
        .merge(firearms::routes())
        .merge(traces::routes())
        .merge(ballistics::routes())
        .merge(cases::routes())
        .merge(graph::routes())
        .merge(stats::routes())
        .merge(events::routes())
        .merge(watches::routes())
        .route("/openapi.json", axum::routing::get(super::openapi::serve))
}

/// Refuses the evidence workflow (trace requests, seizure changes, lead decisions) to
/// prosecutors: they work cases, not evidence. `what` completes "Prosecutors cannot …".
pub fn evidence_work(u: &crate::model::User, what: &str) -> Result<(), ApiError> {
    if u.role.works_evidence() {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!("Prosecutors cannot {what}.")))
    }
}

/// Runs a store call on the blocking pool.
pub async fn blocking<T: Send + 'static>(
    st: &AppState,
    f: impl FnOnce(&dyn Store) -> StoreResult<T> + Send + 'static,
) -> Result<T, ApiError> {
    let store = st.store.clone();
    // A write the call commits carries the request's audit row in its transaction.
    let audit = crate::server::audit::current();
    // A write with an Idempotency-Key compares this request's body with the first one's.
    let digest = crate::server::idempotency::current();
    Ok(tokio::task::spawn_blocking(move || {
        crate::server::store::with_write_audit(audit, || {
            crate::server::store::with_request_digest(digest, || f(store.as_ref()))
        })
    })
    .await??)
}

/// Answers a write: the stored reply for a replayed idempotency key, otherwise the new value
/// (after announcing its event).
pub fn written<T: Serialize>(
    st: &AppState,
    w: Written<T>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    if let Some(reply) = w.replayed {
        let mut resp = (status, reply.body).into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        resp.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        return Ok(resp);
    }
    for ev in w.events {
        st.publish(Some(ev));
    }
    let value = w
        .value
        .ok_or_else(|| ApiError::internal("the write produced no record"))?;
    Ok((status, Json(value)).into_response())
}
