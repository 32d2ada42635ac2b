//! `/v1/ballistics`: casings and the lead review queue.

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
        .route("/v1/ballistics/casings", get(casings).post(acquire))
        .route("/v1/ballistics/casings/{id}", get(casing))
        .route("/v1/ballistics/casings/{id}/cluster", get(cluster))
        .route(
            "/v1/ballistics/casings/{id}/correlations",
            get(super::correlations::correlations),
        )
        .route(
            "/v1/ballistics/casings/{id}/correlations/{candidate}/lead",
            post(super::correlations::mark_lead),
        )
        .route("/v1/ballistics/reviews", get(super::correlations::reviews))
        .route("/v1/ballistics/leads", get(leads))
        .route("/v1/ballistics/leads/{id}", get(lead))
        .route("/v1/ballistics/leads/{id}/decision", post(decide))
}

/// Casings (without images; fetch one casing for its image).
#[utoipa::path(get, path = "/v1/ballistics/casings", tag = "ballistics", params(CasingQuery),
    responses((status = 200, body = Page<Casing>)))]
pub async fn casings(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiQuery(q): ApiQuery<CasingQuery>,
) -> Result<Json<Page<Casing>>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.list_casings(&q, &u)).await?))
}

/// One casing with its (synthetic) greyscale image, base64.
#[utoipa::path(get, path = "/v1/ballistics/casings/{id}", tag = "ballistics", params(("id" = String, Path)),
    responses((status = 200, body = Casing), (status = 404, body = ErrorBody)))]
pub async fn casing(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Casing>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.get_casing(&id, &u)).await?))
}

/// The lead queue, by score or by age.
#[utoipa::path(get, path = "/v1/ballistics/leads", tag = "ballistics", params(LeadQuery),
    responses((status = 200, body = Page<Lead>)))]
pub async fn leads(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiQuery(q): ApiQuery<LeadQuery>,
) -> Result<Json<Page<Lead>>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.list_leads(&q)).await?))
}

#[utoipa::path(get, path = "/v1/ballistics/leads/{id}", tag = "ballistics", params(("id" = String, Path)),
    responses((status = 200, body = Lead), (status = 404, body = ErrorBody)))]
pub async fn lead(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Lead>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.get_lead(&id)).await?))
}

/// Acquires a casing: stored at once and queued for correlation against the stored casings of
/// the same calibre class (`casing_correlated` announces its ranked list; pairs above the
/// high-confidence score become pending leads at once, announced as `lead_created`).
#[utoipa::path(post, path = "/v1/ballistics/casings", tag = "ballistics", request_body = NewCasing,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = Casing), (status = 422, body = ErrorBody)))]
pub async fn acquire(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(new): ApiJson<NewCasing>,
) -> Result<Response, ApiError> {
    let image = validate::new_casing(&new)?;
    let acq = crate::server::store::Acquisition { casing: new, image };
    let w = blocking(&st, move |s| s.acquire_casing(&acq, &u, key.as_deref())).await?;
    if w.value.is_some() {
        st.correlator.enqueued();
    }
    written(&st, w, StatusCode::CREATED)
}

/// Decides a lead. Only an examiner may confirm a hit; every decision is audited.
#[utoipa::path(post, path = "/v1/ballistics/leads/{id}/decision", tag = "ballistics", request_body = LeadDecision,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = Lead), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn decide(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(d): ApiJson<LeadDecision>,
) -> Result<Response, ApiError> {
    super::evidence_work(&u, "decide ballistic leads")?;
    validate::lead_decision(&d)?;
    if d.decision == Decision::Confirm && u.role != Role::Examiner {
        return Err(ApiError::forbidden(
            "Only a ballistics examiner can confirm a hit.",
        ));
    }
    let w = blocking(&st, move |s| s.decide_lead(&id, &d, &u, key.as_deref())).await?;
    written(&st, w, StatusCode::OK)
}

/// The casings tied to this one by confirmed hits (one firearm behind several incidents).
#[utoipa::path(get, path = "/v1/ballistics/casings/{id}/cluster", tag = "ballistics", params(("id" = String, Path)),
    responses((status = 200, body = Cluster), (status = 404, body = ErrorBody)))]
pub async fn cluster(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Cluster>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.cluster(&id, &u)).await?))
}
