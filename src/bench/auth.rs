//! `fwc bench auth`: what signing in costs (Argon2id hashing and verification, a whole
//! `POST /v1/sessions` over loopback) and what checking a session costs on every request (the
//! token's hash on every request, the store read behind a cache miss, the last-use write, and
//! `GET /v1/me` against the unauthenticated `GET /v1/health` over the same connection).

use std::time::{Duration, Instant};

use super::stats::{Summary, ms};
use crate::model::{Country, Role, User};
use crate::server::auth::{SessionPolicy, hash_token};
use crate::server::credentials::{
    argon2_params, hash_password, new_totp_secret, totp_code, verify_password,
};
use crate::server::demo_ca::DemoCa;
use crate::server::store::sqlite::SqliteStore;
use crate::server::store::{Credentials, Store, StoredUser};
use crate::server::tls::TlsFiles;
use crate::server::{ServerConfig, start};

const PASSWORD: &str = "bench passphrase 2026";

/// Prints the figures; `sign_ins` whole sign-ins and `requests` requests per endpoint.
/// With `tls`, the server speaks HTTPS (a throwaway CA, as `fwc demo --tls`) and a line more
/// times a new connection: TCP and TLS handshakes plus one request.
pub async fn run(sign_ins: usize, requests: usize, tls: bool) -> anyhow::Result<()> {
    println!("{}", argon2_params());
    let mut hash = Vec::new();
    let mut verify = Vec::new();
    let stored = hash_password(PASSWORD)?;
    for _ in 0..sign_ins.max(1) {
        let t = Instant::now();
        hash_password(PASSWORD)?;
        hash.push(t.elapsed());
        let t = Instant::now();
        anyhow::ensure!(verify_password(&stored, PASSWORD), "verification failed");
        verify.push(t.elapsed());
    }
    print_summary(hash, "argon2id hash");
    print_summary(verify, "argon2id verify");

    let dir = tempfile_dir()?;
    let db = dir.join("bench-auth.db");
    let store = SqliteStore::open(&db)?;
    // One user per sign-in: a TOTP code is good once, and the bench does not wait 30 s.
    let mut users = Vec::new();
    for i in 0..sign_ins.max(1) {
        let name = format!("bench.user{i}");
        store.add_user(&StoredUser {
            user: User {
                name: name.clone(),
                agency: "ATF Phoenix FD".into(),
                country: Country::US,
                role: Role::Investigator,
            },
            token_hash: hash_token(&format!("bench-token-{i}")),
        })?;
        let secret = new_totp_secret();
        store.set_credentials(
            &name,
            &Credentials {
                password_hash: stored.clone(),
                totp_secret: secret.clone(),
                must_change_password: false,
            },
        )?;
        users.push((name, secret));
    }
    drop(store);
    let mut cfg = ServerConfig::new(db.clone(), ([127, 0, 0, 1], 0).into());
    cfg.rate_limit = 0;
    cfg.sessions = SessionPolicy::default();
    let mut builder = reqwest::Client::builder();
    let mut ca_pem = String::new();
    if tls {
        let ca = DemoCa::new("fwc bench CA")?;
        let cert = ca.server_cert("fwc bench server", 1, &[])?;
        let files = TlsFiles {
            cert: dir.join("cert.pem"),
            key: dir.join("key.pem"),
        };
        std::fs::write(&files.cert, cert.cert_pem)?;
        std::fs::write(&files.key, cert.key_pem)?;
        cfg.tls = Some(files);
        ca_pem = ca.cert_pem();
        builder = builder.add_root_certificate(reqwest::Certificate::from_pem(ca_pem.as_bytes())?);
    }
    let server = start(cfg).await?;
    let base = server.url();
    println!("server: {base}");
    let http = builder.build()?;
    let mut sign_in = Vec::new();
    let mut token = String::new();
    for (name, secret) in &users {
        let now = chrono::Utc::now().timestamp() as u64;
        let code = totp_code(secret, now).unwrap_or_default();
        let body = serde_json::json!({"user": name, "password": PASSWORD, "totp": code});
        let t = Instant::now();
        let r = http
            .post(format!("{base}/v1/sessions"))
            .json(&body)
            .send()
            .await?;
        sign_in.push(t.elapsed());
        anyhow::ensure!(
            r.status().as_u16() == 201,
            "sign-in answered {}",
            r.status()
        );
        let v: serde_json::Value = r.json().await?;
        token = v["token"].as_str().unwrap_or_default().to_string();
    }
    print_summary(sign_in, "POST /v1/sessions (whole sign-in)");

    let mut health = Vec::new();
    let mut me = Vec::new();
    for _ in 0..requests.max(1) {
        let t = Instant::now();
        http.get(format!("{base}/v1/health")).send().await?;
        health.push(t.elapsed());
        let t = Instant::now();
        let r = http
            .get(format!("{base}/v1/me"))
            .bearer_auth(&token)
            .send()
            .await?;
        me.push(t.elapsed());
        anyhow::ensure!(r.status().is_success(), "/v1/me answered {}", r.status());
    }
    let (h, m) = (Summary::of(health), Summary::of(me));
    if let (Some(h), Some(m)) = (h, m) {
        println!("{}", h.line("GET /v1/health (no token)"));
        println!("{}", m.line("GET /v1/me (session token)"));
        println!(
            "{:<38} {:>8.3} ms per request (p50 difference)",
            "session check + its audit user",
            ms(m.p50.saturating_sub(h.p50))
        );
    }
    if tls {
        // No idle connection kept: every request opens (and handshakes) anew.
        let fresh = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .add_root_certificate(reqwest::Certificate::from_pem(ca_pem.as_bytes())?)
            .build()?;
        let mut connects = Vec::new();
        for _ in 0..requests.clamp(1, 500) {
            let t = Instant::now();
            fresh.get(format!("{base}/v1/health")).send().await?;
            connects.push(t.elapsed());
        }
        print_summary(connects, "new TLS connection + GET /v1/health");
    }
    server.shutdown().await?;

    // What the server does per request outside HTTP, in microseconds: hash the bearer token
    // (every request), read the session from the store (a cache miss: at most every 500 ms per
    // token) and write its last use back (at most every 30 s per session).
    let mut hashes = Vec::new();
    for _ in 0..requests.max(1) {
        let t = Instant::now();
        std::hint::black_box(hash_token(std::hint::black_box(&token)));
        hashes.push(t.elapsed());
    }
    print_us(hashes, "token SHA-256 (every request)");
    let store = SqliteStore::open(&db)?;
    let h = hash_token(&token);
    let mut reads = Vec::new();
    for _ in 0..requests.max(1) {
        let t = Instant::now();
        anyhow::ensure!(store.bearer(&h)?.is_some(), "session not found");
        reads.push(t.elapsed());
    }
    print_us(reads, "session read from the store (miss)");
    let mut writes = Vec::new();
    for _ in 0..requests.clamp(1, 200) {
        let t = Instant::now();
        store.touch_bearer(&h, chrono::Utc::now())?;
        writes.push(t.elapsed());
    }
    print_us(writes, "last-use write (every 30 s)");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn print_summary(samples: Vec<Duration>, label: &str) {
    if let Some(s) = Summary::of(samples) {
        println!("{}", s.line(label));
    }
}

/// For the in-process steps, far below a millisecond.
fn print_us(samples: Vec<Duration>, label: &str) {
    if let Some(s) = Summary::of(samples) {
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        println!(
            "{label:<38} n={:<6} p50 {:>8.1} µs  p90 {:>8.1} µs  p99 {:>8.1} µs  max {:>8.1} µs",
            s.n,
            us(s.p50),
            us(s.p90),
            us(s.p99),
            us(s.max)
        );
    }
}

/// A private scratch directory for the bench database.
fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("fwc-bench-auth-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
