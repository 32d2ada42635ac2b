//! Envelope types used by every resource: pages, errors and small shared enums.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One page of a list. `next_cursor` is opaque; pass it back as `?cursor=` for the next page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn empty() -> Self {
        Page {
            items: Vec::new(),
            next_cursor: None,
        }
    }
}

/// The body of every 4xx/5xx answer: `{"error":{"code":"…","message":"…"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// Every `code` the API answers with. Stable: clients word them (the console does, in the
/// user's language) and must treat any other code as a generic refusal.
pub const ERROR_CODES: &[&str] = &[
    "bad_request",
    "invalid",
    "unauthorized",
    "forbidden",
    "not_found",
    "conflict",
    "version_conflict",
    "bad_cursor",
    "too_large",
    "unsupported_media_type",
    "rate_limited",
    "method_not_allowed",
    "audit_unavailable",
    "idempotency_key_reused",
    "uri_too_long",
    "headers_too_large",
    "internal",
    "busy",
    "sign_in_failed",
    "account_locked",
    "session_expired",
    "password_change_required",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `bad_request`, `unauthorized`, `not_found`.
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
}

/// A country taking part in the joint programme.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, PartialOrd, Ord,
)]
pub enum Country {
    US,
    MX,
}

impl Country {
    pub fn as_str(self) -> &'static str {
        match self {
            Country::US => "US",
            Country::MX => "MX",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "US" => Some(Country::US),
            "MX" => Some(Country::MX),
            _ => None,
        }
    }
}

/// Maximum page size a client may ask for.
pub const MAX_PAGE_LIMIT: u32 = 1000;
/// Page size when none is given.
pub const DEFAULT_PAGE_LIMIT: u32 = 100;

/// Implements `as_str`/`parse`/`ALL` for a snake_case string enum, keeping the SQL, query-string
/// and JSON spellings one and the same.
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
