//! Screens of the Cases pane and the note editor, in both languages, at 80×24 and 160×48, and
//! in the monochrome theme.

use std::collections::BTreeMap;

use crate::support::ui::*;
use chrono::Duration;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use fwc::app::effect::{Effect, Slot};
use fwc::app::panes::PaneId;
use fwc::app::panes::cases::drafts::Draft;
use fwc::app::reply::{Data, Reply};
use fwc::app::state::{Lang, State};
use fwc::app::{Action, update};
use fwc::model::*;
use fwc::ui::keymap::Keymap;

fn member(agency: &str, country: Country) -> CaseMember {
    CaseMember {
        agency: agency.into(),
        country,
        user: None,
    }
}

fn case(n: u32, notes: u32) -> Case {
    Case {
        id: format!("CS-2026-{n:04}"),
        title: match n % 3 {
            0 => "Corredor Tucson–Nogales, compras múltiples".into(),
            1 => "Laredo straw purchasers".into(),
            _ => "Serie balística Ciudad Juárez".into(),
        },
        status: [CaseStatus::Open, CaseStatus::Dormant, CaseStatus::Closed][n as usize % 3],
        lead_agency: if n.is_multiple_of(2) {
            "ATF Phoenix"
        } else {
            "FGR"
        }
        .into(),
        members: vec![
            member("ATF Phoenix", Country::US),
            member("FGR", Country::MX),
            member("SSPC Sonora", Country::MX),
        ],
        links: vec![
            CaseLink {
                kind: EntityKind::Seizure,
                id: "SZ-000003".into(),
                label: "Nogales crossing".into(),
            },
            CaseLink {
                kind: EntityKind::Trace,
                id: "TR-2026-0000004".into(),
                label: "AK-pattern rifle".into(),
            },
            CaseLink {
                kind: EntityKind::Lead,
                id: "BL-000001".into(),
                label: "casing match".into(),
            },
        ],
        created_at: now() - Duration::days(40),
        last_activity: now() - Duration::hours(i64::from(n) * 5),
        note_count: notes,
        prosecution: prosecution(n),
    }
}

/// Case 1 is charged in the US, case 2 referred to Mexico's FGR; the others not yet referred.
fn prosecution(n: u32) -> Prosecution {
    let (stage, office, defendants) = match n {
        1 => (
            ProsecutionStage::Charged,
            "USAO District of Arizona",
            Some(4),
        ),
        2 => (ProsecutionStage::Referred, "FGR — FEMDO", None),
        _ => return Prosecution::default(),
    };
    Prosecution {
        stage,
        office: Some(office.into()),
        date: Some((now() - Duration::days(10)).date_naive()),
        defendants,
        updated_by: Some("Alejandra Ibarra".into()),
        updated_at: Some(now() - Duration::days(10)),
    }
}

fn note(n: u32, body: &str) -> Note {
    Note {
        id: format!("NT-{n:06}"),
        case_id: "CS-2026-0001".into(),
        author: if n.is_multiple_of(2) {
            "Ana Ruiz"
        } else {
            "John Doe"
        }
        .into(),
        author_agency: if n.is_multiple_of(2) {
            "FGR"
        } else {
            "ATF Phoenix"
        }
        .into(),
        body: body.into(),
        created_at: now() - Duration::hours(30 - i64::from(n)),
        updated_at: now() - Duration::hours(30 - i64::from(n)),
        version: 1,
        edited_by: None,
        edited_at: None,
    }
}

fn notes() -> Vec<Note> {
    vec![
        note(
            1,
            "Aseguramiento SZ-000003 en Nogales: dos rifles, ver rastreo TR-2026-0000004.",
        ),
        note(
            2,
            "Serial #7DX9911 appears in a multiple-sale report; dealer in Tucson.\nFollow-up with the ATF field office on Monday.",
        ),
        note(
            3,
            "Casquillo BC-000002 coincide con BL-000001 (revisión pendiente).",
        ),
    ]
}

/// Answers the fetch for `slot` among `fx` with `data`, as the runtime would.
/// The Cases pane with its list loaded; case 1 half read, case 2 with a kept draft.
fn cases_state(lang: Lang, w: u16, h: u16) -> State {
    let mut s = state(lang, w, h);
    let fx = update(&mut s, Action::Pane3);
    let page = Page {
        items: (1..=6).map(|n| case(n, n * 2)).collect(),
        next_cursor: None,
    };
    answer(&mut s, &fx, fwc::app::panes::cases::LIST, Data::Cases(page));
    let mut seen = BTreeMap::new();
    seen.insert("CS-2026-0001".to_string(), 2);
    seen.insert("CS-2026-0003".to_string(), 6);
    let mut drafts = BTreeMap::new();
    drafts.insert(
        "CS-2026-0003".to_string(),
        Draft {
            case_id: "CS-2026-0003".into(),
            body: "pendiente".into(),
            saved_at: now(),
        },
    );
    fwc::app::panes::cases::from_store(&mut s.panes.cases, seen, drafts);
    s
}

