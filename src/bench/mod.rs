//! `fwc bench …`: measured performance figures, printed as numbers and ratios.

pub mod api;
pub mod api_lists;
pub mod auth;
pub mod ballistics;
pub mod ballistics_burst;
pub mod ballistics_sweep;
pub mod console;
pub mod graph;
pub mod import;
pub mod link;
pub mod nodes;
pub mod outcomes;
pub mod stats;
pub mod table;
pub mod watches;
