//! Signing in and out, the logon banner, and what the server says about the session: the
//! calls a console makes before it has a session, or to replace one.

use reqwest::{StatusCode, header};

use super::client::{Api, ApiClient, decode};
use super::error::ApiError;
use crate::model::{Banner, Me, NewSession, SessionCreated};

/// A refused or failed sign-in, with the server's `Retry-After` (seconds) when it sent one: a
/// locked name (`423`) or an address with too many failures (`429`).
#[derive(Debug, Clone, PartialEq)]
pub struct SignInError {
    pub error: ApiError,
    pub retry_after_s: Option<u64>,
}

impl std::fmt::Display for SignInError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for SignInError {}

impl ApiClient {
    /// The logon banner in `lang` (`en`/`es`; needs no token), sanitised like every answer.
    pub async fn banner(&self, lang: &str) -> Result<Banner, ApiError> {
        self.get(Api::Trace, "/v1/banner", &[("lang", lang)]).await
    }

    /// `GET /v1/me` in full: the user and, for a session, when it ends and its idle time.
    pub async fn whoami(&self) -> Result<Me, ApiError> {
        self.get(Api::Trace, "/v1/me", &()).await
    }

    /// Signs in (`POST /v1/sessions`; needs no token). Never retried: a TOTP code is good once.
    pub async fn sign_in(&self, body: &NewSession) -> Result<SessionCreated, SignInError> {
        let base = &self.base(Api::Trace);
        let failed = |error| SignInError {
            error,
            retry_after_s: None,
        };
        let resp = self
            .http()
            .post(format!("{base}/v1/sessions"))
            .json(body)
            .send()
            .await
            .map_err(|e| failed(ApiError::from_transport(base, &e)))?;
        let status = resp.status();
        let retry_after_s = resp
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| failed(ApiError::from_transport(base, &e)))?;
        if status != StatusCode::CREATED && !status.is_success() {
            return Err(SignInError {
                error: ApiError::from_status(status.as_u16(), &bytes),
                retry_after_s,
            });
        }
        decode(base, &bytes).map_err(failed)
    }

    /// Signs the session out (`DELETE /v1/sessions/current`): its token stops at once.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        let base = &self.base(Api::Trace);
        let resp = self
            .http()
            .delete(format!("{base}/v1/sessions/current"))
            .bearer_auth(self.token())
            .send()
            .await
            .map_err(|e| ApiError::from_transport(base, &e))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(());
        }
        let bytes = resp.bytes().await.unwrap_or_default();
        Err(ApiError::from_status(status.as_u16(), &bytes))
    }
}
