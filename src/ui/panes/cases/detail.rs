//! One case: members, linked evidence, and the notes timeline (oldest first, times in the local
//! time zone) with references highlighted. The note editor, when open, sits under the timeline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::panes::cases::CaseDetail;
use crate::app::panes::cases::notes::references;
use crate::app::state::State;
use crate::model::{EntityKind, Note, Prosecution, ProsecutionStage};
use crate::ui::fmt::{local_datetime, safe};
use crate::ui::i18n::tr;
use crate::ui::i18n::{case_status, entity, prosecution_stage};
use crate::ui::panes::cases::status_role;
use crate::ui::panes::frame_block;
use crate::ui::theme::{Role, Theme};

pub fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let Some(d) = &s.panes.cases.detail else {
        return;
    };
    let l = s.lang;
    let title = Line::from(vec![
        Span::styled(format!(" {} ", safe(&d.case.id)), th.style(Role::Title)),
        Span::styled(
            format!("· {} ", case_status(l, d.case.status)),
            th.style(status_role(d.case.status)),
        ),
        Span::styled(
            format!("· {} ", safe(&d.case.title)),
            th.style(Role::Header),
        ),
    ]);
    let block = frame_block(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (info_area, right) = if inner.width >= 110 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(38), Constraint::Min(40)])
            .spacing(2)
            .areas(inner);
        (a, b)
    } else {
        let info_h = (inner.height / 3).clamp(3, 8);
        let [a, b] =
            Layout::vertical([Constraint::Length(info_h), Constraint::Min(3)]).areas(inner);
        (a, b)
    };
    f.render_widget(
        Paragraph::new(info(s, d, th, inner.width >= 110)).wrap(Wrap { trim: false }),
        info_area,
    );
    let timeline_area = if s.panes.cases.editing() {
        let editor_h = (right.height / 2)
            .max(6)
            .min(right.height.saturating_sub(3));
        let [top, bottom] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(editor_h)]).areas(right);
        crate::ui::panes::cases::note_editor::draw(f, bottom, s, th);
        top
    } else {
        right
    };
    timeline(f, timeline_area, s, d, th);
}

/// Members by agency: `FGR (MX)` when the whole agency is a member (its named users add
/// nothing), else `HSI El Paso (US): Marcus Hale` for the named users alone.
fn members_line(case: &crate::model::Case) -> String {
    let mut agencies: Vec<(&str, &str)> = Vec::new();
    for m in &case.members {
        if !agencies.contains(&(m.agency.as_str(), m.country.as_str())) {
            agencies.push((&m.agency, m.country.as_str()));
        }
    }
    let parts: Vec<String> = agencies
        .iter()
        .map(|&(agency, country)| {
            let of = case
                .members
                .iter()
                .filter(|m| m.agency == agency && m.country.as_str() == country);
            let names: Option<Vec<String>> = of
                .map(|m| m.user.as_deref().map(|u| safe(u).into_owned()))
                .collect();
            match names {
                Some(names) => format!("{} ({country}): {}", safe(agency), names.join(", ")),
                None => format!("{} ({country})", safe(agency)),
            }
        })
        .collect();
    parts.join(", ")
}

