//! The console's client pointed at both nodes (config `server = [A, B]`) carries on through B
//! when A dies: reads, keyed writes and the event stream move over, and the client says which
//! node it uses.

use std::time::Duration;

use fwc::api::{ApiClient, ClientConfig};
use fwc::model::{EventKind, SeizureQuery};

use super::Pair;
use crate::support::cases::next_event;
use crate::support::server::{sample_seizure, token};

/// A client of the service at `a` then `b`, as the console builds it from `server = [a, b]`.
fn client_of(a: &str, b: &str) -> ApiClient {
    ApiClient::with_nodes(
        ClientConfig {
            trace_url: a.to_string(),
            case_url: a.to_string(),
            token: token("ana.us"),
            timeout: Duration::from_secs(10),
            transport: Default::default(),
        },
        vec![a.to_string(), b.to_string()],
    )
    .expect("client")
}

#[tokio::test]
async fn the_client_fails_over_to_the_second_node_and_carries_on() {
    let mut pair = Pair::start(&[]);
    let (a, b) = (pair.a.url(), pair.b.url());
    let client = client_of(&a, &b);
    assert_eq!(client.active_node().as_deref(), Some(a.as_str()));
    let before = client
        .create_seizure(&sample_seizure(), "fo-1")
        .await
        .expect("write on A");
    let mut live = Box::pin(client.events(Some(0)));
    let ev = next_event(&mut live, EventKind::SeizureCreated).await;
    assert_eq!(ev.entity_id, before.id);

    pair.a.kill();
    // A read finds A gone and is answered by B, in the same call.
    let page = client
        .seizures(&SeizureQuery::default())
        .await
        .expect("read via B");
    assert!(page.items.iter().any(|s| s.id == before.id));
    assert_eq!(
        client.active_node().as_deref(),
        Some(b.as_str()),
        "the client says B"
    );
    // A keyed write goes to B, and the event stream reconnects there and resumes.
    let after = client
        .create_seizure(&sample_seizure(), "fo-2")
        .await
        .expect("write via B");
    let ev = next_event(&mut live, EventKind::SeizureCreated).await;
    assert_eq!(
        ev.entity_id, after.id,
        "the stream resumed on B without a gap or a repeat"
    );
}

#[tokio::test]
async fn a_keyed_write_whose_node_died_is_sent_to_the_next_and_applied_once() {
    let mut pair = Pair::start(&[]);
    let (a, b) = (pair.a.url(), pair.b.url());
    let client = client_of(&a, &b);
    pair.a.kill();
    // The first request of the session meets a dead node: the write lands on B, once.
    let body = sample_seizure();
    let s = client
        .create_seizure(&body, "fo-once")
        .await
        .expect("write");
    let again = client
        .create_seizure(&body, "fo-once")
        .await
        .expect("replay");
    assert_eq!(s.id, again.id);
    assert_eq!(client.active_node().as_deref(), Some(b.as_str()));
}
