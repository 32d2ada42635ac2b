//! `fwc watches list|add|rm` and `fwc alerts [--follow] | read` as processes against a real
//! `fwc serve`: the JSON shapes, the exit codes, and `--follow --jsonl` printing the alert of a
//! seizure recorded through the API while it runs.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::cli_script::{code, command, json, run, served};
use crate::support::process::free_port;

#[test]
fn watches_are_added_listed_and_removed_with_the_apis_json_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (seeded, _server, url) = served(dir.path());
    let fwc = |args: &[&str]| run(dir.path(), &url, &seeded.token, args, None);

    // A dealer that is on record: one a seeded trace completed to.
    let traces = json(&fwc(&[
        "traces",
        "list",
        "--status",
        "completed",
        "--limit",
        "1",
        "--json",
    ]));
    let licence = traces["items"][0]["dealer_license"]
        .as_str()
        .unwrap()
        .to_string();
    let dealer = json(&fwc(&[
        "watches", "add", "dealer", &licence, "--name", "Dealer X", "--json",
    ]));
    assert_eq!(dealer["kind"], "dealer");
    assert_eq!(dealer["name"], "Dealer X");
    assert_eq!(dealer["value"], licence.as_str());
    assert_eq!(dealer["paused"], false);
    assert_eq!(dealer["fired"], 0);
    assert!(dealer["id"].as_str().unwrap().starts_with("WA-"));
    assert!(dealer["created_at"].is_string());

    // A seizure filter from the Queue's names; the name defaults to what is watched.
    let laredo = json(&fwc(&[
        "watches", "add", "seizures", "--port", "Laredo", "--item", "magazine", "--json",
    ]));
    assert_eq!(laredo["kind"], "seizures");
    assert_eq!(
        laredo["filter"],
        serde_json::json!({"port": "Laredo", "item": "magazine"})
    );
    assert_eq!(laredo["name"], "seizures port=Laredo item=magazine");
    assert!(laredo.get("value").is_none());

    // list: the API's array; one line each; CSV with the filter in the value column.
    let listed = json(&fwc(&["watches", "list", "--json"]));
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&dealer["id"].as_str().unwrap()));
    let lines = fwc(&["watches", "list", "--jsonl"]);
    assert_eq!(String::from_utf8(lines.stdout).unwrap().lines().count(), 2);
    let csv_out = fwc(&["watches", "list", "--csv"]);
    let mut r = csv::Reader::from_reader(csv_out.stdout.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "name",
            "kind",
            "value",
            "paused",
            "fired",
            "created_at"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(
        rows.iter()
            .any(|row| &row[3] == "port=Laredo item=magazine")
    );

    // Usage mistakes are refused before anything is sent; the server's refusals keep theirs.
    for args in [
        &["watches", "add", "seizures"][..],
        &["watches", "add", "dealer"],
        &["watches", "add", "dealer", &licence, "--port", "Laredo"],
        &["watches", "add", "seizures", "x", "--port", "Laredo"],
        &["watches", "add", "nonsense", "x"],
        &["alerts", "--follow", "--json"],
    ] {
        assert_eq!(code(&fwc(args)), 2, "{args:?}");
    }
    let long = "n".repeat(81);
    assert_eq!(
        code(&fwc(&[
            "watches", "add", "dealer", &licence, "--name", &long
        ])),
        8,
        "a name past 80 characters is invalid"
    );

    // Another user's watch is not found, the same as one that does not exist.
    let other = seeded.token_of("examiner");
    let dealer_id = dealer["id"].as_str().unwrap();
    let theirs = run(
        dir.path(),
        &url,
        &other,
        &["watches", "rm", dealer_id],
        None,
    );
    assert_eq!(code(&theirs), 3);
    let gone = json(&fwc(&["watches", "rm", dealer_id, "--json"]));
    assert_eq!(gone[0]["id"], dealer["id"]);
    assert_eq!(code(&fwc(&["watches", "rm", dealer_id])), 3);
    assert_eq!(code(&fwc(&["watches", "rm", "WA-9999999"])), 3);
    assert_eq!(
        json(&fwc(&["watches", "list", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // --follow fails as any command does before its stream is open: offline, not signed in.
    let offline = run(
        dir.path(),
        &format!("http://127.0.0.1:{}", free_port()),
        &seeded.token,
        &["alerts", "--follow", "--jsonl"],
        None,
    );
    assert_eq!(
        code(&offline),
        6,
        "{}",
        String::from_utf8_lossy(&offline.stderr)
    );
    let refused = run(
        dir.path(),
        &url,
        "fwc_not-a-token",
        &["alerts", "--follow"],
        None,
    );
    assert_eq!(
        code(&refused),
        5,
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );

    // No alerts yet: an empty array; an unknown alert is not found.
    assert_eq!(json(&fwc(&["alerts", "--json"])), serde_json::json!([]));
    assert_eq!(code(&fwc(&["alerts", "read", "AL-9999999"])), 3);
}

/// Lines of a child's pipe, sent as they are read.
fn lines_of(pipe: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

/// Only a guard against a hang: the line is waited for, not timed.
const HANG: Duration = Duration::from_secs(120);

#[test]
fn alerts_follow_prints_the_alert_of_a_seizure_recorded_through_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let (seeded, _server, url) = served(dir.path());
    let token = seeded.token.as_str();
    let fwc = |args: &[&str]| run(dir.path(), &url, token, args, None);
    let watch = json(&fwc(&[
        "watches", "add", "seizures", "--port", "Laredo", "--name", "Laredo", "--json",
    ]));

    let mut follow = command(dir.path(), &url, token, &["alerts", "--follow", "--jsonl"])
        .stdin(Stdio::null())
        .spawn()
        .expect("fwc alerts --follow");
    let stdout = lines_of(follow.stdout.take().unwrap());
    let stderr = lines_of(follow.stderr.take().unwrap());
    // It says it follows once the stream is open and the (empty) list printed.
    let said = stderr
        .recv_timeout(HANG)
        .expect("fwc alerts --follow said nothing");
    assert!(said.starts_with("Following new alerts"), "{said}");

    let created: serde_json::Value = reqwest::blocking::Client::new()
        .post(format!("{url}/v1/seizures"))
        .bearer_auth(token)
        .json(&crate::support::server::sample_seizure())
        .send()
        .expect("POST /v1/seizures")
        .error_for_status()
        .expect("the seizure is recorded")
        .json()
        .unwrap();
    let line = stdout
        .recv_timeout(HANG)
        .expect("no alert line from fwc alerts --follow");
    let alert: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
    assert_eq!(alert["watch_id"], watch["id"]);
    assert_eq!(alert["watch_name"], "Laredo");
    assert_eq!(alert["entity_id"], created["id"]);
    assert_eq!(alert["event_kind"], "seizure_created");
    assert_eq!(alert["read"], false);
    for key in ["id", "at", "summary"] {
        assert!(alert.get(key).is_some(), "{key} missing from {alert}");
    }
    let _ = follow.kill();
    let _ = follow.wait();

    // The alert is listed unread until it is marked read; a second follow lists it first.
    let id = alert["id"].as_str().unwrap();
    let unread = json(&fwc(&["alerts", "--unread", "--json"]));
    assert_eq!(unread[0]["id"], id);
    let marked = json(&fwc(&["alerts", "read", id, "--json"]));
    assert_eq!(marked[0]["read"], true);
    assert_eq!(
        json(&fwc(&["alerts", "--unread", "--json"])),
        serde_json::json!([])
    );
    let all = fwc(&["alerts", "--csv"]);
    let mut r = csv::Reader::from_reader(all.stdout.as_slice());
    assert_eq!(&r.headers().unwrap()[0], "id");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][7], "true");
}
