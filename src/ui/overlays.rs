//! Overlays drawn over the panes, topmost last.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::fmt::safe;
use super::i18n::{action, tr, triage};
use super::theme::{Role, Theme};
use crate::app::overlay::{Confirm, Overlay, Picker, PromptFor};
use crate::app::state::State;
use crate::model::TriageStatus;

pub fn draw(f: &mut Frame, body: Rect, s: &State, th: &Theme) {
    for o in &s.overlays {
        match o {
            Overlay::Help { scroll } => help(f, body, s, th, *scroll),
            Overlay::Palette(p) => picker(f, body, s, th, &tr!(s.lang, "palette-title"), p, None),
            Overlay::CasePicker(p) => picker(f, body, s, th, &tr!(s.lang, "case-title"), p, None),
            Overlay::MemberPicker {
                case_id,
                add,
                picker: p,
            } => {
                let (title, note) = if *add {
                    ("member-add-title", Some(tr!(s.lang, "member-add-hint")))
                } else {
                    ("member-remove-title", None)
                };
                let title = tr!(s.lang, title, case = case_id);
                picker(f, body, s, th, &title, p, note.as_deref());
            }
            Overlay::WatchName(d) => super::alerts::name_prompt(f, body, s, th, d),
            Overlay::Inbox(v) => super::alerts::inbox(f, body, s, th, v),
            Overlay::Watches(v) => super::alerts::watches(f, body, s, th, v),
            Overlay::Audit(v) => super::panes::cases::audit::draw(f, body, s, th, v),
            Overlay::NoteHistory(v) => super::panes::cases::note_history::draw(f, body, s, th, v),
            Overlay::Confirm(Confirm::RemoveMember { case_id, member }) => {
                let who = crate::app::panes::cases::members::label(member);
                let q = tr!(
                    s.lang,
                    "member-confirm-remove",
                    member = safe(&who),
                    case = case_id
                );
                confirm(
                    f,
                    body,
                    th,
                    &tr!(s.lang, "confirm-title"),
                    &q,
                    &tr!(s.lang, "confirm-hint"),
                );
            }
            Overlay::Prompt(p) if p.purpose == PromptFor::Prosecution => {
                let case = s.panes.cases.stage_case.as_deref().unwrap_or_default();
                let title = tr!(s.lang, "prosecution-title", case = safe(case));
                let hint = tr!(s.lang, "prosecution-hint");
                prompt(f, body, th, &title, &p.input, &hint);
            }
            Overlay::Prompt(p) if p.purpose == PromptFor::ImportPath => {
                super::panes::queue::import::path_prompt(f, body, s, th, &p.input);
            }
            Overlay::Import(v) => super::panes::queue::import::overlay(f, body, s, th, v),
            Overlay::Prompt(p) if p.purpose == PromptFor::LeadComment => {
                let title = super::panes::ballistics_comment_title(s);
                let hint = super::panes::ballistics_comment_hint(s);
                prompt(f, body, th, &title, &p.input, &hint);
            }
            Overlay::Prompt(p) => {
                let (title, hint) = match p.purpose {
                    PromptFor::QueueFilter => ("filter-title", "filter-hint"),
                    PromptFor::TraceSearch => ("search-title", "search-hint"),
                    PromptFor::CaseTitle => ("new-case-title", "new-case-hint"),
                    PromptFor::CaseFilter => ("case-filter-title", "case-filter-hint"),
                    PromptFor::OutcomesFilter => ("outcomes-filter-title", "outcomes-filter-hint"),
                    // Drawn by the arms above, which name the lead or the case.
                    PromptFor::LeadComment | PromptFor::Prosecution | PromptFor::ImportPath => {
                        continue;
                    }
                };
                prompt(
                    f,
                    body,
                    th,
                    &tr!(s.lang, title),
                    &p.input,
                    &tr!(s.lang, hint),
                );
            }
            Overlay::Confirm(Confirm::SubmitTraces(reqs)) => {
                let q = tr!(
                    s.lang,
                    "confirm-submit",
                    count = reqs.len(),
                    code = &s.trace_defaults.crime_code,
                );
                confirm(
                    f,
                    body,
                    th,
                    &tr!(s.lang, "confirm-title"),
                    &q,
                    &tr!(s.lang, "confirm-hint"),
                );
            }
            Overlay::StatusPicker(p) => {
                let items: Vec<String> = TriageStatus::ALL
                    .iter()
                    .map(|st| triage(s.lang, *st))
                    .collect();
                let area = centered(body, 40, items.len() as u16 + 2);
                list_box(
                    f,
                    area,
                    th,
                    &tr!(s.lang, "status-title"),
                    &items,
                    p.selected,
                );
            }
        }
    }
}

