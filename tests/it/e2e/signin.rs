//! Issue 12 items 5 and 6, as the investigator meets them: plain `fwc --server URL` with no
//! session shows the logon banner, then the sign-in form (password and TOTP code), then the
//! queue; a wrong code stays on the form; the same in Spanish; and the idle lock hides every
//! record until the same user signs in again, with the draft note intact.

use std::path::Path;

use crate::support::process::{Seeded, ServerProcess, free_port, seed};
use crate::support::pty::*;

const TAB: &str = "\t";

/// The seed's first investigator: name, password and TOTP secret.
fn investigator(seeded: &Seeded) -> (String, String, String) {
    let u = seeded
        .users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["role"] == "investigator")
        .unwrap();
    let field = |k: &str| u[k].as_str().unwrap().to_string();
    (field("name"), field("password"), field("totp_secret"))
}

fn now_s() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

/// The code an authenticator app shows for `secret` in the 30-second step `step`.
fn code_at(secret: &str, step: u64) -> String {
    fwc::server::credentials::totp_code(secret, step * 30).unwrap()
}

/// A code that is not the secret's in any step the server accepts now.
fn wrong_code(secret: &str) -> String {
    let step = now_s() / 30;
    let taken: Vec<String> = (step - 1..=step + 2).map(|s| code_at(secret, s)).collect();
    (0..10u32)
        .map(|d| format!("{d}{d}{d}{d}{d}{d}"))
        .find(|c| !taken.contains(c))
        .unwrap()
}

/// `fwc --server URL` with no token and no kept session, its home under `root`.
fn unsigned(root: &Path, url: &str, lang: &str, extra: &[(&str, &str)]) -> Console {
    let home = root.display().to_string();
    let cfg = config_dir(root);
    let mut env = vec![
        ("HOME", home.as_str()),
        ("XDG_CONFIG_HOME", cfg.as_str()),
        ("XDG_DATA_HOME", home.as_str()),
        ("LANG", "en_US.UTF-8"),
        ("FWC_TOKEN", ""),
    ];
    env.extend_from_slice(extra);
    Console::spawn(&["--server", url, "--lang", lang], &env, 100, 30)
}

/// Types the form's fields (Tab between them) and sends it.
fn sign_in(c: &mut Console, user: &str, password: &str, code: &str) {
    c.send(user);
    c.send(TAB);
    c.send(password);
    c.send(TAB);
    c.send(code);
    c.send(ENTER);
}

/// The queue has rows: the console is past the gate.
fn in_queue(s: &str, tab: &str) -> bool {
    s.contains(tab) && s.contains("SZ-")
}

