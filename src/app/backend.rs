//! The thin seam between the console logic and the network.
//!
//! The runtime needs only "answer this request", "deliver this write" and "stream changes", so
//! it is generic over this trait: the real implementation wraps `crate::api::ApiClient`, and
//! tests drive the runtime with an in-memory one.

use std::future::Future;

use futures_util::stream::BoxStream;

use crate::model::{Banner, Event, ImportResult, NewSession, SeizureImport, SessionCreated};

use super::effect::{PendingWrite, Request};
use super::reply::Data;
use super::signin::SignInFailure;

/// Why a request failed, reduced to what the console acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub kind: FetchErrorKind,
    /// A sentence a person can act on (already sanitised): the server's own English message
    /// when it sent one.
    pub message: String,
    /// The server's stable error code (`forbidden`, `version_conflict`…), when it sent one: the
    /// console words the code in the user's language and shows `message` only as detail.
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchErrorKind {
    /// Unreachable or timed out: keep the work and try again later.
    Offline,
    Unauthorized,
    Forbidden,
    NotFound,
    Invalid,
    Conflict,
    RateLimited,
    Server,
    Decode,
}

impl FetchError {
    pub fn new(kind: FetchErrorKind, message: impl Into<String>) -> Self {
        FetchError {
            kind,
            message: crate::model::text::clean(&message.into()),
            code: None,
        }
    }
    /// The same error carrying the server's code (sanitised like every network string).
    pub fn with_code(mut self, code: Option<String>) -> Self {
        self.code = code.map(|c| crate::model::text::clean(&c));
        self
    }
    pub fn is_offline(&self) -> bool {
        self.kind == FetchErrorKind::Offline
    }
    /// What to tell the user about an outage beyond "cannot reach the server at …": empty when
    /// the server gave no answer at all (the console's own headline says all there is), else
    /// the reason (a timeout, a certificate this machine does not trust…).
    pub fn offline_reason(&self) -> String {
        if self.code.as_deref() == Some(crate::api::UNREACHABLE) {
            String::new()
        } else {
            self.message.clone()
        }
    }
    /// Whether sending the same write again later could succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            FetchErrorKind::Offline | FetchErrorKind::RateLimited | FetchErrorKind::Server
        )
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

pub trait Backend: Clone + Send + Sync + 'static {
    fn fetch(&self, req: Request) -> impl Future<Output = Result<Data, FetchError>> + Send;
    fn write(&self, w: PendingWrite) -> impl Future<Output = Result<Data, FetchError>> + Send;
    /// Changes after `after` (exclusive); the implementation reconnects by itself.
    fn events(&self, after: Option<i64>) -> BoxStream<'static, Result<Event, FetchError>>;
    /// The address in use, when the service has several and the backend fails over between
    /// them (`None`: one address, the one the console started with).
    fn active_node(&self) -> Option<String> {
        None
    }
    /// The server's logon banner in `lang` (`en`/`es`). Backends without one say so.
    fn banner(&self, lang: &str) -> impl Future<Output = Result<Banner, FetchError>> + Send {
        let _ = lang;
        async {
            Err(FetchError::new(
                FetchErrorKind::NotFound,
                "no logon banner here",
            ))
        }
    }
    /// Signs in and, on success, uses the new session for every request after.
    fn sign_in(
        &self,
        body: NewSession,
    ) -> impl Future<Output = Result<SessionCreated, SignInFailure>> + Send {
        let _ = body;
        async {
            Err(SignInFailure {
                error: FetchError::new(FetchErrorKind::Invalid, "signing in is not possible here"),
                retry_after_s: None,
                at: chrono::Utc::now(),
            })
        }
    }
    /// Records a batch of seizures (`POST /v1/seizures/import`); safe to send again, since each
    /// row carries its own key. Backends without imports say so.
    fn import_seizures(
        &self,
        batch: SeizureImport,
    ) -> impl Future<Output = Result<ImportResult, FetchError>> + Send {
        let _ = batch;
        async {
            Err(FetchError::new(
                FetchErrorKind::Invalid,
                "importing is not possible here",
            ))
        }
    }
    /// Ends the current session on the server.
    fn sign_out(&self) -> impl Future<Output = Result<(), FetchError>> + Send {
        async { Ok(()) }
    }
}
