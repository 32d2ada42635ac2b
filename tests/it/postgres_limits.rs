//! A slow query cannot starve the others on PostgreSQL (issue 13): long work waits for its own
//! small pool while list pages answer, and a statement past its time limit is stopped and
//! answered `503 busy` instead of holding its connection.
//!
//! "Slow" is made deterministic with a lock: a second connection holds `LOCK TABLE … IN ACCESS
//! EXCLUSIVE MODE` in an open transaction, so every statement reading that table waits until
//! the test lets go (a lock wait counts against `statement_timeout`, as a long scan does).

use std::path::PathBuf;
use std::time::Duration;

use crate::support::pg_server::number;
use crate::support::postgres::{cluster, connect};
use crate::support::server::{Engine, FROZEN, seed_small_into, server_in, start_db, token};

/// How many backends of the database at `url` wait for a lock.
fn waiting_on_locks(url: &std::path::Path) -> i64 {
    number(
        url,
        "SELECT count(*) FROM pg_stat_activity \
         WHERE datname = current_database() AND wait_event_type = 'Lock'",
    )
}

/// More ring detections at once than the main pool has connections (16): were they on the
/// main pool, all of its connections would wait on the lock and the seizure page with them.
const HEAVY: usize = 20;

#[tokio::test]
async fn a_seizure_page_answers_while_long_work_waits_on_its_own_pool() {
    if cluster().is_none() {
        return;
    }
    // Frozen: the trace ticker's writes would wait on the lock too, holding the write lock
    // every audit row needs.
    let ts = server_in(Engine::Postgres, seed_small_into, FROZEN).await;
    let url = ts.db.to_string_lossy().into_owned();
    let locker = connect(&url).await;
    // Ring detection reads the multiple-sale reports; list pages never do.
    locker
        .batch_execute("BEGIN; LOCK TABLE multiple_sales IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let http = ts.http();
    let mut heavy = Vec::new();
    for _ in 0..HEAVY {
        let rb = http
            .get(ts.url("/v1/graph/rings?kind=purchaser&limit=20"))
            .bearer_auth(token("ana.us"));
        heavy.push(tokio::spawn(async move { rb.send().await }));
    }
    // Wait until the long-work pool is taken: both its connections stuck on the lock.
    let db = ts.db.clone();
    while crate::support::server::blocking(|| waiting_on_locks(&db)) < 2 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let page = http
        .get(ts.url("/v1/seizures?limit=100"))
        .bearer_auth(token("ana.us"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200, "{}", page.text().await.unwrap());
    let body: serde_json::Value = page.json().await.unwrap();
    assert_eq!(body["items"].as_array().unwrap().len(), 100);
    // The long work was still waiting (the lock is held): none of it has answered yet.
    assert!(heavy.iter().all(|h| !h.is_finished()));
    locker.batch_execute("COMMIT").await.unwrap();
    for h in heavy {
        let r = h.await.unwrap().unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    }
}

#[tokio::test]
async fn a_statement_past_its_time_limit_answers_503_busy() {
    let Some(pg) = cluster() else { return };
    let url = pg.fresh_database();
    // The main pool's limit, set in the URL as libpq does (`options`), a short one for the test.
    let limited = PathBuf::from(format!("{url}?options=-c%20statement_timeout%3D300"));
    crate::support::server::blocking(|| {
        seed_small_into(std::path::Path::new(&url));
        crate::support::server::add_users(&limited);
    });
    let dir = tempfile::tempdir().unwrap();
    let ts = start_db(dir, limited, Engine::Postgres, 0, FROZEN).await;
    let locker = connect(&url).await;
    locker
        .batch_execute("BEGIN; LOCK TABLE seizures IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let r = ts
        .http()
        .get(ts.url("/v1/seizures?limit=100"))
        .bearer_auth(token("ana.us"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "busy", "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("time limit"), "{message}");
    // The connection was given back: once the lock is gone the same page answers.
    locker.batch_execute("COMMIT").await.unwrap();
    let r = ts
        .http()
        .get(ts.url("/v1/seizures?limit=100"))
        .bearer_auth(token("ana.us"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
