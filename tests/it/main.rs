//! The integration tests, linked into one binary (on two cores, linking one test binary instead
//! of twenty-two is most of a rebuild).
//!
//! Where a new test goes:
//! - `api/<resource>.rs`: the reference server over real HTTP on loopback (`support::server`),
//!   compiled again in `api_pg` over PostgreSQL (`support::pg_server`);
//! - `ui/<pane>.rs`: screens of a console state rendered to a test backend, pinned with insta
//!   (snapshots land in `ui/snapshots/`), fixtures in `support::ui`;
//! - `e2e/<story>.rs`: the real `fwc` binary in a pseudo-terminal (`support::pty`), against the
//!   demo or a real server process (`support::process`, `support::proxy`);
//! - `app/`: console logic (the effect runtime) against `support::backend`, a fake backend,
//!   with tokio's clock paused;
//! - `cli.rs`: the `fwc` subcommands as processes (`cli_script.rs`, `cli_import.rs`,
//!   `cli_alerts.rs`: the scripting commands) (`cli_tls.rs`: `fwc serve` over TLS; `backup.rs`: `fwc backup` of a database being written); `crash.rs`: `fwc serve` killed (SIGKILL)
//!   mid-burst; `bench.rs`: ignored benchmarks;
//! - `nodes/`: two real `fwc serve` processes over one PostgreSQL database behaving as one
//!   service (events, idempotency, sign-in limits, correlation, `kill -9`, console fail-over);
//! - `postgres.rs`: the throwaway PostgreSQL cluster of `support::postgres` (one per test
//!   process, a database per test); `postgres_store/`: the PostgreSQL store over it;
//! - `architecture.rs`: the layers of `src/`, read from its `use` lines.
//!
//! Add a file to the folder, one `mod` line to its `mod.rs`, and use `crate::support::…`.

// `api_pg` loads each `api/` file a second time on purpose: the same tests over PostgreSQL.
#![allow(clippy::duplicate_mod)]

mod accounts;
mod api;
mod api_pg;
mod app;
mod architecture;
mod backup;
mod bench;
mod cli;
mod cli_alerts;
mod cli_import;
mod cli_script;
mod cli_tls;
mod crash;
mod e2e;
mod nodes;
mod postgres;
mod postgres_limits;
mod postgres_parity;
mod postgres_store;
mod support;
mod ui;
