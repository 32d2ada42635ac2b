//! Trace results: status and time-to-crime at a glance.

mod detail;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::app::panes::PaneId;
use crate::app::panes::trace::Listing;
use crate::app::state::State;
use crate::model::{Trace, TraceStatus};
use crate::ui::fmt::{fit, local_date, safe};
use crate::ui::i18n::{hints, tr, trace_status};
use crate::ui::panes::{PaneView, frame_block, hint, row_style, visible};
use crate::ui::theme::{Role, Theme};

pub const VIEW: PaneView = PaneView {
    id: PaneId::Trace,
    title: "tab-trace",
    draw,
};

fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let l = s.lang;
    let heading = match &s.panes.trace.listing {
        Listing::Recent => tr!(l, "recent").to_string(),
        Listing::Search(q) => tr!(l, "search-results", query = safe(q)),
        Listing::SamePurchaser(n) => tr!(l, "same-purchaser", name = safe(n)),
        Listing::SameDealer(n) => tr!(l, "same-dealer", name = safe(n)),
    };
    f.render_widget(
        Paragraph::new(Span::styled(format!(" {heading}"), th.style(Role::Header))),
        head,
    );
    if s.panes.trace.detail.is_some() {
        detail::draw(f, body, s, th);
        hint(f, foot, s, hints::TRACE_DETAIL, th);
    } else {
        list(f, body, s, th);
        hint(f, foot, s, hints::TRACE, th);
    }
}

pub fn status_role(st: TraceStatus) -> Role {
    match st {
        TraceStatus::Submitted => Role::Muted,
        TraceStatus::InProgress => Role::Warn,
        TraceStatus::Completed => Role::Ok,
        TraceStatus::NotTraceable => Role::Alert,
    }
}

fn ttc_cell<'a>(tr: &Trace, th: &Theme) -> Cell<'a> {
    match tr.time_to_crime_days {
        Some(d) if tr.short_ttc() => {
            Cell::from(Span::styled(format!("{d:>5}d!"), th.style(Role::Alert)))
        }
        Some(d) => Cell::from(format!("{d:>5}d")),
        None => Cell::from(""),
    }
}

fn list(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let l = s.lang;
    let tr = &s.panes.trace;
    let mut title = vec![Span::styled(
        format!(" {} ", tr!(l, "tab-trace")),
        th.style(Role::Title),
    )];
    title.push(Span::styled(
        format!("· {} ", tr.rows.len()),
        th.style(Role::Muted),
    ));
    if s.loading(crate::app::panes::trace::LIST) {
        title.push(Span::styled(
            format!("· {} ", tr!(l, "loading")),
            th.style(Role::Muted),
        ));
    }
    let block = frame_block(Line::from(title), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if tr.rows.is_empty() && !s.loading(crate::app::panes::trace::LIST) {
        let p = Paragraph::new(format!(" {}", tr!(l, "no-traces")))
            .wrap(ratatui::widgets::Wrap { trim: true });
        f.render_widget(p.style(th.style(Role::Muted)), inner);
        return;
    }
    let wide = inner.width >= 110;
    let mut widths = vec![
        Constraint::Length(15),
        Constraint::Length(12),
        Constraint::Min(14),
        Constraint::Length(9),
        Constraint::Length(13),
        Constraint::Length(7),
    ];
    let mut header = vec![
        tr!(l, "col-id"),
        tr!(l, "col-serial"),
        tr!(l, "col-firearm"),
        tr!(l, "col-caliber"),
        tr!(l, "col-status"),
        tr!(l, "col-ttc"),
    ];
    if wide {
        widths.push(Constraint::Length(10));
        header.push(tr!(l, "col-submitted"));
        widths.push(Constraint::Min(16));
        header.push(tr!(l, "recovery"));
    }
    let height = usize::from(inner.height.saturating_sub(1));
    let range = visible(tr.list.offset, height, tr.rows.len());
    let rows: Vec<Row> = tr.rows[range.clone()]
        .iter()
        .zip(range)
        .map(|(x, i)| {
            let mut cells = vec![
                Cell::from(safe(&x.id).into_owned()),
                Cell::from(Span::styled(
                    fit(&safe(&x.serial), 12),
                    th.style(Role::Accent),
                )),
                Cell::from(format!("{} {}", safe(&x.make), safe(&x.model))),
                Cell::from(fit(&safe(&x.caliber), 9)),
                Cell::from(Span::styled(
                    trace_status(l, x.status),
                    th.style(status_role(x.status)),
                )),
                ttc_cell(x, th),
            ];
            if wide {
                cells.push(Cell::from(local_date(x.submitted_at)));
                cells.push(Cell::from(safe(&x.recovery_place).into_owned()));
            }
            Row::new(cells).style(row_style(i, tr.list.selected, th))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(th.style(Role::Header)))
        .column_spacing(1);
    f.render_widget(table, inner);
}
