//! Screens of the slow-link profile (`--link slow`, issue 15 item 3) at 80×24: ASCII borders
//! instead of box characters, no clock, compact hint lines, `slow link` on the status bar, and
//! at most 16 colours.

use crate::support::ui::*;
use fwc::app::link::{LinkMode, LinkProfile};
use fwc::app::state::{Lang, State};
use fwc::app::{Action, update};
use fwc::ui::theme::Themes;
use ratatui::style::Color;

/// The fixture console on a slow link.
pub fn slow(lang: Lang) -> State {
    let mut s = state(lang, 80, 24);
    s.link = LinkProfile::new(LinkMode::Slow);
    s
}

/// The screen as the console draws it: with the theme the link profile picks.
pub fn render_slow(s: &State) -> String {
    render(s, Themes::new(theme("dark")).pick(s))
}

#[test]
fn queue_and_trace_on_a_slow_link() {
    for lang in [Lang::En, Lang::Es] {
        let mut s = slow(lang);
        insta::assert_snapshot!(snap_name("slow_queue", &s), render_slow(&s));
        update(&mut s, Action::Pane2);
        insta::assert_snapshot!(snap_name("slow_trace", &s), render_slow(&s));
    }
}

#[test]
fn help_on_a_slow_link() {
    let mut s = slow(Lang::En);
    update(&mut s, Action::Help);
    insta::assert_snapshot!(snap_name("slow_help", &s), render_slow(&s));
}

#[test]
fn the_slow_screen_has_no_box_characters_no_clock_and_says_why() {
    for lang in [Lang::En, Lang::Es] {
        let s = slow(lang);
        let screen = render_slow(&s);
        assert!(!screen.contains(['─', '│', '┌', '┐', '└', '┘']), "{screen}");
        let status = screen.lines().nth(23).unwrap_or_default();
        let word = if lang == Lang::En {
            "slow link"
        } else {
            "enlace lento"
        };
        assert!(status.contains(word), "{status}");
        let mut fast = s.clone();
        fast.link = LinkProfile::new(LinkMode::Fast);
        let fast_screen = render(&fast, &theme("dark"));
        assert!(fast_screen.contains('│') && !fast_screen.contains(word));
        let tabs = |s: &str| s.lines().next().unwrap_or_default().to_string();
        assert!(tabs(&fast_screen).contains("hh:mm"));
        assert!(
            !tabs(&screen).contains("hh:mm"),
            "no clock: {}",
            tabs(&screen)
        );
    }
}

#[test]
fn the_slow_theme_uses_16_colours_at_most() {
    let s = slow(Lang::En);
    let th = Themes::new(theme("dark"));
    let buf = buffer(&s, th.pick(&s));
    for cell in buf.content() {
        for c in [cell.fg, cell.bg] {
            assert!(
                !matches!(c, Color::Rgb(..)) && !matches!(c, Color::Indexed(i) if i >= 16),
                "{c:?}"
            );
        }
    }
}
