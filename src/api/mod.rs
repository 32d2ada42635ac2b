//! The typed HTTP client for the trace and case APIs.
//!
//! Every record it returns has been sanitised ([`crate::model::text::Sanitize`]): nothing from
//! the network reaches the terminal with control or escape characters in it.

mod cases;
mod client;
mod correlations;
mod error;
mod events;
mod failover;
mod graph;
mod raw;
mod seizure_import;
mod sessions;
mod stats;
mod transport;
mod watches;

pub use client::{ApiClient, ClientConfig, seg as path_segment};
pub use error::{ApiError, ApiErrorKind, UNREACHABLE};
pub use sessions::SignInError;
pub use transport::{Transport, check_url, is_plain_remote};
