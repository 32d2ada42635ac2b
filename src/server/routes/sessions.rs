//! `POST /v1/sessions` (sign in with password and TOTP) and `DELETE /v1/sessions/current`
//! (sign out).
//!
//! Every refusal of a sign-in looks the same whether or not the user exists: an unknown name
//! costs the same Argon2 work, gets the same `401`, and is locked after the same number of
//! failures with the same `423`. Failures also count against the client's address (`429`).

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, post};
use axum::{Json, Router};
use chrono::{DateTime, SubsecRound, Utc};

use crate::model::{NewSession, SessionCreated};
use crate::server::AppState;
use crate::server::auth::{ClientIp, Principal, hash_token, new_session_token, throttled};
use crate::server::credentials::{
    hash_password, matching_step, password_problem, verify_nothing, verify_password,
};
use crate::server::error::ApiError;
use crate::server::extract::ApiJson;
use crate::server::store::{self, BearerKind, SignInState};
use crate::server::throttle;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/sessions", post(create))
        .route("/v1/sessions/current", delete(end))
}

/// Signs in: the user's name, password and current TOTP code give a session token that ends
/// after the server's session length (12 h by default) or idle time (30 min by default). An
/// account whose password is temporary must send `new_password` too (`403`
/// `password_change_required` otherwise). Wrong credentials are `401` `sign_in_failed`; the
/// fifth failure in a row locks the name (`423` `account_locked`, with `Retry-After`), whether
/// or not such a user exists; more than 20 failures a minute from one address are `429`.
#[utoipa::path(post, path = "/v1/sessions", tag = "system", security(()), request_body = NewSession,
    responses((status = 201, body = SessionCreated),
        (status = 401, body = crate::model::ErrorBody, description = "`sign_in_failed`: wrong user, password or code"),
        (status = 403, body = crate::model::ErrorBody, description = "`password_change_required`"),
        (status = 423, body = crate::model::ErrorBody, description = "`account_locked`, with `Retry-After`"),
        (status = 429, body = crate::model::ErrorBody, description = "too many failures from this address, with `Retry-After`")))]
pub async fn create(
    State(st): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<NewSession>,
) -> Result<Response, ApiError> {
    // Every node's count: a sign-in reads the database anyway.
    if let Some(wait) = throttle::retry_after_everywhere(&st, ip, true).await {
        return Ok(throttled(wait));
    }
    let name = body.user.trim().to_string();
    if name.is_empty() || name.chars().count() > 120 || body.password.len() > 4096 {
        return Err(ApiError::invalid(
            "Send the user name (1 to 120 characters), the password and the TOTP code.",
        ));
    }
    crate::server::audit::set_user_name(&name);
    // Whole seconds: what the store keeps, so the answer and `/v1/me` agree.
    let now = Utc::now().trunc_subsecs(0);
    let s = st.store.clone();
    let n = name.clone();
    let state = tokio::task::spawn_blocking(move || s.sign_in_state(&n)).await??;
    if let Some(until) = state.locked_until.filter(|u| *u > now) {
        throttle::failed_everywhere(&st, ip).await;
        return Ok(locked_answer(until, now));
    }
    let Some(step) = check_factors(&state, body.clone(), now).await? else {
        throttle::failed_everywhere(&st, ip).await;
        return failed(&st, &name, now).await;
    };
    let new_hash = new_password(&state, &name, &body).await?;
    let policy = st.auth.policy;
    let token = new_session_token();
    let session = store::SessionRow {
        token_hash: hash_token(&token),
        user_name: name.clone(),
        created_at: now,
        expires_at: now + policy.length,
        idle_s: policy.idle_s,
    };
    let s = st.store.clone();
    let row = session.clone();
    let stored = tokio::task::spawn_blocking(move || {
        s.sign_in_succeeded(&row, step as i64, new_hash.as_deref())
    })
    .await??;
    if !stored {
        // The code was used already (a replay, or two sign-ins racing): a code is good once.
        throttle::failed_everywhere(&st, ip).await;
        return failed(&st, &name, now).await;
    }
    Ok((
        StatusCode::CREATED,
        Json(SessionCreated {
            token,
            expires_at: session.expires_at,
            idle_timeout_s: session.idle_s,
        }),
    )
        .into_response())
}

