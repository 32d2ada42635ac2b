//! One note: read it, edit it (its author only, optimistic concurrency), list its versions.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::{ApiJson, ApiPath, IdempotencyKey};
use crate::server::routes::{blocking, written};
use crate::server::store::NoteEditOutcome;
use crate::server::validate;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/cases/{id}/notes/{note_id}", get(note).put(edit))
        .route("/v1/cases/{id}/notes/{note_id}/history", get(history))
}

/// One note of the case (members).
#[utoipa::path(get, path = "/v1/cases/{id}/notes/{note_id}", tag = "cases",
    params(("id" = String, Path), ("note_id" = String, Path)),
    responses((status = 200, body = Note), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn note(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath((id, note_id)): ApiPath<(String, String)>,
) -> Result<Json<Note>, ApiError> {
    Ok(Json(
        blocking(&st, move |s| s.get_note(&id, &note_id, &u)).await?,
    ))
}

/// Replaces the body of the caller's own note. `version` is the version the editor started
/// from: if the note has changed since, the answer is 409 with code `version_conflict` and the
/// note as it now stands (`NoteConflict`); nothing is overwritten. Success is 200 with the note
/// at version + 1.
#[utoipa::path(put, path = "/v1/cases/{id}/notes/{note_id}", tag = "cases", request_body = NoteEdit,
    params(("id" = String, Path), ("note_id" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = Note), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = NoteConflict), (status = 422, body = ErrorBody)))]
pub async fn edit(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath((id, note_id)): ApiPath<(String, String)>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(mut edit): ApiJson<NoteEdit>,
) -> Result<Response, ApiError> {
    validate::new_note(&NewNote {
        body: edit.body.clone(),
    })?;
    // Stored NFC-composed, as new notes are.
    crate::model::text::clean_multiline_in_place(&mut edit.body);
    let started_from = edit.version;
    let outcome = blocking(&st, move |s| {
        s.edit_note(&id, &note_id, &edit, &u, key.as_deref())
    })
    .await?;
    match outcome {
        NoteEditOutcome::Saved(w) => written(&st, w, StatusCode::OK),
        NoteEditOutcome::Conflict(current) => Ok(conflict(current, started_from)),
    }
}

fn conflict(current: Note, started_from: u32) -> Response {
    let message = format!(
        "Note {} changed while you were editing it: it is at version {}, you started from {}. \
         Nothing was overwritten; keep your text and save it again from version {} or as a new note.",
        current.id, current.version, started_from, current.version
    );
    let body = NoteConflict {
        error: ErrorDetail {
            code: "version_conflict".into(),
            message,
        },
        current,
    };
    (StatusCode::CONFLICT, Json(body)).into_response()
}

/// Every version of the note, oldest first (members).
#[utoipa::path(get, path = "/v1/cases/{id}/notes/{note_id}/history", tag = "cases",
    params(("id" = String, Path), ("note_id" = String, Path)),
    responses((status = 200, body = [NoteVersion]), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn history(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath((id, note_id)): ApiPath<(String, String)>,
) -> Result<Json<Vec<NoteVersion>>, ApiError> {
    Ok(Json(
        blocking(&st, move |s| s.note_history(&id, &note_id, &u)).await?,
    ))
}
