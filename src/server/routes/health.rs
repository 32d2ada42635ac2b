//! `GET /v1/health` (no auth) and `GET /v1/me`.

use axum::routing::get;
use axum::{Json, Router};

use crate::model::{Health, User};
use crate::server::AppState;
use crate::server::auth::AuthUser;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/me", get(me))
}

/// Liveness and version. Needs no token.
#[utoipa::path(get, path = "/v1/health", tag = "system", security(()),
    responses((status = 200, body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        synthetic_data: true,
        api_version: "v1".into(),
    })
}

/// The signed-in user.
#[utoipa::path(get, path = "/v1/me", tag = "system",
    responses((status = 200, body = User), (status = 401, body = crate::model::ErrorBody)))]
pub async fn me(AuthUser(u): AuthUser) -> Json<User> {
    Json(u.as_ref().clone())
}
