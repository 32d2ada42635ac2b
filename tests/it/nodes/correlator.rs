//! Casings acquired through either node are ranked against each other: one node (the
//! correlator's leader) ranks the shared queue with an index that holds every ranked casing.
//! The lag from an acquisition to its `casing_correlated` event is printed.

use std::time::{Duration, Instant};

use futures_util::StreamExt;

use super::{Pair, http};
use crate::support::server::{casing, token};

async fn acquire(base: &str, gun: &str, shot: u32) -> String {
    let resp = http()
        .post(format!("{base}/v1/ballistics/casings"))
        .bearer_auth(token("eva.us"))
        .header("Idempotency-Key", format!("nodes-{gun}-{shot}"))
        .json(&casing(gun, shot, &format!("INC-{gun}-{shot}")))
        .send()
        .await
        .expect("POST casing");
    assert_eq!(resp.status(), 201);
    let v: serde_json::Value = resp.json().await.expect("casing");
    v["id"].as_str().expect("id").to_string()
}

async fn top_candidate(base: &str, casing_id: &str) -> String {
    let v: serde_json::Value = http()
        .get(format!(
            "{base}/v1/ballistics/casings/{casing_id}/correlations"
        ))
        .bearer_auth(token("eva.us"))
        .send()
        .await
        .expect("GET correlations")
        .json()
        .await
        .expect("list");
    v["candidates"][0]["candidate_id"]
        .as_str()
        .unwrap_or_else(|| panic!("no candidates for {casing_id}: {v}"))
        .to_string()
}

#[tokio::test]
async fn casings_from_both_nodes_are_correlated_with_each_other() {
    let pair = Pair::start(&["--rate-limit", "0"]);
    let (a, b) = (pair.a.url(), pair.b.url());
    let resp = reqwest::Client::new()
        .get(format!("{a}/v1/events"))
        .bearer_auth(token("eva.us"))
        .send()
        .await
        .expect("GET events");
    let mut events = resp.bytes_stream();
    let mut text = String::new();
    // Each gun's first shot through one node, its second through the other.
    let plan = [
        (&a, "gun-A", 0),
        (&b, "gun-B", 0),
        (&b, "gun-A", 1),
        (&a, "gun-B", 1),
    ];
    let mut ids = Vec::new();
    let mut lags = Vec::new();
    for (node, gun, shot) in plan {
        let sent = Instant::now();
        let id = acquire(node, gun, shot).await;
        let needle = format!("\"kind\":\"casing_correlated\",\"entity_id\":\"{id}\"");
        tokio::time::timeout(Duration::from_secs(60), async {
            while !text.contains(&needle) {
                let chunk = events.next().await.expect("stream open").expect("chunk");
                text.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .unwrap_or_else(|_| panic!("{id} never correlated; stream: {text}"));
        lags.push(sent.elapsed());
        ids.push(id);
    }
    println!("acquisition → casing_correlated on node A's stream (POST included): {lags:?}");
    assert_eq!(
        top_candidate(&b, &ids[2]).await,
        ids[0],
        "gun-A: B's casing vs A's"
    );
    assert_eq!(
        top_candidate(&a, &ids[3]).await,
        ids[1],
        "gun-B: A's casing vs B's"
    );
}
