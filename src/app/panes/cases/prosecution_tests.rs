//! Recording a case's prosecution stage and filtering the list by it, as a story with no
//! terminal and no network.

use chrono::{NaiveDate, TimeZone, Utc};

use super::{parse, prefill};
use crate::app::action::Action;
use crate::app::effect::{Effect, Request, WriteOp};
use crate::app::overlay::{Overlay, PromptFor};
use crate::app::panes::cases::{CaseNotice, LIST};
use crate::app::panes::{PaneId, index_of};
use crate::app::reply::{Data, Reply};
use crate::app::state::{Conn, Lang, Notice, State};
use crate::app::test_support::{fetches, writes};
use crate::app::update;
use crate::model::*;

fn case() -> Case {
    Case {
        id: "CS-2026-0007".into(),
        title: "Nogales buses".into(),
        status: CaseStatus::Open,
        lead_agency: "ATF Phoenix FD".into(),
        members: vec![CaseMember {
            agency: "ATF Phoenix FD".into(),
            country: Country::US,
            user: None,
        }],
        links: vec![],
        created_at: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        last_activity: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        note_count: 0,
        prosecution: Prosecution::default(),
    }
}

/// A console on the Cases list (one case), signed in with `role`.
fn state(role: Role) -> State {
    let mut s = State::new(
        "http://x",
        "sess",
        Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap(),
    );
    s.session.conn = Conn::Online;
    s.session.user = Some(User {
        name: "Alejandra Ibarra".into(),
        agency: "ATF Phoenix FD".into(),
        country: Country::US,
        role,
    });
    let key = [Action::Pane1, Action::Pane2, Action::Pane3, Action::Pane4][index_of(PaneId::Cases)]
        .clone();
    let fx = update(&mut s, key);
    answer_list(&mut s, &fx, vec![case()]);
    s
}

fn answer_list(s: &mut State, fx: &[Effect], items: Vec<Case>) {
    let (_, generation, _) = fetches(fx)
        .into_iter()
        .find(|f| f.0 == LIST)
        .expect("a list read");
    let r = Reply::Fetched {
        slot: LIST,
        generation,
        result: Ok(Data::Cases(Page {
            items,
            next_cursor: None,
        })),
    };
    update(s, Action::Reply(Box::new(r)));
}

fn prompt_text(s: &State) -> String {
    match s.overlays.last() {
        Some(Overlay::Prompt(p)) if p.purpose == PromptFor::Prosecution => p.input.clone(),
        other => panic!("no prosecution form: {other:?}"),
    }
}

fn last_notice(s: &State) -> Option<Notice> {
    s.toasts.last().map(|t| t.notice.clone())
}

/// A Spanish reader's form is written in Spanish and reads back as the same update; Spanish
/// typed by hand (accents or not) is understood too.
#[test]
fn the_spanish_form_is_written_and_read_in_spanish() {
    let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let referred = Prosecution {
        stage: ProsecutionStage::Referred,
        office: Some("FGR — FEMDO".into()),
        ..Prosecution::default()
    };
    let form = prefill(&referred, d, Lang::Es);
    assert_eq!(
        form,
        "etapa:con-cargos fecha:2026-03-02 imputados:1 fiscalía:FGR — FEMDO"
    );
    let back = parse(&form).unwrap();
    assert_eq!(back.stage, ProsecutionStage::Charged);
    assert_eq!(back.office.as_deref(), Some("FGR — FEMDO"));
    assert_eq!(back.defendants, Some(1));
    let typed = parse("etapa:resuelto fecha:2026-03-05 imputados:3 fiscalia:FGE Sonora").unwrap();
    assert_eq!(typed.stage, ProsecutionStage::Resolved);
    assert_eq!(typed.office.as_deref(), Some("FGE Sonora"));
    assert_eq!(
        parse(&prefill(&Prosecution::default(), d, Lang::Es)).unwrap().office,
        None,
        "the empty fiscalía: is not an office"
    );
    assert_eq!(parse("etapa:vinculado").unwrap_err(), "etapa:vinculado");
}

fn today(s: &State) -> NaiveDate {
    s.now.with_timezone(&chrono::Local).date_naive()
}

#[test]
fn the_form_is_prefilled_with_the_next_stage() {
    let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    assert_eq!(
        prefill(&Prosecution::default(), d, Lang::En),
        "stage:referred date:2026-03-02 office:"
    );
    let referred = Prosecution {
        stage: ProsecutionStage::Referred,
        office: Some("USAO District of Arizona".into()),
        ..Prosecution::default()
    };
    assert_eq!(
        prefill(&referred, d, Lang::En),
        "stage:charged date:2026-03-02 defendants:1 office:USAO District of Arizona"
    );
    let back = parse(&prefill(&referred, d, Lang::En)).unwrap();
    assert_eq!(
        back,
        ProsecutionUpdate {
            stage: ProsecutionStage::Charged,
            office: Some("USAO District of Arizona".into()),
            date: Some(d),
            defendants: Some(1),
        }
    );
}

