//! Bearer authentication: session tokens (from `POST /v1/sessions`) and machine tokens (for
//! scripts), per-user rate limiting, and the per-address throttle on failed authentication.
//!
//! Tokens are random, shown once, and stored only as SHA-256 hashes. A resolved token is
//! cached in memory for [`USER_CACHE_TTL`], so a request usually costs one hash, one map lookup
//! and a comparison of times; a session's idle clock is written back at most every
//! [`touch_interval`], not on every request. A user disabled or signed out on a running server
//! is refused within the cache time (at once for a sign-out through this server).
//!
//! On a store several nodes share (PostgreSQL) nothing is cached: a sign-out, a revoked token
//! or a disabled user on one node must be refused on every other node at once, and no node
//! hears of another's revocation in time to drop a cached entry. A token is then one indexed
//! read per request.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rand::{RngCore, TryRngCore};
use sha2::{Digest, Sha256};

use super::AppState;
use super::error::ApiError;
use super::rate_limit::RateLimit;
use super::store::BearerKind;
use super::throttle::{Throttle, retry_after_secs};
use crate::model::User;

/// SHA-256 hex of a token: what the store keeps.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random machine token (`fwc user add`, `fwc token create`): 256 bits from the OS.
pub fn new_token() -> String {
    format!("fwc_{}", random_hex())
}

/// A fresh random session token: 256 bits from the OS.
pub fn new_session_token() -> String {
    format!("fws_{}", random_hex())
}

fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .unwrap_or_else(|_| rand::rng().fill_bytes(&mut bytes));
    hex::encode(bytes)
}

/// How long a resolved token is trusted before the store is asked again.
pub const USER_CACHE_TTL: Duration = Duration::from_millis(500);

/// Sessions, lockout: what `fwc serve --session-hours --idle-minutes --lockout-minutes` set.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// Absolute length of a session.
    pub length: chrono::Duration,
    /// Seconds without a request after which a session ends (at most 30 minutes: CJIS).
    pub idle_s: u32,
    /// How long a name stays locked after [`Self::max_failures`] failed sign-ins.
    pub lockout: chrono::Duration,
    /// Consecutive failed sign-ins that lock a name (CJIS: at most 5).
    pub max_failures: u32,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            length: chrono::Duration::hours(12),
            idle_s: 30 * 60,
            lockout: chrono::Duration::minutes(15),
            max_failures: 5,
        }
    }
}

/// How stale a session's stored "last seen" may get before a request writes it again: a
/// sixtieth of the idle timeout (30 s for 30 minutes), so a session never ends more than that
/// early, and an active user costs one small write per interval instead of one per request.
pub fn touch_interval(idle_s: u32) -> chrono::Duration {
    chrono::Duration::seconds(i64::from(idle_s / 60).clamp(1, 30))
}

/// Who a request is authenticated as, and by what.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: Arc<User>,
    pub token_hash: String,
    pub kind: BearerKind,
}

/// Caches token → principal (with when it was resolved), limits each user's request rate, and
/// counts failed authentications per address.
pub struct Authenticator {
    cache: RwLock<HashMap<String, (Principal, Instant)>>,
    /// How long a resolved token is trusted: [`USER_CACHE_TTL`], or zero on a shared store.
    cache_ttl: Duration,
    limit: RateLimit,
    pub throttle: Throttle,
    pub policy: SessionPolicy,
}

impl Authenticator {
    /// `per_second` requests per user, with bursts of twice that; 0 disables the limit.
    pub fn new(per_second: u32, policy: SessionPolicy) -> Self {
        Authenticator {
            cache: RwLock::new(HashMap::new()),
            cache_ttl: USER_CACHE_TTL,
            limit: RateLimit::new(per_second, false),
            throttle: Throttle::default(),
            policy,
        }
    }

