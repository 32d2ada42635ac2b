//! Every list page is read in index order: the planner's plan for each documented filter of the
//! trace and firearm lists must not sort the matches (a sort of every match is what made a
//! trace page take a second on a million firearms). Checked on the real migrated schema.

use super::firearms::firearms_query;
use super::seizures::{TextRead, seizures_query, text_read};
use super::traces::traces_query;
use super::{Cursor, SqliteStore};
use crate::model::{
    Country, FirearmQuery, FirearmType, ItemKind, SeizureKind, SeizureQuery, SeizureSort,
    TraceQuery, TraceStatus, TriageStatus,
};

fn store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("plans.db")).expect("open");
    (dir, store)
}

/// Fails with the plan when a step sorts every match or scans a table without an index. (A
/// sort of the "LAST TERM" only orders rows that tie on the index's key, e.g. equal serials.)
fn assert_index_order(what: &str, plan: &[String]) {
    let sorted = plan.iter().any(|s| s.contains("TEMP B-TREE FOR ORDER BY"));
    let bare_scan = plan.iter().any(|s| {
        s.starts_with("SCAN ") && !s.contains("USING") && !s.contains("VIRTUAL TABLE INDEX")
    });
    assert!(!sorted && !bare_scan, "{what}: {plan:#?}");
}

/// Fails unless the plan seeks the filter's value in an index (rather than walking the whole
/// list in time order until a page fills, which a rare value makes a walk of every row).
fn assert_seek(what: &str, plan: &[String]) {
    assert!(
        plan.first().is_some_and(|s| s.starts_with("SEARCH")),
        "{what}: {plan:#?}"
    );
}

