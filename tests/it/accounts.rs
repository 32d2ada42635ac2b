//! Accounts from the command line, as processes against a real server: `fwc seed` demo
//! secrets, `fwc serve`'s guard against exposing demo accounts, `fwc user add|reset|enable|
//! list`, `fwc token create|list|revoke`, `fwc login` / `fwc logout`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::server::*;

fn fwc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fwc"))
        .args(args)
        .output()
        .expect("run fwc")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

async fn status_of(ts: &TestServer, token: &str) -> StatusCode {
    ts.http()
        .get(ts.url("/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn seed_prints_random_working_secrets_and_serve_keeps_demo_accounts_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fwc.db");
    let v: Value =
        serde_json::from_str(&ok(&fwc(&["seed", "--db", db.to_str().unwrap(), "--json"]))).unwrap();
    let users = v["users"].as_array().unwrap().clone();
    assert_eq!(users.len(), 14);
    // The listen guard: a public address is refused while demo accounts exist.
    let out = fwc(&["serve", "--db", db.to_str().unwrap(), "--addr", "0.0.0.0:0"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--allow-demo-accounts") && err.contains("14 demo account"),
        "{err}"
    );

    // Every demo user's token works, and so do their password and TOTP secret.
    let db_path = db.clone();
    let ts = start_on_db(&db_path).await;
    for u in &users {
        assert_eq!(
            status_of(&ts, u["token"].as_str().unwrap()).await,
            StatusCode::OK
        );
        let code = totp_now(u["totp_secret"].as_str().unwrap());
        let r = post_session(
            &ts,
            json!({"user": u["name"], "password": u["password"], "totp": code}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::CREATED, "{}", u["name"]);
    }
    // Another seeding draws other secrets: nothing can be derived from the source.
    let db2 = dir.path().join("other.db");
    let w: Value = serde_json::from_str(&ok(&fwc(&[
        "seed",
        "--db",
        db2.to_str().unwrap(),
        "--json",
    ])))
    .unwrap();
    assert_eq!(w["users"][0]["name"], users[0]["name"]);
    assert_ne!(w["users"][0]["token"], users[0]["token"]);
    assert_ne!(w["users"][0]["password"], users[0]["password"]);
}

/// A server over an existing database file (its own temp dir holds nothing else).
async fn start_on_db(db: &std::path::Path) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(db, db_path(&dir)).unwrap();
    start_on(dir, 0).await
}

/// The line after `label` in `text`, trimmed.
fn after(text: &str, label: &str) -> String {
    let mut lines = text.lines();
    lines.find(|l| l.starts_with(label));
    lines.next().unwrap_or("").trim().to_string()
}

fn secret_of(uri: &str) -> String {
    uri.split("secret=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn user_add_enrols_with_a_qr_code_and_a_temporary_password_and_reset_re_enrols() {
    let ts = server().await;
    let db = db_path(&ts.dir);
    let db = db.to_str().unwrap();
    let out = ok(&fwc(&[
        "user",
        "add",
        "--db",
        db,
        "--name",
        "Ada Soto",
        "--agency",
        "FGR",
        "--country",
        "MX",
        "--role",
        "prosecutor",
    ]));
    let uri = after(&out, "Authenticator app");
    assert!(
        uri.starts_with("otpauth://totp/Firewall%20Console:Ada%20Soto?secret="),
        "{out}"
    );
    assert!(
        out.lines()
            .filter(|l| l.contains('▀') || l.contains('▄'))
            .count()
            > 10,
        "{out}"
    );
    let temporary = after(&out, "Temporary password");
    let secret = secret_of(&uri);

    // The temporary password signs in only together with a new one.
    let base = json!({"user": "Ada Soto", "password": temporary, "totp": totp_now(&secret)});
    assert_eq!(
        post_session(&ts, base.clone()).await.status(),
        StatusCode::FORBIDDEN
    );
    let mut with_new = base.clone();
    with_new["new_password"] = json!("a long new passphrase");
    assert_eq!(
        post_session(&ts, with_new).await.status(),
        StatusCode::CREATED
    );

    let list = ok(&fwc(&["user", "list", "--db", db]));
    let ada = list.lines().find(|l| l.starts_with("Ada Soto")).unwrap();
    let cols: Vec<&str> = ada.split('\t').collect();
    assert_eq!(
        &cols[3..6],
        ["prosecutor", "active", "password+totp"],
        "{ada}"
    );
    assert_ne!(cols[6], "-", "last sign-in shown: {ada}");

    // Reset: a new secret and temporary password; the old ones stop.
    let out = ok(&fwc(&["user", "reset", "--db", db, "--name", "Ada Soto"]));
    let new_secret = secret_of(&after(&out, "Authenticator app"));
    assert_ne!(new_secret, secret);
    sql(&ts, "UPDATE users SET last_totp_step = NULL");
    let r = post_session(
        &ts,
        json!({"user": "Ada Soto", "password": "a long new passphrase", "totp": totp_now(&new_secret)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let list = ok(&fwc(&["user", "list", "--db", db]));
    let ada = list.lines().find(|l| l.starts_with("Ada Soto")).unwrap();
    assert!(ada.ends_with("\t1"), "one failure counted: {ada}");

    // Disable, enable.
    ok(&fwc(&["user", "disable", "--db", db, "--name", "ben.us"]));
    ok(&fwc(&["user", "enable", "--db", db, "--name", "ben.us"]));
    assert_eq!(status_of(&ts, &token("ben.us")).await, StatusCode::OK);
}

#[tokio::test]
async fn machine_tokens_are_scoped_expiring_listed_with_last_use_and_revocable() {
    let ts = server().await;
    let db = db_path(&ts.dir);
    let db = db.to_str().unwrap();
    // A token acts with its user's role only.
    let wrong = fwc(&[
        "token",
        "create",
        "--db",
        db,
        "--name",
        "ana.us",
        "--role",
        "supervisor",
    ]);
    assert!(!wrong.status.success());
    let out = ok(&fwc(&[
        "token",
        "create",
        "--db",
        db,
        "--name",
        "ana.us",
        "--role",
        "investigator",
        "--expires",
        "90d",
        "--label",
        "nightly export",
    ]));
    let token = out.lines().last().unwrap().trim().to_string();
    assert!(token.starts_with("fwc_"), "{out}");
    let r = ts
        .http()
        .get(ts.url("/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let me: fwc::model::Me = r.json().await.unwrap();
    assert_eq!(me.auth, "token");
    let days = (me.token_expires_at.unwrap() - chrono::Utc::now()).num_days();
    assert!((89..=90).contains(&days), "{days}");

    let list = ok(&fwc(&["token", "list", "--db", db]));
    let row = list.lines().find(|l| l.contains("nightly export")).unwrap();
    let cols: Vec<&str> = row.split('\t').collect();
    assert_ne!(cols[7], "-", "last use shown: {row}");
    let id = cols[0].to_string();

    // A tokens-only account for a script.
    let out = ok(&fwc(&[
        "token",
        "create",
        "--db",
        db,
        "--name",
        "etl-bot",
        "--role",
        "investigator",
        "--agency",
        "FGR",
        "--country",
        "MX",
        "--expires",
        "12h",
    ]));
    let bot = out.lines().last().unwrap().trim().to_string();
    assert_eq!(status_of(&ts, &bot).await, StatusCode::OK);
    let r = post_session(
        &ts,
        json!({"user": "etl-bot", "password": "x", "totp": "000000"}),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "a tokens-only account cannot sign in"
    );

    ok(&fwc(&["token", "revoke", "--db", db, "--id", &id]));
    let mut refused = false;
    // A resolved token is trusted for half a second: wait for the refusal (bounded).
    for _ in 0..100 {
        if status_of(&ts, &token).await == StatusCode::UNAUTHORIZED {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(refused, "the revoked token still works");
    assert_eq!(status_of(&ts, &bot).await, StatusCode::OK);
}

// Multi-threaded: the in-process server answers while this thread waits for `fwc login`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_keeps_a_private_session_and_logout_ends_it() {
    let ts = server().await;
    let secret = enrol(&ts, "ana.us", false);
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fwc"))
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", &data)
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env_remove("FWC_TOKEN")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let code = totp_now(&secret);
    let login = [
        "login",
        "--server",
        &ts.base,
        "--user",
        "ana.us",
        "--password-stdin",
        "--totp",
        &code,
    ];
    let bad = run(&login, "wrong password\n");
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("sign-in refused"), "{err}");
    let out = run(&login, &format!("{PASSWORD}\n"));
    let text = ok(&out);
    let file = text
        .rsplit("Session kept in ")
        .next()
        .unwrap()
        .trim()
        .trim_end_matches('.');
    let file = std::path::Path::new(file);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let token = saved["token"].as_str().unwrap().to_string();
    assert_eq!(status_of(&ts, &token).await, StatusCode::OK);

    ok(&run(&["logout", "--server", &ts.base], ""));
    assert!(!file.exists());
    assert_eq!(status_of(&ts, &token).await, StatusCode::UNAUTHORIZED);
}
