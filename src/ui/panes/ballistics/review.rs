//! "Correlations to review": the queue of casings whose ranked list awaits a technician (oldest
//! first, overdue past 48 hours in the alert role and with `!`, so it shows without colour
//! too), and one casing's ranked list with its scores, agreeing cells and false-match rates.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::app::panes::ballistics::review::{CORRELATIONS, OpenList, REVIEWS, ReviewState};
use crate::app::state::{Lang, State};
use crate::model::{CorrelationCandidate, REVIEW_DUE_HOURS, ReviewItem};
use crate::ui::fmt::{age, age_width, fit, safe};
use crate::ui::i18n::{lead_status, tr};
use crate::ui::panes::ballistics::status_role;
use crate::ui::panes::{frame_block, row_style, visible};
use crate::ui::theme::{Role, Theme};

/// The counts line above the queue or list.
pub fn counts(f: &mut Frame, area: Rect, s: &State, r: &ReviewState, th: &Theme) {
    let late = r.rows.iter().filter(|i| late(i, s.now)).count();
    let text = tr!(
        s.lang,
        "bal-review-counts",
        shown = r.rows.len(),
        overdue = late,
        hours = REVIEW_DUE_HOURS.to_string(),
    );
    super::counts_line(f, area, text, late, th);
}

/// "due in 5h" or "overdue by 3d", from the clock's due time.
fn clock(l: Lang, now: DateTime<Utc>, due: DateTime<Utc>) -> String {
    // `age(l, later, earlier)` words the time from `earlier` to `later`.
    if now > due {
        tr!(l, "bal-review-overdue-by", age = age(l, now, due))
    } else {
        tr!(l, "bal-review-due-in", age = age(l, due, now))
    }
}

/// Whether a queue row is overdue now (the server's flag is as of the fetch; the clock keeps
/// running on screen).
fn late(item: &ReviewItem, now: DateTime<Utc>) -> bool {
    item.overdue || now > item.due_at
}

pub fn draw(f: &mut Frame, area: Rect, s: &State, r: &ReviewState, th: &Theme) {
    match &r.open {
        Some(o) => list(f, area, s, o, th),
        None => queue(f, area, s, r, th),
    }
}

fn loading_span<'a>(s: &State, slot: crate::app::effect::Slot, th: &Theme) -> Option<Span<'a>> {
    s.loading(slot).then(|| {
        Span::styled(
            format!("· {} ", tr!(s.lang, "loading")),
            th.style(Role::Muted),
        )
    })
}

