//! Following ballistic references from a case note, as the investigator's story: effects are
//! data, replies are fed in as the runtime would deliver them.

use chrono::{TimeZone, Utc};

use crate::app::action::Action;
use crate::app::backend::{FetchError, FetchErrorKind};
use crate::app::effect::{Effect, Request, Slot};
use crate::app::panes::PaneId;
use crate::app::panes::cases::{CaseDetail, CaseNotice};
use crate::app::reply::{Data, Reply};
use crate::app::state::{Conn, Notice, State};
use crate::app::test_support::fetches;
use crate::app::update;
use crate::model::*;

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap()
}

fn lead(n: u32, casing: &str, rank: u32) -> Lead {
    Lead {
        id: format!("BL-{n:06}"),
        casing_id: casing.into(),
        candidate_id: format!("BC-{:06}", 500 + n),
        rank,
        scores: MarkScores {
            breech_face: 0.8,
            firing_pin: 0.7,
            combined: 0.9 - rank as f32 / 100.0,
        },
        rotation_deg: 12.0,
        shift_x: 0,
        shift_y: 1,
        status: LeadStatus::Pending,
        created_at: at(),
        decided_at: None,
        decided_by: None,
        comment: None,
        caliber_class: "9mm".into(),
        marked_by: None,
        mark_comment: None,
    }
}

fn casing(id: &str) -> Casing {
    Casing {
        id: id.into(),
        source: CasingSource::Scene,
        incident_id: "INC-MX-SON-00001".into(),
        caliber_class: "9mm".into(),
        recovered_at: at(),
        acquired_at: at(),
        place: "Nogales, Sonora".into(),
        seizure_id: None,
        firearm_id: None,
        case_ids: vec![],
        image_size: 0,
        image: None,
    }
}

/// A console on the Cases pane with one case open whose one note reads `body`.
pub(crate) fn case_with_note(body: &str) -> State {
    let mut s = State::new("http://x", "sess", at());
    s.session.conn = Conn::Online;
    s.active = PaneId::Cases;
    let case = Case {
        id: "CS-2026-0001".into(),
        title: "Sonora casings".into(),
        status: CaseStatus::Open,
        lead_agency: "FGR".into(),
        members: vec![],
        links: vec![],
        created_at: at(),
        last_activity: at(),
        note_count: 1,
        prosecution: Default::default(),
    };
    let note = Note {
        id: "NT-000001".into(),
        case_id: case.id.clone(),
        author: "T. Tester".into(),
        author_agency: "FGR".into(),
        body: body.into(),
        created_at: at(),
        updated_at: at(),
        version: 1,
        edited_by: None,
        edited_at: None,
    };
    s.panes.cases.detail = Some(CaseDetail {
        case,
        notes: vec![note],
        notes_loaded: true,
        selected: 0,
        fresh: 0,
    });
    s
}

/// The one fetch `f` issued, for the note's reference.
fn follow(s: &mut State) -> (u64, Request) {
    let fx = update(s, Action::FollowRef);
    match fetches(&fx).as_slice() {
        [(crate::app::panes::cases::REF, generation, req)] => (*generation, req.clone()),
        other => panic!("expected one CaseRef fetch, got {other:?}"),
    }
}

fn reply(s: &mut State, generation: u64, result: Result<Data, FetchError>) -> Vec<Effect> {
    let r = Reply::Fetched {
        slot: crate::app::panes::cases::REF,
        generation,
        result,
    };
    update(s, Action::Reply(Box::new(r)))
}

fn notices(s: &State) -> Vec<Notice> {
    s.toasts.iter().map(|t| t.notice.clone()).collect()
}

/// Slot and request of each fetch, for comparing without generations.
fn asked(fx: &[Effect]) -> Vec<(Slot, Request)> {
    fetches(fx).into_iter().map(|(s, _, r)| (s, r)).collect()
}

