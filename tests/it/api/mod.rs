//! The reference server over real HTTP on a loopback port, one file per resource.

mod audit_trail;
mod auth;
mod ballistics;
mod case_export;
mod cases;
mod errors;
mod events;
mod members;
mod note_authorship;
mod resources;
mod writes;