fn queue(f: &mut Frame, area: Rect, s: &State, r: &ReviewState, th: &Theme) {
    let l = s.lang;
    let mut title = vec![
        Span::styled(
            format!(" {} ", tr!(l, "bal-review-title")),
            th.style(Role::Title),
        ),
        Span::styled(
            format!("· {} ", tr!(l, "bal-by-age")),
            th.style(Role::Muted),
        ),
    ];
    title.extend(loading_span(s, REVIEWS, th));
    let block = frame_block(Line::from(title), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if r.rows.is_empty() && r.loaded && !s.loading(REVIEWS) {
        f.render_widget(
            Paragraph::new(format!(" {}", tr!(l, "bal-review-none"))).style(th.style(Role::Muted)),
            inner,
        );
        return;
    }
    let widths = [
        Constraint::Length(1),
        Constraint::Length(9),
        Constraint::Min(12),
        Constraint::Length(9),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(age_width(l)),
        Constraint::Length(16),
    ];
    let header = [
        String::new(),
        tr!(l, "bal-casing"),
        tr!(l, "bal-review-col-incident"),
        tr!(l, "bal-col-caliber"),
        tr!(l, "bal-review-col-candidates"),
        tr!(l, "bal-review-col-best"),
        tr!(l, "bal-col-age"),
        tr!(l, "bal-review-col-clock"),
    ];
    let height = usize::from(inner.height.saturating_sub(1));
    let range = visible(r.list.offset, height, r.rows.len());
    let rows: Vec<Row> = r.rows[range.clone()]
        .iter()
        .zip(range)
        .map(|(item, i)| {
            let late = late(item, s.now);
            let late_role = if late { Role::Alert } else { Role::Base };
            let best = item
                .best_score
                .map_or_else(|| "—".to_string(), |b| format!("{b:.3}"));
            Row::new(vec![
                Cell::from(Span::styled(
                    if late { "!" } else { " " },
                    th.style(late_role),
                )),
                Cell::from(safe(&item.casing_id).into_owned()),
                Cell::from(safe(&item.incident_id).into_owned()),
                Cell::from(fit(&safe(&item.caliber_class), 9)),
                Cell::from(format!("{:>3}", item.candidates)),
                Cell::from(best),
                Cell::from(age(l, s.now, item.acquired_at)),
                Cell::from(Span::styled(
                    clock(l, s.now, item.due_at),
                    th.style(if late { Role::Alert } else { Role::Muted }),
                )),
            ])
            .style(row_style(i, r.list.selected, th))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(th.style(Role::Header)))
        .column_spacing(1);
    f.render_widget(table, inner);
}

/// A false-match rate in a few cells: `3e-2`, `1e-5`; `—` when none was measured.
fn rate(c: &CorrelationCandidate) -> String {
    c.false_match_rate
        .map_or_else(|| "—".to_string(), |r| format!("{r:.0e}"))
}

fn cells(c: &CorrelationCandidate) -> String {
    match (c.agreeing_cells, c.usable_cells) {
        (Some(a), Some(u)) => format!("{a}/{u}"),
        _ => "—".to_string(),
    }
}

fn list(f: &mut Frame, area: Rect, s: &State, o: &OpenList, th: &Theme) {
    let l = s.lang;
    let mut title = vec![Span::styled(
        format!(" {} ", safe(&o.casing_id)),
        th.style(Role::Title),
    )];
    if let Some(list) = &o.list {
        title.push(Span::styled(
            format!("· {} ", safe(&list.incident_id)),
            th.style(Role::Muted),
        ));
        let late = list.overdue || (list.reviewed_at.is_none() && s.now > list.due_at);
        let when = match &list.reviewed_by {
            Some(by) => tr!(l, "bal-review-reviewed-by", user = safe(by)),
            None => clock(l, s.now, list.due_at),
        };
        let role = if late { Role::Alert } else { Role::Muted };
        let mark = if late { "! " } else { "" };
        title.push(Span::styled(format!("· {mark}{when} "), th.style(role)));
    }
    title.extend(loading_span(s, CORRELATIONS, th));
    let block = frame_block(Line::from(title), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(list) = &o.list else {
        return;
    };
    if list.candidates.is_empty() {
        f.render_widget(
            Paragraph::new(format!(" {}", tr!(l, "bal-review-empty"))).style(th.style(Role::Muted)),
            inner,
        );
        return;
    }
    let widths = [
        Constraint::Length(4),
        Constraint::Length(9),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Min(10),
    ];
    let header = [
        tr!(l, "bal-col-rank"),
        tr!(l, "bal-candidate"),
        tr!(l, "bal-col-score"),
        tr!(l, "bal-review-col-cells"),
        tr!(l, "bal-review-col-fmr"),
        tr!(l, "bal-review-col-rotation"),
        tr!(l, "bal-col-lead"),
    ];
    let height = usize::from(inner.height.saturating_sub(1));
    let range = visible(o.cursor.offset, height, list.candidates.len());
    let rows: Vec<Row> = list.candidates[range.clone()]
        .iter()
        .zip(range)
        .map(|(c, i)| {
            let lead = match (&c.lead_id, c.lead_status) {
                (Some(id), Some(st)) => Span::styled(
                    format!("{} {}", safe(id), lead_status(l, st)),
                    th.style(status_role(st)),
                ),
                _ => Span::styled("—", th.style(Role::Muted)),
            };
            Row::new(vec![
                Cell::from(format!("#{}", c.rank)),
                Cell::from(safe(&c.candidate_id).into_owned()),
                Cell::from(format!("{:.3}", c.scores.combined)),
                Cell::from(cells(c)),
                Cell::from(rate(c)),
                Cell::from(format!("{:.1}°", c.rotation_deg)),
                Cell::from(lead),
            ])
            .style(row_style(i, o.cursor.selected, th))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(th.style(Role::Header)))
        .column_spacing(1);
    f.render_widget(table, inner);
}
