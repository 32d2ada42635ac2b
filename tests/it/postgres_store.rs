//! The PostgreSQL store against a real cluster (`support::postgres`): migrations, accounts and
//! the audit chain. Store calls are synchronous (as routes make them, from blocking threads),
//! so these are plain `#[test]`s.

use chrono::Utc;
use fwc::model::{Country, Role, User};
use fwc::server::store::chain::Verdict;
use fwc::server::store::postgres::{PgStore, migrations};
use fwc::server::store::{AuditRecord, StoredUser};

use crate::support::postgres::{cluster, connect};

/// Runs SQL on `url` behind the store's back (tampering, or a newer fwc's schema).
fn raw(url: &str, sql: &str) {
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
    .unwrap();
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
    // Four writers on two handles (two nodes) append at once: the write lock keeps one chain.
    let other = std::sync::Arc::new(PgStore::open(&url).unwrap());
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
    match store.verify_audit().unwrap() {
        Verdict::Intact { rows, .. } => assert_eq!(rows, 100),
        v => panic!("{v:?}"),
    }
    let mut lines = Vec::new();
    assert_eq!(store.export_audit(None, None, &mut lines).unwrap(), 100);
    assert_eq!(String::from_utf8(lines).unwrap().lines().count(), 100);
    // The store refuses to rewrite history…
    let refused = std::thread::spawn({
        let url = url.clone();
        move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(async {
                    connect(&url)
                        .await
                        .batch_execute("UPDATE audit SET status = 500 WHERE id = 7")
                        .await
                })
        }
    })
    .join()
    .unwrap();
    assert!(
        refused
            .unwrap_err()
            .as_db_error()
            .is_some_and(|e| e.message().contains("append-only"))
    );
    // …and someone who drops the trigger first is caught: an altered row, then a removed tail.
    raw(
        &url,
        "ALTER TABLE audit DISABLE TRIGGER audit_append_only;
         UPDATE audit SET status = 404 WHERE id = 7;",
    );
    match store.verify_audit().unwrap() {
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
    match store.verify_audit().unwrap() {
        Verdict::Broken { row, reason } => {
            assert_eq!(row, 99);
            assert!(reason.contains("removed from the end"), "{reason}");
        }
        v => panic!("a removed tail not found: {v:?}"),
    }
}

