//! The supervisor's member and audit tools as a story, with no terminal and no network.

use chrono::{TimeZone, Utc};

use super::MemberNotice;
use crate::app::action::Action;
use crate::app::backend::{FetchError, FetchErrorKind};
use crate::app::effect::{Effect, Request, Slot, WriteOp};
use crate::app::overlay::{Confirm, Overlay};
use crate::app::panes::cases::CaseNotice;
use crate::app::panes::{PaneId, index_of};
use crate::app::reply::{Data, Reply};
use crate::app::state::{Conn, Notice, State};
use crate::app::test_support::{fetches, writes};
use crate::app::update;
use crate::model::*;

fn member(agency: &str, country: Country, user: Option<&str>) -> CaseMember {
    CaseMember {
        agency: agency.into(),
        country,
        user: user.map(Into::into),
    }
}

fn case() -> Case {
    Case {
        id: "CS-2026-0007".into(),
        title: "Nogales buses".into(),
        status: CaseStatus::Open,
        lead_agency: "ATF Phoenix FD".into(),
        members: vec![
            member("ATF Phoenix FD", Country::US, None),
            member("FGR", Country::MX, None),
        ],
        links: vec![],
        created_at: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        last_activity: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        note_count: 0,
        prosecution: Default::default(),
    }
}

/// A console on the Cases pane with one case open, signed in with `role`.
fn state(role: Role) -> State {
    let mut s = State::new(
        "http://x",
        "sess",
        Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap(),
    );
    s.session.conn = Conn::Online;
    s.session.user = Some(User {
        name: "Gloria Banks".into(),
        agency: "ATF Phoenix FD".into(),
        country: Country::US,
        role,
    });
    let key = [Action::Pane1, Action::Pane2, Action::Pane3, Action::Pane4][index_of(PaneId::Cases)]
        .clone();
    let fx = update(&mut s, key);
    answer(
        &mut s,
        &fx,
        crate::app::panes::cases::LIST,
        Data::Cases(Page {
            items: vec![case()],
            next_cursor: None,
        }),
    );
    update(&mut s, Action::Open);
    assert!(s.panes.cases.detail.is_some());
    s
}

fn reply(s: &mut State, fx: &[Effect], slot: Slot, result: Result<Data, FetchError>) {
    let (_, generation, _) = fetches(fx)
        .into_iter()
        .find(|f| f.0 == slot)
        .unwrap_or_else(|| panic!("no fetch for {slot:?} in {fx:?}"));
    let r = Reply::Fetched {
        slot,
        generation,
        result,
    };
    update(s, Action::Reply(Box::new(r)));
}

fn answer(s: &mut State, fx: &[Effect], slot: Slot, data: Data) {
    reply(s, fx, slot, Ok(data));
}

fn last_notice(s: &State) -> Option<Notice> {
    s.toasts.last().map(|t| t.notice.clone())
}

fn picker_labels(s: &State) -> Vec<String> {
    match s.overlays.last() {
        Some(Overlay::MemberPicker { picker, .. }) => picker
            .matches
            .iter()
            .map(|&i| picker.items[i].label.clone())
            .collect(),
        other => panic!("no member picker: {other:?}"),
    }
}

#[test]
fn a_supervisor_adds_a_member_from_the_directory() {
    let mut s = state(Role::Supervisor);
    let fx = update(&mut s, Action::AddMember);
    assert!(matches!(
        fetches(&fx)[..],
        [(crate::app::panes::cases::DIRECTORY, _, Request::Directory)]
    ));
    answer(
        &mut s,
        &fx,
        crate::app::panes::cases::DIRECTORY,
        Data::Directory(vec![
            member("ATF Phoenix FD", Country::US, None),
            member("CBP Laredo", Country::US, None),
            member("FGR", Country::MX, None),
            member("CBP Laredo", Country::US, Some("Tom Reyes")),
            // FGR is a member as a whole: its users already have access.
            member("FGR", Country::MX, Some("Lucía Herrera")),
        ]),
    );
    assert_eq!(
        picker_labels(&s),
        ["CBP Laredo (US)", "Tom Reyes — CBP Laredo (US)"]
    );
    for c in "tom".chars() {
        update(&mut s, Action::Char(c));
    }
    let fx = update(&mut s, Action::Open);
    let tom = member("CBP Laredo", Country::US, Some("Tom Reyes"));
    assert_eq!(
        writes(&fx),
        [WriteOp::AddMember {
            case_id: "CS-2026-0007".into(),
            member: tom.clone(),
        }]
    );
    assert!(s.overlays.is_empty());

    // The server's answer updates the open case and says who joined.
    let mut after = case();
    after.members.push(tom.clone());
    let r = Reply::Wrote {
        key: "k".into(),
        result: Ok(Data::MemberChanged {
            case: after.clone(),
            member: tom,
            added: true,
        }),
    };
    update(&mut s, Action::Reply(Box::new(r)));
    assert_eq!(s.panes.cases.detail.as_ref().unwrap().case, after);
    assert_eq!(s.panes.cases.rows[0], after);
    assert_eq!(
        last_notice(&s),
        Some(Notice::from(CaseNotice::Members(MemberNotice::Added(
            "Tom Reyes — CBP Laredo (US)".into(),
            "CS-2026-0007".into()
        ))))
    );
}