fn info<'a>(s: &State, d: &'a CaseDetail, th: &Theme, wide: bool) -> Vec<Line<'a>> {
    let l = s.lang;
    let case = &d.case;
    let label = |m: &str| Span::styled(format!("{m}: "), th.style(Role::Muted));
    let mut lines = vec![Line::from(vec![
        label(&tr!(l, "case-col-lead")),
        Span::raw(safe(&case.lead_agency).into_owned()),
        Span::styled(
            format!(
                "  {} {}",
                tr!(l, "case-created"),
                local_datetime(case.created_at)
            ),
            th.style(Role::Muted),
        ),
    ])];
    lines.push(prosecution_line(s, &case.prosecution, th));
    if wide {
        lines.push(Line::styled(tr!(l, "case-members"), th.style(Role::Header)));
        for m in &case.members {
            let who = m.user.as_deref().map(|u| format!(" · {}", safe(u)));
            lines.push(Line::raw(format!(
                "  {} ({}){}",
                safe(&m.agency),
                m.country.as_str(),
                who.unwrap_or_default()
            )));
        }
        lines.push(Line::styled(
            tr!(l, "case-evidence"),
            th.style(Role::Header),
        ));
        if case.links.is_empty() {
            lines.push(Line::styled(
                format!("  {}", tr!(l, "case-no-links")),
                th.style(Role::Muted),
            ));
        }
        for link in &case.links {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<14} ", entity(l, link.kind)),
                    th.style(Role::Muted),
                ),
                Span::styled(safe(&link.id).into_owned(), th.style(Role::Accent)),
                Span::raw(format!("  {}", safe(&link.label))),
            ]));
        }
    } else {
        lines.push(Line::from(vec![
            label(&tr!(l, "case-members")),
            Span::raw(members_line(case)),
        ]));
        let mut spans = vec![label(&tr!(l, "case-evidence"))];
        if case.links.is_empty() {
            spans.push(Span::styled(tr!(l, "case-no-links"), th.style(Role::Muted)));
        }
        for kind in [
            EntityKind::Seizure,
            EntityKind::Firearm,
            EntityKind::Trace,
            EntityKind::Casing,
            EntityKind::Lead,
            EntityKind::Person,
            EntityKind::Dealer,
        ] {
            let ids: Vec<&str> = case
                .links
                .iter()
                .filter(|x| x.kind == kind)
                .map(|x| x.id.as_str())
                .collect();
            if ids.is_empty() {
                continue;
            }
            spans.push(Span::raw(format!("{} ", entity(l, kind))));
            spans.push(Span::styled(
                safe(&ids.join(" ")).into_owned(),
                th.style(Role::Accent),
            ));
            spans.push(Span::raw("  "));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// `Prosecution: charged · USAO Western District of Texas · 2026-03-01 · 4 defendants`.
fn prosecution_line<'a>(s: &State, p: &Prosecution, th: &Theme) -> Line<'a> {
    let l = s.lang;
    let role = match p.stage {
        ProsecutionStage::None => Role::Muted,
        ProsecutionStage::Referred => Role::Warn,
        ProsecutionStage::Charged => Role::Alert,
        ProsecutionStage::Resolved => Role::Ok,
    };
    let mut spans = vec![
        Span::styled(
            format!("{}: ", tr!(l, "case-prosecution")),
            th.style(Role::Muted),
        ),
        Span::styled(prosecution_stage(l, p.stage), th.style(role)),
    ];
    let mut rest: Vec<String> = Vec::new();
    if let Some(o) = &p.office {
        rest.push(safe(o).into_owned());
    }
    if let Some(d) = p.date {
        rest.push(d.to_string());
    }
    if let Some(n) = p.defendants {
        rest.push(tr!(l, "case-defendants", count = n));
    }
    if let Some(who) = &p.updated_by {
        rest.push(tr!(l, "case-stage-by", who = safe(who)));
    }
    for r in rest {
        spans.push(Span::raw(format!(" · {r}")));
    }
    Line::from(spans)
}

/// The notes, each a header line and its wrapped body; scrolled so the selected note shows.
fn timeline(f: &mut Frame, area: Rect, s: &State, d: &CaseDetail, th: &Theme) {
    let l = s.lang;
    let width = usize::from(area.width).max(10);
    let mut lines: Vec<Line> = vec![Line::styled(
        format!("{} ({})", tr!(l, "case-notes"), d.notes.len()),
        th.style(Role::Header),
    )];
    let mut selected_span = (0, 0);
    if d.notes.is_empty() {
        let m = if d.notes_loaded || !s.loading(crate::app::panes::cases::NOTES) {
            tr!(l, "case-no-notes")
        } else {
            tr!(l, "loading")
        };
        lines.push(Line::styled(format!("  {m}"), th.style(Role::Muted)));
    }
    let first_fresh = d.notes.len().saturating_sub(d.fresh);
    for (i, n) in d.notes.iter().enumerate() {
        let start = lines.len();
        lines.push(note_header(s, n, i == d.selected, i >= first_fresh, th));
        lines.extend(body_lines(&n.body, width.saturating_sub(2), th));
        if i == d.selected {
            selected_span = (start, lines.len());
        }
    }
    let case_id = &d.case.id;
    for o in s
        .panes
        .cases
        .outgoing
        .iter()
        .filter(|o| &o.case_id == case_id)
    {
        let who = s
            .session
            .user
            .as_ref()
            .map(|u| u.name.as_str())
            .unwrap_or("");
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", safe(who)), th.style(Role::Muted)),
            Span::styled(tr!(l, "case-sending"), th.style(Role::Warn)),
        ]));
        lines.extend(body_lines(&o.body, width.saturating_sub(2), th));
    }
    let height = usize::from(area.height);
    let (a, b) = selected_span;
    let scroll = if b <= height { 0 } else { (b - height).min(a) };
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    f.render_widget(Paragraph::new(shown), area);
}

