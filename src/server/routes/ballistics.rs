//! `/v1/ballistics`: casings and the lead review queue.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use super::blocking;
use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::{ApiPath, ApiQuery};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/ballistics/casings", get(casings))
        .route("/v1/ballistics/casings/{id}", get(casing))
        .route("/v1/ballistics/leads", get(leads))
        .route("/v1/ballistics/leads/{id}", get(lead))
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
