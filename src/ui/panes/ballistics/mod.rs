//! The ballistic lead queue: what awaits review, best score or oldest first, overdue leads
//! marked with `!` and the alert role so they stand out with and without colour.

pub mod casing_view;
pub mod detail;
mod notices;
pub mod review;

pub use notices::notice;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::app::panes::PaneId;
use crate::app::panes::ballistics::overdue;
use crate::app::state::Lang;
use crate::app::state::State;
use crate::model::{LEAD_OVERDUE_HOURS, LeadSort, LeadStatus};
use crate::ui::fmt::{age, age_width, fit, safe};
use crate::ui::i18n::{hints, lead_status, tr};
use crate::ui::panes::{PaneView, frame_block, hint, row_style, visible};
use crate::ui::theme::{Role, Theme};

pub const VIEW: PaneView = PaneView {
    id: PaneId::Ballistics,
    title: "bal-tab",
    draw,
};

fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let bs = &s.panes.ballistics;
    match &bs.review {
        Some(r) => review::counts(f, head, s, r, th),
        None => counts(f, head, s, th),
    }
    if bs.detail.is_some() {
        detail::draw(f, body, s, th);
        let pair = bs.review.is_some();
        hint(
            f,
            foot,
            s,
            if pair {
                hints::REVIEW_PAIR
            } else {
                hints::COMPARISON
            },
            th,
        );
    } else if let Some(r) = &bs.review {
        review::draw(f, body, s, r, th);
        let keys = if r.open.is_some() {
            hints::CORRELATIONS
        } else {
            hints::REVIEWS
        };
        hint(f, foot, s, keys, th);
    } else {
        list(f, body, s, th);
        hint(f, foot, s, hints::LEADS, th);
    }
}

pub(super) fn status_role(st: LeadStatus) -> Role {
    match st {
        LeadStatus::Pending => Role::Warn,
        LeadStatus::Confirmed => Role::Ok,
        LeadStatus::Excluded => Role::Muted,
        LeadStatus::Inconclusive => Role::Accent,
    }
}

fn counts(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let rows = &s.panes.ballistics.rows;
    let late = rows.iter().filter(|l| overdue(l, s.now)).count();
    let text = tr!(
        s.lang,
        "bal-counts",
        shown = rows.len(),
        overdue = late,
        hours = LEAD_OVERDUE_HOURS.to_string(),
    );
    counts_line(f, area, text, late, th);
}

/// A counts line above a queue: in the alert style while anything in it is overdue.
pub(super) fn counts_line(f: &mut Frame, area: Rect, text: String, late: usize, th: &Theme) {
    let role = if late > 0 { Role::Alert } else { Role::Muted };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(" "),
            Span::styled(text, th.style(role)),
        ])),
        area,
    );
}

const STATUS_W: usize = 14;

fn columns(l: Lang, width: u16) -> (Vec<Constraint>, bool) {
    let wide = width >= 110;
    let mut c = vec![
        Constraint::Length(1),
        Constraint::Length(9),
        Constraint::Length(21),
        Constraint::Length(9),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(age_width(l)),
        Constraint::Length(STATUS_W as u16),
    ];
    if wide {
        c.push(Constraint::Length(8));
        c.push(Constraint::Min(16));
    }
    (c, wide)
}

fn title<'a>(s: &State, th: &Theme) -> Line<'a> {
    let l = s.lang;
    let bs = &s.panes.ballistics;
    let sort = match bs.sort {
        LeadSort::Score => tr!(l, "bal-by-score"),
        LeadSort::Age => tr!(l, "bal-by-age"),
    };
    let which = if bs.all {
        tr!(l, "bal-all-leads")
    } else {
        tr!(l, "bal-pending-only")
    };
    let mut spans = vec![
        Span::styled(
            format!(" {} ", tr!(l, "bal-leads-title")),
            th.style(Role::Title),
        ),
        Span::styled(format!("· {which} · {sort} "), th.style(Role::Muted)),
    ];
    if s.loading(crate::app::panes::ballistics::LIST) {
        spans.push(Span::styled(
            format!("· {} ", tr!(l, "loading")),
            th.style(Role::Muted),
        ));
    }
    Line::from(spans)
}

fn list(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let l = s.lang;
    let bs = &s.panes.ballistics;
    let block = frame_block(title(s, th), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if bs.rows.is_empty() && bs.loaded && !s.loading(crate::app::panes::ballistics::LIST) {
        f.render_widget(
            Paragraph::new(format!(" {}", tr!(l, "bal-no-leads"))).style(th.style(Role::Muted)),
            inner,
        );
        return;
    }
    let (widths, wide) = columns(l, inner.width);
    let mut header = vec![
        String::new(),
        tr!(l, "bal-col-lead"),
        tr!(l, "bal-col-casings"),
        tr!(l, "bal-col-caliber"),
        tr!(l, "bal-col-score"),
        tr!(l, "bal-col-rank"),
        tr!(l, "bal-col-age"),
        tr!(l, "bal-col-status"),
    ];
    if wide {
        header.push(String::new());
        header.push(tr!(l, "bal-col-decided-by"));
    }
    let height = usize::from(inner.height.saturating_sub(1));
    let range = visible(bs.list.offset, height, bs.rows.len());
    let rows: Vec<Row> = bs.rows[range.clone()]
        .iter()
        .zip(range)
        .map(|(lead, i)| {
            let late = overdue(lead, s.now);
            let late_role = if late { Role::Alert } else { Role::Base };
            let mut cells = vec![
                Cell::from(Span::styled(
                    if late { "!" } else { " " },
                    th.style(late_role),
                )),
                Cell::from(safe(&lead.id).into_owned()),
                Cell::from(format!(
                    "{} ↔ {}",
                    safe(&lead.casing_id),
                    safe(&lead.candidate_id)
                )),
                Cell::from(fit(&safe(&lead.caliber_class), 9)),
                Cell::from(format!("{:.3}", lead.scores.combined)),
                Cell::from(format!("#{}", lead.rank)),
                Cell::from(Span::styled(
                    age(l, s.now, lead.created_at),
                    th.style(late_role),
                )),
                Cell::from(Span::styled(
                    fit(&lead_status(l, lead.status), STATUS_W),
                    th.style(status_role(lead.status)),
                )),
            ];
            if wide {
                let mark = if late {
                    tr!(l, "bal-overdue")
                } else {
                    String::new()
                };
                cells.push(Cell::from(Span::styled(mark, th.style(Role::Alert))));
                let by = lead.decided_by.as_deref().map(safe).unwrap_or_default();
                cells.push(Cell::from(by.into_owned()));
            }
            Row::new(cells).style(row_style(i, bs.list.selected, th))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(th.style(Role::Header)))
        .column_spacing(1);
    f.render_widget(table, inner);
}