#[test]
fn removing_a_member_asks_first() {
    let mut s = state(Role::Supervisor);
    assert!(fetches(&update(&mut s, Action::RemoveMember)).is_empty());
    assert_eq!(picker_labels(&s), ["ATF Phoenix FD (US)", "FGR (MX)"]);
    update(&mut s, Action::Down);
    let fx = update(&mut s, Action::Open);
    assert!(writes(&fx).is_empty());
    let fgr = member("FGR", Country::MX, None);
    assert_eq!(
        s.overlays.last(),
        Some(&Overlay::Confirm(Confirm::RemoveMember {
            case_id: "CS-2026-0007".into(),
            member: fgr.clone(),
        }))
    );
    // No: nothing is sent.
    assert!(writes(&update(&mut s, Action::No)).is_empty());
    assert!(s.overlays.is_empty());
    // Yes: the removal is queued.
    update(&mut s, Action::RemoveMember);
    update(&mut s, Action::Down);
    update(&mut s, Action::Open);
    let fx = update(&mut s, Action::Yes);
    assert_eq!(
        writes(&fx),
        [WriteOp::RemoveMember {
            case_id: "CS-2026-0007".into(),
            member: fgr,
        }]
    );
    assert!(s.overlays.is_empty());
}

#[test]
fn the_audit_trail_scrolls_refreshes_and_closes_on_refusal() {
    let mut s = state(Role::Supervisor);
    let fx = update(&mut s, Action::AuditTrail);
    let id = "CS-2026-0007".to_string();
    assert!(matches!(&fetches(&fx)[..], [(crate::app::panes::cases::AUDIT, _, Request::CaseAudit(c))] if *c == id));
    let entry = |n: i64| AuditEntry {
        id: n,
        at: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, n as u32).unwrap(),
        user: Some("Dana Whitfield".into()),
        method: "GET".into(),
        path: format!("/v1/cases/{id}/notes"),
        status: 200,
        entity_id: Some(id.clone()),
        route: Some("/v1/cases/{id}/notes".into()),
        case_id: Some(id.clone()),
    };
    answer(
        &mut s,
        &fx,
        crate::app::panes::cases::AUDIT,
        Data::Audit(vec![entry(3), entry(2), entry(1)]),
    );
    let view = |s: &State| match s.overlays.last() {
        Some(Overlay::Audit(v)) => v.clone(),
        other => panic!("no audit view: {other:?}"),
    };
    assert!(!view(&s).loading);
    assert_eq!(view(&s).entries.len(), 3);
    update(&mut s, Action::Down);
    update(&mut s, Action::Down);
    update(&mut s, Action::Down);
    assert_eq!(view(&s).scroll, 2, "stops at the last entry");

    // Refreshing reads again; a refusal closes the view and says why.
    let fx = update(&mut s, Action::Refresh);
    assert!(view(&s).loading);
    reply(
        &mut s,
        &fx,
        crate::app::panes::cases::AUDIT,
        Err(FetchError::new(
            FetchErrorKind::Forbidden,
            "Only a supervisor can read a case's audit trail.",
        )),
    );
    assert!(s.overlays.is_empty());
    assert!(matches!(last_notice(&s), Some(Notice::FetchFailed(m)) if m.contains("supervisor")));
}

#[test]
fn others_are_told_at_once_and_nothing_is_asked() {
    for role in [Role::Investigator, Role::Examiner] {
        let mut s = state(role);
        for a in [Action::AddMember, Action::RemoveMember, Action::AuditTrail] {
            let fx = update(&mut s, a);
            assert!(fetches(&fx).is_empty() && writes(&fx).is_empty());
            assert!(s.overlays.is_empty());
            assert_eq!(
                last_notice(&s),
                Some(Notice::from(CaseNotice::Members(
                    MemberNotice::SupervisorsOnly
                )))
            );
        }
    }
}

#[test]
fn read_only_consoles_change_no_members_but_may_read_the_trail() {
    let mut s = state(Role::Supervisor);
    s.read_only = true;
    for a in [Action::AddMember, Action::RemoveMember] {
        let fx = update(&mut s, a);
        assert!(fetches(&fx).is_empty() && s.overlays.is_empty());
        assert_eq!(last_notice(&s), Some(Notice::ReadOnly));
    }
    let fx = update(&mut s, Action::AuditTrail);
    assert_eq!(fetches(&fx).len(), 1);
    assert!(matches!(s.overlays.last(), Some(Overlay::Audit(_))));
}