/// A box of `width`×`height` centred in `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

pub fn boxed<'a>(title: &'a str, th: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(th.border_set())
        .border_style(th.style(Role::BorderFocus))
        .title(Span::styled(format!(" {title} "), th.style(Role::Title)))
        .style(th.style(Role::Base))
}

/// The help overlay is generated from the live keymap: what a key does is what it does.
/// Two columns when the list is taller than the screen and there is room side by side.
fn help(f: &mut Frame, body: Rect, s: &State, th: &Theme, scroll: usize) {
    let area = centered(
        body,
        body.width.saturating_sub(4).min(100),
        body.height.saturating_sub(2),
    );
    f.render_widget(Clear, area);
    let help_title = tr!(s.lang, "help-title");
    let block = boxed(&help_title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    // The keys in force here (this pane's, then global), one line per action in the order the
    // actions are declared.
    let mut here = super::panes::bindings_here(s);
    let order = |a: &crate::app::Action| {
        crate::app::Action::BINDABLE
            .iter()
            .position(|b| b == a)
            .unwrap_or(usize::MAX)
    };
    here.sort_by_key(|b| order(&b.action));
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < here.len() {
        let a = &here[i].action;
        let keys: Vec<String> = here[i..]
            .iter()
            .take_while(|b| &b.action == a)
            .map(|b| super::i18n::key_name(s.lang, &b.key))
            .collect();
        i += keys.len();
        entries.push((keys.join(", "), action(s.lang, a).unwrap_or_default()));
    }
    entries.extend(super::panes::cases::help_entries(s));
    // The key column is as wide as the widest key here; two columns only when every label
    // then fits whole (a Spanish label cut at 22 cells read as another word), else one
    // scrolling column.
    let head_key = tr!(s.lang, "help-key");
    let key_w = entries
        .iter()
        .map(|(k, _)| k.width())
        .chain([head_key.width()])
        .max()
        .unwrap_or(0)
        + 2;
    let label_w = entries.iter().map(|(_, a)| a.width()).max().unwrap_or(0);
    let rows = usize::from(inner.height.saturating_sub(1)).max(1);
    let half = usize::from(inner.width.saturating_sub(2)) / 2;
    let columns = if entries.len() > rows && key_w + label_w <= half {
        2
    } else {
        1
    };
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns])
        .spacing(2)
        .split(inner);
    let per_column = entries.len().div_ceil(columns);
    for (c, col_area) in areas.iter().enumerate() {
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{head_key:<key_w$}"), th.style(Role::Header)),
            Span::styled(tr!(s.lang, "help-action"), th.style(Role::Header)),
        ])];
        for (keys, label) in entries.iter().skip(c * per_column).take(per_column) {
            let pad = key_w.saturating_sub(keys.width());
            lines.push(Line::from(vec![
                Span::styled(format!("{keys}{}", " ".repeat(pad)), th.style(Role::Key)),
                Span::raw(label.as_str()),
            ]));
        }
        let scroll = scroll.min(lines.len().saturating_sub(1)) as u16;
        f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), *col_area);
    }
}

