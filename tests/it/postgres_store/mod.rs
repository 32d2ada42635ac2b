//! The PostgreSQL store against a real cluster (`support::postgres`): migrations, accounts and
//! the audit chain here; the same writes on both engines in `writes`, the same seed in
//! `seed_parity`. Store calls are synchronous (as routes make them, from blocking threads),
//! so these are plain `#[test]`s.

use chrono::Utc;
use fwc::model::{Country, Role, User};
use fwc::server::store::chain::Verdict;
use fwc::server::store::postgres::{PgStore, migrations};
use fwc::server::store::{AuditRecord, StoredUser};

use crate::support::postgres::{cluster, connect};

/// Runs SQL on `url` behind the store's back (tampering, or a newer fwc's schema).
fn raw(url: &str, sql: &str) {
    try_raw(url, sql).unwrap();
}

/// `sql` run on the database at `url` outside the store, answering the database's refusal.
fn try_raw(url: &str, sql: &str) -> Result<(), tokio_postgres::Error> {
    let (url, sql) = (url.to_string(), sql.to_string());
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async { connect(&url).await.batch_execute(&sql).await })
    })
    .join()
    .unwrap()
}

/// Whether `r` is the append-only trigger's refusal.
fn refused_as_append_only(r: Result<(), tokio_postgres::Error>) -> bool {
    r.is_err_and(|e| {
        e.as_db_error()
            .is_some_and(|e| e.message().contains("append-only"))
    })
}

fn user(name: &str, role: Role) -> StoredUser {
    StoredUser {
        user: User {
            name: name.into(),
            agency: "ATF Phoenix FD".into(),
            country: Country::US,
            role,
        },
        token_hash: format!("hash-of-{name}"),
    }
}

fn record(n: usize) -> AuditRecord {
    AuditRecord {
        at: Utc::now(),
        user: Some("ana.us".into()),
        method: "POST".into(),
        route: Some("/v1/cases".into()),
        path: format!("/v1/cases?n={n}"),
        status: 201,
        entity_id: Some(format!("CS-2026-{n:04}")),
        case_id: None,
    }
}

#[test]
fn migrations_run_once_and_a_newer_schema_is_refused() {
    let Some(pg) = cluster() else { return };
    let url = pg.fresh_database();
    let store = PgStore::open(&url).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_schema());
    drop(store);
    // Migration 10: the planner samples summaries finely (free text's plan rests on it).
    raw(
        &url,
        "DO $$ BEGIN
           IF (SELECT attstattarget FROM pg_attribute
               WHERE attrelid = 'seizures'::regclass AND attname = 'summary') <> 300 THEN
             RAISE EXCEPTION 'the summary statistics target is not 300';
           END IF;
           -- Migration 11: a seizure's trace ids from one index, its id included.
           IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'traces_seizure_id'
                          AND indexdef LIKE '%(seizure_id, id)') THEN
             RAISE EXCEPTION 'traces_seizure_id does not hold the ids';
           END IF;
           IF EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'traces_seizure') THEN
             RAISE EXCEPTION 'traces_seizure is still there';
           END IF;
         END $$",
    );
    // A second start (another node, a restart) finds nothing to do.
    let again = PgStore::open(&url).unwrap();
    assert_eq!(again.schema_version().unwrap(), migrations::latest_schema());
    drop(again);
    raw(&url, "UPDATE fwc_schema SET version = version + 1");
    let err = PgStore::open(&url)
        .err()
        .expect("a newer schema was accepted");
    assert!(err.to_string().contains("newer than this fwc"), "{err}");
}

#[test]
fn users_tokens_and_disabling_on_postgres() {
    let Some(pg) = cluster() else { return };
    let store = PgStore::open(&pg.fresh_database()).unwrap();
    store
        .add_user_impl(&user("ana.us", Role::Investigator))
        .unwrap();
    store
        .add_user_impl(&user("sam.us", Role::Supervisor))
        .unwrap();
    let dup = store.add_user_impl(&user("ana.us", Role::Examiner));
    assert!(dup.unwrap_err().to_string().contains("already exists"));
    let bearer = store.bearer_impl("hash-of-ana.us").unwrap().expect("token");
    assert_eq!(bearer.user.name, "ana.us");
    assert_eq!(bearer.user.role, Role::Investigator);
    assert!(store.bearer_impl("hash-of-nobody").unwrap().is_none());
    assert!(store.disable_user_impl("ana.us").unwrap());
    assert!(store.bearer_impl("hash-of-ana.us").unwrap().is_none());
    let users = store.list_users_impl().unwrap();
    let names: Vec<(&str, bool)> = users
        .iter()
        .map(|(u, disabled)| (u.name.as_str(), *disabled))
        .collect();
    assert_eq!(names, [("ana.us", true), ("sam.us", false)]);
    assert!(store.enable_user_impl("ana.us").unwrap());
    assert!(store.bearer_impl("hash-of-ana.us").unwrap().is_some());
    assert_eq!(
        store.revoke_api_tokens_impl(None, Some("ana.us")).unwrap(),
        1
    );
    assert!(store.bearer_impl("hash-of-ana.us").unwrap().is_none());
    let tokens = store.api_tokens_impl().unwrap();
    assert_eq!(tokens.len(), 2);
    assert!(
        tokens
            .iter()
            .any(|t| t.user_name == "ana.us" && t.revoked_at.is_some())
    );
}

