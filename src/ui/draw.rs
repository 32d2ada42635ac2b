//! `draw()`: a pure function of the state. No I/O, no waiting, nothing changed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::chrome;
use super::fmt::safe;
use super::i18n::tr;
use super::overlays;
use super::panes::VIEWS;
use super::theme::{Role, Theme};
use crate::app::Action;
use crate::app::state::{Conn, State};

pub fn draw(f: &mut Frame, s: &State, th: &Theme) {
    // Signing in or locked: the gate alone, nothing of the records behind it.
    if let Some(g) = &s.gate {
        super::signin::draw(f, s, g, th);
        return;
    }
    let area = f.area();
    f.render_widget(Block::default().style(th.style(Role::Base)), area);
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::tab_bar(f, tabs, s, th);
    if !blocking_message(f, body, s, th)
        && let Some(view) = VIEWS.iter().find(|v| v.id == s.active)
    {
        (view.draw)(f, body, s, th);
    }
    overlays::draw(f, body, s, th);
    chrome::toasts(f, body, s, th);
    chrome::status_bar(f, status, s, th);
}

/// Rows a list pane shows on a terminal `height` rows tall: the screen minus the tab bar, the
/// status bar, the list's borders and header, and the hint line. The app learns it from here
/// (`Action::ListRows`) so paging and scrolling match what is drawn.
pub fn list_rows(height: u16) -> usize {
    usize::from(height).saturating_sub(7).max(1)
}

/// What the app must be told when the terminal is `width`×`height`.
pub fn resized(width: u16, height: u16) -> [Action; 2] {
    [
        Action::Resize(width, height),
        Action::ListRows(list_rows(height)),
    ]
}

/// With nothing to show (no cache, server unreachable, or sign-in refused), a clear screen
/// that says what happened and what to do, instead of an empty table.
fn blocking_message(f: &mut Frame, body: Rect, s: &State, th: &Theme) -> bool {
    let l = s.lang;
    let (headline, advice) = if let Some(e) = &s.session.auth_error {
        (
            tr!(l, "auth-failed", reason = safe(e)),
            tr!(l, "auth-what-to-do"),
        )
    } else if let Conn::Offline(why) = &s.session.conn
        && !s.panes.get(s.active).loaded()
    {
        let headline = tr!(l, "cannot-reach", server = safe(&s.session.server));
        let headline = if why.is_empty() {
            headline
        } else {
            format!("{headline} {}", safe(why))
        };
        (headline, tr!(l, "what-to-do"))
    } else {
        return false;
    };
    let area = overlays::centered(body, body.width.saturating_sub(4).min(90), 8);
    let lines = vec![
        Line::styled(headline, th.style(Role::Alert)),
        Line::raw(""),
        Line::raw(advice),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
    true
}
