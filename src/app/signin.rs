//! The sign-in gate: the logon banner, the sign-in form and the idle lock, as plain state that
//! `update()` changes. While the gate is up the console draws nothing else (no record stays on
//! screen) and every key goes to it; the panes, their drafts and the outbox wait underneath.
//! The banner and the sign-in itself are effects the runtime executes.

use chrono::{DateTime, Utc};

use super::backend::{FetchError, FetchErrorKind};
use super::effect::Effect;
use crate::model::{NewSession, SessionCreated};

/// Longest user name the form takes (the server's limit).
const MAX_USER: usize = 120;
/// Longest password the form takes (far above any real one; bounds memory).
const MAX_PASSWORD: usize = 1024;
/// A TOTP code: six digits.
const TOTP_DIGITS: usize = 6;

/// Why the gate is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// No valid session yet: banner, then the form.
    SignIn,
    /// The console locked itself after the idle time: the same user signs in again.
    Unlock,
    /// The server ended the session (expired, revoked or signed out elsewhere): sign in again.
    Expired,
}

/// What the gate shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The logon banner, until the user acknowledges it.
    Banner,
    Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    User,
    Password,
    Totp,
}

/// The server's logon banner, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BannerText {
    Loading,
    /// Sanitised by the client (paragraphs kept).
    Shown(String),
    /// Could not be read (the reason, sanitised): Enter tries again.
    Failed(String),
}

/// Why the last sign-in did not succeed, worded by the UI in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A field was left empty, or the code is not six digits.
    Missing(Field),
    /// Wrong user, password or code (the server does not say which).
    Failed,
    /// Too many failures for this name: try again at `until` (from `Retry-After`). Said the
    /// same way whether or not the user exists, as the server answers.
    Locked { until: Option<DateTime<Utc>> },
    /// Too many failures from this address: try again at `until`.
    Throttled { until: Option<DateTime<Utc>> },
    /// The password is temporary and must be changed first (`fwc login --new-password-stdin`).
    PasswordChange,
    /// The server could not be reached (why, sanitised).
    Offline(String),
    /// Anything else: the server's code, worded generically, and its sentence as detail.
    Other(super::state::Refusal),
}

/// A sign-in the runtime completed: who, and the session (its token is already in use).
#[derive(Clone, PartialEq)]
pub struct SignedIn {
    pub user: String,
    pub session: SessionCreated,
}

/// The session token never reaches a log through `{:?}`.
impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("user", &self.user)
            .field("expires_at", &self.session.expires_at)
            .field("idle_timeout_s", &self.session.idle_timeout_s)
            .finish_non_exhaustive()
    }
}

/// A refused or failed sign-in, with the server's `Retry-After` and when the answer came (so
/// `update()` can say when to try again without reading a clock).
#[derive(Debug, Clone, PartialEq)]
pub struct SignInFailure {
    pub error: FetchError,
    pub retry_after_s: Option<u64>,
    pub at: DateTime<Utc>,
}

/// The gate's whole state. Secrets live here only while typed: they are cleared after every
/// attempt, and the gate is dropped once signed in.
#[derive(Clone, PartialEq)]
pub struct Gate {
    pub purpose: Purpose,
    pub stage: Stage,
    pub banner: BannerText,
    pub user: String,
    pub password: String,
    pub totp: String,
    pub focus: Field,
    /// A sign-in is in flight: further submits wait for its answer.
    pub busy: bool,
    pub problem: Option<Problem>,
}

/// Typed secrets never reach a log through `{:?}`.
impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gate")
            .field("purpose", &self.purpose)
            .field("stage", &self.stage)
            .field("user", &self.user)
            .field("focus", &self.focus)
            .field("busy", &self.busy)
            .field("problem", &self.problem)
            .finish_non_exhaustive()
    }
}

impl Gate {
    /// The first sign-in: the banner first (its fetch is the returned effect).
    pub fn sign_in(lang: super::state::Lang) -> (Gate, Effect) {
        let g = Gate {
            purpose: Purpose::SignIn,
            stage: Stage::Banner,
            banner: BannerText::Loading,
            user: String::new(),
            password: String::new(),
            totp: String::new(),
            focus: Field::User,
            busy: false,
            problem: None,
        };
        (g, Effect::FetchBanner(lang))
    }

    /// The lock (or a session the server ended): straight to the form, for the same user.
    pub fn again(purpose: Purpose, user: &str) -> Gate {
        Gate {
            purpose,
            stage: Stage::Form,
            banner: BannerText::Loading,
            user: user.to_string(),
            password: String::new(),
            totp: String::new(),
            focus: Field::Password,
            busy: false,
            problem: None,
        }
    }