/// The kept session files under the console's data dir.
fn kept_sessions(root: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(root.join("fwc").join("sessions"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn banner_then_sign_in_then_queue_and_a_wrong_code_stays_on_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let (user, password, secret) = investigator(&seeded);
    let mut c = unsigned(dir.path(), &server.url(), "en", &[]);

    let banner = c.wait_text("authorised use only");
    assert!(banner.contains("monitored, recorded"), "{banner}");
    assert!(!banner.contains("SZ-"), "{banner}");
    c.send(ENTER);
    c.wait_text("Password");

    // A wrong code: the error, still the form, the user name kept, the secrets cleared.
    sign_in(&mut c, &user, &password, &wrong_code(&secret));
    let s = c.wait_text("Sign-in failed");
    assert!(s.contains(&user), "the user name stays typed:\n{s}");
    assert!(!s.contains('•'), "the password was cleared:\n{s}");
    assert!(kept_sessions(dir.path()).is_empty());

    // The cursor is in the password field now; Shift-Tab and Tab move between fields.
    c.send("\x1b[Z");
    c.send(TAB);
    c.send(&password);
    c.send(TAB);
    c.send(&code_at(&secret, now_s() / 30));
    c.send(ENTER);
    c.wait_for("the queue", |s| in_queue(s, "Queue"));

    // Kept like `fwc login` keeps it: one file for this server, readable by the user alone.
    let kept = kept_sessions(dir.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&kept[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    c.send("q");
    assert_eq!(c.wait_exit(), 0);

    // The next start reuses the kept session: straight to the queue, no banner.
    let mut again = unsigned(dir.path(), &server.url(), "en", &[]);
    let s = again.wait_for("the queue", |s| in_queue(s, "Queue"));
    assert!(!s.contains("authorised use only"), "{s}");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn the_banner_and_the_sign_in_speak_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let (user, password, secret) = investigator(&seeded);
    let mut c = unsigned(dir.path(), &server.url(), "es", &[]);

    let banner = c.wait_text("solo para uso autorizado");
    assert!(banner.contains("entiendo y acepto"), "{banner}");
    c.send(ENTER);
    c.wait_text("Contraseña");
    sign_in(&mut c, &user, &password, &wrong_code(&secret));
    let s = c.wait_text("No se pudo iniciar sesión");
    assert!(s.contains(&user), "{s}");
    c.send(&password);
    c.send(TAB);
    c.send(&code_at(&secret, now_s() / 30));
    c.send(ENTER);
    c.wait_for("la cola", |s| in_queue(s, "Cola"));
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn the_idle_lock_hides_every_record_and_unlocking_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let (user, password, secret) = investigator(&seeded);
    // Seconds instead of 15 minutes: long enough to open a case and type between keys.
    let mut c = unsigned(
        dir.path(),
        &server.url(),
        "en",
        &[("FWC_IDLE_LOCK_SECONDS", "15")],
    );
    c.wait_text("authorised use only");
    c.send(ENTER);
    c.wait_text("Password");
    let first_step = now_s() / 30;
    sign_in(&mut c, &user, &password, &code_at(&secret, first_step));
    c.wait_for("the queue", |s| in_queue(s, "Queue"));

    // A case open, a note being written.
    c.send("3");
    let list = c.wait_for("the case list", |s| {
        s.contains("CS-") && s.contains("c new case")
    });
    let case_row = list
        .lines()
        .find(|l| l.contains("CS-"))
        .unwrap()
        .to_string();
    let case_id: String = case_row[case_row.find("CS-").unwrap()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    c.send(ENTER);
    c.wait_text(&format!(" {case_id} "));
    c.send("n");
    c.wait_text(&format!("Note for {case_id}"));
    c.send("Draft: ring buyer seen at the Nogales port");
    let before = c.wait_text("Nogales port");

    // No key for the idle time: the lock screen, and nothing of the records anywhere on it.
    let locked = c.wait_for("the lock screen", |s| {
        s.contains("Console locked") && s.contains("enter your password") && s.contains("Esc quit")
    });
    assert!(locked.contains(&format!("Signed in as {user}")), "{locked}");
    for secret_text in [
        case_id.as_str(),
        "Nogales",
        "CS-",
        "SZ-",
        "Queue",
        "Note for",
    ] {
        assert!(
            !locked.contains(secret_text),
            "{secret_text:?} is still on the locked screen:\n{locked}"
        );
    }
    assert!(before.contains("Note for"));

    // Only the password and a new code unlock it; the draft is as it was.
    let step = (now_s() / 30).max(first_step + 1);
    c.send(&password);
    c.send(TAB);
    c.send(&code_at(&secret, step));
    c.send(ENTER);
    let back = c.wait_for("the draft again", |s| {
        s.contains(&format!("Note for {case_id}")) && s.contains("Nogales port")
    });
    assert!(
        back.contains("Draft: ring buyer seen at the Nogales port"),
        "{back}"
    );
    // Esc closes the editor (the draft kept); then quit.
    c.send(ESC);
    c.wait_for("the editor closed", |s| !s.contains("Note for"));
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn a_kept_session_the_server_refuses_is_forgotten_and_the_banner_shown() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    // A session kept for this server that the server does not know (revoked, or expired there).
    let keeper = fwc::app::kept_session::Keeper {
        data_dir: dir.path().join("fwc"),
        server: server.url(),
    };
    let revoked = fwc::model::SessionCreated {
        token: format!("fws_{}", "0".repeat(64)),
        expires_at: chrono::Utc::now() + chrono::Duration::hours(6),
        idle_timeout_s: 1800,
    };
    keeper.keep("Dana Whitfield", &revoked).unwrap();
    assert_eq!(kept_sessions(dir.path()).len(), 1);

    let mut c = unsigned(dir.path(), &server.url(), "en", &[]);
    c.wait_text("authorised use only");
    assert!(
        kept_sessions(dir.path()).is_empty(),
        "the refused session is deleted"
    );
    c.send(ESC);
    assert_eq!(c.wait_exit(), 0);
}