    /// For a store several nodes share: every request asks the store for its token (see the
    /// module docs), and the rate is counted in the store ([`RateLimit::Shared`]).
    pub fn shared(per_second: u32, policy: SessionPolicy) -> Self {
        Authenticator {
            cache_ttl: Duration::ZERO,
            limit: RateLimit::new(per_second, true),
            ..Authenticator::new(0, policy)
        }
    }

    /// Forgets a token at once (sign-out), instead of within the cache time.
    pub fn forget(&self, token_hash: &str) {
        if let Ok(mut c) = self.cache.write() {
            c.remove(token_hash);
        }
    }
}

/// Requests that need no token: the health check, the contract, the logon banner, and signing
/// in itself (which throttles on its own).
fn is_public(method: &Method, path: &str) -> bool {
    matches!(path, "/v1/health" | "/openapi.json" | "/v1/banner")
        || (path == "/v1/sessions" && method == Method::POST)
}

/// The client's address (the peer of the TCP connection); unspecified when the server was
/// built without connection info (then every client shares one throttle).
pub fn client_ip(ext: &axum::http::Extensions) -> IpAddr {
    ext.get::<ConnectInfo<super::wire::PeerAddr>>()
        .map(|c| c.0.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// The client's address, for handlers.
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(&parts.extensions)))
    }
}

/// `429` with `Retry-After` for an address past its failed-authentication allowance.
pub fn throttled(wait: Duration) -> Response {
    let secs = retry_after_secs(wait);
    let mut resp = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!("Too many failed sign-ins or bad tokens from this address; try again in {secs} s."),
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

/// Resolves the bearer token to a principal (its user put in request and response extensions)
/// or answers 401; an address with too many failures gets 429 before its token is looked at.
pub async fn authenticate(
    State(st): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if is_public(req.method(), req.uri().path()) {
        return next.run(req).await;
    }
    let ip = client_ip(req.extensions());
    // From memory only: a request with a good token costs no database read for this.
    if let Some(wait) = st.auth.throttle.retry_after(ip, Instant::now()) {
        return throttled(wait);
    }
    let principal = match resolve(&st, req.headers().get(header::AUTHORIZATION)).await {
        Ok(p) => p,
        Err(e) => {
            if e.status == StatusCode::UNAUTHORIZED
                && let Some(wait) = super::throttle::failed_everywhere(&st, ip).await
            {
                return throttled(wait);
            }
            return e.into_response();
        }
    };
    let user = principal.user.clone();
    let allowed = match st.auth.limit.allow(&st.store, &user.name).await {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    if !allowed {
        let mut resp = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
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
    req.extensions_mut().insert(principal);
    let mut resp = next.run(req).await;
    resp.extensions_mut().insert(user);
    resp
}

/// The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive,
/// RFC 9110 §11.1).
fn bearer_token(header: Option<&HeaderValue>) -> Result<&str, ApiError> {
    let Some(value) = header else {
        return Err(ApiError::unauthorized(
            "Sign in: send Authorization: Bearer <token>.",
        ));
    };
    value
        .to_str()
        .ok()
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then_some(rest)
        })
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 200)
        .ok_or_else(|| ApiError::unauthorized("The Authorization header must be `Bearer <token>`."))
}

/// Why a resolved token may not be used at `now`, if it may not.
pub fn expired(kind: &BearerKind, now: DateTime<Utc>) -> Option<ApiError> {
    match kind {
        BearerKind::Session {
            expires_at,
            idle_s,
            last_seen,
        } => {
            if now >= *expires_at {
                Some(session_expired("it reached its maximum length"))
            } else if now >= *last_seen + chrono::Duration::seconds(i64::from(*idle_s)) {
                Some(session_expired("it was idle too long"))
            } else {
                None
            }
        }
        BearerKind::Token {
            expires_at: Some(at),
            ..
        } if now >= *at => Some(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "session_expired",
            "The token has expired. Ask an administrator for a new one (fwc token create).",
        )),
        BearerKind::Token { .. } => None,
    }
}

fn session_expired(why: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "session_expired",
        format!("Your session has ended ({why}); sign in again."),
    )
}

