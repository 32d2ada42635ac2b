//! The alert inbox (`!`), the watches list (`W`) and the watch name prompt (`w`). Every string
//! from the server (names, summaries, ids) goes through `safe` before it reaches the terminal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthStr;

use super::fmt::{local_time, safe};
use super::i18n::tr;
use super::overlays::{boxed, centered};
use super::theme::{Role, Theme};
use crate::app::alerts::{ListView, WatchDraft, filter_words};
use crate::app::state::State;
use crate::model::Watch;

/// Cuts `text` to `width` columns, with `…` when it was longer.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A list box's words: its title, what an empty list says, the hint line.
struct Texts {
    title: String,
    empty: String,
    hint: String,
}

/// A list in a centred box: rows (with their role), the selected one highlighted and kept in
/// view, a hint line at the bottom.
fn list(
    f: &mut Frame,
    body: Rect,
    th: &Theme,
    t: &Texts,
    rows: Vec<(String, Role)>,
    selected: usize,
) {
    let (title, empty, hint) = (t.title.as_str(), t.empty.as_str(), t.hint.as_str());
    let area = centered(
        body,
        body.width.saturating_sub(4).min(100),
        body.height.saturating_sub(2),
    );
    f.render_widget(Clear, area);
    let block = boxed(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [l, h] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let height = usize::from(l.height).max(1);
    let first = selected.saturating_sub(height - 1);
    let width = usize::from(l.width).saturating_sub(1);
    let lines: Vec<Line> = if rows.is_empty() {
        vec![Line::styled(format!(" {empty}"), th.style(Role::Muted))]
    } else {
        rows.into_iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, (text, role))| {
                let style = if i == selected {
                    th.style(Role::Selection)
                } else {
                    th.style(role)
                };
                Line::styled(format!(" {}", fit(&text, width)), style)
            })
            .collect()
    };
    f.render_widget(Paragraph::new(lines), l);
    f.render_widget(
        Paragraph::new(Span::styled(
            fit(hint, usize::from(h.width)),
            th.style(Role::Muted),
        )),
        h,
    );
}

/// Newest first: unread marked `●`, then when, which watch, and what happened.
pub fn inbox(f: &mut Frame, body: Rect, s: &State, th: &Theme, v: &ListView) {
    let l = s.lang;
    let rows = s
        .alerts
        .inbox
        .iter()
        .map(|a| {
            let (mark, role) = if a.read {
                (" ", Role::Muted)
            } else {
                ("●", Role::Alert)
            };
            let text = format!(
                "{mark} {}  {}  {}",
                local_time(a.at),
                safe(&a.watch_name),
                safe(&a.summary)
            );
            (text, role)
        })
        .collect();
    let t = Texts {
        title: tr!(l, "alerts-title", count = s.alerts.unread),
        empty: tr!(l, "alerts-empty"),
        hint: tr!(l, "alerts-hint"),
    };
    list(f, body, th, &t, rows, v.selected);
}

fn watch_line(s: &State, w: &Watch) -> String {
    let what = match (&w.value, &w.filter) {
        (Some(v), _) => safe(v).into_owned(),
        (None, Some(f)) => safe(&filter_words(f)).into_owned(),
        (None, None) => String::new(),
    };
    let state = if w.paused {
        format!("  [{}]", tr!(s.lang, "watch-paused"))
    } else {
        String::new()
    };
    format!(
        "{}  {} {what}  ·  {}{state}",
        safe(&w.name),
        w.kind,
        tr!(s.lang, "watch-fired", count = w.fired)
    )
}

/// The user's watches: name, what, how often it fired, paused or not.
pub fn watches(f: &mut Frame, body: Rect, s: &State, th: &Theme, v: &ListView) {
    let l = s.lang;
    let rows = s
        .alerts
        .watches
        .iter()
        .map(|w| {
            let role = if w.paused { Role::Muted } else { Role::Base };
            (watch_line(s, w), role)
        })
        .collect();
    let t = Texts {
        title: tr!(l, "watches-title", count = s.alerts.watches.len()),
        empty: tr!(l, "watches-empty"),
        hint: tr!(l, "watches-hint"),
    };
    list(f, body, th, &t, rows, v.selected);
}

/// What is watched (Tab for the record's other choices) and the name, in a one-line text field.
pub fn name_prompt(f: &mut Frame, body: Rect, s: &State, th: &Theme, d: &WatchDraft) {
    let l = s.lang;
    let area = centered(body, body.width.saturating_sub(4).min(80), 6);
    f.render_widget(Clear, area);
    let title = if d.rename.is_some() {
        tr!(l, "watch-rename-title")
    } else {
        tr!(l, "watch-new-title")
    };
    let block = boxed(&title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [what, label, field, hint] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
    if let Some(t) = d.target() {
        let text = tr!(
            l,
            "watch-what",
            what = safe(&t.describe()),
            n = d.chosen + 1,
            of = d.targets.len()
        );
        f.render_widget(Paragraph::new(fit(&text, usize::from(what.width))), what);
    }
    f.render_widget(
        Paragraph::new(Span::styled(tr!(l, "watch-name"), th.style(Role::Muted))),
        label,
    );
    let mut input = TextArea::new(vec![safe(&d.name).into_owned()]);
    input.set_style(th.style(Role::Input));
    input.set_cursor_line_style(Style::default());
    input.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    input.move_cursor(CursorMove::End);
    f.render_widget(&input, field);
    let hint_key = if d.rename.is_some() {
        "watch-rename-hint"
    } else {
        "watch-new-hint"
    };
    f.render_widget(
        Paragraph::new(Span::styled(
            fit(&tr!(l, hint_key), usize::from(hint.width)),
            th.style(Role::Muted),
        )),
        hint,
    );
}