#[test]
fn a_lockout_is_stored_and_counts_across_store_handles() {
    let Some(pg) = cluster() else { return };
    let url = pg.fresh_database();
    // Two handles on one database stand for two nodes.
    let (a, b) = (PgStore::open(&url).unwrap(), PgStore::open(&url).unwrap());
    let now = Utc::now();
    let lock = chrono::Duration::minutes(15);
    for i in 0..4 {
        let node = if i % 2 == 0 { &a } else { &b };
        assert_eq!(node.sign_in_failed_impl("eve", now, 5, lock).unwrap(), None);
    }
    let until = b.sign_in_failed_impl("eve", now, 5, lock).unwrap();
    assert_eq!(until.map(|t| t.timestamp()), Some((now + lock).timestamp()));
    let state = a.sign_in_state_impl("eve").unwrap();
    assert!(state.account.is_none());
    assert_eq!(state.failed_count, 5);
    assert_eq!(state.locked_until, until);
}

#[test]
fn the_audit_chain_is_gapless_under_concurrent_writers_and_catches_tampering() {
    let Some(pg) = cluster() else { return };
    let url = pg.fresh_database();
    let store = std::sync::Arc::new(PgStore::open(&url).unwrap());
    // Four writers on two handles (two nodes) queue rows at once while both nodes seal the
    // queue into the chain: the write lock keeps one chain, each row sealed once.
    let other = std::sync::Arc::new(PgStore::open(&url).unwrap());
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sealers: Vec<_> = [store.clone(), other.clone()]
        .into_iter()
        .map(|s| {
            let done = done.clone();
            std::thread::spawn(move || {
                let mut sealed = 0;
                while !done.load(std::sync::atomic::Ordering::SeqCst) {
                    sealed += s.seal_audit_impl().unwrap();
                }
                sealed
            })
        })
        .collect();
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let s = if w % 2 == 0 {
                store.clone()
            } else {
                other.clone()
            };
            std::thread::spawn(move || {
                for i in 0..25 {
                    s.audit_impl(&[record(w * 100 + i)]).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let sealed: u64 = sealers.into_iter().map(|s| s.join().unwrap()).sum();
    assert!(sealed <= 100, "a row sealed twice: {sealed}");
    // Whatever the sealers left, the verdict seals first.
    match store.verify_audit().unwrap() {
        Verdict::Intact { rows, .. } => assert_eq!(rows, 100),
        v => panic!("{v:?}"),
    }
    // Walked a page at a time (the chain is never whole in memory), the verdict is the same,
    // whether or not a page ends the chain exactly.
    for page in [1, 7, 10, 100] {
        assert_eq!(
            store.verify_audit_in_pages(page).unwrap(),
            store.verify_audit().unwrap()
        );
    }
    let mut lines = Vec::new();
    assert_eq!(store.export_audit(None, None, &mut lines).unwrap(), 100);
    assert_eq!(
        String::from_utf8(lines.clone()).unwrap().lines().count(),
        100
    );
    // Exported a page at a time, the lines are the same, in chain order.
    for page in [1, 7, 100] {
        let mut paged = Vec::new();
        assert_eq!(
            store
                .export_audit_in_pages(None, None, page, &mut paged)
                .unwrap(),
            100
        );
        assert_eq!(paged, lines, "page {page}");
    }
    let ids: Vec<i64> = String::from_utf8(lines)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, (1..=100).collect::<Vec<_>>());
    // The store refuses to rewrite history…
    assert!(refused_as_append_only(try_raw(
        &url,
        "UPDATE audit SET status = 500 WHERE id = 7"
    )));
    // …and someone who drops the trigger first is caught: an altered row, then a removed tail.
    raw(
        &url,
        "ALTER TABLE audit DISABLE TRIGGER audit_append_only;
         UPDATE audit SET status = 404 WHERE id = 7;",
    );
    match store.verify_audit_in_pages(5).unwrap() {
        Verdict::Broken { row, reason } => {
            assert_eq!(row, 7);
            assert!(reason.contains("altered"), "{reason}");
        }
        v => panic!("tampering not found: {v:?}"),
    }
    raw(
        &url,
        "UPDATE audit SET status = 201 WHERE id = 7; DELETE FROM audit WHERE id > 98;",
    );
    match store.verify_audit_in_pages(7).unwrap() {
        Verdict::Broken { row, reason } => {
            assert_eq!(row, 99);
            assert!(reason.contains("removed from the end"), "{reason}");
        }
        v => panic!("a removed tail not found: {v:?}"),
    }
    // The queue gives its rows up to the chain, never to a rewrite.
    raw(
        &url,
        "INSERT INTO audit_pending(at, method, path, status) VALUES (1, 'GET', '/v1/seizures', 200)",
    );
    assert!(refused_as_append_only(try_raw(
        &url,
        "UPDATE audit_pending SET status = 500"
    )));
}

mod seed_parity;
mod short_grams;
mod writes;

/// `v` as JSON with the write times (the clock, which may tick between the two engines'
/// writes) masked.
fn json<T: serde::Serialize>(v: &T) -> String {
    fn mask(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for key in [
                    "updated_at",
                    "submitted_at",
                    "completed_at",
                    "at",
                    "created_at",
                    "last_activity",
                    "edited_at",
                ] {
                    if m.contains_key(key) {
                        m.insert(key.into(), "…".into());
                    }
                }
                m.values_mut().for_each(mask);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(mask),
            // Note ids are random, so each engine draws its own.
            serde_json::Value::String(s) => *s = note_ids(s),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(v).unwrap();
    mask(&mut v);
    v.to_string()
}

/// `s` with every note id (random, so each engine draws its own) masked.
fn note_ids(s: &str) -> String {
    regex::Regex::new("NT-[0-9A-F]{16}")
        .unwrap()
        .replace_all(s, "NT-…")
        .into_owned()
}
