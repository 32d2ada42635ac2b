//! A node's stderr is its log (a journal under systemd, a file under a redirect): it says what
//! an operator must read, in plain text — no PostgreSQL notice on every start (the schema's
//! `CREATE … IF NOT EXISTS` answers "already exists, skipping"), no colour codes off a terminal.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::pg_server;
use crate::support::process::free_port;
use crate::support::server::add_users;

#[test]
fn a_restarted_node_logs_plain_text_without_driver_notices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = pg_server::db_path(&dir);
    // The schema exists before the node starts, as at every restart of a deployed node.
    add_users(&db);
    let mut child = Command::new(env!("CARGO_BIN_EXE_fwc"))
        .args(["serve", "--db", db.to_str().unwrap()])
        .args(["--addr", &format!("127.0.0.1:{}", free_port())])
        .env_remove("FWC_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fwc serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("stderr line");
        let done = line.contains("listening on");
        lines.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let log = lines.join("\n");
    assert!(
        log.contains("listening on"),
        "the node never listened:\n{log}"
    );
    assert!(!log.contains("NOTICE"), "driver notices in the log:\n{log}");
    assert!(
        !log.contains('\u{1b}'),
        "colour codes in a piped log:\n{log:?}"
    );
}
