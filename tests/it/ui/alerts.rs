//! The alert inbox (`!`), the watches list (`W`) and the watch name prompt (`w`) at 80×24, in
//! each language, with a hostile watch name that must reach the screen cleaned.

use crate::support::ui::*;
use chrono::Duration;
use fwc::app::state::{Lang, State};
use fwc::app::{Action, update};
use fwc::model::*;

fn alert(n: u32, read: bool) -> Alert {
    Alert {
        id: format!("AL-{n:07}"),
        watch_id: "WA-0000001".into(),
        watch_name: if n == 3 {
            "Laredo \u{1b}[2Jrifles".into()
        } else {
            "dealer 9-86-001-01-00042".into()
        },
        event_kind: EventKind::TraceCompleted,
        entity_id: format!("TR-2026-{n:07}"),
        case_id: None,
        at: now() - Duration::minutes(i64::from(10 - n)),
        summary: format!("Trace TR-2026-{n:07} completed: purchaser found"),
        read,
    }
}

fn watch(n: u32, kind: WatchKind, value: Option<&str>, paused: bool, fired: u64) -> Watch {
    Watch {
        id: format!("WA-{n:07}"),
        name: format!("{kind} watch {n}"),
        kind,
        value: value.map(str::to_string),
        filter: (kind == WatchKind::Seizures).then(|| SeizureFilter {
            port: Some("Laredo".into()),
            item: Some(ItemKind::Magazine),
            ..SeizureFilter::default()
        }),
        paused,
        created_at: now(),
        fired,
    }
}

fn snap(name: &str, lang: Lang, s: &State) {
    let screen = render(s, &theme("dark"));
    assert!(!screen.contains('\u{1b}'), "{screen}");
    insta::assert_snapshot!(format!("{name}_{lang:?}_80x24").to_lowercase(), screen);
}

#[test]
fn alert_inbox_newest_first_with_the_unread_count() {
    for lang in LANGS {
        let mut s = state(lang, 80, 24);
        update(&mut s, Action::Alerts);
        s.alerts.inbox = vec![alert(3, false), alert(2, false), alert(1, true)];
        s.alerts.unread = 2;
        update(&mut s, Action::Down);
        snap("alert_inbox", lang, &s);
    }
}

#[test]
fn watches_list() {
    for lang in LANGS {
        let mut s = state(lang, 80, 24);
        update(&mut s, Action::Watches);
        s.alerts.watches = vec![
            watch(3, WatchKind::Dealer, Some("9-86-001-01-00042"), false, 2),
            watch(2, WatchKind::Seizures, None, true, 0),
            watch(1, WatchKind::Serial, Some("*12?45*"), false, 1),
        ];
        snap("watches_list", lang, &s);
    }
}

#[test]
fn watch_name_prompt_on_a_completed_trace() {
    for lang in LANGS {
        let mut s = state(lang, 80, 24);
        update(&mut s, Action::Pane2);
        update(&mut s, Action::Watch);
        snap("watch_name", lang, &s);
    }
}

#[test]
fn unread_alerts_show_in_the_status_bar() {
    let mut s = state(Lang::En, 80, 24);
    let plain = render(&s, &theme("dark"));
    assert!(!plain.contains("alert"), "{plain}");
    s.alerts.unread = 3;
    let screen = render(&s, &theme("dark"));
    let bar = screen.lines().last().unwrap_or_default().to_string();
    assert!(bar.contains("! 3 alerts"), "{bar}");
}
