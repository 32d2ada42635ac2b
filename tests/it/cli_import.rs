//! `fwc seizures import` as a process against a real `fwc serve`: what a dry run and an invalid
//! file write (nothing), what a re-run writes (nothing new), Spanish headers, and the batch
//! endpoint's authorisation; plus the completions and the manual page made from the CLI.

use crate::cli_script::{run, wait_up};
use crate::support::process::{ServerProcess, free_port, seed};

fn total_seizures(url: &str, token: &str) -> u64 {
    let v: serde_json::Value = reqwest::blocking::Client::new()
        .get(format!("{url}/v1/seizures/stats"))
        .bearer_auth(token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    v["total"].as_u64().unwrap()
}

const SPANISH: &str = "referencia,fecha,estado,municipio,puerto,serie,marca,modelo,tipo_de_arma,calibre,origen,cargadores,cartuchos
N-1,2026-03-28 06:40,Texas,,Laredo,LR-204481,Colt,M4 Carbine,fusil,5.56x45,US,4,
N-1,2026-03-28 06:40,Texas,,Laredo,GX-77120,Glock,19,pistola,9mm,AT,2,
,2026-03-27,Sonora,Nogales,,,,,,,,,500
";

#[test]
fn an_import_writes_nothing_until_valid_and_nothing_new_when_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    wait_up(&url);
    let token = seeded.token.as_str();
    let file = dir.path().join("oficina.csv");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&file, SPANISH).unwrap();
    std::fs::write(
        &bad,
        format!(
            "{SPANISH},31/12/2025,Chihuahua,Juárez,,,,,,,,3,\n,2026-03-26,Atlantis,X,,,,,,,,3,\n"
        ),
    )
    .unwrap();
    let import = |path: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["seizures", "import", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        run(dir.path(), &url, token, &args, None)
    };
    let before = total_seizures(&url, token);

    // A dry run checks and previews; nothing is written.
    let out = import(&file, &["--dry-run"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("would record: row 2+3"), "{text}");
    assert!(text.contains("Dry run: nothing was written."));
    assert_eq!(total_seizures(&url, token), before);

    // Invalid rows: the report names row and column, exit 8, nothing written.
    let out = import(&bad, &[]);
    assert_eq!(out.status.code(), Some(8));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("row 5, column fecha: bad date"), "{text}");
    assert!(
        text.contains("row 6, column estado: unknown state"),
        "{text}"
    );
    assert_eq!(total_seizures(&url, token), before);

    // The valid file: two seizures (the two Laredo rows are one), read back with their guns.
    let out = import(&file, &["--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(report["created"], 2);
    assert_eq!(report["already_imported"], 0);
    assert_eq!(total_seizures(&url, token), before + 2);
    let page = crate::cli_script::run(
        dir.path(),
        &url,
        token,
        &[
            "seizures",
            "list",
            "--port",
            "Laredo",
            "--from",
            "2026-03-28",
            "--to",
            "2026-03-28",
            "--json",
        ],
        None,
    );
    let page: serde_json::Value = serde_json::from_slice(&page.stdout).unwrap();
    let laredo = &page["items"][0];
    assert_eq!(laredo["kind"], "border_inspection");
    assert_eq!(laredo["country"], "US");
    let guns: Vec<&serde_json::Value> = laredo["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "firearm")
        .collect();
    assert_eq!(guns.len(), 2);

    // The same file again writes nothing new; --skip-invalid writes only the valid rows (here
    // the same two, already there).
    let out = import(&file, &["--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            report["created"].as_u64(),
            report["already_imported"].as_u64()
        ),
        (Some(0), Some(2))
    );
    let out = import(&bad, &["--skip-invalid", "--json"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["created"], 0);
    assert_eq!(report["invalid_rows"], 2);
    assert_eq!(total_seizures(&url, token), before + 2);

    // The batch endpoint: authorised like POST /v1/seizures, one bad row refuses the batch.
    let http = reqwest::blocking::Client::new();
    let row = |key: &str, state: &str| {
        serde_json::json!({"key": key, "seizure": {
            "kind": "crime_scene", "occurred_at": "2026-03-01T00:00:00Z", "country": "MX",
            "state": state, "municipality": "Centro", "port": null, "conveyance": null,
            "concealment": null, "summary": "s", "items": [
                {"kind": "ammunition", "quantity": 5, "description": "rounds", "firearm": null}]}})
    };
    let post = |token: &str, rows: serde_json::Value| {
        http.post(format!("{url}/v1/seizures/import"))
            .bearer_auth(token)
            .json(&serde_json::json!({ "rows": rows }))
            .send()
            .unwrap()
    };
    let r = post(
        &seeded.token_of("prosecutor"),
        serde_json::json!([row("k1", "Sonora")]),
    );
    assert_eq!(r.status(), 403);
    let r = post(
        token,
        serde_json::json!([row("k1", "Sonora"), row("k2", "")]),
    );
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("rows[1]"),
        "{body}"
    );
    assert_eq!(total_seizures(&url, token), before + 2);
}

#[test]
fn completions_and_the_manual_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().unwrap();
    let fwc = |args: &[&str]| run(dir.path(), "http://127.0.0.1:9", "x", args, None);
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef fwc"),
        ("fish", "complete -c fwc"),
    ] {
        let out = fwc(&["completions", shell]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(mark), "{shell}");
        assert!(
            text.contains("seizures") && text.contains("--jsonl"),
            "{shell}"
        );
    }
    let out = fwc(&["man"]);
    let roff = String::from_utf8(out.stdout).unwrap();
    assert!(
        roff.starts_with(".ie") || roff.contains(".TH fwc"),
        "{}",
        &roff[..80.min(roff.len())]
    );
    assert!(roff.contains("seizures"));
    let pages = dir.path().join("man");
    assert!(
        fwc(&["man", "--out", pages.to_str().unwrap()])
            .status
            .success()
    );
    assert!(pages.join("fwc.1").exists());
    assert!(pages.join("fwc-seizures-import.1").exists());
    // The exit codes are in --help.
    let help = String::from_utf8(fwc(&["--help"]).stdout).unwrap();
    assert!(help.contains("7  conflict"), "{help}");
}
