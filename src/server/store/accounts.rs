//! What the store keeps for signing in: credentials, per-name failure counts and lockouts,
//! sessions and machine tokens. Secrets are never stored in the clear except the TOTP secret,
//! which verification needs (RFC 6238 is a shared-secret scheme).

use chrono::{DateTime, Utc};

use crate::model::User;

/// A user's sign-in factors as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials {
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Base32 TOTP secret.
    pub totp_secret: String,
    /// A temporary password (new or reset account): the first sign-in must change it.
    pub must_change_password: bool,
}

/// An existing account as a sign-in sees it.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    /// `None` for an account made only for machine tokens (it cannot sign in interactively).
    pub credentials: Option<Credentials>,
    /// The TOTP step of the last accepted code: a code is good once.
    pub last_totp_step: Option<i64>,
    pub disabled: bool,
}

/// What a sign-in attempt for a name finds: the account if there is one, and the failures
/// counted against the name (kept for unknown names too, so a lockout looks the same).
#[derive(Debug, Clone, Default)]
pub struct SignInState {
    pub account: Option<Account>,
    pub failed_count: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// A session to store (its token only as a hash).
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub token_hash: String,
    pub user_name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub idle_s: u32,
}

/// What a bearer token is.
#[derive(Debug, Clone, PartialEq)]
pub enum BearerKind {
    /// A signed-in session: expires at `expires_at`, or `idle_s` after `last_seen`.
    Session {
        expires_at: DateTime<Utc>,
        idle_s: u32,
        last_seen: DateTime<Utc>,
    },
    /// A machine token for scripts (`fwc token create`), expiring or not.
    Token {
        expires_at: Option<DateTime<Utc>>,
        last_used: Option<DateTime<Utc>>,
    },
}

/// A resolved bearer token: who it acts as (with the token's role), and what it is. Revoked
/// tokens, ended sessions and disabled users resolve to nothing; expiry is judged by the caller.
#[derive(Debug, Clone)]
pub struct Bearer {
    pub user: User,
    pub kind: BearerKind,
}

/// A user as `fwc user list` shows them.
#[derive(Debug, Clone)]
pub struct AccountRow {
    pub user: User,
    pub disabled: bool,
    /// Has a password and TOTP secret (can sign in interactively).
    pub enrolled: bool,
    pub must_change_password: bool,
    pub demo: bool,
    pub last_sign_in: Option<DateTime<Utc>>,
    /// Failed sign-ins in a row, and the lock they led to (if still in force).
    pub failed_count: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// A machine token to store (`fwc token create`).
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub token_hash: String,
    pub user_name: String,
    /// What the token is for, as the administrator named it.
    pub label: String,
    /// The role the token acts with (its scope).
    pub role: crate::model::Role,
    pub expires_at: Option<DateTime<Utc>>,
}

/// A machine token as `fwc token list` shows it: never the token, only a short id (the first
/// 12 hex digits of its hash) to revoke it by.
#[derive(Debug, Clone)]
pub struct ApiTokenRow {
    pub id: String,
    pub user_name: String,
    pub label: String,
    pub role: crate::model::Role,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used: Option<DateTime<Utc>>,
}
