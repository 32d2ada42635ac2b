//! Several nodes, one service (issue 13, item 3): two real `fwc serve` processes over one
//! PostgreSQL database of the test cluster, driven over HTTP as a load balancer's clients
//! would be. Each file is one promise the pair keeps.

mod audit;
mod auth;
mod correlator;
mod crash;
mod events;
mod failover;
mod idempotency;
mod log;
mod rate_limit;

use std::path::PathBuf;

use crate::support::pg_server;
use crate::support::process::{ServerProcess, free_port};
use crate::support::server::add_users;

/// Two nodes over one fresh database holding the test users (`support::server::USERS`).
pub struct Pair {
    pub db: PathBuf,
    pub a: ServerProcess,
    pub b: ServerProcess,
    _dir: tempfile::TempDir,
}

impl Pair {
    /// Both nodes listening, with `extra` arguments to `fwc serve` (the first node migrates the
    /// database; the second starts after it).
    pub fn start(extra: &[&str]) -> Pair {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = pg_server::db_path(&dir);
        add_users(&db);
        let a = ServerProcess::start_with(&db, free_port(), extra);
        let b = ServerProcess::start_with(&db, free_port(), extra);
        Pair {
            db,
            a,
            b,
            _dir: dir,
        }
    }
}

/// An HTTP client with a bound on every request (a hung node fails the test, not the suite).
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("http client")
}
