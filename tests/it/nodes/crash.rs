//! A node killed with SIGKILL in the middle of a burst of writes loses none it acknowledged:
//! the other node serves every one of them. The test counts acknowledgements, not time: it
//! kills node A once enough 201s have come back, whatever the machine's speed.

use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use super::{Pair, http};
use crate::support::server::{sample_seizure, token};

/// Acknowledged writes before the kill.
const ACKED_BEFORE_KILL: usize = 60;
/// Clients posting at once, so several writes are in flight when the node dies.
const WRITERS: usize = 4;

#[derive(Default)]
struct Acks {
    ids: Mutex<Vec<String>>,
    added: Notify,
}

/// Posts seizures to `base` one after another until the node stops answering.
async fn writer(n: usize, base: String, acks: Arc<Acks>) {
    for i in 0.. {
        let sent = http()
            .post(format!("{base}/v1/seizures"))
            .bearer_auth(token("ana.us"))
            .header("Idempotency-Key", format!("crash-{n}-{i}"))
            .json(&sample_seizure())
            .send()
            .await;
        let Ok(resp) = sent else { return };
        if resp.status() != 201 {
            return;
        }
        let Ok(v) = resp.json::<serde_json::Value>().await else {
            return;
        };
        let id = v["id"].as_str().expect("id").to_string();
        acks.ids.lock().expect("acks").push(id);
        acks.added.notify_one();
    }
}

#[tokio::test]
async fn a_node_killed_mid_burst_loses_no_acknowledged_write() {
    let mut pair = Pair::start(&["--rate-limit", "0"]);
    let acks = Arc::new(Acks::default());
    let writers: Vec<_> = (0..WRITERS)
        .map(|n| tokio::spawn(writer(n, pair.a.url(), acks.clone())))
        .collect();
    while acks.ids.lock().expect("acks").len() < ACKED_BEFORE_KILL {
        acks.added.notified().await;
    }
    pair.a.kill();
    for w in writers {
        w.await.expect("writer");
    }
    let acked = acks.ids.lock().expect("acks").clone();
    assert!(acked.len() >= ACKED_BEFORE_KILL);
    let b = pair.b.url();
    for id in &acked {
        let resp = http()
            .get(format!("{b}/v1/seizures/{id}"))
            .bearer_auth(token("ana.us"))
            .send()
            .await
            .expect("GET seizure");
        assert_eq!(resp.status(), 200, "acknowledged {id} is gone");
    }
    println!(
        "{} writes acknowledged by node A before its kill, all served by node B",
        acked.len()
    );
}
