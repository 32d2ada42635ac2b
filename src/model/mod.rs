//! Shared domain types: the wire contract between the reference server and the console.
//!
//! Both sides serialise exactly these types, and the OpenAPI document is generated from them,
//! so the server, the client and the published contract cannot drift apart.

pub mod ballistics;
pub mod case;
pub mod common;
pub mod correlation;
pub mod event;
pub mod firearm;
pub mod graph;
pub mod prosecution;
pub mod seizure;
pub mod seizure_import;
pub mod serial;
pub mod session;
pub mod stats;
pub mod text;
pub mod trace;
pub mod user;
pub mod watch;

pub use ballistics::*;
pub use case::*;
pub use common::*;
pub use correlation::*;
pub use event::*;
pub use firearm::*;
pub use graph::*;
pub use prosecution::*;
pub use seizure::*;
pub use seizure_import::*;
pub use session::*;
pub use stats::*;
pub use trace::*;
pub use user::*;
pub use watch::*;