/// The same seizures and traces written to both engines answer the same pages, searches,
/// cursors and trace outcomes.
#[test]
fn seizures_serial_search_and_traces_answer_as_on_sqlite() {
    use fwc::model::{FirearmQuery, SeizureQuery, SeizureSort, SeizureUpdate, TriageStatus};
    use fwc::server::store::Store;
    use fwc::server::store::sqlite::SqliteStore;
    let Some(pg) = cluster() else { return };
    let dir = tempfile::tempdir().unwrap();
    let lite = SqliteStore::open(&dir.path().join("fwc.db")).unwrap();
    let post = PgStore::open(&pg.fresh_database()).unwrap();
    let ana = user("ana.us", Role::Investigator).user;
    let mut seizure = crate::support::server::sample_seizure();
    for (i, serials) in [["TST100234", "TST100777"], ["AB1234567", "TST200234"]]
        .iter()
        .enumerate()
    {
        for (item, serial) in seizure.items.iter_mut().zip(serials) {
            item.firearm.as_mut().unwrap().serial = serial.to_string();
        }
        seizure.occurred_at =
            chrono::DateTime::from_timestamp(1_780_000_000 + i as i64, 0).unwrap();
        let a = lite.create_seizure(&seizure, &ana, Some("k")).ok();
        let b = post.create_seizure_impl(&seizure, &ana, Some("k")).ok();
        // The key is reused with the same body: the second of each pair is a replay.
        assert_eq!(
            a.map(|w| w.replayed.is_some()),
            b.map(|w| w.replayed.is_some())
        );
        let key = format!("k{i}");
        let a = lite.create_seizure(&seizure, &ana, Some(&key)).unwrap();
        let b = post
            .create_seizure_impl(&seizure, &ana, Some(&key))
            .unwrap();
        assert_eq!(json(&a.value), json(&b.value));
        assert_eq!(a.events.len(), b.events.len());
    }
    let page = |q: &SeizureQuery| {
        let a = lite.list_seizures(q, &ana).unwrap();
        let b = post.list_seizures_impl(q, &ana).unwrap();
        assert_eq!(json(&a), json(&b), "{q:?}");
        a.next_cursor
    };
    let mut q = SeizureQuery {
        limit: Some(1),
        ..Default::default()
    };
    let cursor = page(&q);
    assert!(cursor.is_some());
    q.cursor = cursor;
    page(&q);
    page(&SeizureQuery {
        sort: Some(SeizureSort::Oldest),
        q: Some("laredo".into()),
        ..Default::default()
    });
    let upd = SeizureUpdate {
        status: TriageStatus::InReview,
    };
    let a = lite.update_seizure("SZ-000001", &upd, &ana, None).unwrap();
    let b = post
        .update_seizure_impl("SZ-000001", &upd, &ana, None)
        .unwrap();
    assert_eq!(json(&a.value), json(&b.value));
    assert_eq!(
        json(&lite.seizure_stats().unwrap()),
        json(&post.seizure_stats_impl().unwrap())
    );
    for serial in ["TST100234", "TST1*", "*00234", "*1?0*", "?B*", "tst2*"] {
        let q = FirearmQuery {
            serial: Some(serial.into()),
            limit: Some(1),
            ..Default::default()
        };
        let a = lite.list_firearms(&q).unwrap();
        let b = post.list_firearms_impl(&q).unwrap();
        assert_eq!(json(&a), json(&b), "{serial}");
        if let Some(c) = a.next_cursor {
            let q = FirearmQuery {
                cursor: Some(c),
                ..q
            };
            let a = lite.list_firearms(&q).unwrap();
            let b = post.list_firearms_impl(&q).unwrap();
            assert_eq!(json(&a), json(&b), "{serial}, second page");
        }
    }
    assert_eq!(
        json(&lite.get_firearm("FA-0000003").unwrap()),
        json(&post.get_firearm_impl("FA-0000003").unwrap())
    );

    // Traces: submitted, paged, advanced to their (deterministic) outcome, on both engines.
    for fa in ["FA-0000001", "FA-0000002", "FA-0000004", "FA-0000404"] {
        let req = fwc::model::TraceRequest {
            firearm_id: fa.into(),
            priority: fwc::model::TracePriority::Routine,
            justification: None,
            crime_code: "5212".into(),
            case_number: Some("A-1".into()),
        };
        let a = lite.submit_trace(&req, &ana, None).map(|w| json(&w.value));
        let b = post
            .submit_trace_impl(&req, &ana, None)
            .map(|w| json(&w.value));
        match (a, b) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("{fa}: {a:?} against {b:?}"),
        }
    }
    let later = Utc::now() + chrono::Duration::seconds(60);
    let a = lite
        .advance_traces(later, chrono::Duration::seconds(1))
        .unwrap();
    let b = post
        .advance_traces_impl(later, chrono::Duration::seconds(1))
        .unwrap();
    assert_eq!(json(&a), json(&b));
    let q = fwc::model::TraceQuery {
        limit: Some(2),
        ..Default::default()
    };
    let (a, b) = (
        lite.list_traces(&q).unwrap(),
        post.list_traces_impl(&q).unwrap(),
    );
    assert_eq!(json(&a), json(&b));
    let q = fwc::model::TraceQuery {
        cursor: a.next_cursor,
        serial: Some("*234".into()),
        ..q
    };
    assert_eq!(
        json(&lite.list_traces(&q).unwrap()),
        json(&post.list_traces_impl(&q).unwrap())
    );
    assert_eq!(
        json(&lite.seizure_stats().unwrap()),
        json(&post.seizure_stats_impl().unwrap())
    );
}

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