fn open_case(s: &mut State) {
    update(s, Action::Top);
    let fx = update(s, Action::Open);
    answer(
        s,
        &fx,
        fwc::app::panes::cases::DETAIL,
        Data::Case(case(1, 3)),
    );
    let page = Page {
        items: notes(),
        next_cursor: None,
    };
    answer(s, &fx, fwc::app::panes::cases::NOTES, Data::Notes(page));
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let (km, _) = Keymap::from_config(&fwc::app::config::Config::defaults().keys, &[]);
        for a in fwc::ui::input::to_actions(&ev, s, &km) {
            update(s, a);
        }
    }
}

fn snap(name: &str, theme_name: &str, setup: impl Fn(&mut State)) {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            let mut s = cases_state(lang, w, h);
            setup(&mut s);
            insta::assert_snapshot!(
                format!("{name}_{lang:?}_{w}x{h}").to_lowercase(),
                render(&s, &theme(theme_name))
            );
        }
    }
}

#[test]
fn cases_list() {
    snap("cases_list", "dark", |_| {});
}

#[test]
fn case_detail_with_notes() {
    snap("case_detail", "dark", open_case);
}

#[test]
fn note_editor_with_accents() {
    snap("note_editor", "dark", |s| {
        open_case(s);
        update(s, Action::WriteNote);
        type_text(
            s,
            "Revisión con la FGR: el arma #ABC123 (SZ-000123) sigue en trámite; ñandú",
        );
    });
}

#[test]
fn prosecution_form() {
    snap("prosecution_form", "dark", |s| {
        if let Some(u) = s.session.user.as_mut() {
            u.role = Role::Prosecutor;
        }
        open_case(s);
        type_text(s, "S");
        // The prefilled date is the local day: fixed here so the screen is the same anywhere.
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let case = s
            .panes
            .cases
            .detail
            .as_ref()
            .unwrap()
            .case
            .prosecution
            .clone();
        let form = fwc::app::panes::cases::prosecution::prefill(&case, date, s.lang);
        match s.overlays.last_mut() {
            Some(fwc::app::overlay::Overlay::Prompt(p)) => p.input = form,
            other => panic!("no prosecution form: {other:?}"),
        }
    });
}

#[test]
fn mono_detail() {
    snap("mono_case_detail", "mono", open_case);
}

#[test]
fn unread_markers_come_from_what_this_console_saw() {
    let s = cases_state(Lang::En, 80, 24);
    assert_eq!(s.active, PaneId::Cases);
    assert_eq!(
        s.panes.cases.unread(&s.panes.cases.rows[0]),
        0,
        "2 notes, 2 seen"
    );
    assert_eq!(
        s.panes.cases.unread(&s.panes.cases.rows[1]),
        4,
        "never opened"
    );
    let screen = render(&s, &theme("dark"));
    assert!(screen.contains("● 4"), "{screen}");
    assert!(screen.contains("draft"), "{screen}");
}

#[test]
fn references_in_the_timeline_are_highlighted() {
    let mut s = cases_state(Lang::En, 160, 48);
    open_case(&mut s);
    let buf = buffer(&s, &theme("dark"));
    let screen = render(&s, &theme("dark"));
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Aseguramiento SZ-000003"))
        .unwrap();
    let col = line.chars().collect::<Vec<_>>();
    let x = col
        .windows(9)
        .position(|w| w.iter().collect::<String>() == "SZ-000003")
        .unwrap();
    // Each rendered line starts with the backend's quote mark, one column before the screen's.
    let cell = &buf[((x - 1) as u16, y as u16)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::UNDERLINED),
        "{cell:?}"
    );
}

#[test]
fn help_lists_the_reference_short_forms() {
    let mut s = cases_state(Lang::Es, 160, 48);
    update(&mut s, Action::Help);
    let screen = render(&s, &theme("dark"));
    assert!(screen.contains("TR-2026-0000042"), "{screen}");
    assert!(screen.contains("número de serie"), "{screen}");
}

fn writes(fx: &[Effect]) -> Vec<fwc::app::effect::WriteOp> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Write(w) => Some(w.op.clone()),
            _ => None,
        })
        .collect()
}

fn ctrl(s: &mut State, c: char) -> Vec<Effect> {
    let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    let (km, _) = Keymap::from_config(&fwc::app::config::Config::defaults().keys, &[]);
    let mut fx = vec![];
    for a in fwc::ui::input::to_actions(&ev, s, &km) {
        fx.extend(update(s, a));
    }
    fx
}

