//! `/v1/firearms`: firearm records and the serial search.

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
        .route("/v1/firearms", get(list))
        .route("/v1/firearms/{id}", get(one))
}

/// Firearms, by serial (exact `ABC123`, prefix `ABC*`, partial `*12?45*`) and description.
#[utoipa::path(get, path = "/v1/firearms", tag = "firearms", params(FirearmQuery),
    responses((status = 200, body = Page<Firearm>), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiQuery(q): ApiQuery<FirearmQuery>,
) -> Result<Json<Page<Firearm>>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.list_firearms(&q)).await?))
}

#[utoipa::path(get, path = "/v1/firearms/{id}", tag = "firearms", params(("id" = String, Path)),
    responses((status = 200, body = Firearm), (status = 404, body = ErrorBody)))]
pub async fn one(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Firearm>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.get_firearm(&id)).await?))
}
