//! A user disabled on a running server (`fwc user disable`) is refused within a second,
//! without a restart; `fwc user list` shows them disabled.

use super::harness::*;
use reqwest::StatusCode;

#[tokio::test]
async fn a_disabled_users_token_stops_on_a_running_server() {
    let ts = server().await;
    let get = || async {
        ts.http()
            .get(ts.url("/v1/cases"))
            .bearer_auth(token("luis.mx"))
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(get().await, StatusCode::OK);
    let db = &ts.db;
    let fwc = env!("CARGO_BIN_EXE_fwc");
    let out = std::process::Command::new(fwc)
        .args(["user", "disable", "--name", "luis.mx", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The server trusts a resolved token for half a second: wait for the refusal (bounded).
    let mut refused = false;
    for _ in 0..200 {
        if get().await == StatusCode::UNAUTHORIZED {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(refused, "the disabled user's token still works");
    // Others keep working.
    let ana = ts
        .http()
        .get(ts.url("/v1/cases"))
        .bearer_auth(token("ana.us"))
        .send()
        .await
        .unwrap();
    assert_eq!(ana.status(), StatusCode::OK);
    let list = std::process::Command::new(fwc)
        .args(["user", "list", "--db"])
        .arg(db)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    let luis = text
        .lines()
        .find(|l| l.starts_with("luis.mx"))
        .unwrap_or("");
    let state = |line: &str| line.split('\t').nth(4).unwrap_or("").to_string();
    assert_eq!(state(luis), "disabled", "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("ana.us") && state(l) == "active")
    );
    // An unknown name is an error, not a silent success.
    let ghost = std::process::Command::new(fwc)
        .args(["user", "disable", "--name", "ghost", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(!ghost.status.success());
}
