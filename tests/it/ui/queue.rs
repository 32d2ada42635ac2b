//! Screens of the seizure queue pane, in both languages, at 80×24 and 160×48.

use crate::support::ui::*;
use fwc::app::state::Lang;
use fwc::app::{Action, update};

fn snap(name: &str, lang: Lang, w: u16, h: u16, setup: impl Fn(&mut fwc::app::State)) {
    let mut s = state(lang, w, h);
    setup(&mut s);
    insta::assert_snapshot!(
        format!("{name}_{lang:?}_{w}x{h}").to_lowercase(),
        render(&s, &theme("dark"))
    );
}

#[test]
fn queue_list() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            snap("queue_list", lang, w, h, |s| {
                update(s, Action::Down);
                update(s, Action::Mark);
            });
        }
    }
}

#[test]
fn queue_detail() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            snap("queue_detail", lang, w, h, |s| {
                update(s, Action::Bottom);
                update(s, Action::Top);
                update(s, Action::Down);
                update(s, Action::Down);
                update(s, Action::Open);
                let traces = vec![trace(3), trace(4)];
                if let Some(d) = s.panes.queue.detail.as_mut() {
                    d.traces = traces;
                    d.traces_loaded = true;
                }
            });
        }
    }
}

#[test]
fn scrolling_far_down_a_long_queue_shows_the_right_rows() {
    let mut s = state(Lang::En, 80, 24);
    s.panes.queue.rows = (1..=100_000).map(seizure).collect();
    update(&mut s, Action::Bottom);
    let screen = render(&s, &theme("dark"));
    assert!(screen.contains("SZ-100000"), "{screen}");
    assert!(!screen.contains("SZ-000001"));
}
