//! The API tests of `api/` again, each file compiled a second time with the PostgreSQL server
//! in place of the SQLite one ([`crate::support::pg_server`]): every API test runs on both
//! engines. The list below must name every module of `api/mod.rs` (checked by a test).

/// The helpers the modules import: those of the SQLite harness, with the ones that choose a
/// database replaced by their PostgreSQL twins (an explicit import shadows the glob).
mod harness {
    pub use crate::support::pg_server::{
        db_path, seed_small_into, server, server_frozen, server_with,
    };
    pub use crate::support::server::*;
}

#[path = "../api/audit_trail.rs"]
mod audit_trail;
#[path = "../api/auth.rs"]
mod auth;
#[path = "../api/ballistics.rs"]
mod ballistics;
#[path = "../api/banner.rs"]
mod banner;
#[path = "../api/case_export.rs"]
mod case_export;
#[path = "../api/cases.rs"]
mod cases;
#[path = "../api/contract.rs"]
mod contract;
#[path = "../api/correlations.rs"]
mod correlations;
#[path = "../api/errors.rs"]
mod errors;
#[path = "../api/events.rs"]
mod events;
#[path = "../api/graph.rs"]
mod graph;
#[path = "../api/graph_rings.rs"]
mod graph_rings;
#[path = "../api/lead_reopen.rs"]
mod lead_reopen;
#[path = "../api/low_level.rs"]
mod low_level;
#[path = "../api/members.rs"]
mod members;
#[path = "../api/membership_rules.rs"]
mod membership_rules;
#[path = "../api/note_authorship.rs"]
mod note_authorship;
#[path = "../api/note_ids.rs"]
mod note_ids;
#[path = "../api/prosecution.rs"]
mod prosecution;
#[path = "../api/resources.rs"]
mod resources;
#[path = "../api/seizure_search.rs"]
mod seizure_search;
#[path = "../api/sessions.rs"]
mod sessions;
#[path = "../api/stats.rs"]
mod stats;
#[path = "../api/tls.rs"]
mod tls;
#[path = "../api/trust_proxy.rs"]
mod trust_proxy;
#[path = "../api/user_disable.rs"]
mod user_disable;
#[path = "../api/watches.rs"]
mod watches;
#[path = "../api/writes.rs"]
mod writes;

#[test]
fn every_api_module_runs_on_postgresql_too() {
    let listed = |src: &str| -> Vec<String> {
        src.lines()
            .filter_map(|l| {
                l.strip_prefix("mod ")?
                    .strip_suffix(';')
                    .map(str::to_string)
            })
            .collect()
    };
    let sqlite = listed(include_str!("../api/mod.rs"));
    let postgres = listed(include_str!("mod.rs"));
    assert_eq!(sqlite, postgres);
}
