//! The real `fwc` binary: seed (deterministic, JSON), user add, serve with graceful SIGTERM, and a
//! committed write surviving the restart.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use fwc::server::store::Store;
use fwc::server::store::sqlite::SqliteStore;

fn fwc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fwc"))
}

#[test]
fn seed_is_deterministic_and_prints_users_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut hashes = Vec::new();
    for name in ["a.db", "b.db"] {
        let db = dir.path().join(name);
        let out = fwc()
            .args([
                "seed",
                "--db",
                db.to_str().unwrap(),
                "--seed",
                "99",
                "--as-of",
                "2026-06-01",
                "--json",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let users = v["users"].as_array().unwrap();
        for country in ["US", "MX"] {
            for role in ["investigator", "examiner", "supervisor", "prosecutor"] {
                assert!(
                    users.iter().any(|u| u["country"] == country
                        && u["role"] == role
                        && u["token"].as_str().is_some()),
                    "no {role} in {country}"
                );
            }
        }
        hashes.push(SqliteStore::open(&db).unwrap().content_hash().unwrap());
    }
    assert_eq!(
        hashes[0], hashes[1],
        "same seed and as-of date must give identical data"
    );
    // Seeding into a database that already holds data is refused, and says why.
    let out = fwc()
        .args(["seed", "--db", dir.path().join("a.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds data"));
}

#[test]
fn serve_stops_cleanly_on_sigterm_without_losing_a_committed_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("srv.db");
    let out = fwc()
        .args([
            "token",
            "create",
            "--db",
            db.to_str().unwrap(),
            "--name",
            "ops",
            "--agency",
            "CBP Nogales",
            "--country",
            "US",
            "--role",
            "investigator",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let token = text
        .split_whitespace()
        .find(|w| w.starts_with("fwc_"))
        .unwrap()
        .to_string();

    let start = || {
        let mut child = fwc()
            .args([
                "serve",
                "--db",
                db.to_str().unwrap(),
                "--addr",
                "127.0.0.1:0",
                // One thread answering: a node sharing a machine's cores with others.
                "--workers",
                "1",
            ])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The server announces its address on stderr once it listens.
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().unwrap().unwrap();
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.split_whitespace().next().unwrap().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        (child, format!("http://{addr}"))
    };
    let (mut child, base) = start();
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let body = serde_json::json!({"title": "Nogales corridor", "members": []});
    let r = http
        .post(format!("{base}/v1/cases"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .unwrap();
    assert_eq!(r.status(), 201);
    let case: serde_json::Value = r.json().unwrap();

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "fwc serve exited with {exit:?} on SIGTERM");
    // The stopped file alone holds the write: its write-ahead log was folded in and emptied,
    // so a copy of the file without the log (a backup by `cp`) has the case.
    let wal = db.with_file_name(format!("{}-wal", db.file_name().unwrap().to_str().unwrap()));
    let left = std::fs::metadata(&wal).map_or(0, |m| m.len());
    assert_eq!(left, 0, "{} bytes left in the write-ahead log", left);
    let copy = dir.path().join("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    let cases: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM cases WHERE id = ?1",
            [case["id"].as_str().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cases, 1, "the copied file lacks the committed case");

    let (mut child, base) = start();
    let r = http
        .get(format!("{base}/v1/cases/{}", case["id"].as_str().unwrap()))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(
        r.status(),
        200,
        "the committed case is gone after a restart"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn serve_refuses_an_idle_time_over_30_minutes_a_lockout_under_10_and_no_workers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    for (flag, value) in [
        ("--idle-minutes", "31"),
        ("--lockout-minutes", "9"),
        ("--workers", "0"),
    ] {
        let out = fwc()
            .args([
                "serve",
                "--db",
                db.to_str().unwrap(),
                "--addr",
                "127.0.0.1:0",
                flag,
                value,
            ])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{flag} {value} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag), "{err}");
    }
}
