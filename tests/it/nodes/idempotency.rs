//! An `Idempotency-Key` is one write on the service, whichever node sees it: replayed on the
//! other node it gets the first node's answer, and the same key sent to both at once writes once.

use super::{Pair, http};
use crate::support::pg_server::number;
use crate::support::server::{sample_seizure, token};

/// POSTs `body` (a key's request must be the same each time: the new seizure is made once).
async fn post(
    base: &str,
    key: &str,
    body: &fwc::model::NewSeizure,
) -> (u16, bool, serde_json::Value) {
    let resp = http()
        .post(format!("{base}/v1/seizures"))
        .bearer_auth(token("ana.us"))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .expect("POST seizure");
    let status = resp.status().as_u16();
    let replayed = resp.headers().contains_key("idempotent-replayed");
    (status, replayed, resp.json().await.expect("JSON"))
}

#[tokio::test]
async fn a_key_replayed_on_the_other_node_gets_the_stored_answer_and_a_race_writes_once() {
    let pair = Pair::start(&["--rate-limit", "0"]);
    let (a, b) = (pair.a.url(), pair.b.url());

    let body = sample_seizure();
    let (status, replayed, first) = post(&a, "nodes-idem-1", &body).await;
    assert_eq!((status, replayed), (201, false));
    let (status, replayed, again) = post(&b, "nodes-idem-1", &body).await;
    assert_eq!((status, replayed), (201, true), "{again}");
    assert_eq!(again, first, "node B answered differently from node A");

    // The same key to both nodes at the same moment, many times over.
    const RACES: usize = 20;
    for i in 0..RACES {
        let key = format!("nodes-race-{i}");
        let (on_a, on_b) = tokio::join!(post(&a, &key, &body), post(&b, &key, &body));
        assert_eq!((on_a.0, on_b.0), (201, 201), "race {i}");
        assert_eq!(on_a.2["id"], on_b.2["id"], "race {i}: two records");
        assert!(
            on_a.1 != on_b.1,
            "race {i}: exactly one answer is the replay"
        );
    }
    assert_eq!(
        number(&pair.db, "SELECT count(*) FROM seizures"),
        1 + RACES as i64,
        "each key wrote one seizure"
    );
    assert_eq!(
        number(&pair.db, "SELECT count(*) FROM idempotency"),
        1 + RACES as i64
    );
}
