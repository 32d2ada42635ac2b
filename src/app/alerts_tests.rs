//! The console's watches and alerts without a terminal or a network: `w` on a record, the
//! unread count from `alert` events, the inbox marking read and opening the record.

use chrono::{TimeZone, Utc};

use super::action::Action;
use super::effect::{Request, Slot, WriteOp};
use super::reply::{Data, Reply};
use super::state::State;
use super::test_support::{fetches, writes};
use super::update::update;
use crate::model::*;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 15, 12, 0, 0).unwrap()
}

fn trace(dealer: Option<&str>) -> Trace {
    let json = serde_json::json!({
        "id": "TR-2026-0000001", "firearm_id": "FA-0000002", "serial": "AB12341",
        "make": "Century Arms", "model": "WASR-10", "caliber": "7.62x39",
        "status": "completed", "priority": "routine", "justification": null,
        "crime_code": "5212", "requesting_agency": "FGR", "case_number": null,
        "submitted_at": now(), "completed_at": now(), "failure_reason": null, "chain": [],
        "dealer_license": dealer, "dealer_name": null, "dealer_state": null,
        "purchaser_id": "PR-0000009", "purchaser_name": null, "purchase_date": null,
        "recovery_date": "2026-03-01", "recovery_place": "Nogales", "time_to_crime_days": null,
        "multiple_sales": [], "seizure_id": null
    });
    serde_json::from_value(json).expect("a trace")
}

fn with_trace() -> State {
    let mut s = State::new("https://t.example", "t", now());
    s.panes.trace.rows = vec![trace(Some("9-86-001-01-00042"))];
    s.panes.trace.loaded = true;
    update(&mut s, Action::Pane2);
    s
}

#[test]
fn w_on_a_completed_trace_watches_its_dealer_under_the_typed_name() {
    let mut s = with_trace();
    assert!(update(&mut s, Action::Watch).is_empty());
    update(&mut s, Action::Backspace);
    for _ in 0..40 {
        update(&mut s, Action::Backspace);
    }
    for c in "Phoenix store".chars() {
        update(&mut s, Action::Char(c));
    }
    let fx = update(&mut s, Action::Open);
    assert!(s.overlays.is_empty());
    assert_eq!(
        writes(&fx),
        [WriteOp::CreateWatch {
            new: NewWatch {
                name: "Phoenix store".into(),
                kind: WatchKind::Dealer,
                value: Some("9-86-001-01-00042".into()),
                filter: None,
            }
        }]
    );
}

#[test]
fn tab_goes_through_what_the_record_offers_and_renames_until_typed() {
    let mut s = with_trace();
    update(&mut s, Action::Watch);
    update(&mut s, Action::NextPane);
    let fx = update(&mut s, Action::Open);
    let w: [WriteOp; 1] = writes(&fx).try_into().expect("one write");
    let [WriteOp::CreateWatch { new }] = w else {
        panic!("not a create");
    };
    assert_eq!(
        (new.kind, new.name.as_str()),
        (WatchKind::Purchaser, "purchaser PR-0000009")
    );
}

#[test]
fn nothing_to_watch_says_so_and_read_only_refuses() {
    let mut s = State::new("https://t.example", "t", now());
    update(&mut s, Action::Pane2);
    update(&mut s, Action::Watch);
    assert!(s.overlays.is_empty());
    assert_eq!(s.toasts.len(), 1);
    let mut s = with_trace();
    s.read_only = true;
    update(&mut s, Action::Watch);
    assert!(s.overlays.is_empty());
}

fn alert(n: u32, read: bool) -> Alert {
    Alert {
        id: format!("AL-{n:07}"),
        watch_id: "WA-0000001".into(),
        watch_name: "dealer".into(),
        event_kind: EventKind::TraceCompleted,
        entity_id: format!("TR-2026-{n:07}"),
        case_id: None,
        at: now(),
        summary: "completed".into(),
        read,
    }
}

#[test]
fn alert_events_count_and_the_inbox_marks_read_and_opens_the_record() {
    let mut s = State::new("https://t.example", "t", now());
    let ev = Event {
        id: 7,
        kind: EventKind::Alert,
        entity_id: "AL-0000002".into(),
        case_id: None,
        at: now(),
        summary: "dealer: Trace completed".into(),
        user: Some("ana".into()),
    };
    update(&mut s, Action::Reply(Box::new(Reply::Event(ev))));
    assert_eq!(s.alerts.unread, 1);

    let fx = update(&mut s, Action::Alerts);
    let [(slot, generation, req)]: [_; 1] = fetches(&fx).try_into().expect("one read");
    assert_eq!(slot, Slot::Alerts);
    assert!(matches!(
        req,
        Request::Alerts(AlertQuery { unread: None, .. })
    ));
    let data = Data::Alerts(vec![alert(2, false), alert(1, true)]);
    let reply = Reply::Fetched {
        slot,
        generation,
        result: Ok(data),
    };
    update(&mut s, Action::Reply(Box::new(reply)));
    assert_eq!(s.alerts.unread, 1);

    let fx = update(&mut s, Action::MarkRead);
    assert_eq!(
        writes(&fx),
        [WriteOp::MarkAlertRead {
            id: "AL-0000002".into()
        }]
    );
    assert_eq!(s.alerts.unread, 0);
    // Marking a read alert again writes nothing.
    assert!(writes(&update(&mut s, Action::MarkRead)).is_empty());

    let fx = update(&mut s, Action::Open);
    assert!(s.overlays.is_empty());
    let reads = fetches(&fx);
    assert_eq!(reads.len(), 1);
    assert_eq!(
        (reads[0].0, &reads[0].2),
        (Slot::AlertRecord, &Request::Trace("TR-2026-0000002".into()))
    );
}

#[test]
fn the_watches_list_pauses_renames_and_deletes() {
    let mut s = State::new("https://t.example", "t", now());
    update(&mut s, Action::Watches);
    s.alerts.watches = vec![Watch {
        id: "WA-0000001".into(),
        name: "dealer".into(),
        kind: WatchKind::Dealer,
        value: Some("9-86".into()),
        filter: None,
        paused: false,
        created_at: now(),
        fired: 0,
    }];
    let fx = update(&mut s, Action::PauseWatch);
    assert!(s.alerts.watches[0].paused);
    assert!(matches!(
        &writes(&fx)[..],
        [WriteOp::UpdateWatch {
            update: WatchUpdate {
                paused: Some(true),
                name: None
            },
            ..
        }]
    ));
    update(&mut s, Action::RenameWatch);
    update(&mut s, Action::Char('!'));
    let fx = update(&mut s, Action::Open);
    assert!(matches!(
        &writes(&fx)[..],
        [WriteOp::UpdateWatch { update: WatchUpdate { name: Some(n), .. }, .. }] if n == "dealer!"
    ));
    let fx = update(&mut s, Action::DeleteWatch);
    assert!(s.alerts.watches.is_empty());
    assert_eq!(
        writes(&fx),
        [WriteOp::DeleteWatch {
            id: "WA-0000001".into()
        }]
    );
}