#[test]
fn a_lead_reference_opens_the_lead_in_ballistics_with_everything_the_list_would_fetch() {
    let mut s = case_with_note("Hit BL-000007 ties both scenes together.");
    let (generation, req) = follow(&mut s);
    assert_eq!(req, Request::Lead("BL-000007".into()));
    assert_eq!(
        s.active,
        PaneId::Cases,
        "nothing moves before the lead arrives"
    );

    let fx = reply(&mut s, generation, Ok(Data::Lead(lead(7, "BC-000001", 1))));
    assert_eq!(s.active, PaneId::Ballistics);
    let d = s.panes.ballistics.detail.as_ref().expect("the lead is open");
    assert_eq!(d.lead.id, "BL-000007");
    let asked = asked(&fx);
    for want in [
        (crate::app::panes::ballistics::DETAIL, Request::Lead("BL-000007".into())),
        (
            crate::app::panes::ballistics::SIBLINGS_SLOT,
            Request::Leads(super::ballistics::casing_leads("BC-000001".into())),
        ),
        (crate::app::panes::ballistics::CLUSTER, Request::Cluster("BC-000001".into())),
        (crate::app::panes::ballistics::CASING_QUERY, Request::Casing("BC-000001".into())),
        (crate::app::panes::ballistics::CASING_CANDIDATE, Request::Casing("BC-000507".into())),
    ] {
        assert!(asked.contains(&want), "{want:?} missing from {asked:?}");
    }
    assert!(
        asked.iter().any(|(slot, _)| *slot == crate::app::panes::ballistics::LIST),
        "the queue behind the detail is loaded too: {asked:?}"
    );
}

#[test]
fn a_casing_reference_opens_its_best_lead_and_steps_through_the_others() {
    let mut s = case_with_note("Casing bc-000001 from the Nogales scene.");
    let (generation, req) = follow(&mut s);
    let Request::Leads(q) = req else {
        panic!("{req:?}")
    };
    assert_eq!(q.casing_id.as_deref(), Some("BC-000001"));
    assert_eq!(q.status, None, "decided leads count too");

    let leads = vec![lead(12, "BC-000001", 2), lead(11, "BC-000001", 1)];
    reply(&mut s, generation, Ok(Data::Leads(page(leads))));
    assert_eq!(s.active, PaneId::Ballistics);
    let d = s.panes.ballistics.detail.as_ref().expect("the best lead is open");
    assert_eq!(d.lead.id, "BL-000011");
    let ids: Vec<&str> = d.siblings.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["BL-000011", "BL-000012"]);

    update(&mut s, Action::NextCandidate);
    let d = s.panes.ballistics.detail.as_ref().expect("still open");
    assert_eq!(d.lead.id, "BL-000012");
}

#[test]
fn a_casing_without_leads_says_so() {
    let mut s = case_with_note("BC-000044 was acquired yesterday.");
    let (generation, _) = follow(&mut s);
    let fx = reply(&mut s, generation, Ok(Data::Leads(page(vec![]))));
    let f = fetches(&fx);
    let [(crate::app::panes::cases::REF, generation, Request::Casing(id))] = f.as_slice() else {
        panic!("an empty answer asks whether the casing exists: {fx:?}")
    };
    assert_eq!(id, "BC-000044");
    let generation = *generation;
    reply(&mut s, generation, Ok(Data::Casing(casing("BC-000044"))));
    assert_eq!(s.active, PaneId::Cases);
    assert!(s.panes.ballistics.detail.is_none());
    assert_eq!(
        notices(&s),
        [Notice::from(CaseNotice::NoLeadsForCasing(
            "BC-000044".into()
        ))]
    );
}

#[test]
fn an_unknown_casing_or_lead_ends_in_the_servers_words() {
    let mut s = case_with_note("BC-009999 and BL-009999 are typos.");
    // Two references: `f` offers a picker, whose pick comes here.
    let fx = crate::app::update::goto(&mut s, crate::app::overlay::PickTarget::Ref("BC-009999".into()));
    let generation = fetches(&fx)[0].1;
    let fx = reply(&mut s, generation, Ok(Data::Leads(page(vec![]))));
    let generation = fetches(&fx)[0].1;
    let missing = "casing BC-009999 was not found.";
    let err = FetchError::new(FetchErrorKind::NotFound, missing);
    reply(&mut s, generation, Err(err));

    let fx = crate::app::update::goto(&mut s, crate::app::overlay::PickTarget::Ref("BL-009999".into()));
    let generation = fetches(&fx)[0].1;
    let refused = "You may not see lead BL-009999. Ask a supervisor for access if you need it.";
    let err = FetchError::new(FetchErrorKind::Forbidden, refused);
    reply(&mut s, generation, Err(err));

    assert_eq!(
        s.active,
        PaneId::Cases,
        "a failed reference leaves the case open"
    );
    assert!(s.panes.ballistics.detail.is_none());
    assert_eq!(
        notices(&s),
        [
            Notice::FetchFailed(missing.into()),
            Notice::FetchFailed(refused.into())
        ]
    );
}

fn page(items: Vec<Lead>) -> Page<Lead> {
    Page {
        items,
        next_cursor: None,
    }
}
