//! Case members and the case's audit trail: supervisors who are members of the case.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::{ApiJson, ApiPath, ApiQuery, IdempotencyKey};
use crate::server::routes::{blocking, written};

/// Default and largest number of audit entries per answer.
const AUDIT_DEFAULT: u32 = 200;
const AUDIT_MAX: u32 = 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/cases/{id}/members", post(add).delete(remove))
        .route("/v1/cases/{id}/audit", get(audit))
        .route("/v1/directory", get(directory))
}

/// Adds an agency (no `user`) or one named user of an agency (supervisors who are members).
#[utoipa::path(post, path = "/v1/cases/{id}/members", tag = "cases", request_body = CaseMember,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Case), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(m): ApiJson<CaseMember>,
) -> Result<Response, ApiError> {
    check_member(&m.agency, m.user.as_deref())?;
    let w = blocking(&st, move |s| s.add_member(&id, &m, &u, key.as_deref())).await?;
    written(&st, w, StatusCode::CREATED)
}

/// Query form of [`MemberRef`], for clients that cannot send a body with DELETE.
#[derive(Debug, Deserialize)]
pub struct MemberParams {
    agency: Option<String>,
    user: Option<String>,
}

/// Removes a member, named by a `MemberRef` JSON body or `?agency=…&user=…` (supervisors who
/// are members). The last member cannot be removed (409).
#[utoipa::path(delete, path = "/v1/cases/{id}/members", tag = "cases", request_body = MemberRef,
    params(("id" = String, Path), MemberRef),
    responses((status = 200, body = Case), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn remove(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<MemberParams>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let m = member_ref(q, &body)?;
    check_member(&m.agency, m.user.as_deref())?;
    let w = blocking(&st, move |s| s.remove_member(&id, &m, &u)).await?;
    written(&st, w, StatusCode::OK)
}

fn member_ref(q: MemberParams, body: &[u8]) -> Result<MemberRef, ApiError> {
    if body.iter().any(|b| !b.is_ascii_whitespace()) {
        return serde_json::from_slice(body)
            .map_err(|e| ApiError::invalid(format!("The JSON body does not fit the schema: {e}")));
    }
    match q.agency {
        Some(agency) => Ok(MemberRef {
            agency,
            user: q.user.filter(|u| !u.is_empty()),
        }),
        None => Err(ApiError::invalid(
            "name the member: a JSON body {\"agency\":…,\"user\":…} or ?agency=…&user=…",
        )),
    }
}

fn check_member(agency: &str, user: Option<&str>) -> Result<(), ApiError> {
    let bad = |s: &str| s.chars().any(char::is_control);
    if agency.trim().is_empty() || agency.chars().count() > 120 || bad(agency) {
        return Err(ApiError::invalid(
            "agency is required: 1 to 120 printable characters",
        ));
    }
    if user.is_some_and(|u| u.trim().is_empty() || u.chars().count() > 120 || bad(u)) {
        return Err(ApiError::invalid(
            "user, when given, must be 1 to 120 printable characters",
        ));
    }
    Ok(())
}

/// Every agency (`user` absent) and every registered user that a supervisor can add to a case,
/// in the shape `POST /v1/cases/{id}/members` takes. Any signed-in user may read it: it names
/// agencies and people, never cases.
#[utoipa::path(get, path = "/v1/directory", tag = "cases",
    responses((status = 200, body = [CaseMember]), (status = 401, body = ErrorBody)))]
pub async fn directory(
    State(st): State<AppState>,
    AuthUser(_user): AuthUser,
) -> Result<Json<Vec<CaseMember>>, ApiError> {
    Ok(Json(blocking(&st, |s| s.directory()).await?))
}

/// The case's audit trail, newest first: every request about the case (reads of it and its
/// notes included), and this read too once it is written (supervisors who are members).
#[utoipa::path(get, path = "/v1/cases/{id}/audit", tag = "cases", params(("id" = String, Path), AuditQuery),
    responses((status = 200, body = [AuditEntry]), (status = 403, body = ErrorBody)))]
pub async fn audit(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let limit = match q.limit {
        None => AUDIT_DEFAULT,
        Some(n @ 1..=AUDIT_MAX) => n,
        Some(_) => {
            return Err(ApiError::invalid(format!(
                "limit must be between 1 and {AUDIT_MAX}"
            )));
        }
    };
    Ok(Json(
        blocking(&st, move |s| s.case_audit(&id, &u, limit)).await?,
    ))
}
