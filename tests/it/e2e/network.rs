//! Issue 11's story in the real console against a real `fwc serve` over the seeded database:
//! a seizure → `N` → expand the gun → mark the seizure → the paths to the planted straw
//! purchaser who bought that gun → the path added to a case as a note, read back over HTTP.

use crate::support::process::{Seeded, ServerProcess, free_port, note_bodies, seed};
use crate::support::pty::*;
use serde_json::Value;

fn console(dir: &tempfile::TempDir, seeded: &Seeded, url: &str) -> Console {
    signed_in(dir.path(), &seeded.token, url)
}

fn get(url: &str, token: &str, path: &str) -> Value {
    let resp = reqwest::blocking::Client::new()
        .get(format!("{url}{path}"))
        .bearer_auth(token)
        .send()
        .expect("GET");
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.json().expect("json")
}

/// Position of `id` among the nodes one hop from a neighbourhood's root, minus `skip` (the
/// order the pane lists them in).
fn position(hood: &Value, id: &str, skip: &[&str]) -> usize {
    hood["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["depth"] == 1 && !skip.contains(&n["id"].as_str().unwrap()))
        .position(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("{id} among {hood}"))
}

/// The top suspected straw purchaser, a gun they bought and the seizure it was recovered in,
/// read from the buyer's links (gun —bought_by→ buyer, gun —recovered_in→ seizure).
fn planted(url: &str, token: &str) -> (String, String, String) {
    let rings = get(url, token, "/v1/graph/rings?kind=purchaser&limit=5");
    let buyer = rings[0]["id"].as_str().unwrap().to_string();
    let hood = get(
        url,
        token,
        &format!("/v1/graph/neighbors?id={buyer}&depth=2"),
    );
    let edges = hood["edges"].as_array().unwrap();
    let ends = |e: &Value| {
        (
            e["from"].as_str().unwrap().to_string(),
            e["to"].as_str().unwrap().to_string(),
        )
    };
    let guns: Vec<String> = edges
        .iter()
        .filter(|e| e["kind"] == "bought_by")
        .map(|e| ends(e).0)
        .collect();
    let (gun, seizure) = edges
        .iter()
        .filter(|e| e["kind"] == "recovered_in")
        .map(ends)
        .find(|(g, _)| guns.contains(g))
        .expect("a gun the buyer bought, recovered in a seizure");
    (buyer, seizure, gun)
}

fn down(c: &mut Console, n: usize) {
    for _ in 0..n {
        c.send("j");
    }
}

#[test]
fn from_a_seizure_to_its_straw_purchaser_and_the_path_into_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    let token = seeded.token.as_str();
    let mut c = console(&dir, &seeded, &url);
    // Online proves the server answers: now read what the seed planted.
    c.wait_for("online", |s| s.contains("SZ-") && s.contains("online"));
    let (buyer, seizure, gun) = planted(&url, token);
    let cases = get(&url, token, "/v1/cases?limit=1");
    let case_id = cases["items"][0]["id"].as_str().unwrap().to_string();
    let before = note_bodies(&url, token, &case_id).len();

    // The seizure, found with the queue's filter, then its network.
    c.send("/");
    c.send(&seizure);
    c.send(ENTER);
    // The filter in the list's title and the one row it leaves.
    c.wait_for("the seizure alone in the queue", |s| {
        s.lines().filter(|l| l.contains(&seizure)).count() == 2 && !s.contains("loading")
    });
    c.send("N");
    c.wait_for("the seizure's network", |s| {
        s.contains(&format!("Network of {seizure}")) && s.contains(&gun)
    });

    // Expand the gun: its purchaser appears under it.
    let top = get(
        &url,
        token,
        &format!("/v1/graph/neighbors?id={seizure}&limit=200"),
    );
    let at = 1 + position(&top, &gun, &[&seizure]);
    down(&mut c, at);
    c.send(ENTER);
    c.wait_for("the gun expanded", |s| {
        s.contains(&buyer) && s.lines().any(|l| l.contains('▾') && l.contains(&gun))
    });

    // Mark the seizure, then find the paths to the purchaser.
    c.send("g");
    c.send("m");
    c.wait_text(&format!("{seizure} marked"));
    let under = get(
        &url,
        token,
        &format!("/v1/graph/neighbors?id={gun}&limit=200"),
    );
    down(&mut c, at + 1 + position(&under, &buyer, &[&gun, &seizure]));
    c.send("P");
    let s = c.wait_for("the paths as chains", |s| {
        s.contains(&format!("Paths from {seizure} to {buyer}")) && s.contains("Path 1")
    });
    assert!(s.contains("↳ bought by"), "{s}");

    // Add the first path to the case as a note.
    c.send("a");
    c.wait_text(&case_id);
    c.send(&case_id);
    c.send(ENTER);
    c.wait_text(&format!("posted to {case_id}"));
    let bodies = note_bodies(&url, token, &case_id);
    assert_eq!(bodies.len(), before + 1);
    // The path note: the seizure first, the buyer last (the seed's notes may name the buyer too).
    let note = bodies
        .iter()
        .find(|b| b.starts_with(&format!("{seizure} (")) && b.contains(&buyer))
        .unwrap_or_else(|| panic!("the path note in {bodies:?}"));
    assert!(
        note.contains(&gun) && note.contains("—bought_by→"),
        "{note}"
    );

    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}
