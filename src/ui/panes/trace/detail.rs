//! One trace: the firearm, and its chain from maker to first purchaser as a timeline ending in
//! the recovery, with time-to-crime and multiple-sale reports flagged.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::state::State;
use crate::model::Trace;
use crate::ui::fmt::{local_datetime, safe};
use crate::ui::i18n::{priority, reason, role, tr, trace_status};
use crate::ui::panes::frame_block;
use crate::ui::panes::trace::status_role;
use crate::ui::theme::{Role, Theme};

pub fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let Some(tr) = &s.panes.trace.detail else {
        return;
    };
    let l = s.lang;
    let title = Line::from(vec![
        Span::styled(format!(" {} ", safe(&tr.id)), th.style(Role::Title)),
        Span::styled(
            format!("· {} ", trace_status(l, tr.status)),
            th.style(status_role(tr.status)),
        ),
    ]);
    let block = frame_block(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let scroll = (s.panes.trace.detail_scroll.min(u16::MAX as usize) as u16, 0);
    let compact = inner.height < 30;
    let p = Paragraph::new(lines(tr, s, th, compact))
        .wrap(Wrap { trim: false })
        .scroll(scroll);
    f.render_widget(p, inner);
}

/// `compact` drops the connector lines of the timeline so 80×24 shows the whole chain.
fn lines<'a>(tr: &Trace, s: &State, th: &Theme, compact: bool) -> Vec<Line<'a>> {
    let l = s.lang;
    let muted = th.style(Role::Muted);
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<17} "), muted),
            Span::raw(value),
        ])
    };
    let mut out = vec![
        Line::from(vec![
            Span::styled(safe(&tr.serial).into_owned(), th.style(Role::Accent)),
            Span::raw(format!(
                "  {} {} · {}",
                safe(&tr.make),
                safe(&tr.model),
                safe(&tr.caliber)
            )),
        ]),
        field(
            &tr!(l, "requesting-agency"),
            format!(
                "{} · {}",
                safe(&tr.requesting_agency),
                local_datetime(tr.submitted_at)
            ),
        ),
        field(
            &tr!(l, "priority"),
            format!(
                "{} · {} {}",
                priority(l, tr.priority),
                tr!(l, "crime-code"),
                safe(&tr.crime_code)
            ),
        ),
    ];
    if let Some(r) = tr.failure_reason {
        out.push(Line::from(vec![
            Span::styled(
                format!("{:<17} ", tr!(l, "not-traceable")),
                th.style(Role::Alert),
            ),
            Span::raw(reason(l, r)),
        ]));
    }
    if let Some(days) = tr.time_to_crime_days {
        let mut spans = vec![Span::styled(
            format!("{:<17} ", tr!(l, "time-to-crime")),
            muted,
        )];
        if tr.short_ttc() {
            spans.push(Span::styled(
                tr!(l, "days", days = days),
                th.style(Role::Alert),
            ));
            spans.push(Span::styled(
                format!("  {}", tr!(l, "short-ttc")),
                th.style(Role::Alert),
            ));
        } else {
            spans.push(Span::raw(tr!(l, "days", days = days)));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        tr!(l, "chain").to_string(),
        th.style(Role::Header),
    ));
    for (i, link) in tr.chain.iter().enumerate() {
        if i > 0 && !compact {
            out.push(Line::styled("  │", muted));
        }
        let date = link.date.map_or_else(|| " ".repeat(10), |d| d.to_string());
        let mut spans = vec![
            Span::styled("  ● ", th.style(Role::Title)),
            Span::styled(format!("{date}  "), muted),
            Span::styled(
                format!("{:<17}", role(l, link.role)),
                th.style(Role::Header),
            ),
            Span::raw(safe(&link.name).into_owned()),
        ];
        if let Some(loc) = &link.location {
            spans.push(Span::raw(format!(" ({})", safe(loc))));
        }
        if let Some(r) = &link.reference {
            spans.push(Span::styled(format!("  {}", safe(r)), muted));
        }
        out.push(Line::from(spans));
    }
    if !tr.chain.is_empty() && !compact {
        out.push(Line::styled("  ┆", muted));
    }
    out.push(Line::from(vec![
        Span::styled("  ✖ ", th.style(Role::Alert)),
        Span::styled(format!("{}  ", tr.recovery_date), muted),
        Span::styled(
            format!("{:<17}", tr!(l, "recovery")),
            th.style(Role::Header),
        ),
        Span::raw(safe(&tr.recovery_place).into_owned()),
    ]));
    out.push(Line::raw(""));
    out.push(Line::styled(
        tr!(l, "multiple-sales").to_string(),
        th.style(Role::Header),
    ));
    if tr.multiple_sales.is_empty() {
        out.push(Line::styled(
            format!("  {}", tr!(l, "no-multiple-sales")),
            muted,
        ));
    }
    for m in &tr.multiple_sales {
        out.push(Line::from(vec![
            Span::styled(format!("  ⚑ {} ", safe(&m.form)), th.style(Role::Warn)),
            Span::raw(format!(
                "{}  ×{}  FFL {}",
                m.date,
                m.count,
                safe(&m.dealer_license)
            )),
        ]));
    }
    out
}
