//! Issue 14's story in the real console against a real `fwc serve`: `w` on a trace watches its
//! dealer, a trace completing to that dealer is recorded through the API, the alert shows in the
//! status bar, `!` lists it and `Enter` opens the trace.

use std::time::{Duration, Instant};

use crate::support::process::{ServerProcess, free_port, seed};
use crate::support::pty::*;
use serde_json::{Value, json};

fn http() -> reqwest::blocking::Client {
    reqwest::blocking::Client::new()
}

fn get(url: &str, token: &str, path: &str) -> Value {
    let resp = http()
        .get(format!("{url}{path}"))
        .bearer_auth(token)
        .send()
        .expect("GET");
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.json().expect("json")
}

fn trace(url: &str, token: &str, firearm: &str, key: &str) -> String {
    let resp = http()
        .post(format!("{url}/v1/traces"))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&json!({"firearm_id": firearm, "priority": "routine", "crime_code": "5212"}))
        .send()
        .expect("POST /v1/traces");
    assert!(resp.status().is_success(), "{}", resp.status());
    let v: Value = resp.json().expect("json");
    v["id"].as_str().expect("trace id").to_string()
}

/// Reads the trace until the server's stand-in for the dealers has answered it.
fn answered(url: &str, token: &str, id: &str) -> Value {
    let end = Instant::now() + Duration::from_secs(30);
    loop {
        let t = get(url, token, &format!("/v1/traces/{id}"));
        if t["status"] == "completed" || t["status"] == "not_traceable" {
            return t;
        }
        assert!(Instant::now() < end, "trace {id} never answered: {t}");
        // An HTTP read has no event to block on here; ask again shortly.
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_watch_on_a_dealer_alerts_the_console_and_opens_the_trace() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    let token = seeded.token.as_str();
    let mut c = signed_in(dir.path(), token, &url);
    c.wait_text("online");

    // A seeded gun whose trace completes to a dealer: a trace's answer follows from the gun, so
    // tracing the same gun again completes to the same dealer.
    let guns = get(&url, token, "/v1/firearms?limit=40");
    let (first, gun) = guns["items"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find_map(|(i, g)| {
            let gun = g["id"].as_str().unwrap().to_string();
            let t = answered(
                &url,
                token,
                &trace(&url, token, &gun, &format!("probe-{i}")),
            );
            (t["status"] == "completed" && t["dealer_license"].is_string()).then_some((t, gun))
        })
        .expect("a seeded gun traces to a dealer");
    let dealer = first["dealer_license"].as_str().unwrap().to_string();
    let first_id = first["id"].as_str().unwrap();

    // The trace in the Trace pane, `w`: the prompt offers its dealer first; Enter saves.
    c.send("2");
    c.wait_text("Recent traces");
    c.send("/");
    c.wait_text("Search traces");
    c.send(&format!("{first_id}\r"));
    // The results header repeats the query (`Search: TR-…`) before the answer arrives: wait for
    // the row itself, or `w` finds nothing selected yet.
    c.wait_for("the trace found", |s| {
        s.matches(first_id).count() >= 2 && !s.contains("Search traces")
    });
    c.send("w");
    c.wait_text(&format!("Watch: dealer {dealer}"));
    c.send("\r");
    c.wait_text(&format!("Watch saved: dealer {dealer}"));

    // A trace completing to that dealer, recorded through the API.
    let start = Instant::now();
    let second = trace(&url, token, &gun, "again");
    c.wait_text("! 1 alert");
    eprintln!(
        "alert in the status bar {:?} after the trace was requested (the dealers' stand-in answers after 1 s)",
        start.elapsed()
    );

    // `!` lists it; Enter opens the trace in the Trace pane.
    c.send("!");
    c.wait_text(&format!("Trace {second}"));
    c.send("\r");
    c.wait_for("the alerted trace open", |s| {
        s.contains(&second) && s.contains("Chain of distribution") && !s.contains("! 1 alert")
    });
}
