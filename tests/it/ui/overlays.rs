//! Screens of the overlays, the monochrome theme, and hostile record text.

use crate::support::ui::*;
use fwc::app::state::{Conn, Lang};
use fwc::app::{Action, update};
use ratatui::style::Modifier;

fn snap_with(name: &str, lang: Lang, w: u16, h: u16, th: &str, actions: &[Action]) {
    let mut s = state(lang, w, h);
    for a in actions {
        update(&mut s, a.clone());
    }
    insta::assert_snapshot!(
        format!("{name}_{lang:?}_{w}x{h}").to_lowercase(),
        render(&s, &theme(th))
    );
}

fn all_sizes(name: &str, actions: &[Action]) {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            snap_with(name, lang, w, h, "dark", actions);
        }
    }
}

#[test]
fn help_overlay() {
    all_sizes("help", &[Action::Help]);
}

#[test]
fn palette_overlay() {
    all_sizes(
        "palette",
        &[
            Action::Palette,
            Action::Char('s'),
            Action::Char('z'),
            Action::Char('1'),
            Action::Char('2'),
        ],
    );
}

#[test]
fn filter_prompt() {
    let typed: Vec<Action> = "status:new".chars().map(Action::Char).collect();
    all_sizes("filter", &[vec![Action::Filter], typed].concat());
}

#[test]
fn bulk_trace_confirmation() {
    all_sizes(
        "confirm",
        &[Action::Mark, Action::Mark, Action::SubmitTrace],
    );
}

#[test]
fn status_picker() {
    all_sizes("status_picker", &[Action::ChangeStatus, Action::Down]);
}

#[test]
fn mono_theme_keeps_selection_visible_without_colour() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            snap_with("mono_queue", lang, w, h, "mono", &[Action::Down]);
        }
    }
    let mut s = state(Lang::En, 80, 24);
    update(&mut s, Action::Down);
    let buf = buffer(&s, &theme("mono"));
    // Row 2 of the list (y = 5): reversed, with no colour at all.
    let cell = &buf[(3, 5)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert_eq!(cell.fg, ratatui::style::Color::Reset);
    assert_eq!(cell.bg, ratatui::style::Color::Reset);
}

#[test]
fn offline_without_cache_says_what_to_do() {
    for lang in [Lang::En, Lang::Es] {
        let mut s = state(lang, 80, 24);
        s.panes.queue.rows.clear();
        s.panes.queue.loaded = false;
        s.session.conn = Conn::Offline("connection refused".into());
        insta::assert_snapshot!(
            format!("offline_{lang:?}").to_lowercase(),
            render(&s, &theme("dark"))
        );
    }
}

/// A server that gave no answer has no reason to add: the headline is said once.
#[test]
fn offline_with_no_answer_says_it_once() {
    let mut s = state(Lang::En, 80, 24);
    s.panes.queue.rows.clear();
    s.panes.queue.loaded = false;
    s.session.conn = Conn::Offline(String::new());
    let screen = render(&s, &theme("dark"));
    assert_eq!(
        screen.matches("Cannot reach the server").count(),
        1,
        "{screen}"
    );
    assert!(screen.contains("Cannot reach the server at https://trace.example.org."));
}

#[test]
fn a_record_with_escape_sequences_is_shown_harmlessly() {
    let mut s = state(Lang::En, 200, 30);
    // As if a record reached the state without passing through the API client. The wide
    // list's summary column shows the record's conveyance (free text when not a known term).
    s.panes.queue.rows[0].conveyance =
        Some("pwned\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\u{202e}txet".into());
    s.panes.queue.rows[0].agency = "\u{1b}[31mRED\u{1b}[0m".into();
    assert_inert(&buffer(&s, &theme("dark")));
    let screen = render(&s, &theme("dark"));
    assert!(screen.contains("pwned[2J]52;c;ZXZpbA=="), "{screen}");
    assert!(screen.contains("[31mRED[0m"), "{screen}");
}
