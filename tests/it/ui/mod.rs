//! Screens of console states rendered to a test backend and pinned with insta snapshots.

mod alerts;
mod ballistics;
mod case_members;
mod cases;
mod import;
mod link_cost;
mod network;
mod outcomes;
mod overlays;
mod queue;
mod signin;
mod slow_link;
mod status_bar;
mod trace;
