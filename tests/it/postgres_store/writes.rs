//! The same writes on both engines (`postgres_store`): seizures, serial search and traces;
//! cases, members, notes and prosecution. Each answers as SQLite answers.

use chrono::Utc;
use fwc::model::Role;
use fwc::server::store::StoredUser;
use fwc::server::store::postgres::PgStore;

use super::{json, note_ids, user};
use crate::support::postgres::cluster;

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
