//! Client errors that say what went wrong and what to do about it.

use std::fmt;

use crate::model::ErrorBody;

/// What kind of failure, for the console to decide how to react (offline banner, re-login…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiErrorKind {
    Unreachable,
    Timeout,
    Unauthorized,
    Forbidden,
    NotFound,
    Invalid,
    Conflict,
    RateLimited,
    Server,
    Decode,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub kind: ApiErrorKind,
    pub status: Option<u16>,
    /// The server's machine-readable code, when it sent one.
    pub code: Option<String>,
    /// A sentence a person can act on.
    pub message: String,
}

/// The code of an [`ApiError`] for a server that gave no answer at all (refused, no route,
/// name not found): the message says only that, with the address.
pub const UNREACHABLE: &str = "unreachable";

impl ApiError {
    /// The server could not be reached at all: keep work locally and retry later.
    pub fn is_offline(&self) -> bool {
        matches!(self.kind, ApiErrorKind::Unreachable | ApiErrorKind::Timeout)
    }

    /// Worth retrying an idempotent request.
    pub(crate) fn is_transient(&self) -> bool {
        self.is_offline() || matches!(self.kind, ApiErrorKind::RateLimited | ApiErrorKind::Server)
    }

    pub(crate) fn from_transport(url: &str, e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            ApiError {
                kind: ApiErrorKind::Timeout,
                status: None,
                code: None,
                message: format!(
                    "The server at {url} did not answer in time. The link may be slow or down; try again."
                ),
            }
        } else if e.is_decode() || e.is_body() {
            ApiError {
                kind: ApiErrorKind::Decode,
                status: None,
                code: None,
                message: format!("The answer from {url} was cut off or not understood ({e})."),
            }
        } else if let Some(message) = super::transport::tls_problem(url, e) {
            ApiError {
                kind: ApiErrorKind::Unreachable,
                status: None,
                code: None,
                message,
            }
        } else {
            // No answer at all: nothing to add to "cannot reach the server" but the address.
            // The code lets the console say so once instead of repeating this sentence.
            ApiError {
                kind: ApiErrorKind::Unreachable,
                status: None,
                code: Some(UNREACHABLE.into()),
                message: format!(
                    "Cannot reach the server at {url}. Check the address and your connection."
                ),
            }
        }
    }

    pub(crate) fn decode(url: &str, e: impl fmt::Display) -> Self {
        ApiError {
            kind: ApiErrorKind::Decode,
            status: None,
            code: None,
            message: format!(
                "The server at {url} sent an answer this console does not understand ({e}). Is it a Firewall API server of the same version?"
            ),
        }
    }

    /// Builds the error for a non-success status, using the server's JSON error when present.
    pub(crate) fn from_status(status: u16, body: &[u8]) -> Self {
        let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
        let (code, server_msg) = match parsed {
            Some(b) => (
                Some(crate::model::text::clean(&b.error.code)),
                crate::model::text::clean(&b.error.message),
            ),
            None => (None, String::new()),
        };
        let kind = match status {
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            409 | 412 => ApiErrorKind::Conflict,
            429 => ApiErrorKind::RateLimited,
            400..=499 => ApiErrorKind::Invalid,
            _ => ApiErrorKind::Server,
        };
        let advice = match kind {
            ApiErrorKind::Unauthorized => {
                "Check your token (--token, FWC_TOKEN or the token file)."
            }
            ApiErrorKind::Forbidden => "Ask a supervisor for access if you need it.",
            ApiErrorKind::RateLimited => "Too many requests; slow down and try again shortly.",
            ApiErrorKind::Server => {
                "The server had a problem; try again, and tell its operator if it persists."
            }
            _ => "",
        };
        let mut message = if server_msg.is_empty() {
            format!("The server answered {status}.")
        } else {
            server_msg
        };
        if !advice.is_empty() {
            message.push(' ');
            message.push_str(advice);
        }
        ApiError {
            kind,
            status: Some(status),
            code,
            message,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_and_body_become_a_sentence() {
        let e = ApiError::from_status(
            403,
            br#"{"error":{"code":"forbidden","message":"Not a member of case CS-1."}}"#,
        );
        assert_eq!(e.kind, ApiErrorKind::Forbidden);
        assert_eq!(e.code.as_deref(), Some("forbidden"));
        assert!(e.message.starts_with("Not a member of case CS-1."));
        let e = ApiError::from_status(502, b"<html>bad gateway</html>");
        assert_eq!(e.kind, ApiErrorKind::Server);
        assert!(e.is_transient());
        assert!(e.message.contains("502"));
    }

    #[test]
    fn server_text_is_sanitised() {
        let e = ApiError::from_status(
            400,
            b"{\"error\":{\"code\":\"x\",\"message\":\"bad\\u001b[2J\"}}",
        );
        assert!(!e.message.contains('\u{1b}'));
    }
}
