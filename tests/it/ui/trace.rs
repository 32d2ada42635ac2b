//! Screens of the trace lookup pane.

use crate::support::ui::*;
use fwc::app::state::Lang;
use fwc::app::{Action, update};

fn snap(name: &str, lang: Lang, w: u16, h: u16, setup: impl Fn(&mut fwc::app::State)) {
    let mut s = state(lang, w, h);
    update(&mut s, Action::Pane2);
    setup(&mut s);
    insta::assert_snapshot!(
        format!("{name}_{lang:?}_{w}x{h}").to_lowercase(),
        render(&s, &theme("dark"))
    );
}

#[test]
fn trace_list() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            snap("trace_list", lang, w, h, |_| {});
        }
    }
}

#[test]
fn trace_detail_with_chain_short_ttc_and_multiple_sale() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            // Row 4 is TR-2026-0000004: completed, 598 days to crime, a 3310.12 report.
            snap("trace_detail", lang, w, h, |s| {
                update(s, Action::Down);
                update(s, Action::Down);
                update(s, Action::Down);
                update(s, Action::Open);
            });
        }
    }
}

#[test]
fn not_traceable_trace_says_why() {
    let mut s = state(Lang::En, 80, 24);
    update(&mut s, Action::Pane2);
    update(&mut s, Action::Open); // row 1 completed; row 2 is not traceable
    update(&mut s, Action::Back);
    update(&mut s, Action::Down);
    update(&mut s, Action::Open);
    let screen = render(&s, &theme("dark"));
    assert!(screen.contains("obliterated serial"), "{screen}");
}
