//! `--trust-proxy`: behind a TLS-terminating proxy failed authentication is counted per client
//! (the right-most X-Forwarded-For entry), not for everybody behind the proxy at once; without
//! the flag the header changes nothing.

use std::time::Duration;

use fwc::server::{ServerConfig, start};
use reqwest::StatusCode;

use super::harness::{add_users, db_path};

/// `GET /v1/me` with a bad token, as `forwarded_for` according to the proxy.
async fn bad_token(http: &reqwest::Client, base: &str, forwarded_for: &str) -> StatusCode {
    http.get(format!("{base}/v1/me"))
        .bearer_auth("not-a-token")
        .header("X-Forwarded-For", forwarded_for)
        .send()
        .await
        .unwrap()
        .status()
}

async fn twenty_failures_then(trust_proxy: bool) -> (StatusCode, StatusCode) {
    let dir = tempfile::tempdir().unwrap();
    add_users(&db_path(&dir));
    let mut cfg = ServerConfig::new(db_path(&dir), ([127, 0, 0, 1], 0).into());
    cfg.trust_proxy = trust_proxy;
    let server = start(cfg).await.unwrap();
    let base = server.url();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    for i in 0..20 {
        // What the client wrote itself (left of the proxy's entry) varies and is not believed.
        let xff = format!("10.9.8.{i}, 203.0.113.1");
        assert_eq!(
            bad_token(&http, &base, &xff).await,
            StatusCode::UNAUTHORIZED,
            "{i}"
        );
    }
    let same = bad_token(&http, &base, "10.0.0.99, 203.0.113.1").await;
    let other = bad_token(&http, &base, "203.0.113.2").await;
    server.shutdown().await.unwrap();
    (same, other)
}

#[tokio::test]
async fn with_trust_proxy_failures_count_per_forwarded_client() {
    let (same, other) = twenty_failures_then(true).await;
    assert_eq!(same, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        other,
        StatusCode::UNAUTHORIZED,
        "another client is not throttled"
    );
}

#[tokio::test]
async fn without_it_the_header_is_ignored() {
    let (same, other) = twenty_failures_then(false).await;
    assert_eq!(same, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        other,
        StatusCode::TOO_MANY_REQUESTS,
        "a forged X-Forwarded-For does not escape the throttle"
    );
}
