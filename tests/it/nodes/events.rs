//! An event committed through node A reaches an SSE client of node B, and a client that moves
//! from B to A resumes with `Last-Event-ID` and misses nothing.

use std::time::{Duration, Instant};

use futures_util::StreamExt;

use super::{Pair, http};
use crate::support::server::{sample_seizure, token};

/// Reads an SSE body until it holds `needle`; the text read so far.
async fn read_until<S>(body: &mut S, text: &mut String, needle: &str)
where
    S: futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin,
{
    tokio::time::timeout(Duration::from_secs(20), async {
        while !text.contains(needle) {
            let chunk = body.next().await.expect("stream open").expect("chunk");
            text.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no {needle:?} on the stream; read: {text}"));
}

async fn post_seizure(base: &str, key: &str) -> String {
    let resp = http()
        .post(format!("{base}/v1/seizures"))
        .bearer_auth(token("ana.us"))
        .header("Idempotency-Key", key)
        .json(&sample_seizure())
        .send()
        .await
        .expect("POST seizure");
    assert_eq!(resp.status(), 201);
    let v: serde_json::Value = resp.json().await.expect("seizure");
    v["id"].as_str().expect("id").to_string()
}

async fn stream(
    base: &str,
    last_event_id: Option<i64>,
) -> impl futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin {
    let mut req = http_streaming()
        .get(format!("{base}/v1/events"))
        .bearer_auth(token("ben.us"));
    if let Some(id) = last_event_id {
        req = req.header("Last-Event-ID", id.to_string());
    }
    let resp = req.send().await.expect("GET events");
    assert_eq!(resp.status(), 200);
    resp.bytes_stream()
}

/// A client without a whole-request timeout (an event stream never ends by itself).
fn http_streaming() -> reqwest::Client {
    reqwest::Client::builder().build().expect("http client")
}

/// The SSE id line of the event about `entity`, from the stream's text.
fn id_of(text: &str, entity: &str) -> i64 {
    text.split("\n\n")
        .find(|block| block.contains(&format!("\"entity_id\":\"{entity}\"")))
        .and_then(|block| block.lines().find_map(|l| l.strip_prefix("id: ")))
        .and_then(|id| id.trim().parse().ok())
        .unwrap_or_else(|| panic!("no event about {entity} in {text}"))
}

#[tokio::test]
async fn an_event_committed_on_one_node_reaches_a_stream_on_the_other_and_resumes_there() {
    let pair = Pair::start(&[]);
    let (a, b) = (pair.a.url(), pair.b.url());
    // A stream on B, then writes through A: each must arrive on B's stream.
    let mut on_b = stream(&b, None).await;
    let mut text = String::new();
    let mut lags = Vec::new();
    let mut ids = Vec::new();
    for i in 0..5 {
        let sent = Instant::now();
        let id = post_seizure(&a, &format!("nodes-ev-{i}")).await;
        read_until(&mut on_b, &mut text, &format!("\"entity_id\":\"{id}\"")).await;
        lags.push(sent.elapsed());
        ids.push(id);
    }
    println!(
        "event from node A on node B's stream: {:?} after the POST was sent (POST included)",
        lags
    );
    let first = id_of(&text, &ids[0]);
    drop(on_b);

    // While the client is away, B and A both write; it comes back to A with the id it last
    // saw on B and gets exactly what it missed, in order.
    let on_b_id = post_seizure(&b, "nodes-ev-b").await;
    let on_a_id = post_seizure(&a, "nodes-ev-a").await;
    let mut on_a = stream(&a, Some(first)).await;
    let mut resumed = String::new();
    read_until(
        &mut on_a,
        &mut resumed,
        &format!("\"entity_id\":\"{on_a_id}\""),
    )
    .await;
    assert!(
        !resumed.contains(&format!("\"entity_id\":\"{}\"", ids[0])),
        "replayed: {resumed}"
    );
    let mut expected: Vec<&str> = ids[1..].iter().map(String::as_str).collect();
    expected.extend([on_b_id.as_str(), on_a_id.as_str()]);
    let got: Vec<i64> = expected.iter().map(|e| id_of(&resumed, e)).collect();
    assert!(got.windows(2).all(|w| w[0] < w[1]), "out of order: {got:?}");
    let first_resumed: i64 = resumed
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .and_then(|id| id.trim().parse().ok())
        .expect("an id line");
    assert_eq!(
        first_resumed,
        first + 1,
        "a gap after the resumed id: {resumed}"
    );
}