/// The TOTP step of a correct password and code for an enabled account with credentials;
/// `None` otherwise. The Argon2 work is the same for an unknown name.
async fn check_factors(
    state: &SignInState,
    body: NewSession,
    now: DateTime<Utc>,
) -> Result<Option<u64>, ApiError> {
    let account = state.account.clone();
    Ok(tokio::task::spawn_blocking(move || {
        let usable = account
            .as_ref()
            .filter(|a| !a.disabled)
            .and_then(|a| a.credentials.as_ref().map(|c| (a, c)));
        let Some((a, c)) = usable else {
            verify_nothing(&body.password);
            return None;
        };
        if !verify_password(&c.password_hash, &body.password) {
            return None;
        }
        let step = matching_step(&c.totp_secret, &body.totp, now.timestamp().max(0) as u64)?;
        let fresh = a.last_totp_step.is_none_or(|last| (step as i64) > last);
        fresh.then_some(step)
    })
    .await?)
}

/// The hash of the new password, when one is due (temporary password) or offered; refuses a
/// temporary password without one, and a weak or unchanged one.
async fn new_password(
    state: &SignInState,
    name: &str,
    body: &NewSession,
) -> Result<Option<String>, ApiError> {
    let creds = state.account.as_ref().and_then(|a| a.credentials.clone());
    let must = creds.as_ref().is_some_and(|c| c.must_change_password);
    let Some(new) = body.new_password.clone() else {
        if must {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "password_change_required",
                "Your password is temporary: send `new_password` (at least 12 characters) with your sign-in.",
            ));
        }
        return Ok(None);
    };
    if let Some(problem) = password_problem(&new, name) {
        return Err(ApiError::invalid(problem));
    }
    let old = creds.map(|c| c.password_hash).unwrap_or_default();
    let hashed = tokio::task::spawn_blocking(move || {
        if verify_password(&old, &new) {
            return Err(ApiError::invalid(
                "The new password must differ from the old one.",
            ));
        }
        hash_password(&new).map_err(|e| ApiError::internal(e.to_string()))
    })
    .await??;
    Ok(Some(hashed))
}

/// Counts the failure against the name and answers `401`, or `423` when it locked the name.
async fn failed(st: &AppState, name: &str, now: DateTime<Utc>) -> Result<Response, ApiError> {
    let policy = st.auth.policy;
    let s = st.store.clone();
    let n = name.to_string();
    let locked = tokio::task::spawn_blocking(move || {
        s.sign_in_failed(&n, now, policy.max_failures, policy.lockout)
    })
    .await??;
    match locked {
        Some(until) if until > now => Ok(locked_answer(until, now)),
        _ => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "sign_in_failed",
            "The user name, password or code is wrong.",
        )),
    }
}

/// `423` with `Retry-After`: the same words for every name, existing or not.
fn locked_answer(until: DateTime<Utc>, now: DateTime<Utc>) -> Response {
    let secs = (until - now).num_seconds().max(1);
    let mut resp = ApiError::new(
        StatusCode::LOCKED,
        "account_locked",
        format!(
            "Too many failed sign-ins for this name: sign-in is locked until {} UTC.",
            until.format("%H:%M")
        ),
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

/// Signs out: the session's token stops working at once.
#[utoipa::path(delete, path = "/v1/sessions/current", tag = "system",
    responses((status = 204, description = "signed out"),
        (status = 422, body = crate::model::ErrorBody, description = "the token is a machine token, not a session")))]
pub async fn end(State(st): State<AppState>, p: Principal) -> Result<StatusCode, ApiError> {
    if !matches!(p.kind, BearerKind::Session { .. }) {
        return Err(ApiError::invalid(
            "This is a machine token, not a session; an administrator revokes it with `fwc token revoke`.",
        ));
    }
    st.auth.forget(&p.token_hash);
    let s = st.store.clone();
    let h = p.token_hash.clone();
    tokio::task::spawn_blocking(move || s.end_session(&h)).await??;
    st.auth.forget(&p.token_hash);
    Ok(StatusCode::NO_CONTENT)
}