#[test]
fn the_form_reads_terms_and_says_which_it_cannot() {
    let u = parse(r#"stage:indicted defendants:4 date:2026-02-01 office:"FGR — FEMDO""#).unwrap();
    assert_eq!(u.stage, ProsecutionStage::Charged);
    assert_eq!(u.office.as_deref(), Some("FGR — FEMDO"));
    assert_eq!(u.defendants, Some(4));
    // Back to none: the prefilled office and date no longer apply.
    let u = parse("stage:none date:2026-02-01 office:FGR").unwrap();
    assert_eq!(
        (u.stage, u.office, u.date),
        (ProsecutionStage::None, None, None)
    );
    assert_eq!(parse("stage:pending").unwrap_err(), "stage:pending");
    assert_eq!(parse("stage:charged defendants:four").unwrap_err(), "defendants:four");
    assert_eq!(parse("stage:referred date:01/02/2026").unwrap_err(), "date:01/02/2026");
    assert_eq!(parse("office:FGR").unwrap_err(), "stage:");
    assert_eq!(parse("stage:referred court:x").unwrap_err(), "court:x");
}

#[test]
fn a_prosecutor_records_a_stage_through_the_outbox() {
    let mut s = state(Role::Prosecutor);
    update(&mut s, Action::Open);
    assert!(writes(&update(&mut s, Action::SetProsecution)).is_empty());
    let d = today(&s);
    assert_eq!(prompt_text(&s), format!("stage:referred date:{d} office:"));
    for c in "USAO District of Arizona".chars() {
        update(&mut s, Action::Char(c));
    }
    let fx = update(&mut s, Action::Open);
    assert_eq!(
        writes(&fx),
        [WriteOp::SetProsecution {
            case_id: "CS-2026-0007".into(),
            update: ProsecutionUpdate {
                stage: ProsecutionStage::Referred,
                office: Some("USAO District of Arizona".into()),
                date: Some(d),
                defendants: None,
            },
        }]
    );
    assert!(s.overlays.is_empty());

    // The server's answer: the open case and the list show the stage, and the user is told.
    let mut after = case();
    after.prosecution = Prosecution {
        stage: ProsecutionStage::Referred,
        office: Some("USAO District of Arizona".into()),
        date: Some(d),
        defendants: None,
        updated_by: Some("Alejandra Ibarra".into()),
        updated_at: Some(s.now),
    };
    let r = Reply::Wrote {
        key: "k".into(),
        result: Ok(Data::ProsecutionSet(after.clone())),
    };
    update(&mut s, Action::Reply(Box::new(r)));
    assert_eq!(s.panes.cases.detail.as_ref().unwrap().case, after);
    assert_eq!(s.panes.cases.rows[0], after);
    assert_eq!(
        last_notice(&s),
        Some(Notice::from(CaseNotice::StageRecorded(
            "CS-2026-0007".into(),
            ProsecutionStage::Referred
        )))
    );
}

#[test]
fn a_bad_term_is_named_and_nothing_is_sent() {
    let mut s = state(Role::Supervisor);
    update(&mut s, Action::SetProsecution);
    for c in " defendants:many".chars() {
        update(&mut s, Action::Char(c));
    }
    let fx = update(&mut s, Action::Open);
    assert!(writes(&fx).is_empty());
    assert_eq!(
        last_notice(&s),
        Some(Notice::from(CaseNotice::StageInput("defendants:many".into())))
    );
}

#[test]
fn investigators_examiners_and_read_only_consoles_record_no_stage() {
    for role in [Role::Investigator, Role::Examiner] {
        let mut s = state(role);
        let fx = update(&mut s, Action::SetProsecution);
        assert!(writes(&fx).is_empty() && s.overlays.is_empty());
        assert_eq!(
            last_notice(&s),
            Some(Notice::from(CaseNotice::StageNotYours))
        );
    }
    let mut s = state(Role::Prosecutor);
    s.read_only = true;
    update(&mut s, Action::SetProsecution);
    assert!(s.overlays.is_empty());
    assert_eq!(last_notice(&s), Some(Notice::ReadOnly));
}

#[test]
fn the_list_filters_by_stage_and_clears() {
    let mut s = state(Role::Investigator);
    update(&mut s, Action::Filter);
    for c in "stage:charged".chars() {
        update(&mut s, Action::Char(c));
    }
    let fx = update(&mut s, Action::Open);
    let reads = fetches(&fx);
    let [(slot, _, Request::Cases(q))] = reads.as_slice() else {
        panic!("one list read: {reads:?}");
    };
    assert_eq!(*slot, LIST);
    assert_eq!(q.prosecution, Some(ProsecutionStage::Charged));
    assert_eq!(q.limit, Some(500));
    assert_eq!(s.panes.cases.filter_text, "stage:charged");
    answer_list(&mut s, &fx, vec![]);
    // A refresh keeps the filter.
    let fx = update(&mut s, Action::Refresh);
    assert!(fetches(&fx).iter().any(
        |(_, _, r)| matches!(r, Request::Cases(q) if q.prosecution == Some(ProsecutionStage::Charged))
    ));
    // A term it cannot read is named; the filter in force stays.
    update(&mut s, Action::Filter);
    for c in " stage:x".chars() {
        update(&mut s, Action::Char(c));
    }
    assert!(fetches(&update(&mut s, Action::Open)).is_empty());
    assert_eq!(
        last_notice(&s),
        Some(Notice::from(CaseNotice::CaseFilterInput("stage:x".into())))
    );
    assert_eq!(s.panes.cases.query.prosecution, Some(ProsecutionStage::Charged));
    // x clears it.
    let fx = update(&mut s, Action::ClearFilter);
    assert!(fetches(&fx).iter().any(
        |(_, _, r)| matches!(r, Request::Cases(q) if q.prosecution.is_none())
    ));
    assert!(s.panes.cases.filter_text.is_empty());
}
