//! The real `fwc serve` killed with SIGKILL in the middle of a burst of note POSTs, as a host
//! that loses power would be: after a restart, every note whose 201 reached a client is there,
//! each with its audit row (the row commits in the note's own transaction), and the audit
//! chain still verifies. The test counts acknowledged answers, not time: it kills the server
//! once enough 201s have come back, whatever the machine's speed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::support::process::note_bodies;

/// Acknowledged notes (id, body) before the kill.
const ACKED_BEFORE_KILL: usize = 300;
/// Clients posting at once, so several writes are in flight when the server dies.
const WRITERS: usize = 4;

fn fwc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fwc"))
}

/// `fwc serve` on a free port, without a rate limit; returns once it announces its address.
fn serve(db: &Path) -> (Child, String) {
    let mut child = fwc()
        .args(["serve", "--db", db.to_str().unwrap()])
        .args(["--addr", "127.0.0.1:0", "--rate-limit", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("serve exited before listening")
            .unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, format!("http://{addr}"))
}

fn add_user(db: &Path) -> String {
    let out = fwc()
        .args([
            "token",
            "create",
            "--db",
            db.to_str().unwrap(),
            "--name",
            "ops",
        ])
        .args(["--agency", "CBP Nogales", "--country", "US"])
        .args(["--role", "investigator"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .find(|w| w.starts_with("fwc_"))
        .unwrap()
        .to_string()
}

/// What the writers share: the acknowledged notes, and a signal each time one is added.
#[derive(Default)]
struct Acks {
    notes: Mutex<Vec<(String, String)>>,
    added: Condvar,
}

/// Posts notes one after the other until the server stops answering; records each 201.
fn writer(n: usize, base: String, token: String, case_id: String, acks: Arc<Acks>) {
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    for i in 0.. {
        let body = format!("burst note {n}-{i}");
        let resp = http
            .post(format!("{base}/v1/cases/{case_id}/notes"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "body": body }))
            .send();
        // A cut connection (the kill) ends the burst; an answer that did not arrive whole was
        // never acknowledged.
        let Ok(resp) = resp else { return };
        assert_eq!(resp.status(), 201, "note {n}-{i} refused before the kill");
        let Ok(note) = resp.json::<serde_json::Value>() else {
            return;
        };
        let id = note["id"].as_str().unwrap().to_string();
        acks.notes.lock().unwrap().push((id, body));
        acks.added.notify_all();
    }
}

#[test]
fn every_acknowledged_note_survives_kill_9_with_its_audit_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("srv.db");
    let token = add_user(&db);
    let (mut child, base) = serve(&db);
    let http = reqwest::blocking::Client::new();
    let case: serde_json::Value = http
        .post(format!("{base}/v1/cases"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"title": "Nogales burst", "members": []}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let case_id = case["id"].as_str().unwrap().to_string();

    let acks = Arc::new(Acks::default());
    let writers: Vec<_> = (0..WRITERS)
        .map(|n| {
            let (base, token, case_id, acks) =
                (base.clone(), token.clone(), case_id.clone(), acks.clone());
            std::thread::spawn(move || writer(n, base, token, case_id, acks))
        })
        .collect();
    {
        let notes = acks.notes.lock().unwrap();
        let _enough = acks
            .added
            .wait_while(notes, |n| n.len() < ACKED_BEFORE_KILL)
            .unwrap();
    }
    child.kill().unwrap(); // SIGKILL, with writes in flight
    child.wait().unwrap();
    for w in writers {
        w.join().unwrap();
    }
    let acked = acks.notes.lock().unwrap().clone();
    assert!(acked.len() >= ACKED_BEFORE_KILL);

    // Every acknowledged note is there after the restart.
    let (mut child, base) = serve(&db);
    let bodies = note_bodies(&base, &token, &case_id);
    let missing: Vec<_> = acked.iter().filter(|(_, b)| !bodies.contains(b)).collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged notes lost: {missing:?}",
        missing.len()
    );
    child.kill().unwrap();
    child.wait().unwrap();

    // Every acknowledged note has its audit row, and the chain is intact.
    let out = fwc()
        .args(["audit", "export", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let unaudited: Vec<_> = acked
        .iter()
        .filter(|(id, _)| {
            !rows.iter().any(|r| {
                r["entity_id"] == id.as_str()
                    && r["method"] == "POST"
                    && r["status"] == 201
                    && r["case_id"] == case_id.as_str()
            })
        })
        .collect();
    assert!(
        unaudited.is_empty(),
        "{} acknowledged notes without an audit row: {unaudited:?}",
        unaudited.len()
    );
    let verify = fwc()
        .args(["audit", "verify", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}
