//! Bearer-token authentication and per-user rate limiting.
//!
//! Tokens are random, shown once, and stored only as SHA-256 hashes. Resolved users are cached
//! in memory for [`USER_CACHE_TTL`], so a request usually costs one hash and one map lookup,
//! and a user disabled on a running server (`fwc user disable`) is refused within that time.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::AppState;
use super::error::ApiError;
use crate::model::User;

/// SHA-256 hex of a token: what the users table stores.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random token for a real deployment's user (`fwc user add`).
pub fn new_token() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    format!("fwc_{}", hex::encode(bytes))
}

/// How long a resolved token is trusted before the users table is asked again.
pub const USER_CACHE_TTL: Duration = Duration::from_millis(500);

/// Caches token → user (with when it was resolved), and limits each user's request rate.
pub struct Authenticator {
    cache: RwLock<HashMap<String, (Arc<User>, Instant)>>,
    limiter: Option<DefaultKeyedRateLimiter<String>>,
}

impl Authenticator {
    /// `per_second` requests per user, with bursts of twice that; 0 disables the limit.
    pub fn new(per_second: u32) -> Self {
        let limiter = NonZeroU32::new(per_second).map(|n| {
            let burst = n.saturating_mul(NonZeroU32::new(2).unwrap_or(NonZeroU32::MIN));
            RateLimiter::keyed(Quota::per_second(n).allow_burst(burst))
        });
        Authenticator {
            cache: RwLock::new(HashMap::new()),
            limiter,
        }
    }
}

/// Paths anyone may read: the health check and the contract itself.
fn is_public(path: &str) -> bool {
    path == "/v1/health" || path == "/openapi.json"
}

/// Resolves the bearer token to a user (put in request and response extensions) or answers 401.
pub async fn authenticate(
    State(st): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if is_public(req.uri().path()) {
        return next.run(req).await;
    }
    let user = match resolve(&st, req.headers().get(header::AUTHORIZATION)).await {
        Ok(u) => u,
        Err(e) => return e.into_response(),
    };
    if let Some(l) = &st.auth.limiter
        && l.check_key(&user.name).is_err()
    {
        let mut resp = ApiError::new(
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many requests; slow down.",
        )
        .into_response();
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return resp;
    }
    super::audit::set_user(&user);
    req.extensions_mut().insert(user.clone());
    let mut resp = next.run(req).await;
    resp.extensions_mut().insert(user);
    resp
}

async fn resolve(st: &AppState, header: Option<&HeaderValue>) -> Result<Arc<User>, ApiError> {
    let Some(value) = header else {
        return Err(ApiError::unauthorized(
            "Sign in: send Authorization: Bearer <token>.",
        ));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            // The scheme is case-insensitive (RFC 9110 §11.1): `bearer` works like `Bearer`.
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then_some(rest)
        })
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 200)
        .ok_or_else(|| {
            ApiError::unauthorized("The Authorization header must be `Bearer <token>`.")
        })?;
    let hash = hash_token(token);
    if let Some(u) = st
        .auth
        .cache
        .read()
        .ok()
        .and_then(|c| c.get(&hash).cloned())
        .filter(|(_, at)| at.elapsed() < USER_CACHE_TTL)
    {
        return Ok(u.0);
    }
    let store = st.store.clone();
    let h = hash.clone();
    let user = tokio::task::spawn_blocking(move || store.user_by_token_hash(&h)).await??;
    let Some(user) = user else {
        if let Ok(mut c) = st.auth.cache.write() {
            c.remove(&hash);
        }
        return Err(ApiError::unauthorized(
            "The token is not valid. Ask an administrator for a new one.",
        ));
    };
    let user = Arc::new(user);
    if let Ok(mut c) = st.auth.cache.write() {
        c.insert(hash, (user.clone(), Instant::now()));
    }
    Ok(user)
}

/// The signed-in user, for handlers.
pub struct AuthUser(pub Arc<User>);

impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Arc<User>>()
            .cloned()
            .map(AuthUser)
            .ok_or_else(|| ApiError::unauthorized("Sign in: send Authorization: Bearer <token>."))
    }
}
