//! The console's logic, free of terminals and sockets: actions, state, `update()`, effects,
//! and the runtime that executes effects (network, local cache, outbox) in background tasks.

pub mod action;
pub mod alerts;
#[cfg(test)]
mod alerts_tests;
pub mod backend;
mod backend_api;
pub mod config;
pub mod effect;
pub mod filter;
#[cfg(test)]
mod first_read_tests;
pub mod hold;
#[cfg(test)]
mod hold_tests;
pub mod import_job;
pub mod kept_session;
pub mod keys;
pub mod link;
pub mod options;
pub mod overlay;
pub mod panes;
pub mod reply;
pub mod runtime;
mod runtime_import;
pub mod runtime_signin;
pub mod signin;
#[cfg(test)]
mod signin_tests;
pub mod state;
pub mod store;
#[cfg(test)]
mod test_support;
pub mod update;
mod update_overlay;
mod update_signin;
#[cfg(test)]
mod update_tests;
pub mod warning;
pub mod watch_targets;

pub use action::Action;
pub use effect::Effect;
pub use options::ConsoleOptions;
pub use state::State;
pub use update::{init, update};
