//! `update()` as the user's story, with no terminal and no network: effects are data.

use chrono::{TimeZone, Utc};

use super::action::Action;
use super::backend::{FetchError, FetchErrorKind};
use super::effect::{CacheEntry, Effect, Request, Slot, WriteOp};
use super::overlay::Overlay;
use super::panes::PaneId;
use super::reply::{Data, Reply};
use super::state::{Conn, Notice, State};
use super::{init, update};
use crate::app::test_support::{fetches, writes};
use crate::model::*;

pub(super) fn seizure(n: u32, guns: u32) -> Seizure {
    Seizure {
        id: format!("SZ-{n:06}"),
        kind: SeizureKind::CrimeScene,
        status: TriageStatus::New,
        occurred_at: Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap(),
        country: Country::MX,
        state: "Sonora".into(),
        municipality: "Nogales".into(),
        port: None,
        agency: "FGR".into(),
        conveyance: None,
        concealment: None,
        summary: "test".into(),
        items: (0..guns)
            .map(|g| SeizureItem {
                kind: ItemKind::Firearm,
                quantity: 1,
                description: "rifle".into(),
                firearm_id: Some(format!("FA-{n}-{g}")),
            })
            .collect(),
        trace_ids: vec![],
        case_ids: vec![],
        updated_at: Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap(),
    }
}

/// A completed trace to purchaser PR-9.
pub(super) fn trace(id: &str) -> Trace {
    serde_json::from_value(serde_json::json!({
        "id": id, "firearm_id": "FA-1", "serial": "X1", "make": "M", "model": "m", "caliber": "9mm",
        "status": "completed", "priority": "routine", "justification": null, "crime_code": "5212",
        "requesting_agency": "FGR", "case_number": null, "submitted_at": "2026-01-01T00:00:00Z",
        "completed_at": null, "failure_reason": null, "chain": [], "dealer_license": "5-74-1",
        "dealer_name": "Shop", "dealer_state": "TX", "purchaser_id": "PR-9", "purchaser_name": "J",
        "purchase_date": null, "recovery_date": "2026-01-01", "recovery_place": "Sonora",
        "time_to_crime_days": 100, "multiple_sales": [], "seizure_id": null
    }))
    .unwrap()
}

pub(super) fn state() -> State {
    let mut s = State::new(
        "http://x",
        "sess",
        Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap(),
    );
    s.session.conn = Conn::Online;
    s
}

pub(super) fn reply(
    s: &mut State,
    slot: Slot,
    generation: u64,
    result: Result<Data, FetchError>,
) -> Vec<Effect> {
    update(
        s,
        Action::Reply(Box::new(Reply::Fetched {
            slot,
            generation,
            result,
        })),
    )
}

fn page(rows: Vec<Seizure>) -> Data {
    Data::Seizures(Page {
        items: rows,
        next_cursor: None,
    })
}

#[test]
fn startup_asks_who_i_am_for_the_queue_and_the_unread_alerts() {
    let mut s = state();
    let f = fetches(&init(&mut s));
    let slots: Vec<Slot> = f.iter().map(|x| x.0).collect();
    assert_eq!(
        slots,
        [
            Slot::Session,
            crate::app::panes::queue::LIST,
            crate::app::panes::queue::STATS,
            Slot::Unread
        ]
    );
}

#[test]
fn a_late_answer_cannot_overwrite_a_newer_one() {
    let mut s = state();
    let old = fetches(&update(&mut s, Action::Refresh))[0].1;
    let new = fetches(&update(&mut s, Action::ToggleSort))[0].1;
    reply(
        &mut s,
        crate::app::panes::queue::LIST,
        new,
        Ok(page(vec![seizure(2, 1)])),
    );
    reply(
        &mut s,
        crate::app::panes::queue::LIST,
        old,
        Ok(page(vec![seizure(1, 1)])),
    );
    assert_eq!(s.panes.queue.rows[0].id, "SZ-000002");
    assert!(!s.loading(crate::app::panes::queue::LIST));
}

