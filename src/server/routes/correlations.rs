//! `/v1/ballistics/…/correlations` and `/v1/ballistics/reviews`: every acquired casing's stored
//! ranked list, the queue of lists nobody has reviewed, and marking a candidate as a lead.
//!
//! Who may do what: every signed-in user reads casings, so every signed-in user reads their
//! lists (a candidate names a casing and scores, never a case). Only technicians and
//! examiners mark leads; anyone else gets the same `403` whether or not the casing exists
//! (the role is checked before the store is asked).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::{blocking, written};
use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::{ApiJson, ApiPath, ApiQuery, IdempotencyKey};
use crate::server::validate;

/// Default and largest number of candidates returned from a list.
const DEFAULT_LIMIT: u32 = 10;
const MAX_LIMIT: u32 = 100;

/// A casing's ranked correlation list (best first) and its 48-hour review clock.
#[utoipa::path(get, path = "/v1/ballistics/casings/{id}/correlations", tag = "ballistics",
    params(("id" = String, Path), CorrelationQuery),
    responses((status = 200, body = CorrelationList), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn correlations(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<CorrelationQuery>,
) -> Result<Json<CorrelationList>, ApiError> {
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let now = chrono::Utc::now();
    Ok(Json(
        blocking(&st, move |s| s.correlations(&id, limit, now)).await?,
    ))
}

/// Casings whose ranked list nobody has reviewed yet, oldest acquisition first.
#[utoipa::path(get, path = "/v1/ballistics/reviews", tag = "ballistics", params(ReviewQuery),
    responses((status = 200, body = Page<ReviewItem>)))]
pub async fn reviews(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiQuery(q): ApiQuery<ReviewQuery>,
) -> Result<Json<Page<ReviewItem>>, ApiError> {
    let now = chrono::Utc::now();
    Ok(Json(blocking(&st, move |s| s.reviews(&q, now)).await?))
}

/// Marks a candidate of a casing's list as a lead for an examiner, with the reviewer's
/// comment; the list counts as reviewed. Technicians and examiners only; audited; announced
/// as `lead_created`. Marking a pair that is a lead already records the mark on that lead.
#[utoipa::path(post, path = "/v1/ballistics/casings/{id}/correlations/{candidate}/lead", tag = "ballistics",
    request_body = LeadMark,
    params(("id" = String, Path), ("candidate" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Lead), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn mark_lead(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath((id, candidate)): ApiPath<(String, String)>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(m): ApiJson<LeadMark>,
) -> Result<Response, ApiError> {
    if !u.role.marks_leads() {
        return Err(ApiError::forbidden(
            "Only a technician or a ballistics examiner can mark a lead.",
        ));
    }
    validate::lead_mark(&m)?;
    let w = blocking(&st, move |s| {
        s.mark_lead(&id, &candidate, &m, &u, key.as_deref())
    })
    .await?;
    written(&st, w, StatusCode::CREATED)
}
