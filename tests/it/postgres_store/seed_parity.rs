//! The small seed loaded into each engine answers the same (`postgres_store`).

use fwc::server::store::postgres::PgStore;

use super::json;
use crate::support::postgres::cluster;

/// The small seed loaded into each engine (SQLite row by row, PostgreSQL with COPY) answers a
/// fixed list of reads identically: pages and their second pages, filters, serial searches,
/// trace outcomes, a user's cases and their notes, the directory.
#[test]
fn the_same_seed_answers_the_same_on_both_engines() {
    use fwc::model::*;
    use fwc::server::store::Store;
    use fwc::server::store::sqlite::SqliteStore;
    let Some(pg) = cluster() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fwc.db");
    crate::support::server::seed_small_into(&path);
    let lite = SqliteStore::open(&path).unwrap();
    let post = PgStore::open(&pg.fresh_database()).unwrap();
    let cfg = fwc::seed::SeedConfig {
        scale: fwc::seed::Scale::Small,
        seed: 7,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    };
    fwc::seed::run(&cfg, &post).unwrap();
    let same = |what: &str, a: String, b: String| assert!(a == b, "{what} differs:\n{a}\n{b}");
    let users = lite.list_users().unwrap();
    same(
        "users",
        json(&users),
        json(&post.list_users_impl().unwrap()),
    );
    let viewer = users
        .iter()
        .map(|(u, _)| u.clone())
        .find(|u| u.role == Role::Investigator && u.country == Country::MX)
        .unwrap();
    let mut q = SeizureQuery {
        limit: Some(50),
        ..Default::default()
    };
    for _ in 0..2 {
        let a = lite.list_seizures(&q, &viewer).unwrap();
        same(
            "seizures",
            json(&a),
            json(&post.list_seizures_impl(&q, &viewer).unwrap()),
        );
        q.cursor = a.next_cursor;
    }
    let a = lite.seizure_stats().unwrap();
    same("stats", json(&a), json(&post.seizure_stats_impl().unwrap()));
    let some = lite
        .list_firearms(&FirearmQuery {
            limit: Some(3),
            ..Default::default()
        })
        .unwrap();
    let serial = some.items[0].serial.clone();
    for pattern in [
        serial.clone(),
        format!("{}*", &serial[..3]),
        format!("*{}*", &serial[2..6]),
        format!("{}?{}*", &serial[..1], &serial[2..4]),
    ] {
        let mut q = FirearmQuery {
            serial: Some(pattern.clone()),
            limit: Some(5),
            ..Default::default()
        };
        for _ in 0..2 {
            let a = lite.list_firearms(&q).unwrap();
            same(
                &pattern,
                json(&a),
                json(&post.list_firearms_impl(&q).unwrap()),
            );
            q.cursor = a.next_cursor;
        }
    }
    for tq in [
        TraceQuery::default(),
        TraceQuery {
            status: Some(TraceStatus::Completed),
            limit: Some(20),
            ..Default::default()
        },
        TraceQuery {
            short_ttc: Some(true),
            limit: Some(20),
            ..Default::default()
        },
    ] {
        let mut q = tq;
        for _ in 0..2 {
            let a = lite.list_traces(&q).unwrap();
            same(
                "traces",
                json(&a),
                json(&post.list_traces_impl(&q).unwrap()),
            );
            q.cursor = a.next_cursor;
        }
    }
    let cases = lite.list_cases(&CaseQuery::default(), &viewer).unwrap();
    same(
        "cases",
        json(&cases),
        json(
            &post
                .list_cases_impl(&CaseQuery::default(), &viewer)
                .unwrap(),
        ),
    );
    if let Some(case) = cases.items.first() {
        let q = NoteQuery::default();
        same(
            "notes",
            json(&lite.list_notes(&case.id, &q, &viewer).unwrap()),
            json(&post.list_notes_impl(&case.id, &q, &viewer).unwrap()),
        );
    }
    same(
        "directory",
        json(&lite.directory().unwrap()),
        json(&post.directory_impl().unwrap()),
    );
}
