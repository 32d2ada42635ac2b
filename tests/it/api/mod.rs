//! The reference server over real HTTP on a loopback port, one file per resource, over SQLite.
//! `api_pg` compiles these same files again over PostgreSQL: a module added here is added
//! there too (a test in `api_pg` checks the two lists agree).

/// The helpers these modules import: the SQLite server.
mod harness {
    pub use crate::support::server::*;
}

mod audit_trail;
mod auth;
mod ballistics;
mod banner;
mod case_export;
mod cases;
mod contract;
mod correlations;
mod errors;
mod events;
mod graph;
mod graph_rings;
mod lead_reopen;
mod low_level;
mod members;
mod membership_rules;
mod note_authorship;
mod note_ids;
mod prosecution;
mod resources;
mod seizure_search;
mod sessions;
mod stats;
mod tls;
mod trust_proxy;
mod user_disable;
mod watches;
mod writes;