    /// Whether the user name is fixed (unlocking is for the user who locked, nobody else).
    pub fn user_fixed(&self) -> bool {
        self.purpose != Purpose::SignIn
    }

    fn fields(&self) -> &'static [Field] {
        if self.user_fixed() {
            &[Field::Password, Field::Totp]
        } else {
            &[Field::User, Field::Password, Field::Totp]
        }
    }

    /// Moves the focus to the next (`+1`) or previous (`-1`) field, wrapping.
    pub fn move_focus(&mut self, delta: isize) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len() as isize;
        let next = (at as isize + delta).rem_euclid(n) as usize;
        self.focus = fields[next];
    }

    /// Types `c` into the focused field (control characters never; the code takes digits).
    pub fn type_char(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        match self.focus {
            Field::User if self.user.chars().count() < MAX_USER => self.user.push(c),
            Field::Password if self.password.chars().count() < MAX_PASSWORD => {
                self.password.push(c)
            }
            Field::Totp if c.is_ascii_digit() && self.totp.len() < TOTP_DIGITS => self.totp.push(c),
            _ => {}
        }
    }

    pub fn backspace(&mut self) {
        match self.focus {
            Field::User => self.user.pop(),
            Field::Password => self.password.pop(),
            Field::Totp => self.totp.pop(),
        };
    }

    /// The sign-in to send, or the first field still missing (focused, so the user can fix it).
    pub fn submit(&mut self) -> Option<Effect> {
        if self.busy {
            return None;
        }
        let missing = if self.user.trim().is_empty() {
            Some(Field::User)
        } else if self.password.is_empty() {
            Some(Field::Password)
        } else if self.totp.len() != TOTP_DIGITS {
            Some(Field::Totp)
        } else {
            None
        };
        if let Some(f) = missing {
            self.focus = f;
            self.problem = Some(Problem::Missing(f));
            return None;
        }
        self.busy = true;
        self.problem = None;
        Some(Effect::SignIn(NewSession {
            user: self.user.trim().to_string(),
            password: self.password.clone(),
            totp: self.totp.clone(),
            new_password: None,
        }))
    }

    /// A refused sign-in: say why, keep the user name, clear the secrets (a code is good once)
    /// and put the cursor where the user types next.
    pub fn refused(&mut self, f: SignInFailure) {
        self.busy = false;
        self.password.clear();
        self.totp.clear();
        self.focus = if self.user.trim().is_empty() {
            Field::User
        } else {
            Field::Password
        };
        let until = f
            .retry_after_s
            .map(|s| f.at + chrono::Duration::seconds(i64::try_from(s).unwrap_or(i64::MAX / 2)));
        let e = f.error;
        self.problem = Some(match (e.kind, e.code.as_deref()) {
            (FetchErrorKind::Offline, _) => Problem::Offline(e.offline_reason()),
            (_, Some("account_locked")) => Problem::Locked { until },
            (FetchErrorKind::RateLimited, _) => Problem::Throttled { until },
            (_, Some("password_change_required")) => Problem::PasswordChange,
            (FetchErrorKind::Unauthorized, _) => Problem::Failed,
            _ => Problem::Other(super::state::Refusal::of(&e)),
        });
    }
}

/// The idle lock's default and ceiling: 15 minutes without a key (the CJIS maximum is 30).
pub const DEFAULT_IDLE_LOCK_MIN: u32 = 15;

/// When a console signed in with password and TOTP locks itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleLock {
    /// The console's own limit: [`DEFAULT_IDLE_LOCK_MIN`], or shorter by the config.
    pub limit_s: u64,
    /// The server's idle time for the session (`idle_timeout_s`): the lock never waits longer.
    pub server_s: u64,
}

impl IdleLock {
    /// `config_minutes` (the config's `idle_lock_minutes`) may only shorten the default, and
    /// `test_seconds` (`FWC_IDLE_LOCK_SECONDS`, for tests) only shortens further.
    pub fn new(config_minutes: Option<u32>, test_seconds: Option<u64>, server_s: u32) -> IdleLock {
        let minutes = config_minutes
            .unwrap_or(DEFAULT_IDLE_LOCK_MIN)
            .clamp(1, DEFAULT_IDLE_LOCK_MIN);
        let mut limit_s = u64::from(minutes) * 60;
        if let Some(t) = test_seconds {
            limit_s = limit_s.min(t.max(1));
        }
        IdleLock {
            limit_s,
            server_s: u64::from(server_s),
        }
    }

    /// Seconds without a key before the console locks.
    pub fn after_s(&self) -> u64 {
        self.limit_s.min(self.server_s).max(1)
    }
}
