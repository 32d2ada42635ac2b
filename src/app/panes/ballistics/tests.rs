//! The review of ballistic leads as the examiner's story, with no terminal and no network.

use chrono::{Duration, TimeZone, Utc};

use super::{BalNotice, CompareView, ZOOM_MAX, overdue};
use crate::app::action::Action;
use crate::app::backend::{FetchError, FetchErrorKind};
use crate::app::effect::{Effect, Request, Slot, WriteOp};
use crate::app::overlay::{Overlay, PromptFor};
use crate::app::panes::{PaneId, index_of};
use crate::app::reply::{Data, Reply};
use crate::app::state::{Conn, Notice, State};
use crate::app::test_support::fetches;
use crate::app::update;
use crate::model::*;

fn lead(n: u32, casing: &str, rank: u32) -> Lead {
    Lead {
        id: format!("BL-{n:06}"),
        casing_id: casing.into(),
        candidate_id: format!("BC-{:06}", 500 + n),
        rank,
        scores: MarkScores {
            breech_face: 0.8,
            firing_pin: 0.7,
            combined: 0.9 - n as f32 / 100.0,
        },
        rotation_deg: 12.0,
        shift_x: 0,
        shift_y: 1,
        status: LeadStatus::Pending,
        created_at: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        decided_at: None,
        decided_by: None,
        comment: None,
        caliber_class: "9mm".into(),
        marked_by: None,
        mark_comment: None,
    }
}

fn user(role: Role) -> User {
    User {
        name: "T. Tester".into(),
        agency: "FGR".into(),
        country: Country::MX,
        role,
    }
}

/// A console on the ballistics pane with three leads listed, signed in as `role`.
fn state(role: Role) -> State {
    let mut s = State::new(
        "http://x",
        "sess",
        Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap(),
    );
    s.session.conn = Conn::Online;
    s.session.user = Some(user(role));
    let key = [Action::Pane1, Action::Pane2, Action::Pane3, Action::Pane4]
        [index_of(PaneId::Ballistics)]
    .clone();
    let fx = update(&mut s, key);
    let rows = vec![
        lead(1, "BC-000001", 1),
        lead(2, "BC-000001", 2),
        lead(3, "BC-000002", 1),
    ];
    answer(&mut s, &fx, crate::app::panes::ballistics::LIST, Data::Leads(page(rows)));
    s
}

fn page(items: Vec<Lead>) -> Page<Lead> {
    Page {
        items,
        next_cursor: None,
    }
}

/// Answers the read for `slot` among `fx`, as the runtime would.
fn answer(s: &mut State, fx: &[Effect], slot: Slot, data: Data) {
    let (_, generation, _) = fetches(fx)
        .into_iter()
        .find(|f| f.0 == slot)
        .unwrap_or_else(|| panic!("no fetch for {slot:?} in {fx:?}"));
    let r = Reply::Fetched {
        slot,
        generation,
        result: Ok(data),
    };
    update(s, Action::Reply(Box::new(r)));
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Char(c));
    }
}

fn notices(s: &State) -> Vec<Notice> {
    s.toasts.iter().map(|t| t.notice.clone()).collect()
}

#[test]
fn the_queue_asks_for_pending_leads_by_score_then_by_age_and_all() {
    let mut s = state(Role::Investigator);
    assert_eq!(s.panes.ballistics.rows.len(), 3);
    let fx = update(&mut s, Action::ToggleSort);
    let Some((_, _, Request::Leads(q))) = fetches(&fx).pop() else {
        panic!("{fx:?}")
    };
    assert_eq!(q.sort, Some(LeadSort::Age));
    assert_eq!(q.status, Some(LeadStatus::Pending));
    let fx = update(&mut s, Action::ToggleAllLeads);
    let Some((_, _, Request::Leads(q))) = fetches(&fx).pop() else {
        panic!("{fx:?}")
    };
    assert_eq!((q.sort, q.status), (Some(LeadSort::Age), None));
}

#[test]
fn overdue_means_pending_past_48_hours() {
    let now = Utc.with_ymd_and_hms(2026, 3, 5, 0, 0, 0).unwrap();
    let mut l = lead(1, "BC-1", 1);
    l.created_at = now - Duration::hours(49);
    assert!(overdue(&l, now));
    l.created_at = now - Duration::hours(47);
    assert!(!overdue(&l, now));
    l.created_at = now - Duration::hours(49);
    l.status = LeadStatus::Excluded;
    assert!(!overdue(&l, now));
}

