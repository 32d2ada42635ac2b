//! Screens of the supervisor's tools on a case — the member picker, the removal question and
//! the audit trail — in both languages at 80×24 and 160×48, plus the keys' hint line.

use crate::support::ui::*;
use chrono::Duration;
use fwc::app::reply::Data;
use fwc::app::state::{Lang, State};
use fwc::app::{Action, update};
use fwc::model::*;

fn member(agency: &str, country: Country, user: Option<&str>) -> CaseMember {
    CaseMember {
        agency: agency.into(),
        country,
        user: user.map(Into::into),
    }
}

fn case() -> Case {
    Case {
        id: "CS-2026-0001".into(),
        title: "Corredor Tucson–Nogales, compras múltiples".into(),
        status: CaseStatus::Open,
        lead_agency: "FGR".into(),
        members: vec![
            member("FGR", Country::MX, None),
            member("HSI El Paso", Country::US, Some("Marcus Hale")),
        ],
        links: vec![],
        created_at: now() - Duration::days(40),
        last_activity: now() - Duration::hours(3),
        note_count: 0,
    }
}

/// A supervisor with one case open (no notes yet).
fn supervising(lang: Lang, w: u16, h: u16) -> State {
    let mut s = state(lang, w, h);
    if let Some(u) = s.session.user.as_mut() {
        u.role = Role::Supervisor;
    }
    let fx = update(&mut s, Action::Pane3);
    let page = Page {
        items: vec![case()],
        next_cursor: None,
    };
    answer(&mut s, &fx, fwc::app::panes::cases::LIST, Data::Cases(page));
    let fx = update(&mut s, Action::Open);
    answer(
        &mut s,
        &fx,
        fwc::app::panes::cases::NOTES,
        Data::Notes(Page {
            items: vec![],
            next_cursor: None,
        }),
    );
    s
}

fn snap(name: &str, setup: impl Fn(&mut State)) {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            let mut s = supervising(lang, w, h);
            setup(&mut s);
            insta::assert_snapshot!(
                format!("{name}_{lang:?}_{w}x{h}").to_lowercase(),
                render(&s, &theme("dark"))
            );
        }
    }
}

#[test]
fn adding_a_member_from_the_directory() {
    snap("member_add", |s| {
        let fx = update(s, Action::AddMember);
        let dir = vec![
            member("CBP Laredo", Country::US, None),
            member("FGR", Country::MX, None),
            member("HSI El Paso", Country::US, None),
            member("CBP Laredo", Country::US, Some("Tom Reyes")),
            member("FGR", Country::MX, Some("Lucía Herrera")),
            member("HSI El Paso", Country::US, Some("Marcus Hale")),
        ];
        answer(
            s,
            &fx,
            fwc::app::panes::cases::DIRECTORY,
            Data::Directory(dir),
        );
    });
}

#[test]
fn removing_a_member_is_confirmed() {
    snap("member_remove", |s| {
        update(s, Action::RemoveMember);
        update(s, Action::Down);
        update(s, Action::Open);
    });
}

#[test]
fn the_audit_trail() {
    snap("case_audit", |s| {
        let fx = update(s, Action::AuditTrail);
        let at = now() - Duration::minutes(30);
        let entry =
            |n: i64, user: Option<&str>, method: &str, tail: &str, status: u16| AuditEntry {
                id: n,
                at: at + Duration::seconds(n * 7),
                user: user.map(Into::into),
                method: method.into(),
                path: format!("/v1/cases/CS-2026-0001{tail}"),
                status,
                entity_id: Some("CS-2026-0001".into()),
                route: None,
                case_id: Some("CS-2026-0001".into()),
            };
        let trail = vec![
            entry(6, Some("Ana Ruiz"), "GET", "/audit", 200),
            entry(5, Some("rosa.mx"), "GET", "", 403),
            entry(4, Some("Marcus Hale"), "POST", "/notes", 201),
            entry(3, Some("Marcus Hale"), "GET", "/notes", 200),
            entry(2, Some("Ana Ruiz"), "DELETE", "/members", 200),
            entry(1, None, "GET", "", 401),
        ];
        answer(s, &fx, fwc::app::panes::cases::AUDIT, Data::Audit(trail));
    });
}

#[test]
fn the_supervisor_hint_names_the_member_and_audit_keys() {
    let s = supervising(Lang::En, 160, 48);
    let screen = render(&s, &theme("dark"));
    assert!(
        screen.contains("m/M add/remove member · T audit trail"),
        "{screen}"
    );
    let mut s = state(Lang::En, 160, 48);
    let fx = update(&mut s, Action::Pane3);
    let page = Page {
        items: vec![case()],
        next_cursor: None,
    };
    answer(&mut s, &fx, fwc::app::panes::cases::LIST, Data::Cases(page));
    update(&mut s, Action::Open);
    let screen = render(&s, &theme("dark"));
    assert!(!screen.contains("audit trail"), "{screen}");
}
