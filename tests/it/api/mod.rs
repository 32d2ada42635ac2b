//! The reference server over real HTTP on a loopback port, one file per resource.

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
mod sessions;
mod stats;
mod tls;
mod trust_proxy;
mod user_disable;
mod writes;