/// Case work on both engines: members and need-to-know, links, notes with optimistic edits,
/// prosecution stages; the same answers, refusals and events.
#[test]
fn cases_members_and_notes_answer_as_on_sqlite() {
    use fwc::model::*;
    use fwc::server::store::sqlite::SqliteStore;
    use fwc::server::store::{NoteEditOutcome, Store};
    let Some(pg) = cluster() else { return };
    let dir = tempfile::tempdir().unwrap();
    let lite = SqliteStore::open(&dir.path().join("fwc.db")).unwrap();
    let post = PgStore::open(&pg.fresh_database()).unwrap();
    let person = |name: &str, agency: &str, country: Country, role: Role| StoredUser {
        user: User {
            name: name.into(),
            agency: agency.into(),
            country,
            role,
        },
        token_hash: format!("h-{name}"),
    };
    let people = [
        person("ana.us", "ATF Phoenix FD", Country::US, Role::Investigator),
        person("sam.us", "ATF Phoenix FD", Country::US, Role::Supervisor),
        person("luis.mx", "FGR", Country::MX, Role::Investigator),
        person("ben.us", "HSI El Paso", Country::US, Role::Investigator),
    ];
    for p in &people {
        lite.add_user(p).unwrap();
        post.add_user_impl(p).unwrap();
    }
    let [ana, sam, luis, ben] = people.map(|p| p.user);
    // Each step runs on both engines; answers (or errors) must agree.
    macro_rules! both {
        ($lite:expr, $post:expr) => {{
            let (a, b) = ($lite, $post);
            match (&a, &b) {
                (Ok(x), Ok(y)) => assert_eq!(json(x), json(y), "{}", stringify!($lite)),
                (Err(x), Err(y)) => assert_eq!(note_ids(&x.to_string()), note_ids(&y.to_string())),
                _ => panic!(
                    "{}: {:?} against {:?}",
                    stringify!($lite),
                    a.is_ok(),
                    b.is_ok()
                ),
            }
            a.ok()
        }};
    }
    let new = NewCase {
        title: "  Nogales corridor ".into(),
        members: vec![CaseMember {
            agency: "FGR".into(),
            country: Country::MX,
            user: None,
        }],
    };
    let case = both!(
        lite.create_case(&new, &ana, Some("c")).map(|w| w.value),
        post.create_case_impl(&new, &ana, Some("c"))
            .map(|w| w.value)
    )
    .unwrap()
    .unwrap();
    let id = case.id.as_str();
    let bad = NewCase {
        title: "x".into(),
        members: vec![CaseMember {
            agency: "Nobody".into(),
            country: Country::US,
            user: None,
        }],
    };
    both!(
        lite.create_case(&bad, &ana, None).map(|w| w.value),
        post.create_case_impl(&bad, &ana, None).map(|w| w.value)
    );
    both!(lite.get_case(id, &luis), post.get_case_impl(id, &luis));
    both!(lite.get_case(id, &ben), post.get_case_impl(id, &ben));
    both!(lite.is_member(id, &ben), post.is_member_impl(id, &ben));
    let note = both!(
        lite.add_note(
            id,
            &NewNote {
                body: "first".into()
            },
            &luis,
            None
        )
        .map(|w| w.value),
        post.add_note_impl(
            id,
            &NewNote {
                body: "first".into()
            },
            &luis,
            None
        )
        .map(|w| w.value)
    )
    .unwrap()
    .unwrap();
    for body in ["second", "third"] {
        both!(
            lite.add_note(id, &NewNote { body: body.into() }, &ana, None)
                .map(|w| w.value),
            post.add_note_impl(id, &NewNote { body: body.into() }, &ana, None)
                .map(|w| w.value)
        );
    }
    // Each engine drew its own random note id; the same edits on each.
    let first_id = |notes: &Page<Note>| notes.items[0].id.clone();
    let q = NoteQuery {
        limit: Some(2),
        ..Default::default()
    };
    let (la, pa) = (
        lite.list_notes(id, &q, &ana).unwrap(),
        post.list_notes_impl(id, &q, &ana).unwrap(),
    );
    assert_eq!(json(&la), json(&pa));
    assert_eq!(note.body, la.items[0].body);
    let q2 = NoteQuery {
        cursor: la.next_cursor.clone(),
        ..q.clone()
    };
    both!(
        lite.list_notes(id, &q2, &ana),
        post.list_notes_impl(id, &q2, &ana)
    );
    let (ln, pn) = (first_id(&la), first_id(&pa));
    let edit = |version| NoteEdit {
        body: "first, corrected".into(),
        version,
    };
    let outcome = |o: NoteEditOutcome| match o {
        NoteEditOutcome::Saved(w) => format!("saved {}", json(&w.value)),
        NoteEditOutcome::Conflict(n) => format!("conflict {}", json(&n)),
    };
    both!(
        lite.edit_note(id, &ln, &edit(1), &ana, None).map(outcome),
        post.edit_note_impl(id, &pn, &edit(1), &ana, None)
            .map(outcome)
    );
    both!(
        lite.edit_note(id, &ln, &edit(1), &luis, None).map(outcome),
        post.edit_note_impl(id, &pn, &edit(1), &luis, None)
            .map(outcome)
    );
    both!(
        lite.edit_note(id, &ln, &edit(1), &luis, None).map(outcome),
        post.edit_note_impl(id, &pn, &edit(1), &luis, None)
            .map(outcome)
    );
    both!(
        lite.note_history(id, &ln, &ana),
        post.note_history_impl(id, &pn, &ana)
    );
    let member = CaseMember {
        agency: "HSI El Paso".into(),
        country: Country::US,
        user: Some("ben.us".into()),
    };
    both!(
        lite.add_member(id, &member, &ana, None).map(|w| w.value),
        post.add_member_impl(id, &member, &ana, None)
            .map(|w| w.value)
    );
    both!(
        lite.add_member(id, &member, &sam, None).map(|w| w.value),
        post.add_member_impl(id, &member, &sam, None)
            .map(|w| w.value)
    );
    let gone = MemberRef {
        agency: "FGR".into(),
        user: None,
    };
    both!(
        lite.remove_member(id, &gone, &sam).map(|w| w.value),
        post.remove_member_impl(id, &gone, &sam).map(|w| w.value)
    );
    both!(lite.get_case(id, &luis), post.get_case_impl(id, &luis));
    let stage = ProsecutionUpdate {
        stage: ProsecutionStage::Charged,
        office: Some(" USAO District of Arizona ".into()),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1),
        defendants: Some(4),
    };
    both!(
        lite.set_prosecution(id, &stage, &ana, None)
            .map(|w| w.value),
        post.set_prosecution_impl(id, &stage, &ana, None)
            .map(|w| w.value)
    );
    both!(
        lite.set_prosecution(id, &stage, &sam, None)
            .map(|w| w.value),
        post.set_prosecution_impl(id, &stage, &sam, None)
            .map(|w| w.value)
    );
    let upd = CaseUpdate {
        title: Some("Nogales corridor II".into()),
        status: Some(CaseStatus::Closed),
    };
    both!(
        lite.update_case(id, &upd, &ana, None).map(|w| w.value),
        post.update_case_impl(id, &upd, &ana, None).map(|w| w.value)
    );
    let q = CaseQuery {
        q: Some("corridor".into()),
        ..Default::default()
    };
    both!(lite.list_cases(&q, &ana), post.list_cases_impl(&q, &ana));
    both!(lite.list_cases(&q, &luis), post.list_cases_impl(&q, &luis));
    both!(lite.directory(), post.directory_impl());
    both!(
        lite.case_audit(id, &ana, 10),
        post.case_audit_impl(id, &ana, 10)
    );
    both!(lite.events_after(0, 100), post.events_after_impl(0, 100));
}

/// `s` with every note id (random, so each engine draws its own) masked.
fn note_ids(s: &str) -> String {
    regex::Regex::new("NT-[0-9A-F]{16}")
        .unwrap()
        .replace_all(s, "NT-…")
        .into_owned()
}

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