#[test]
fn opening_fetches_both_casings_the_siblings_and_the_cluster_then_steps_through_candidates() {
    let mut s = state(Role::Examiner);
    let fx = update(&mut s, Action::Open);
    let slots: Vec<Slot> = fetches(&fx).into_iter().map(|f| f.0).collect();
    for slot in [
        crate::app::panes::ballistics::DETAIL,
        crate::app::panes::ballistics::SIBLINGS_SLOT,
        crate::app::panes::ballistics::CLUSTER,
        crate::app::panes::ballistics::CASING_QUERY,
        crate::app::panes::ballistics::CASING_CANDIDATE,
    ] {
        assert!(slots.contains(&slot), "{slot:?} missing from {slots:?}");
    }
    let sibs = vec![lead(2, "BC-000001", 2), lead(1, "BC-000001", 1)];
    answer(&mut s, &fx, crate::app::panes::ballistics::SIBLINGS_SLOT, Data::Leads(page(sibs)));
    let d = s.panes.ballistics.detail.as_ref().unwrap();
    assert_eq!(d.siblings[0].rank, 1, "candidates are ordered by rank");

    let fx = update(&mut s, Action::NextCandidate);
    let d = s.panes.ballistics.detail.as_ref().unwrap();
    assert_eq!(d.lead.id, "BL-000002");
    let f = fetches(&fx);
    assert!(
        matches!(&f[..], [(crate::app::panes::ballistics::CASING_CANDIDATE, _, Request::Casing(id))] if id == "BC-000502"),
        "{f:?}"
    );
    update(&mut s, Action::NextCandidate);
    assert_eq!(
        notices(&s).last(),
        Some(&Notice::from(BalNotice::NoMoreCandidates))
    );
    update(&mut s, Action::PrevCandidate);
    assert_eq!(s.panes.ballistics.detail.as_ref().unwrap().lead.id, "BL-000001");
}

#[test]
fn view_and_zoom_cycle_within_bounds() {
    let mut s = state(Role::Examiner);
    update(&mut s, Action::Open);
    for _ in 0..10 {
        update(&mut s, Action::ZoomIn);
    }
    let d = s.panes.ballistics.detail.as_ref().unwrap();
    assert_eq!(d.zoom, ZOOM_MAX);
    for _ in 0..10 {
        update(&mut s, Action::ZoomOut);
    }
    assert_eq!(s.panes.ballistics.detail.as_ref().unwrap().zoom, 1);
    let views: Vec<CompareView> = (0..3)
        .map(|_| {
            update(&mut s, Action::ToggleView);
            s.panes.ballistics.detail.as_ref().unwrap().view
        })
        .collect();
    assert_eq!(
        views,
        [
            CompareView::Aligned,
            CompareView::Difference,
            CompareView::Raw
        ]
    );
    update(&mut s, Action::Back);
    assert!(s.panes.ballistics.detail.is_none());
}

#[test]
fn a_decision_asks_for_a_comment_then_goes_through_the_outbox() {
    let mut s = state(Role::Investigator);
    update(&mut s, Action::Down);
    update(&mut s, Action::ExcludeLead);
    assert!(matches!(
        s.overlays.last(),
        Some(Overlay::Prompt(p)) if p.purpose == PromptFor::LeadComment
    ));
    typed(&mut s, "different firing pin");
    let fx = update(&mut s, Action::Open);
    let writes: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Write(w) => Some(w.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(writes.len(), 1);
    let WriteOp::DecideLead { id, decision } = &writes[0].op else {
        panic!("{writes:?}")
    };
    assert_eq!(id, "BL-000002");
    assert_eq!(decision.decision, Decision::Exclude);
    assert_eq!(decision.comment.as_deref(), Some("different firing pin"));
    assert!(writes[0].key.starts_with("sess-"));
    // Shown at once, before the server answers.
    assert_eq!(s.panes.ballistics.rows[1].status, LeadStatus::Excluded);

    let mut decided = lead(2, "BC-000001", 2);
    decided.status = LeadStatus::Excluded;
    decided.decided_by = Some("T. Tester".into());
    let r = Reply::Wrote {
        key: writes[0].key.clone(),
        result: Ok(Data::Lead(decided)),
    };
    update(&mut s, Action::Reply(Box::new(r)));
    assert_eq!(
        s.panes.ballistics.rows[1].decided_by.as_deref(),
        Some("T. Tester")
    );
    assert_eq!(
        notices(&s).last(),
        Some(&Notice::from(BalNotice::Decided(
            "BL-000002".into(),
            LeadStatus::Excluded
        )))
    );
    assert!(s.panes.ballistics.sent.is_empty());
}

#[test]
fn escape_at_the_comment_sends_nothing() {
    let mut s = state(Role::Examiner);
    update(&mut s, Action::InconclusiveLead);
    update(&mut s, Action::Back);
    let fx = update(&mut s, Action::Open);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Write(_))));
    assert_eq!(s.panes.ballistics.rows[0].status, LeadStatus::Pending);
}