fn note_header<'a>(s: &State, n: &'a Note, selected: bool, fresh: bool, th: &Theme) -> Line<'a> {
    let l = s.lang;
    let base = if selected {
        th.style(Role::Selection)
    } else {
        th.style(Role::Header)
    };
    let mut spans = vec![
        Span::styled(if selected { "▶ " } else { "  " }, base),
        Span::styled(local_datetime(n.created_at), base),
        Span::styled(
            format!("  {} · {}", safe(&n.author), safe(&n.author_agency)),
            base,
        ),
    ];
    if n.version > 1 {
        // Who wrote the current words, so a reader never takes an edit for the author's.
        let mark = match &n.edited_by {
            Some(by) => {
                let who = safe(by);
                tr!(l, "note-edited-by", who = &*who, version = n.version)
            }
            None => format!("{} v{}", tr!(l, "case-edited"), n.version),
        };
        spans.push(Span::styled(format!("  ({mark})"), th.style(Role::Muted)));
    }
    if fresh {
        spans.push(Span::styled(
            format!("  ● {}", tr!(l, "case-new")),
            th.style(Role::Alert),
        ));
    }
    Line::from(spans)
}

/// A note body wrapped at word boundaries to `width` cells, indented by two, references styled.
pub fn body_lines<'a>(body: &str, width: usize, th: &Theme) -> Vec<Line<'a>> {
    let accent = th.style(Role::Accent).add_modifier(Modifier::UNDERLINED);
    let mut out = Vec::new();
    for raw in body.lines() {
        let text = safe(raw).into_owned();
        let segs = segments(&text, accent);
        for row in wrap(segs, width.max(4)) {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(row.into_iter().map(|(t, st)| Span::styled(t, st)));
            out.push(Line::from(spans));
        }
    }
    out
}

/// Splits a line into words, spaces and references, each with its style.
fn segments(text: &str, accent: Style) -> Vec<(String, Style)> {
    let mut out = Vec::new();
    let mut pos = 0;
    let plain = |s: &str, out: &mut Vec<(String, Style)>| {
        let mut word = String::new();
        for ch in s.chars() {
            if ch == ' ' {
                if !word.is_empty() {
                    out.push((std::mem::take(&mut word), Style::default()));
                }
                out.push((" ".into(), Style::default()));
            } else {
                word.push(ch);
            }
        }
        if !word.is_empty() {
            out.push((word, Style::default()));
        }
    };
    for r in references(text) {
        plain(&text[pos..r.start], &mut out);
        out.push((text[r.start..r.end].to_string(), accent));
        pos = r.end;
    }
    plain(&text[pos..], &mut out);
    out
}

/// Greedy word wrap; a word wider than the line is split.
fn wrap(segs: Vec<(String, Style)>, width: usize) -> Vec<Vec<(String, Style)>> {
    let mut rows = vec![Vec::new()];
    let mut used = 0;
    for (text, st) in segs {
        let w = text.width();
        if used + w > width && used > 0 {
            rows.push(Vec::new());
            used = 0;
            if text == " " {
                continue;
            }
        }
        if w > width {
            let mut chunk = String::new();
            for ch in text.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                if used + cw > width {
                    if let Some(r) = rows.last_mut() {
                        r.push((std::mem::take(&mut chunk), st));
                    }
                    rows.push(Vec::new());
                    used = 0;
                }
                chunk.push(ch);
                used += cw;
            }
            if let Some(r) = rows.last_mut() {
                r.push((chunk, st));
            }
            continue;
        }
        if let Some(r) = rows.last_mut() {
            r.push((text, st));
        }
        used += w;
    }
    rows
}
