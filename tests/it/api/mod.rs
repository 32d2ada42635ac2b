//! The reference server over real HTTP on a loopback port, one file per resource.

mod auth;
mod ballistics;
mod case_export;
mod cases;
mod errors;
mod events;
mod members;
mod resources;
mod writes;