async fn resolve(st: &AppState, header: Option<&HeaderValue>) -> Result<Principal, ApiError> {
    let hash = hash_token(bearer_token(header)?);
    let now = Utc::now();
    let cached = st
        .auth
        .cache
        .read()
        .ok()
        .and_then(|c| c.get(&hash).cloned())
        .filter(|(_, at)| at.elapsed() < st.auth.cache_ttl);
    let (principal, resolved_at) = match cached {
        Some(hit) => hit,
        None => {
            let resolved_at = Instant::now();
            let found = match st.store.async_reads() {
                Some(reads) => reads.bearer(&hash).await?,
                None => {
                    let store = st.store.clone();
                    let h = hash.clone();
                    tokio::task::spawn_blocking(move || store.bearer(&h)).await??
                }
            };
            let Some(b) = found else {
                st.auth.forget(&hash);
                return Err(ApiError::unauthorized(
                    "The token is not valid. Sign in again, or ask an administrator for a new token.",
                ));
            };
            let p = Principal {
                user: Arc::new(b.user),
                token_hash: hash.clone(),
                kind: b.kind,
            };
            (p, resolved_at)
        }
    };
    if let Some(e) = expired(&principal.kind, now) {
        st.auth.forget(&hash);
        return Err(e);
    }
    let principal = touch(st, principal, now).await?;
    // The entry keeps the time it was read from the store: a hit must not extend its trust.
    if !st.auth.cache_ttl.is_zero()
        && let Ok(mut c) = st.auth.cache.write()
    {
        c.insert(hash, (principal.clone(), resolved_at));
    }
    Ok(principal)
}

/// Writes the token's use back when the stored time is older than the touch interval.
async fn touch(st: &AppState, mut p: Principal, now: DateTime<Utc>) -> Result<Principal, ApiError> {
    let stale = match &p.kind {
        BearerKind::Session {
            idle_s, last_seen, ..
        } => now - *last_seen >= touch_interval(*idle_s),
        BearerKind::Token { last_used, .. } => {
            last_used.is_none_or(|t| now - t >= chrono::Duration::minutes(1))
        }
    };
    if !stale {
        return Ok(p);
    }
    let store = st.store.clone();
    let h = p.token_hash.clone();
    tokio::task::spawn_blocking(move || store.touch_bearer(&h, now)).await??;
    match &mut p.kind {
        BearerKind::Session { last_seen, .. } => *last_seen = now,
        BearerKind::Token { last_used, .. } => *last_used = Some(now),
    }
    Ok(p)
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

impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Principal>()
            .cloned()
            .ok_or_else(|| ApiError::unauthorized("Sign in: send Authorization: Bearer <token>."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_at_its_absolute_end_or_after_idling() {
        let t0 = Utc::now();
        let s = BearerKind::Session {
            expires_at: t0 + chrono::Duration::hours(12),
            idle_s: 1800,
            last_seen: t0,
        };
        assert!(expired(&s, t0 + chrono::Duration::seconds(1799)).is_none());
        let idle = expired(&s, t0 + chrono::Duration::seconds(1800)).unwrap();
        assert_eq!(
            (idle.status, idle.code),
            (StatusCode::UNAUTHORIZED, "session_expired")
        );
        let active = BearerKind::Session {
            expires_at: t0 + chrono::Duration::hours(12),
            idle_s: 1800,
            last_seen: t0 + chrono::Duration::hours(12) - chrono::Duration::seconds(10),
        };
        assert!(expired(&active, t0 + chrono::Duration::hours(12)).is_some());
        let forever = BearerKind::Token {
            expires_at: None,
            last_used: None,
        };
        assert!(expired(&forever, t0 + chrono::Duration::days(9000)).is_none());
        // The idle clock is written back often enough that a session ends at most 30 s early.
        assert_eq!(touch_interval(1800), chrono::Duration::seconds(30));
        assert_eq!(touch_interval(60), chrono::Duration::seconds(1));
    }
}
