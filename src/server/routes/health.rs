//! `GET /v1/health` (no auth) and `GET /v1/me` (who is signed in, until when).

use axum::routing::get;
use axum::{Json, Router};

use crate::model::{Health, Me, SessionInfo};
use crate::server::AppState;
use crate::server::auth::Principal;
use crate::server::store::BearerKind;

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

/// The signed-in user, and when their session ends (absolutely, and if idle from now on) or
/// when their machine token expires.
#[utoipa::path(get, path = "/v1/me", tag = "system",
    responses((status = 200, body = Me), (status = 401, body = crate::model::ErrorBody)))]
pub async fn me(p: Principal) -> Json<Me> {
    let (auth, session, token_expires_at) = match p.kind {
        BearerKind::Session {
            expires_at,
            idle_s,
            last_seen,
        } => (
            "session",
            Some(SessionInfo {
                expires_at,
                // This request restarted the idle clock (written back at most every 30 s).
                idle_expires_at: last_seen.max(chrono::Utc::now())
                    + chrono::Duration::seconds(i64::from(idle_s)),
                idle_timeout_s: idle_s,
            }),
            None,
        ),
        BearerKind::Token { expires_at, .. } => ("token", None, expires_at),
    };
    Json(Me {
        user: p.user.as_ref().clone(),
        auth: auth.into(),
        session,
        token_expires_at,
    })
}
