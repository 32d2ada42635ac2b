//! `--rate-limit` holds for the service, not per node: a user's requests spread over two nodes
//! are counted against one bucket (issue 13, item 3).

use std::time::Instant;

use reqwest::StatusCode;

use super::{Pair, http};
use crate::support::server::token;

/// Requests a second per user in this test (bursts of twice that).
const RATE: u32 = 2;

#[tokio::test]
async fn a_user_bursting_across_two_nodes_gets_the_rate_once_not_twice() {
    let pair = Pair::start(&["--rate-limit", &RATE.to_string()]);
    let (a, b) = (pair.a.url(), pair.b.url());
    let client = http();
    let started = Instant::now();
    // 40 requests at once, half to each node.
    let answers = futures_util::future::join_all((0..40).map(|i| {
        let base = if i % 2 == 0 { a.clone() } else { b.clone() };
        let rb = client
            .get(format!("{base}/v1/me"))
            .bearer_auth(token("ana.us"));
        async move { rb.send().await.expect("GET /v1/me") }
    }))
    .await;
    let elapsed = started.elapsed().as_secs_f64();
    let mut ok = 0;
    for r in answers {
        match r.status() {
            StatusCode::OK => ok += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                assert_eq!(r.headers().get("retry-after").expect("Retry-After"), "1");
                let body: serde_json::Value = r.json().await.expect("error body");
                assert_eq!(body["error"]["code"], "rate_limited");
            }
            s => panic!("unexpected status {s}"),
        }
    }
    // One shared bucket: the burst (2 × RATE) plus what came back while the requests ran, and
    // no more — each node counting alone would have let through its own burst, 2 × 2 × RATE,
    // at once. The bound follows the run's own length, so a slow machine cannot fail it.
    println!("{ok} of 40 answered in {elapsed:.2} s");
    let burst = 2 * RATE;
    let allowed = burst + (f64::from(RATE) * elapsed).ceil() as u32;
    assert!(ok >= burst, "{ok} answered: the burst is {burst}");
    assert!(
        ok <= allowed,
        "{ok} of 40 answered in {elapsed:.2} s: at most {allowed} (burst {burst} + {RATE}/s)"
    );
    // Another user's bucket is their own.
    let other = client
        .get(format!("{b}/v1/me"))
        .bearer_auth(token("luis.mx"))
        .send()
        .await
        .expect("GET /v1/me");
    assert_eq!(other.status(), StatusCode::OK);
}