fn text(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn every_trace_filter_pages_newest_first_from_an_index() {
    let (_dir, store) = store();
    let cursor = Cursor::new("traces", 1_700_000_000, "TR-2024-0000001").encode();
    let cases: Vec<(&str, TraceQuery)> = vec![
        ("no filter", TraceQuery::default()),
        (
            "status",
            TraceQuery {
                status: Some(TraceStatus::Completed),
                ..Default::default()
            },
        ),
        (
            "short time-to-crime",
            TraceQuery {
                short_ttc: Some(true),
                ..Default::default()
            },
        ),
        (
            "long time-to-crime",
            TraceQuery {
                short_ttc: Some(false),
                ..Default::default()
            },
        ),
        (
            "make",
            TraceQuery {
                make: text("Ridgeline Arms"),
                ..Default::default()
            },
        ),
        (
            "model",
            TraceQuery {
                model: text("RA-15"),
                ..Default::default()
            },
        ),
        (
            "make and model",
            TraceQuery {
                make: text("Ridgeline Arms"),
                model: text("RA-15"),
                ..Default::default()
            },
        ),
        (
            "calibre",
            TraceQuery {
                caliber: text("9mm Luger"),
                ..Default::default()
            },
        ),
        (
            "purchaser",
            TraceQuery {
                purchaser_id: text("P-000001"),
                ..Default::default()
            },
        ),
        (
            "dealer",
            TraceQuery {
                dealer_license: text("9-33-258-02-6B-37560"),
                ..Default::default()
            },
        ),
        (
            "status and calibre",
            TraceQuery {
                status: Some(TraceStatus::Completed),
                caliber: text(".22 LR"),
                ..Default::default()
            },
        ),
        (
            "a later page",
            TraceQuery {
                cursor: Some(cursor),
                ..Default::default()
            },
        ),
    ];
    for (what, q) in cases {
        let (f, sql) = traces_query(&q, 100).expect("query");
        let plan = store.read(|c| Ok(f.plan(c, &sql))).expect("plan");
        assert_index_order(what, &plan);
        let by_value = q.status.is_some()
            || q.make.is_some()
            || q.model.is_some()
            || q.caliber.is_some()
            || q.purchaser_id.is_some()
            || q.dealer_license.is_some();
        if by_value {
            assert_seek(what, &plan);
        }
    }
}

#[test]
fn the_short_time_to_crime_filter_uses_its_partial_index() {
    let (_dir, store) = store();
    let q = TraceQuery {
        short_ttc: Some(true),
        ..Default::default()
    };
    let (f, sql) = traces_query(&q, 100).expect("query");
    let plan = store.read(|c| Ok(f.plan(c, &sql))).expect("plan");
    // The index's bound in migration 9 is the literal 1095: it must stay `SHORT_TTC_DAYS`.
    assert_eq!(crate::model::SHORT_TTC_DAYS, 1095);
    assert!(
        plan.iter().any(|s| s.contains("traces_short_ttc")),
        "{plan:#?}"
    );
}

#[test]
fn the_long_time_to_crime_filter_uses_its_partial_index() {
    let (_dir, store) = store();
    let q = TraceQuery {
        short_ttc: Some(false),
        ..Default::default()
    };
    let (f, sql) = traces_query(&q, 100).expect("query");
    let plan = store.read(|c| Ok(f.plan(c, &sql))).expect("plan");
    assert!(
        plan.iter().any(|s| s.contains("traces_long_ttc")),
        "{plan:#?}"
    );
}

#[test]
fn free_text_sorts_trigram_candidates_or_walks_the_time_index() {
    let (_dir, store) = store();
    for (words, indexed) in [("rifle", true), ("SZ-", true), ("la", false)] {
        let q = SeizureQuery {
            q: text(words),
            ..Default::default()
        };
        let (f, sql, _) = seizures_query(&q, 100, &TextRead::Candidates).expect("query");
        let plan = store.read(|c| Ok(f.plan(c, &sql))).expect("plan");
        let uses = plan.iter().any(|s| s.contains("seizures_text"));
        assert_eq!(uses, indexed, "{words}: {plan:#?}");
        // The walk reads the time index in page order and stops when the page is full.
        let (f, sql, _) = seizures_query(&q, 100, &TextRead::Walk).expect("query");
        let plan = store.read(|c| Ok(f.plan(c, &sql))).expect("plan");
        assert!(
            !plan.iter().any(|s| s.contains("seizures_text")),
            "{plan:#?}"
        );
        assert_index_order(words, &plan);
    }
}

#[test]
fn a_short_term_reads_its_grams_postings_in_page_order() {
    let (_dir, store) = store();
    let cursor = Cursor::new("seizures:newest", 1_700_000_000, "SZ-000001").encode();
    for (what, q) in [
        ("alone", SeizureQuery::default()),
        (
            "status and cursor",
            SeizureQuery {
                status: Some(TriageStatus::New),
                cursor: Some(cursor),
                ..Default::default()
            },
        ),
        (
            "oldest",
            SeizureQuery {
                sort: Some(SeizureSort::Oldest),
                ..Default::default()
            },
        ),
    ] {
        let q = SeizureQuery { q: text("zq"), ..q };
        let (f, sql, _) = seizures_query(&q, 100, &TextRead::Postings("zq".into())).expect("query");
        let plan = store.read(|c| Ok(f.plan(c, &sql))).expect("plan");
        assert!(
            plan.first()
                .is_some_and(|s| s.starts_with("SEARCH p USING PRIMARY KEY (gram=?")),
            "{what}: {plan:#?}"
        );
        assert_index_order(what, &plan);
    }
}

/// `n` seizures, one a day, whose summaries say `every` in each and `rare` in the first three.
fn seizures_saying(dir: &tempfile::TempDir, n: i64, every: &str, rare: &str) {
    let c = rusqlite::Connection::open(dir.path().join("plans.db")).expect("open");
    for i in 0..n {
        let summary = if i < 3 {
            format!("{every} {rare}")
        } else {
            every.to_string()
        };
        c.execute(
            "INSERT INTO seizures(id, kind, status, occurred_at, country, state, \
                     municipality, port, agency, conveyance, concealment, summary, items_json, \
                     updated_at, item_kinds) VALUES (?1, 'operation', 'new', ?2, 'MX', 'Sonora', \
                     'Hermosillo', NULL, 'FGR', NULL, NULL, ?3, '[]', ?2, ',')",
            rusqlite::params![format!("SZ-{i:06}"), 1_700_000_000 + i * 86_400, summary],
        )
        .expect("seizure");
    }
    // Written past the store, as no server path writes: the short-gram index is built after.
    let mut c = c;
    let tx = c.transaction().expect("tx");
    super::grams::rebuild(&tx).expect("grams");
    tx.commit().expect("commit");
}

#[test]
fn a_common_term_walks_and_a_rare_one_sorts_its_candidates() {
    let (dir, store) = store();
    seizures_saying(&dir, 2_000, "armas aseguradas", "rifle");
    let read = |words: &str| {
        let q = SeizureQuery {
            q: text(words),
            ..Default::default()
        };
        store.read(|c| text_read(c, &q, 100)).expect("read")
    };
    assert_eq!(read("ASEGURADAS"), TextRead::Walk);
    assert_eq!(read("rifle"), TextRead::Candidates);
    assert_eq!(read("nothing like it"), TextRead::Candidates);
    // No trigram: the short-gram index answers (every seizure holds "ar", under the bound).
    assert_eq!(read("AR"), TextRead::Postings("ar".into()));
    assert_eq!(read("zz"), TextRead::Nothing);
    store
        .write(|tx| Ok(tx.execute("UPDATE seizure_grams SET common = 1 WHERE gram = 'ar'", [])?))
        .expect("common");
    assert_eq!(read("ar"), TextRead::Walk, "a common gram walks");
}

#[test]
fn every_firearm_filter_pages_by_id_from_an_index() {
    let (_dir, store) = store();
    let cases: Vec<(&str, FirearmQuery)> = vec![
        ("no filter", FirearmQuery::default()),
        (
            "make",
            FirearmQuery {
                make: text("Ridgeline Arms"),
                ..Default::default()
            },
        ),
        (
            "model",
            FirearmQuery {
                model: text("RA-15"),
                ..Default::default()
            },
        ),
        (
            "make and model",
            FirearmQuery {
                make: text("Ridgeline Arms"),
                model: text("RA-15"),
                ..Default::default()
            },
        ),
        (
            "calibre",
            FirearmQuery {
                caliber: text("9mm Luger"),
                ..Default::default()
            },
        ),
        (
            "type",
            FirearmQuery {
                kind: Some(FirearmType::Rifle),
                ..Default::default()
            },
        ),
        (
            "serial prefix",
            FirearmQuery {
                serial: text("AB*"),
                ..Default::default()
            },
        ),
        (
            "partial serial",
            FirearmQuery {
                serial: text("*1234*"),
                ..Default::default()
            },
        ),
    ];
    for (what, q) in cases {
        let (f, sql, _, _) = firearms_query(&q, 100).expect("query");
        let plan = store.read(|c| Ok(f.plan(c, &sql))).expect("plan");
        assert_index_order(what, &plan);
        if q.make.is_some() || q.model.is_some() || q.caliber.is_some() || q.kind.is_some() {
            assert_seek(what, &plan);
        }
    }
}

#[test]
fn every_seizure_filter_pages_in_time_order_from_an_index() {
    let (_dir, store) = store();
    let cases: Vec<(&str, SeizureQuery)> = vec![
        ("no filter", SeizureQuery::default()),
        (
            "oldest first",
            SeizureQuery {
                sort: Some(SeizureSort::Oldest),
                ..Default::default()
            },
        ),
        (
            "status",
            SeizureQuery {
                status: Some(TriageStatus::New),
                ..Default::default()
            },
        ),
        (
            "kind",
            SeizureQuery {
                kind: Some(SeizureKind::Operation),
                ..Default::default()
            },
        ),
        (
            "country",
            SeizureQuery {
                country: Some(Country::MX),
                ..Default::default()
            },
        ),
        (
            "agency",
            SeizureQuery {
                agency: text("FGR"),
                ..Default::default()
            },
        ),
        (
            "state",
            SeizureQuery {
                state: text("Sonora"),
                ..Default::default()
            },
        ),
        (
            "port",
            SeizureQuery {
                port: text("Laredo"),
                ..Default::default()
            },
        ),
        (
            "item",
            SeizureQuery {
                item: Some(ItemKind::Firearm),
                ..Default::default()
            },
        ),
    ];
    for (what, q) in cases {
        let (f, sql, _) = seizures_query(&q, 100, &TextRead::Candidates).expect("query");
        let plan = store.read(|c| Ok(f.plan(c, &sql))).expect("plan");
        assert_index_order(what, &plan);
        let by_value = q.status.is_some()
            || q.kind.is_some()
            || q.country.is_some()
            || q.agency.is_some()
            || q.state.is_some()
            || q.port.is_some();
        if by_value {
            assert_seek(what, &plan);
        }
    }
}
