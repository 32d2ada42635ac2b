//! `fwc demo --tls`: one command, an HTTPS server with a throwaway CA, and the console on it.

use crate::support::pty::*;

#[test]
fn the_tls_demo_reaches_the_queue_over_https() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cfg = config_dir(dir.path());
    let home = dir.path().display().to_string();
    let mut c = Console::spawn(
        &["demo", "--tls", "--data-dir", data.to_str().unwrap()],
        &[
            ("HOME", home.as_str()),
            ("XDG_CONFIG_HOME", cfg.as_str()),
            ("XDG_DATA_HOME", home.as_str()),
            ("LANG", "en_US.UTF-8"),
        ],
        160,
        40,
    );
    let screen = c.wait_for("queue rows over https", |s| {
        s.contains("SZ-") && s.contains("https://127.0.0.1:")
    });
    assert!(!screen.contains("UNENCRYPTED"), "{screen}");
    // The CA the console trusted, for curl and friends; the server's key is private.
    let ca = std::fs::read_to_string(data.join("tls/ca.pem")).unwrap();
    assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("tls/server-key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "key mode {mode:o}");
    }
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}