#[test]
fn an_investigator_is_told_at_once_that_only_examiners_confirm() {
    let mut s = state(Role::Investigator);
    let fx = update(&mut s, Action::ConfirmHit);
    assert!(s.overlays.is_empty());
    assert!(!fx.iter().any(|e| matches!(e, Effect::Write(_))));
    assert_eq!(
        notices(&s),
        vec![Notice::from(BalNotice::ExaminerOnly)]
    );
}

#[test]
fn a_403_on_confirm_becomes_the_examiner_toast_and_the_lead_is_read_again() {
    // The role changed on the server since sign-in: the console let the examiner try.
    let mut s = state(Role::Examiner);
    update(&mut s, Action::ConfirmHit);
    let fx = update(&mut s, Action::Open);
    let Some(Effect::Write(w)) = fx.iter().find(|e| matches!(e, Effect::Write(_))) else {
        panic!("{fx:?}")
    };
    assert_eq!(s.panes.ballistics.rows[0].status, LeadStatus::Confirmed);
    let r = Reply::Wrote {
        key: w.key.clone(),
        result: Err(FetchError::new(
            FetchErrorKind::Forbidden,
            "Only a ballistics examiner can confirm a hit.",
        )),
    };
    let fx = update(&mut s, Action::Reply(Box::new(r)));
    assert_eq!(
        notices(&s).last(),
        Some(&Notice::from(BalNotice::ExaminerOnly))
    );
    let f = fetches(&fx);
    assert!(
        matches!(&f[..], [(crate::app::panes::ballistics::DETAIL, _, Request::Lead(id))] if id == "BL-000001"),
        "{f:?}"
    );
    answer(
        &mut s,
        &fx,
        crate::app::panes::ballistics::DETAIL,
        Data::Lead(lead(1, "BC-000001", 1)),
    );
    assert_eq!(s.panes.ballistics.rows[0].status, LeadStatus::Pending);
}

#[test]
fn read_only_refuses_decisions() {
    let mut s = state(Role::Examiner);
    s.read_only = true;
    update(&mut s, Action::ExcludeLead);
    assert!(s.overlays.is_empty());
    assert_eq!(notices(&s), vec![Notice::ReadOnly]);
}

#[test]
fn lead_events_refresh_the_queue_and_the_open_lead() {
    let mut s = state(Role::Examiner);
    let ev = |kind, id: &str| Event {
        id: 1,
        kind,
        entity_id: id.into(),
        case_id: None,
        at: Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap(),
        summary: String::new(),
        user: None,
    };
    let fx = update(
        &mut s,
        Action::Reply(Box::new(Reply::Event(ev(EventKind::LeadCreated, "BL-9")))),
    );
    let slots: Vec<Slot> = fetches(&fx).into_iter().map(|f| f.0).collect();
    assert_eq!(slots, vec![crate::app::panes::ballistics::LIST]);
    update(&mut s, Action::Open);
    let fx = update(
        &mut s,
        Action::Reply(Box::new(Reply::Event(ev(
            EventKind::LeadDecided,
            "BL-000001",
        )))),
    );
    let slots: Vec<Slot> = fetches(&fx).into_iter().map(|f| f.0).collect();
    assert!(slots.contains(&crate::app::panes::ballistics::LIST) && slots.contains(&crate::app::panes::ballistics::CLUSTER));
}

#[test]
fn casing_images_are_decoded_once_and_reused() {
    use base64::Engine as _;
    let mut s = state(Role::Examiner);
    let fx = update(&mut s, Action::Open);
    let c = Casing {
        id: "BC-000001".into(),
        source: CasingSource::Scene,
        incident_id: "INC-1".into(),
        caliber_class: "9mm".into(),
        recovered_at: s.now,
        acquired_at: s.now,
        place: "Nogales, Sonora".into(),
        seizure_id: None,
        firearm_id: None,
        case_ids: vec![],
        image_size: 4,
        image: Some(base64::engine::general_purpose::STANDARD.encode([7u8; 16])),
    };
    answer(&mut s, &fx, crate::app::panes::ballistics::CASING_QUERY, Data::Casing(c));
    let img = s.panes.ballistics.casing("BC-000001").unwrap();
    assert_eq!(img.gray.as_ref().map(|g| g.pixels.len()), Some(16));
    assert!(img.casing.image.is_none(), "no second copy as base64");
    // Opening another lead of the same casing does not fetch it again.
    update(&mut s, Action::Back);
    update(&mut s, Action::Down);
    let fx = update(&mut s, Action::Open);
    assert!(!fetches(&fx).iter().any(|f| f.0 == crate::app::panes::ballistics::CASING_QUERY));
}
