//! `/v1/cases`: joint cases, links and notes — members only. Note edits and history live in
//! [`note_edit`]; members and the audit trail (supervisors) in [`membership`].

pub mod membership;
pub mod note_edit;
pub mod prosecution;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
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
        .route("/v1/cases", get(list).post(create))
        .route("/v1/cases/{id}", get(one).patch(update))
        .route("/v1/cases/{id}/links", post(link))
        .route("/v1/cases/{id}/notes", get(notes).post(add_note))
        .merge(note_edit::routes())
        .merge(membership::routes())
        .merge(prosecution::routes())
}

/// The cases the caller is a member of (by user or agency), most recently active first.
#[utoipa::path(get, path = "/v1/cases", tag = "cases", params(CaseQuery),
    responses((status = 200, body = Page<Case>)))]
pub async fn list(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiQuery(q): ApiQuery<CaseQuery>,
) -> Result<Json<Page<Case>>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.list_cases(&q, &u)).await?))
}

/// One case. Non-members get 403 whether or not it exists.
#[utoipa::path(get, path = "/v1/cases/{id}", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = Case), (status = 403, body = ErrorBody)))]
pub async fn one(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Case>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.get_case(&id, &u)).await?))
}

/// Opens a case led by the caller's agency.
#[utoipa::path(post, path = "/v1/cases", tag = "cases", request_body = NewCase,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Case), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(new): ApiJson<NewCase>,
) -> Result<Response, ApiError> {
    validate::new_case(&new)?;
    let w = blocking(&st, move |s| s.create_case(&new, &u, key.as_deref())).await?;
    written(&st, w, StatusCode::CREATED)
}

/// Changes the title and/or the status (members).
#[utoipa::path(patch, path = "/v1/cases/{id}", tag = "cases", request_body = CaseUpdate,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = Case), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(upd): ApiJson<CaseUpdate>,
) -> Result<Response, ApiError> {
    if upd.title.is_none() && upd.status.is_none() {
        return Err(ApiError::invalid("send a new title, a new status, or both"));
    }
    if let Some(title) = &upd.title {
        validate::new_case(&NewCase {
            title: title.clone(),
            members: Vec::new(),
        })?;
    }
    let w = blocking(&st, move |s| s.update_case(&id, &upd, &u, key.as_deref())).await?;
    written(&st, w, StatusCode::OK)
}

/// Links a seizure, firearm, trace, casing, lead, person or dealer to the case.
#[utoipa::path(post, path = "/v1/cases/{id}/links", tag = "cases", request_body = NewLink,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Case), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn link(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(link): ApiJson<NewLink>,
) -> Result<Response, ApiError> {
    validate::new_link(&link)?;
    let w = blocking(&st, move |s| s.add_link(&id, &link, &u, key.as_deref())).await?;
    written(&st, w, StatusCode::CREATED)
}

/// The case's notes, oldest first. `since` (RFC 3339, inclusive, whole seconds) keeps only the
/// notes created or edited since then: what a client needs for an unread count.
#[utoipa::path(get, path = "/v1/cases/{id}/notes", tag = "cases", params(("id" = String, Path), NoteQuery),
    responses((status = 200, body = Page<Note>), (status = 403, body = ErrorBody)))]
pub async fn notes(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<NoteQuery>,
) -> Result<Json<Page<Note>>, ApiError> {
    Ok(Json(
        blocking(&st, move |s| s.list_notes(&id, &q, &u)).await?,
    ))
}

/// Adds a note (Markdown-flavoured plain text).
#[utoipa::path(post, path = "/v1/cases/{id}/notes", tag = "cases", request_body = NewNote,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Note), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_note(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(mut new): ApiJson<NewNote>,
) -> Result<Response, ApiError> {
    validate::new_note(&new)?;
    // Stored NFC-composed: every reader (console, packet, search) sees one spelling of "acción".
    crate::model::text::clean_multiline_in_place(&mut new.body);
    let w = blocking(&st, move |s| s.add_note(&id, &new, &u, key.as_deref())).await?;
    written(&st, w, StatusCode::CREATED)
}
