//! `/v1/seizures`: the seizure queue.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::{blocking, written};
use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::{ApiJson, ApiPath, ApiQuery, IdempotencyKey};
use crate::server::validate;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/seizures", get(list).post(create))
        .route("/v1/seizures/stats", get(stats))
        .route("/v1/seizures/import", post(import))
        .route("/v1/seizures/{id}", get(one).patch(update))
}

/// Seizures, newest first by default, with filters and cursor paging.
#[utoipa::path(get, path = "/v1/seizures", tag = "seizures", params(SeizureQuery),
    responses((status = 200, body = Page<Seizure>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiQuery(q): ApiQuery<SeizureQuery>,
) -> Result<axum::Json<Page<Seizure>>, ApiError> {
    Ok(axum::Json(
        blocking(&st, move |s| s.list_seizures(&q, &u)).await?,
    ))
}

/// Counts per triage status, for the queue header.
#[utoipa::path(get, path = "/v1/seizures/stats", tag = "seizures",
    responses((status = 200, body = SeizureStats)))]
pub async fn stats(
    State(st): State<AppState>,
    _u: AuthUser,
) -> Result<axum::Json<SeizureStats>, ApiError> {
    Ok(axum::Json(blocking(&st, |s| s.seizure_stats()).await?))
}

/// One seizure with its items and the traces and (visible) cases it spawned.
#[utoipa::path(get, path = "/v1/seizures/{id}", tag = "seizures", params(("id" = String, Path)),
    responses((status = 200, body = Seizure), (status = 404, body = ErrorBody)))]
pub async fn one(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<axum::Json<Seizure>, ApiError> {
    Ok(axum::Json(
        blocking(&st, move |s| s.get_seizure(&id, &u)).await?,
    ))
}

/// Logs a new seizure; its firearms get records that can be traced.
#[utoipa::path(post, path = "/v1/seizures", tag = "seizures", request_body = NewSeizure,
    params(("Idempotency-Key" = Option<String>, Header, description = "A retried request with the same key is applied once")),
    responses((status = 201, body = Seizure), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(new): ApiJson<NewSeizure>,
) -> Result<Response, ApiError> {
    super::evidence_work(&u, "record seizures")?;
    validate::new_seizure(&new)?;
    let w = blocking(&st, move |s| s.create_seizure(&new, &u, key.as_deref())).await?;
    written(&st, w, StatusCode::CREATED)
}

/// Records up to 500 seizures in one transaction (`fwc seizures import`), each row with its
/// own key: a key the caller imported before is not recorded again, so re-sending a file
/// writes nothing new. Authorised like `POST /v1/seizures`; every row is checked first and one
/// bad row refuses the whole request (naming it), so nothing is half-written.
#[utoipa::path(post, path = "/v1/seizures/import", tag = "seizures", request_body = SeizureImport,
    responses((status = 200, body = ImportResult), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiJson(batch): ApiJson<SeizureImport>,
) -> Result<Response, ApiError> {
    super::evidence_work(&u, "record seizures")?;
    validate::seizure_import(&batch)?;
    let w = blocking(&st, move |s| s.import_seizures(&batch.rows, &u)).await?;
    written(&st, w, StatusCode::OK)
}

/// Changes a seizure's triage status.
#[utoipa::path(patch, path = "/v1/seizures/{id}", tag = "seizures", request_body = SeizureUpdate,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = Seizure), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(upd): ApiJson<SeizureUpdate>,
) -> Result<Response, ApiError> {
    super::evidence_work(&u, "change seizures")?;
    let w = blocking(&st, move |s| {
        s.update_seizure(&id, &upd, &u, key.as_deref())
    })
    .await?;
    written(&st, w, StatusCode::OK)
}
