//! The seizure queue list: status counts, filter line, and only the visible rows.

mod detail;
pub mod import;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

use crate::app::panes::PaneId;
use crate::app::state::Lang;
use crate::app::state::State;
use crate::model::{SeizureSort, TriageStatus};
use crate::ui::fmt::{age, age_width, fit, local_date, safe};
use crate::ui::i18n::{hints, seizure_kind, term, tr, triage};
use crate::ui::panes::{PaneView, frame_block, hint, row_style, visible};
use crate::ui::theme::{Role, Theme};

pub const VIEW: PaneView = PaneView {
    id: PaneId::Queue,
    title: "tab-queue",
    draw,
};

fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    counts(f, head, s, th);
    if s.panes.queue.detail.is_some() {
        detail::draw(f, body, s, th);
        hint(f, foot, s, hints::SEIZURE, th);
    } else {
        list(f, body, s, th);
        hint(f, foot, s, hints::QUEUE, th);
    }
}

fn status_role(st: TriageStatus) -> Role {
    match st {
        TriageStatus::New => Role::Alert,
        TriageStatus::InReview => Role::Warn,
        TriageStatus::TracesRequested => Role::Accent,
        TriageStatus::Linked => Role::Ok,
        TriageStatus::Closed => Role::Muted,
    }
}

