//! Signing in: `POST /v1/sessions` and what `GET /v1/me` says about the session.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::User;

/// `POST /v1/sessions`: the user's name, password and current TOTP code. An account with a
/// temporary password (new or reset) must also send `new_password`, which replaces it.
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    pub user: String,
    pub password: String,
    /// The six-digit code of the user's authenticator app (RFC 6238, 30-second steps).
    pub totp: String,
    /// Required when the password is temporary: at least 12 characters, not a common password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_password: Option<String>,
}

/// Passwords never reach a log through `{:?}`.
impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSession")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// A new session: its bearer token (shown once; stored only as a hash), when it ends at the
/// latest, and after how many seconds without a request it ends sooner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SessionCreated {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub idle_timeout_s: u32,
}

/// The session behind the request (`GET /v1/me`); absent for a machine token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SessionInfo {
    /// The absolute end of the session.
    pub expires_at: DateTime<Utc>,
    /// When the session ends if no request comes before (moves with every request).
    pub idle_expires_at: DateTime<Utc>,
    pub idle_timeout_s: u32,
}

/// `GET /v1/me`: the signed-in user, and their session's expiry (or the machine token's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub user: User,
    /// `session` (signed in with password and TOTP) or `token` (a machine token).
    pub auth: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionInfo>,
    /// A machine token's expiry (null when it does not expire or for a session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_expires_at: Option<DateTime<Utc>>,
}

crate::sanitize_fields!(Me { user, auth });
crate::sanitize_fields!(SessionCreated { token });

/// `GET /v1/banner`: the system-use notification shown before sign-in. Needs no token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Banner {
    /// The notice; may hold line breaks (paragraphs).
    pub text: String,
    /// `en` or `es` for the built-in notice (chosen by `?lang=`, else `Accept-Language`, else
    /// English); absent for an operator's own text (`fwc serve --banner-file`), which is
    /// answered as written whatever the language asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// Paragraphs survive: the banner is multi-line by nature.
impl crate::model::text::Sanitize for Banner {
    fn sanitize(&mut self) {
        crate::model::text::clean_multiline_in_place(&mut self.text);
        crate::model::text::Sanitize::sanitize(&mut self.lang);
    }
}
