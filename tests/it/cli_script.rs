//! The scripting commands (`fwc seizures|firearms|traces|leads|cases|notes …`) as processes
//! against a real `fwc serve` over loopback: the JSON shapes, CSV a parser reads, the filters,
//! and every exit code a script branches on.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::process::{Seeded, ServerProcess, free_port, seed};

/// `fwc ARGS` as a script runs it: the server and token from the environment, a config and
/// data dir of its own (no kept session, no user config).
pub fn run(dir: &Path, url: &str, token: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = command(dir, url, token, args).spawn().expect("fwc");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("fwc output")
}

/// `fwc ARGS` with the environment of [`run`], its three streams piped, not started.
pub fn command(dir: &Path, url: &str, token: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fwc"));
    cmd.args(args)
        .env("FWC_SERVER", url)
        .env("FWC_TOKEN", token)
        .env("FWC_CONFIG_DIR", dir.join("cfg"))
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// A seeded `fwc serve` answering on loopback, and its URL.
pub fn served(dir: &Path) -> (Seeded, ServerProcess, String) {
    let seeded = seed(dir);
    let server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    wait_up(&url);
    (seeded, server, url)
}

/// Waits until the server answers its health check (it listens a moment after it starts).
pub fn wait_up(url: &str) {
    let http = reqwest::blocking::Client::new();
    for _ in 0..600 {
        if http
            .get(format!("{url}/v1/health"))
            .send()
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the server at {url} never answered");
}

pub fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("an exit code")
}

#[test]
fn read_commands_give_the_apis_json_jsonl_csv_and_tables_with_the_consoles_filters() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    wait_up(&url);
    let fwc = |args: &[&str]| run(dir.path(), &url, &seeded.token, args, None);

    // --json: the API's page document; the port filter holds for every record.
    let page = json(&fwc(&[
        "seizures", "list", "--port", "Laredo", "--limit", "5", "--json",
    ]));
    let items = page["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.len() <= 5);
    assert!(page.get("next_cursor").is_some());
    for s in items {
        assert_eq!(s["port"], "Laredo");
        for key in ["id", "kind", "status", "occurred_at", "items", "trace_ids"] {
            assert!(s.get(key).is_some(), "{key} missing from {s}");
        }
    }
    // --all follows every page: more than one page of 5 comes back whole, no cursor left.
    let all = json(&fwc(&[
        "seizures", "list", "--port", "Laredo", "--limit", "5", "--all", "--json",
    ]));
    let n = all["items"].as_array().unwrap().len();
    assert!(n > 5, "only {n} Laredo seizures");
    assert!(all["next_cursor"].is_null());

    // --jsonl: one record a line, the same ids as --json.
    let out = fwc(&[
        "seizures", "list", "--port", "Laredo", "--limit", "5", "--jsonl",
    ]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), items.len());
    assert_eq!(lines[0]["id"], items[0]["id"]);

    // --csv: a header and one row per record, read back by a CSV parser.
    let out = fwc(&["traces", "list", "--short-ttc", "--limit", "20", "--csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    let ttc = headers.iter().position(|h| h == "ttc_days").unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row.len(), headers.len());
        let days: i64 = row[ttc].parse().unwrap();
        assert!(days < 3 * 365, "short TTC filter let {days} days through");
    }

    // show: the record's own JSON; a table for people.
    let id = items[0]["id"].as_str().unwrap();
    let one = json(&fwc(&["seizures", "show", id, "--json"]));
    assert_eq!(one["id"], id);
    let table = fwc(&["seizures", "show", id]);
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("id ") && l.ends_with(id)),
        "{text}"
    );

    // A serial prefix finds the gun of a trace.
    let traces = json(&fwc(&["traces", "list", "--limit", "1", "--json"]));
    let serial = traces["items"][0]["serial"].as_str().unwrap().to_string();
    let prefix = format!("{}*", &serial[..serial.len() - 2]);
    let found = json(&fwc(&[
        "firearms", "search", &prefix, "--limit", "1000", "--json",
    ]));
    assert!(
        found["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["serial"] == serial.as_str()),
        "{prefix} did not find {serial}"
    );
    let leads = json(&fwc(&["leads", "list", "--status", "confirmed", "--json"]));
    assert!(
        leads["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["status"] == "confirmed")
    );
    let cases = fwc(&["cases", "list", "--csv"]);
    let mut r = csv::Reader::from_reader(cases.stdout.as_slice());
    assert_eq!(&r.headers().unwrap()[0], "id");
    assert!(r.records().count() > 0);
}

#[test]
fn exit_codes_tell_scripts_what_went_wrong_and_writes_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    wait_up(&url);
    let token = seeded.token.as_str();
    let fwc = |args: &[&str]| run(dir.path(), &url, token, args, None);

    assert_eq!(
        code(&fwc(&["seizures", "show", "SZ-999999"])),
        3,
        "not found"
    );
    assert_eq!(
        code(&fwc(&["seizures", "list", "--kind", "nonsense"])),
        2,
        "usage"
    );
    let bad = run(
        dir.path(),
        &url,
        "fwc_not-a-token",
        &["cases", "list"],
        None,
    );
    assert_eq!(code(&bad), 5, "not signed in");
    let offline = run(
        dir.path(),
        &format!("http://127.0.0.1:{}", free_port()),
        token,
        &["cases", "list"],
        None,
    );
    assert_eq!(code(&offline), 6, "offline");
    let err = String::from_utf8_lossy(&offline.stderr);
    assert!(err.contains("Cannot reach"), "{err}");

    // Only an examiner confirms a hit: an investigator is forbidden.
    let pending = json(&fwc(&[
        "leads", "list", "--status", "pending", "--limit", "1", "--json",
    ]));
    let lead = pending["items"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        code(&fwc(&["leads", "decide", &lead, "confirm"])),
        4,
        "forbidden"
    );

    // A note from stdin; the same key again is the same note; the key for another body is a
    // conflict.
    let cases = json(&fwc(&["cases", "list", "--limit", "1", "--json"]));
    let case = cases["items"][0]["id"].as_str().unwrap().to_string();
    let add = |body: &str| {
        run(
            dir.path(),
            &url,
            token,
            &[
                "notes",
                "add",
                &case,
                "--idempotency-key",
                "nightly-1",
                "--json",
            ],
            Some(body),
        )
    };
    let first = json(&add("Checked the Laredo list.\n"));
    assert_eq!(first["body"], "Checked the Laredo list.");
    let again = json(&add("Checked the Laredo list.\n"));
    assert_eq!(again["id"], first["id"]);
    assert_eq!(code(&add("Something else")), 7, "conflict");
    assert_eq!(code(&add("  \n")), 8, "an empty note is invalid");

    // A trace requested by exact serial; urgent without a reason is refused by the server.
    let guns = json(&fwc(&[
        "firearms", "search", "*1*", "--limit", "200", "--json",
    ]));
    let gun = guns["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["obliterated"] == false
                && f["trace_id"].is_null()
                && !f["serial"].as_str().unwrap().contains('?')
        })
        .expect("an untraced gun");
    let serial = gun["serial"].as_str().unwrap();
    let urgent = fwc(&[
        "traces",
        "request",
        "--serial",
        serial,
        "--priority",
        "urgent",
    ]);
    assert_eq!(
        code(&urgent),
        8,
        "{}",
        String::from_utf8_lossy(&urgent.stderr)
    );
    let t = json(&fwc(&[
        "traces",
        "request",
        "--serial",
        serial,
        "--crime-code",
        "5212",
        "--idempotency-key",
        "t-1",
        "--json",
    ]));
    assert_eq!(t["firearm_id"], gun["id"]);
    assert_eq!(t["crime_code"], "5212");
    let shown = json(&fwc(&[
        "traces",
        "show",
        t["id"].as_str().unwrap(),
        "--json",
    ]));
    assert_eq!(shown["id"], t["id"]);
    assert_eq!(
        code(&fwc(&["traces", "request", "--serial", "NO-SUCH-SERIAL-0"])),
        3
    );
}
