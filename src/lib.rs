//! Firewall Console: the investigator's console onto the shared trace and case APIs, the API's
//! contract, a reference server and a deterministic synthetic data generator.
//!
//! Layers depend one way: `ui → app → api → model` and `server → model`.
#![forbid(unsafe_code)]

pub mod api;
pub mod app;
pub mod ballistics;
pub mod bench;
pub mod cli;
pub mod export;
pub mod i18n;
pub mod import;
pub mod model;
pub mod seed;
pub mod server;
pub mod ui;
