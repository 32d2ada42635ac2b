//! Audited reads queue their rows without the write lock (`store::postgres::audit_chain`):
//! every node's rows reach the one hash chain with no reader asking, each once, and rows a
//! killed node left queued are sealed by the node that is still up.

use std::time::{Duration, Instant};

use fwc::server::store::chain::Verdict;
use fwc::server::store::postgres::PgStore;

use super::{Pair, http};
use crate::support::pg_server::{number, try_sql};
use crate::support::server::{blocking, token};

/// Waits until `query` (on `pair`'s database, read raw: nothing seals for it) answers `want`;
/// fails after a generous bound, so a sealer that never runs fails the test.
fn wait_for(pair: &Pair, query: &str, want: i64) {
    let end = Instant::now() + Duration::from_secs(30);
    loop {
        let got = number(&pair.db, query);
        if got == want {
            return;
        }
        assert!(Instant::now() < end, "{query}: {got}, never {want}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_on_both_nodes_join_one_chain_and_a_killed_nodes_queue_is_sealed_by_the_other() {
    let mut pair = Pair::start(&["--rate-limit", "0"]);
    const READS: usize = 40;
    let mut reads = tokio::task::JoinSet::new();
    for i in 0..READS {
        let base = if i % 2 == 0 {
            pair.a.url()
        } else {
            pair.b.url()
        };
        reads.spawn(async move {
            http()
                .get(format!("{base}/v1/seizures?limit=5"))
                .bearer_auth(token("ana.us"))
                .send()
                .await
                .expect("GET seizures")
                .status()
                .as_u16()
        });
    }
    while let Some(status) = reads.join_next().await {
        assert_eq!(status.expect("read task"), 200);
    }
    // The nodes' own sealers chain every read, no reader of the trail asking.
    let pair = tokio::task::spawn_blocking(move || {
        wait_for(
            &pair,
            "SELECT count(*) FROM audit WHERE route = '/v1/seizures' AND method = 'GET'",
            READS as i64,
        );
        wait_for(&pair, "SELECT count(*) FROM audit_pending", 0);

        // A row node A queued just before it was killed is sealed by node B.
        try_sql(
            &pair.db,
            "INSERT INTO audit_pending(at, user_name, method, route, path, status)
             VALUES (1, 'ana.us', 'GET', '/v1/cases', '/v1/cases', 200)",
        )
        .expect("queue a row");
        pair.a.kill();
        wait_for(
            &pair,
            "SELECT count(*) FROM audit WHERE route = '/v1/cases' AND user_name = 'ana.us'",
            1,
        );
        pair
    })
    .await
    .expect("waiting task");

    // One chain, each row once, gapless.
    let db = pair.db.to_string_lossy().into_owned();
    let verdict = blocking(|| PgStore::open(&db).expect("open").verify_audit());
    match verdict.expect("verify") {
        Verdict::Intact { rows, .. } => assert_eq!(rows, READS as u64 + 1),
        v => panic!("{v:?}"),
    }
    assert_eq!(
        number(&pair.db, "SELECT max(id) - min(id) + 1 FROM audit"),
        READS as i64 + 1
    );
}
