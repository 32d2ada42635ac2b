//! `/v1/traces`: trace requests and results.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};

use super::{blocking, written};
use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::{ApiJson, ApiPath, ApiQuery, IdempotencyKey};
use crate::server::validate;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/traces", get(list).post(submit))
        .route("/v1/traces/{id}", get(one))
}

/// Traces, newest first, by status, serial, description, purchaser, dealer or seizure.
#[utoipa::path(get, path = "/v1/traces", tag = "traces", params(TraceQuery),
    responses((status = 200, body = Page<Trace>), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiQuery(q): ApiQuery<TraceQuery>,
) -> Result<Json<Page<Trace>>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.list_traces(&q)).await?))
}

/// One trace with its distribution chain, purchaser, time-to-crime and multiple-sale reports.
#[utoipa::path(get, path = "/v1/traces/{id}", tag = "traces", params(("id" = String, Path)),
    responses((status = 200, body = Trace), (status = 404, body = ErrorBody)))]
pub async fn one(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Trace>, ApiError> {
    if let Some(reads) = st.store.async_reads() {
        return Ok(Json(reads.get_trace(&id).await?));
    }
    Ok(Json(blocking(&st, move |s| s.get_trace(&id)).await?))
}

/// Submits a trace request for a seized firearm. It moves submitted → in_progress →
/// completed | not_traceable, announced on `/v1/events`.
#[utoipa::path(post, path = "/v1/traces", tag = "traces", request_body = TraceRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "A retried request with the same key is applied once")),
    responses((status = 201, body = Trace), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(req): ApiJson<TraceRequest>,
) -> Result<Response, ApiError> {
    super::evidence_work(&u, "request traces")?;
    validate::trace_request(&req)?;
    let w = blocking(&st, move |s| s.submit_trace(&req, &u, key.as_deref())).await?;
    written(&st, w, StatusCode::CREATED)
}