#[test]
fn bulk_trace_requests_ask_first_then_queue_one_write_per_firearm_with_distinct_keys() {
    let mut s = state();
    s.panes.queue.rows = vec![seizure(1, 2), seizure(2, 1)];
    update(&mut s, Action::Mark);
    update(&mut s, Action::Mark);
    assert!(update(&mut s, Action::SubmitTrace).is_empty());
    assert!(matches!(s.overlays.last(), Some(Overlay::Confirm(_))));
    let fx = update(&mut s, Action::Yes);
    let w = writes(&fx);
    assert_eq!(w.len(), 3);
    let keys: std::collections::BTreeSet<String> = fx
        .iter()
        .filter_map(|e| {
            if let Effect::Write(w) = e {
                Some(w.key.clone())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(keys.len(), 3);
    assert!(s.overlays.is_empty() && s.panes.queue.marked.is_empty());
}

#[test]
fn a_single_trace_request_needs_no_confirmation() {
    let mut s = state();
    s.panes.queue.rows = vec![seizure(1, 1)];
    let w = writes(&update(&mut s, Action::SubmitTrace));
    assert!(matches!(&w[..], [WriteOp::SubmitTrace { request }] if request.firearm_id == "FA-1-0"));
}

#[test]
fn read_only_refuses_every_write_with_a_toast() {
    let mut s = state();
    s.read_only = true;
    s.panes.queue.rows = vec![seizure(1, 2)];
    for a in [
        Action::SubmitTrace,
        Action::ChangeStatus,
        Action::AssignCase,
    ] {
        let fx = update(&mut s, a);
        assert!(writes(&fx).is_empty() && fetches(&fx).is_empty());
        assert!(s.overlays.is_empty());
        assert_eq!(s.toasts.last().map(|t| &t.notice), Some(&Notice::ReadOnly));
    }
}

#[test]
fn status_change_shows_at_once_and_goes_to_the_outbox() {
    let mut s = state();
    s.panes.queue.rows = vec![seizure(1, 0)];
    update(&mut s, Action::ChangeStatus);
    update(&mut s, Action::Down);
    let w = writes(&update(&mut s, Action::Open));
    assert_eq!(s.panes.queue.rows[0].status, TriageStatus::InReview);
    assert!(
        matches!(&w[..], [WriteOp::UpdateSeizure { id, update }] if id == "SZ-000001" && update.status == TriageStatus::InReview)
    );
}

#[test]
fn the_filter_prompt_becomes_a_query() {
    let mut s = state();
    update(&mut s, Action::Filter);
    for c in "status:new rifles".chars() {
        // Typed characters go to the prompt, not the keymap ('s' is not change_status here).
        assert!(update(&mut s, Action::Char(c)).is_empty());
    }
    let f = fetches(&update(&mut s, Action::Open));
    let Request::Seizures(q) = &f[0].2 else {
        panic!("{f:?}")
    };
    assert_eq!(
        (q.status, q.q.as_deref()),
        (Some(TriageStatus::New), Some("rifles"))
    );
    assert_eq!(s.panes.queue.filter_text, "status:new rifles");
}

#[test]
fn losing_the_server_keeps_data_and_coming_back_refreshes() {
    let mut s = state();
    s.panes.queue.rows = vec![seizure(1, 1)];
    let g = fetches(&update(&mut s, Action::Refresh))[0].1;
    reply(
        &mut s,
        crate::app::panes::queue::LIST,
        g,
        Err(FetchError::new(FetchErrorKind::Offline, "refused")),
    );
    assert_eq!(s.session.conn, Conn::Offline("refused".into()));
    assert_eq!(s.panes.queue.rows.len(), 1);
    let f = fetches(&update(&mut s, Action::Reply(Box::new(Reply::Online))));
    assert!(f.iter().any(|x| x.0 == crate::app::panes::queue::LIST));
    assert_eq!(s.session.conn, Conn::Online);
}

#[test]
fn after_a_fail_over_the_status_names_the_node_in_use() {
    let mut s = state();
    assert_eq!(s.session.server, "http://x");
    let fx = update(
        &mut s,
        Action::Reply(Box::new(Reply::Node("http://y".into()))),
    );
    assert!(fx.is_empty());
    assert_eq!(s.session.server, "http://y");
}

#[test]
fn only_real_panes_can_be_focused() {
    use super::panes::ORDER as PANES;
    let mut s = state();
    let f = fetches(&update(&mut s, Action::Pane2));
    assert_eq!(s.active, PaneId::Trace);
    assert_eq!(f[0].0, crate::app::panes::trace::LIST);
    let keys = [
        Action::Pane1,
        Action::Pane2,
        Action::Pane3,
        Action::Pane4,
        Action::Pane5,
        Action::Pane6,
    ];
    for (i, key) in keys.iter().enumerate().skip(PANES.len()) {
        assert!(update(&mut s, key.clone()).is_empty(), "no pane {}", i + 1);
        assert_eq!(s.active, PaneId::Trace);
    }
    update(&mut s, keys[PANES.len() - 1].clone());
    update(&mut s, Action::NextPane);
    assert_eq!(s.active, PaneId::Queue, "wraps around to the first pane");
}

#[test]
fn palette_jumps_to_an_entity_in_view() {
    let mut s = state();
    s.action_labels[0] = vec![(Action::Quit, "Quit".into())];
    s.panes.queue.rows = (1..=50).map(|n| seizure(n, 1)).collect();
    update(&mut s, Action::Palette);
    for c in "000042".chars() {
        update(&mut s, Action::Char(c));
    }
    let f = fetches(&update(&mut s, Action::Open));
    assert_eq!(
        s.panes.queue.detail.as_ref().map(|d| d.seizure.id.as_str()),
        Some("SZ-000042")
    );
    assert!(matches!(&f[0].2, Request::Seizure(id) if id == "SZ-000042"));
}

#[test]
fn related_traces_are_one_key_away() {
    let mut s = state();
    update(&mut s, Action::Pane2);
    let t = trace("TR-1");
    s.panes.trace.rows = vec![t];
    let f = fetches(&update(&mut s, Action::RelatedPurchaser));
    assert!(matches!(&f[0].2, Request::Traces(q) if q.purchaser_id.as_deref() == Some("PR-9")));
}

#[test]
fn quit_and_escape() {
    let mut s = state();
    update(&mut s, Action::Help);
    update(&mut s, Action::Back);
    assert!(s.overlays.is_empty());
    assert_eq!(update(&mut s, Action::Quit), vec![Effect::Quit]);
    assert!(s.quit);
}

#[test]
fn the_rest_of_the_cache_fills_in_only_until_the_server_answers() {
    let mut s = state();
    let head = CacheEntry::Queue(vec![seizure(1, 1)], None);
    update(&mut s, Action::Reply(Box::new(Reply::Cached(head))));
    assert_eq!(s.panes.queue.rows.len(), 1);
    assert!(s.panes.queue.stale && s.panes.queue.loaded);
    let more = || {
        Action::Reply(Box::new(Reply::Cached(CacheEntry::Queue(
            (1..=3).map(|n| seizure(n, 1)).collect(),
            None,
        ))))
    };
    update(&mut s, more());
    assert_eq!(s.panes.queue.rows.len(), 3);
    let g = fetches(&update(&mut s, Action::Refresh))[0].1;
    reply(
        &mut s,
        crate::app::panes::queue::LIST,
        g,
        Ok(page(vec![seizure(9, 1)])),
    );
    update(&mut s, more());
    assert_eq!(
        s.panes.queue.rows.len(),
        1,
        "server data is fresher than the cache"
    );
    assert!(!s.panes.queue.stale);
}

#[test]
fn cached_entries_reach_the_pane_that_shows_them_and_never_overwrite_the_server() {
    let mut s = state();
    let user = |name: &str| User {
        name: name.into(),
        agency: "FGR".into(),
        country: Country::MX,
        role: Role::Investigator,
    };
    let cached = |e| Action::Reply(Box::new(Reply::Cached(e)));
    update(&mut s, cached(CacheEntry::User(user("Ana"))));
    assert_eq!(
        s.session.user.as_ref().map(|u| u.name.as_str()),
        Some("Ana")
    );
    s.session.user = Some(user("Bea"));
    update(&mut s, cached(CacheEntry::User(user("Ana"))));
    assert_eq!(
        s.session.user.as_ref().map(|u| u.name.as_str()),
        Some("Bea"),
        "the signed-in user the server named stays"
    );
    assert!(s.panes.trace.rows.is_empty());
    update(&mut s, cached(CacheEntry::Traces(vec![])));
    assert!(s.panes.trace.loaded && s.panes.trace.stale);
    assert!(
        !s.panes.queue.loaded,
        "the queue took nothing of the traces"
    );
}

#[test]
fn assigning_to_a_case_picks_from_the_users_cases() {
    let mut s = state();
    s.panes.queue.rows = vec![seizure(7, 1)];
    let f = fetches(&update(&mut s, Action::AssignCase));
    let (slot, generation, req) = f[0].clone();
    assert!(matches!((slot, req), (Slot::CasePicker, Request::Cases(_))));
    let case = |id: &str, title: &str| -> Case {
        serde_json::from_value(serde_json::json!({
            "id": id, "title": title, "status": "open", "lead_agency": "FGR", "members": [],
            "links": [], "created_at": "2026-01-01T00:00:00Z", "last_activity": "2026-01-01T00:00:00Z",
            "note_count": 0
        }))
        .unwrap()
    };
    let cases = vec![
        case("CS-2026-0001", "Sonora rifles"),
        case("CS-2026-0002", "Laredo buses"),
    ];
    reply(
        &mut s,
        slot,
        generation,
        Ok(Data::Cases(Page {
            items: cases,
            next_cursor: None,
        })),
    );
    for c in "laredo".chars() {
        update(&mut s, Action::Char(c));
    }
    let w = writes(&update(&mut s, Action::Open));
    assert!(matches!(&w[..], [WriteOp::AddLink { case_id, link }]
        if case_id == "CS-2026-0002" && link.id == "SZ-000007" && link.kind == EntityKind::Seizure));
    assert!(s.overlays.is_empty());
}
