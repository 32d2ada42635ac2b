//! `/v1/watches` and `/v1/alerts`: each user's own watches and the alerts they left. Another
//! user's watch or alert is "not found" (404), the same answer as one that does not exist.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, patch, post};
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
        .route("/v1/watches", get(list).post(create))
        .route("/v1/watches/{id}", patch(update).delete(remove))
        .route("/v1/alerts", get(alerts))
        .route("/v1/alerts/{id}/read", post(read))
}

/// The caller's watches, newest first.
#[utoipa::path(get, path = "/v1/watches", tag = "watches",
    responses((status = 200, body = Vec<Watch>)))]
pub async fn list(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
) -> Result<Json<Vec<Watch>>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.list_watches(&u)).await?))
}

/// Saves a watch: `{"name","kind","value"}` (kinds `serial` — a serial or `*`/`?` pattern as
/// in the firearm search —, `firearm`, `purchaser`, `dealer`, `model` — `MAKE`, `MAKE/MODEL`
/// or `MAKE/MODEL/CALIBRE` —, `casing`, `cluster`, `case`), or
/// `{"name","kind":"seizures","filter":{…}}` with the Queue's filter terms. At most 200
/// watches per user; names 1–80 characters. A case the caller is not a member of is 404.
#[utoipa::path(post, path = "/v1/watches", tag = "watches", request_body = NewWatch,
    params(("Idempotency-Key" = Option<String>, Header, description = "A retried request with the same key is applied once")),
    responses((status = 201, body = Watch), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(new): ApiJson<NewWatch>,
) -> Result<Response, ApiError> {
    let new = validate::new_watch(&new)?;
    let w = blocking(&st, move |s| s.create_watch(&new, &u, key.as_deref())).await?;
    st.watches.changed();
    written(&st, w, StatusCode::CREATED)
}

/// Renames (`name`), pauses or resumes (`paused`) one of the caller's watches.
#[utoipa::path(patch, path = "/v1/watches/{id}", tag = "watches", request_body = WatchUpdate,
    params(("id" = String, Path)),
    responses((status = 200, body = Watch), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(mut upd): ApiJson<WatchUpdate>,
) -> Result<Json<Watch>, ApiError> {
    if let Some(name) = &mut upd.name {
        validate::watch_name(name)?;
        *name = name.trim().to_string();
    }
    let w = blocking(&st, move |s| s.update_watch(&id, &upd, &u)).await?;
    st.watches.changed();
    Ok(Json(w))
}

/// Deletes one of the caller's watches; answers the watch as it was. Its alerts stay.
#[utoipa::path(delete, path = "/v1/watches/{id}", tag = "watches", params(("id" = String, Path)),
    responses((status = 200, body = Watch), (status = 404, body = ErrorBody)))]
pub async fn remove(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Watch>, ApiError> {
    let w = blocking(&st, move |s| s.delete_watch(&id, &u)).await?;
    st.watches.changed();
    Ok(Json(w))
}

/// The caller's alerts, newest first; `unread=true` for the unread ones only.
#[utoipa::path(get, path = "/v1/alerts", tag = "watches", params(AlertQuery),
    responses((status = 200, body = Vec<Alert>)))]
pub async fn alerts(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiQuery(q): ApiQuery<AlertQuery>,
) -> Result<Json<Vec<Alert>>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.list_alerts(&q, &u)).await?))
}

/// Marks one of the caller's alerts read (again is harmless).
#[utoipa::path(post, path = "/v1/alerts/{id}/read", tag = "watches", params(("id" = String, Path)),
    responses((status = 200, body = Alert), (status = 404, body = ErrorBody)))]
pub async fn read(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Alert>, ApiError> {
    Ok(Json(
        blocking(&st, move |s| s.mark_alert_read(&id, &u)).await?,
    ))
}