/// The counts by status and the total, each whole or not at all: at 80 columns in Spanish a
/// cut "cerrado 1020" would read "cerrado 1". Items that do not fit are left off from the end.
fn counts(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    const MARGIN: &str = " ";
    const SEP: &str = " · ";
    let l = s.lang;
    let mut spans = vec![Span::raw(MARGIN)];
    if let Some(stats) = &s.panes.queue.stats {
        let mut items: Vec<(String, Role)> = TriageStatus::ALL
            .iter()
            .map(|st| {
                let n = stats
                    .by_status
                    .iter()
                    .find(|c| c.status == *st)
                    .map_or(0, |c| c.count);
                (format!("{} {n}", triage(l, *st)), status_role(*st))
            })
            .collect();
        items.push((format!("{} {}", tr!(l, "total"), stats.total), Role::Header));
        let mut used = MARGIN.width();
        for (i, (text, role)) in items.into_iter().enumerate() {
            let lead = if i == 0 { 0 } else { SEP.width() };
            let w = text.width() + lead;
            if used + w > usize::from(area.width) {
                break;
            }
            if i > 0 {
                spans.push(Span::styled(SEP, th.style(Role::Muted)));
            }
            spans.push(Span::styled(text, th.style(role)));
            used += w;
        }
    } else if s.loading(crate::app::panes::queue::STATS) {
        spans.push(Span::styled(tr!(l, "loading"), th.style(Role::Muted)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status column: as wide as the language's longest triage status ("rastreos solicitados"),
/// so a status is never cut; at least 16 (its header).
fn status_width(l: Lang) -> usize {
    crate::model::TriageStatus::ALL
        .iter()
        .map(|t| unicode_width::UnicodeWidthStr::width(triage(l, *t).as_str()))
        .max()
        .unwrap_or(0)
        .clamp(16, 24)
}

/// The system's one-line summary of a seizure in the reader's language: its kind, how many
/// firearms, and how the load was carried and hidden (vocabulary terms, translated). The
/// record's own summary, in the language it was written in, is in the detail view.
pub fn gist(l: Lang, z: &crate::model::Seizure) -> String {
    let how: Vec<String> = [&z.conveyance, &z.concealment]
        .into_iter()
        .flatten()
        .map(|t| term(l, &safe(t)))
        .collect();
    let how = if how.is_empty() {
        String::new()
    } else {
        format!("; {}", how.join(", "))
    };
    tr!(
        l,
        "seizure-gist",
        kind = seizure_kind(l, z.kind),
        firearms = z.firearm_count(),
        how = how
    )
}

/// Columns that fit the width: narrow terminals drop agency and summary first.
fn columns(l: Lang, width: u16) -> (Vec<Constraint>, bool, bool) {
    let wide = width >= 110;
    let mut c = vec![
        Constraint::Length(1),
        Constraint::Length(10),
        Constraint::Length(status_width(l) as u16),
        Constraint::Length(10),
        Constraint::Length(age_width(l)),
        Constraint::Length(5),
        Constraint::Min(12),
    ];
    if wide {
        c.push(Constraint::Length(16));
        c.push(Constraint::Min(20));
    }
    (c, wide, wide)
}

fn list(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let l = s.lang;
    let q = &s.panes.queue;
    let sort = match q.sort {
        SeizureSort::Newest => tr!(l, "newest"),
        SeizureSort::Oldest => tr!(l, "oldest"),
    };
    let filter = if q.filter_text.is_empty() {
        tr!(l, "no-filter").to_string()
    } else {
        safe(&q.filter_text).into_owned()
    };
    let mut title = vec![
        Span::styled(format!(" {} ", tr!(l, "tab-queue")), th.style(Role::Title)),
        Span::styled(
            format!("· {sort} · {}: {filter} ", tr!(l, "filter")),
            th.style(Role::Muted),
        ),
    ];
    if !q.marked.is_empty() {
        title.push(Span::styled(
            format!("· {} {} ", q.marked.len(), tr!(l, "marked")),
            th.style(Role::Marked),
        ));
    }
    if s.loading(crate::app::panes::queue::LIST) {
        title.push(Span::styled(
            format!("· {} ", tr!(l, "loading")),
            th.style(Role::Muted),
        ));
    }
    let block = frame_block(Line::from(title), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if q.rows.is_empty() && q.loaded && !s.loading(crate::app::panes::queue::LIST) {
        f.render_widget(
            Paragraph::new(format!(" {}", tr!(l, "no-seizures"))).style(th.style(Role::Muted)),
            inner,
        );
        return;
    }
    let (widths, agency, summary) = columns(l, inner.width);
    let mut header = vec![
        String::new(),
        tr!(l, "col-id"),
        tr!(l, "col-status"),
        tr!(l, "col-date"),
        tr!(l, "col-age"),
        tr!(l, "col-guns"),
        tr!(l, "col-place"),
    ];
    if agency {
        header.push(tr!(l, "col-agency"));
    }
    if summary {
        header.push(tr!(l, "col-summary"));
    }
    let height = usize::from(inner.height.saturating_sub(1));
    let range = visible(q.list.offset, height, q.rows.len());
    let status_w = status_width(l);
    let rows: Vec<Row> = q.rows[range.clone()]
        .iter()
        .zip(range)
        .map(|(z, i)| {
            let mark = if q.marked.contains(&z.id) { "*" } else { " " };
            let mut cells = vec![
                Cell::from(Span::styled(mark, th.style(Role::Marked))),
                Cell::from(safe(&z.id).into_owned()),
                Cell::from(Span::styled(
                    fit(&triage(l, z.status), status_w),
                    th.style(status_role(z.status)),
                )),
                Cell::from(local_date(z.occurred_at)),
                Cell::from(age(l, s.now, z.occurred_at)),
                Cell::from(format!("{:>4}", z.firearm_count())),
                Cell::from(safe(&z.place()).into_owned()),
            ];
            if agency {
                cells.push(Cell::from(fit(&safe(&z.agency), 16)));
            }
            if summary {
                cells.push(Cell::from(gist(l, z)));
            }
            Row::new(cells).style(row_style(i, q.list.selected, th))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(th.style(Role::Header)))
        .column_spacing(1);
    f.render_widget(table, inner);
}

/// A toast of the Queue (its imports).
pub fn notice(l: Lang, n: &crate::app::panes::queue::QueueNotice) -> String {
    use crate::app::panes::queue::QueueNotice as N;
    match n {
        N::ImportBlocked { invalid_rows } => {
            tr!(l, "notice-import-blocked", count = *invalid_rows)
        }
        N::ImportEmpty => tr!(l, "notice-import-empty"),
        N::ImportBusy => tr!(l, "notice-import-busy"),
        N::Imported { created, existing } => tr!(
            l,
            "notice-imported",
            created = *created,
            existing = *existing
        ),
        N::ImportStopped { sent, refusal } => tr!(
            l,
            "notice-import-stopped",
            sent = *sent,
            reason = crate::ui::i18n::refusal(l, refusal)
        ),
    }
}
