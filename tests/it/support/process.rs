//! A real `fwc serve` in its own process over a seeded database, so a test can take it away
//! (SIGKILL, like a crashed host) and bring it back on the same port and database; and plain
//! HTTP reads to check what the server really holds.

use std::path::{Path, PathBuf};

/// A seeded database and the token of its first investigator.
pub struct Seeded {
    pub db: PathBuf,
    pub token: String,
    /// `fwc seed --json`'s users, with their roles and tokens.
    pub users: serde_json::Value,
}

impl Seeded {
    /// The token of the first demo user with `role` (US users come first).
    pub fn token_of(&self, role: &str) -> String {
        self.users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["role"] == role)
            .map(|u| u["token"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no demo {role}"))
    }
}

/// Seeds `<dir>/server.db` with `fwc seed` (the deterministic synthetic data).
pub fn seed(dir: &Path) -> Seeded {
    let db = dir.join("server.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fwc"))
        .args(["seed", "--db", db.to_str().unwrap(), "--json"])
        .output()
        .expect("fwc seed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["role"] == "investigator")
        .map(|u| u["token"].as_str().unwrap().to_string())
        .unwrap();
    Seeded {
        db,
        token,
        users: v["users"].clone(),
    }
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct ServerProcess {
    child: std::process::Child,
    pub port: u16,
}

impl ServerProcess {
    pub fn start(db: &Path, port: u16) -> ServerProcess {
        ServerProcess::start_with(db, port, &[])
    }

    /// As [`ServerProcess::start`], with more `fwc serve` arguments.
    pub fn start_with(db: &Path, port: u16, extra: &[&str]) -> ServerProcess {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_fwc"))
            .args([
                "serve",
                "--db",
                db.to_str().unwrap(),
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--trace-delay",
                "1",
            ])
            .args(extra)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("fwc serve");
        let mut server = ServerProcess { child, port };
        server.wait_listening();
        server
    }

    /// Returns once the server accepts connections, so a test's first request (or a proxy's
    /// first relay) does not race its start. A starting process has no event to wait on from
    /// here: try to connect every 20 ms.
    fn wait_listening(&mut self) {
        let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("fwc serve exited at start: {status}");
            }
            assert!(std::time::Instant::now() < end, "fwc serve never listened");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// SIGKILL: no graceful shutdown, open connections are simply cut.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Every note body of a case, as the server holds them (all pages), read with `token`.
pub fn note_bodies(base: &str, token: &str, case_id: &str) -> Vec<String> {
    let http = reqwest::blocking::Client::new();
    let mut bodies = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut req = http
            .get(format!("{base}/v1/cases/{case_id}/notes"))
            .bearer_auth(token)
            .query(&[("limit", "1000")]);
        if let Some(c) = &cursor {
            req = req.query(&[("cursor", c.as_str())]);
        }
        let resp = req.send().expect("GET notes");
        assert!(resp.status().is_success(), "GET notes: {}", resp.status());
        let page: serde_json::Value = resp.json().expect("notes page");
        for n in page["items"].as_array().expect("items") {
            bodies.push(n["body"].as_str().expect("body").to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return bodies,
        }
    }
}