/// Ana edits her note from v1; John changed it meanwhile (v2). The server refuses; both texts
/// are on screen, and her text can go out as v3 or as a new note.
fn conflicted(s: &mut State) {
    open_case(s);
    update(s, Action::Up); // note 2, Ana's
    update(s, Action::EditNote);
    type_text(s, " Confirmado.");
    let fx = ctrl(s, 's');
    match writes(&fx).as_slice() {
        [fwc::app::effect::WriteOp::EditNote { edit, .. }] => {
            assert_eq!(edit.version, 1);
            assert!(edit.body.ends_with("Monday. Confirmado."), "{}", edit.body);
        }
        other => panic!("{other:?}"),
    }
    let mut current = notes()[1].clone();
    current.body = "Serial #7DX9911: dealer in Tucson confirmed by phone (John).".into();
    current.version = 2;
    let conflict = NoteConflict {
        error: ErrorDetail {
            code: "version_conflict".into(),
            message: "changed meanwhile".into(),
        },
        current,
    };
    update(
        s,
        Action::Reply(Box::new(Reply::Wrote {
            key: "k".into(),
            result: Ok(Data::NoteSave(NoteSave::Conflict(conflict))),
        })),
    );
}

#[test]
fn note_edit_conflict_keeps_both_texts() {
    snap("note_conflict", "dark", conflicted);
    let mut s = cases_state(Lang::En, 80, 24);
    conflicted(&mut s);
    let e = s.panes.cases.editor.as_ref().unwrap();
    assert!(e.text().ends_with("Monday. Confirmado."));
    assert_eq!(e.conflict.as_ref().unwrap().version, 2);
    let d = s.panes.cases.detail.as_ref().unwrap();
    assert!(
        d.notes[1].body.contains("confirmed by phone"),
        "the timeline shows theirs"
    );
    // Saving now builds on their version: nothing is overwritten blindly.
    let mut again = s.clone();
    match writes(&ctrl(&mut again, 's')).as_slice() {
        [fwc::app::effect::WriteOp::EditNote { edit, .. }] => assert_eq!(edit.version, 2),
        other => panic!("{other:?}"),
    }
    // Or the user's text becomes a note of its own.
    match writes(&ctrl(&mut s, 'o')).as_slice() {
        [fwc::app::effect::WriteOp::AddNote { note, .. }] => {
            assert!(note.body.ends_with("Confirmado."))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_the_author_may_edit() {
    let mut s = cases_state(Lang::En, 80, 24);
    open_case(&mut s);
    update(&mut s, Action::EditNote); // note 3 is John's
    assert!(s.panes.cases.editor.is_none());
}

#[test]
fn a_trace_row_is_added_to_a_case_with_the_fuzzy_picker() {
    let mut s = cases_state(Lang::En, 80, 24);
    update(&mut s, Action::Pane2);
    let fx = update(&mut s, Action::AssignCase);
    let page = Page {
        items: vec![case(1, 0), case(2, 0)],
        next_cursor: None,
    };
    answer(&mut s, &fx, Slot::CasePicker, Data::Cases(page));
    for c in "0002".chars() {
        update(&mut s, Action::Char(c));
    }
    let fx = update(&mut s, Action::Open);
    match writes(&fx).as_slice() {
        [fwc::app::effect::WriteOp::AddLink { case_id, link }] => {
            assert_eq!(case_id, "CS-2026-0002");
            assert_eq!(link.kind, EntityKind::Trace);
            assert_eq!(Some(&link.id), s.panes.trace.current().map(|t| &t.id));
        }
        other => panic!("{other:?}"),
    }
}

/// A paste with decomposed accents and a tab: what goes out is what comes back (every console
/// shows notes NFC-normalised), so the confirmed note replaces its "sending…" line instead of
/// showing twice.
#[test]
fn a_pasted_note_is_confirmed_once_not_left_sending() {
    use fwc::model::text::Sanitize;
    let mut s = cases_state(Lang::Es, 160, 48);
    open_case(&mut s);
    update(&mut s, Action::WriteNote);
    update(
        &mut s,
        Action::Paste("Revisio\u{301}n\tconjunta en Nogales\n".into()),
    );
    let fx = ctrl(&mut s, 's');
    let body = match writes(&fx).as_slice() {
        [fwc::app::effect::WriteOp::AddNote { note, .. }] => note.body.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(body, "Revisión conjunta en Nogales");
    assert_eq!(s.panes.cases.outgoing.len(), 1);
    // The server stores the body as sent; this console reads it back sanitised.
    let mut posted = note(9, &body);
    posted.sanitize();
    update(
        &mut s,
        Action::Reply(Box::new(Reply::Wrote {
            key: "k".into(),
            result: Ok(Data::Note(posted)),
        })),
    );
    assert!(
        s.panes.cases.outgoing.is_empty(),
        "{:?}",
        s.panes.cases.outgoing
    );
    let screen = render(&s, &theme("dark"));
    assert_eq!(screen.matches("Revisión").count(), 1, "{screen}");
}