/// A fuzzy picker; `note` is an extra line under the key hint when the choice needs explaining.
fn picker(
    f: &mut Frame,
    body: Rect,
    s: &State,
    th: &Theme,
    title: &str,
    p: &Picker,
    note: Option<&str>,
) {
    let area = centered(body, 70, body.height.saturating_sub(4).min(20));
    f.render_widget(Clear, area);
    let block = boxed(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [input, hint, extra, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(note.is_some())),
        Constraint::Min(1),
    ])
    .areas(inner);
    if let Some(note) = note {
        f.render_widget(
            Paragraph::new(Span::styled(safe(note), th.style(Role::Muted))),
            extra,
        );
    }
    f.render_widget(
        Paragraph::new(format!("> {}▏", safe(&p.input))).style(th.style(Role::Input)),
        input,
    );
    f.render_widget(
        Paragraph::new(Span::styled(
            tr!(s.lang, "picker-hint"),
            th.style(Role::Muted),
        )),
        hint,
    );
    if p.loading {
        f.render_widget(
            Paragraph::new(tr!(s.lang, "loading")).style(th.style(Role::Muted)),
            list,
        );
        return;
    }
    if p.matches.is_empty() {
        f.render_widget(
            Paragraph::new(tr!(s.lang, "no-matches")).style(th.style(Role::Muted)),
            list,
        );
        return;
    }
    let height = usize::from(list.height);
    let offset = p.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = p
        .matches
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .filter_map(|(i, &idx)| {
            let item = p.items.get(idx)?;
            let style = if i == p.selected {
                th.style(Role::Selection)
            } else {
                ratatui::style::Style::default()
            };
            Some(Line::styled(format!(" {}", safe(&item.label)), style))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), list);
}

fn prompt(f: &mut Frame, body: Rect, th: &Theme, title: &str, input: &str, hint: &str) {
    let area = centered(body, body.width.saturating_sub(4).min(100), 4);
    f.render_widget(Clear, area);
    let block = boxed(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [i, h] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    f.render_widget(
        Paragraph::new(format!(
            "/ {}▏",
            tail(&safe(input), usize::from(i.width).saturating_sub(3))
        ))
        .style(th.style(Role::Input)),
        i,
    );
    // Whole examples only: a term cut in half (`des`) would read as another word.
    let mut shown = String::new();
    for word in hint.split(' ') {
        let next = if shown.is_empty() {
            word.to_string()
        } else {
            format!("{shown} {word}")
        };
        if next.width() > usize::from(h.width) {
            break;
        }
        shown = next;
    }
    f.render_widget(
        Paragraph::new(Span::styled(shown, th.style(Role::Muted))),
        h,
    );
}

/// The end of a text field's input when it is wider than the field, so the cursor and what is
/// being typed stay in view (a prefilled form is longer than an 80-column prompt).
fn tail(input: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = input.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width || width < 2 {
        return input.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the ellipsis
    for c in input.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

fn confirm(f: &mut Frame, body: Rect, th: &Theme, title: &str, question: &str, hint: &str) {
    let area = centered(body, 60, 6);
    f.render_widget(Clear, area);
    let block = boxed(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines = vec![
        Line::raw(question.to_string()),
        Line::raw(""),
        Line::styled(hint.to_string(), th.style(Role::Muted)),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

fn list_box(f: &mut Frame, area: Rect, th: &Theme, title: &str, items: &[String], selected: usize) {
    f.render_widget(Clear, area);
    let block = boxed(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let style = if i == selected {
                th.style(Role::Selection)
            } else {
                ratatui::style::Style::default()
            };
            Line::styled(format!(" {it}"), style)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tail_tests {
    #[test]
    fn a_long_input_shows_its_end() {
        assert_eq!(super::tail("stage:charged", 20), "stage:charged");
        assert_eq!(super::tail("stage:charged office:FGR", 11), "…office:FGR");
        assert_eq!(super::tail("office:FGR — FEMDO", 7), "… FEMDO");
    }
}
