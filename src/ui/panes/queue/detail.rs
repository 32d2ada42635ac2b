//! One seizure: what was found, where, and what has been done with it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::state::State;
use crate::ui::fmt::{age, local_datetime, safe};
use crate::ui::i18n::{item_kind, seizure_kind, term, tr, trace_status, triage};
use crate::ui::panes::frame_block;
use crate::ui::theme::{Role, Theme};

pub fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let Some(d) = &s.panes.queue.detail else {
        return;
    };
    let l = s.lang;
    let z = &d.seizure;
    let title = Line::from(vec![
        Span::styled(format!(" {} ", safe(&z.id)), th.style(Role::Title)),
        Span::styled(
            format!("· {} ", triage(l, z.status)),
            th.style(Role::Header),
        ),
    ]);
    let block = frame_block(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);

    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{:<14}", tr!(l, label)), th.style(Role::Muted)),
            Span::raw(value),
        ])
    };
    let mut info = vec![
        field("kind", seizure_kind(l, z.kind).to_string()),
        field(
            "occurred",
            format!(
                "{} ({})",
                local_datetime(z.occurred_at),
                age(l, s.now, z.occurred_at)
            ),
        ),
        field(
            "place",
            format!("{} ({})", safe(&z.place()), z.country.as_str()),
        ),
        field("agency", safe(&z.agency).into_owned()),
    ];
    if let Some(c) = &z.conveyance {
        info.push(field("conveyance", term(l, &safe(c))));
    }
    if let Some(c) = &z.concealment {
        info.push(field("concealment", term(l, &safe(c))));
    }
    info.push(field("as-recorded", safe(&z.summary).into_owned()));
    info.push(Line::raw(""));
    let mut items = vec![Line::styled(tr!(l, "items"), th.style(Role::Header))];
    for it in &z.items {
        let mut spans = vec![
            Span::raw(format!(
                "  {:>3} × {:<11} ",
                it.quantity,
                item_kind(l, it.kind)
            )),
            Span::raw(safe(&it.description).into_owned()),
        ];
        if let Some(fa) = &it.firearm_id {
            spans.push(Span::styled(
                format!("  {}", safe(fa)),
                th.style(Role::Muted),
            ));
        }
        items.push(Line::from(spans));
    }

    let mut links = vec![Line::styled(
        tr!(l, "linked-traces"),
        th.style(Role::Header),
    )];
    if d.traces.is_empty() {
        let what = if d.traces_loaded || !s.loading(crate::app::panes::queue::DETAIL_TRACES) {
            "none-yet"
        } else {
            "loading"
        };
        links.push(Line::styled(
            format!("  {}", tr!(l, what)),
            th.style(Role::Muted),
        ));
    }
    for tr in &d.traces {
        let mut spans = vec![
            Span::raw(format!("  {}  ", safe(&tr.id))),
            Span::raw(format!("{:<14} ", trace_status(l, tr.status))),
            Span::styled(safe(&tr.serial).into_owned(), th.style(Role::Accent)),
        ];
        if let Some(days) = tr.time_to_crime_days {
            let role = if tr.short_ttc() {
                Role::Alert
            } else {
                Role::Muted
            };
            spans.push(Span::styled(
                format!("  {}", tr!(l, "ttc-days", days = days)),
                th.style(role),
            ));
        }
        links.push(Line::from(spans));
    }
    links.push(Line::raw(""));
    links.push(Line::styled(tr!(l, "linked-cases"), th.style(Role::Header)));
    if z.case_ids.is_empty() {
        links.push(Line::styled(
            format!("  {}", tr!(l, "none-yet")),
            th.style(Role::Muted),
        ));
    }
    for c in &z.case_ids {
        links.push(Line::raw(format!("  {}", safe(c))));
    }

    let scroll = (d.scroll.min(u16::MAX as usize) as u16, 0);
    if inner.width >= 110 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .spacing(2)
                .areas(inner);
        info.extend(items);
        f.render_widget(
            Paragraph::new(info)
                .wrap(Wrap { trim: false })
                .scroll(scroll),
            left,
        );
        f.render_widget(
            Paragraph::new(links)
                .wrap(Wrap { trim: false })
                .scroll(scroll),
            right,
        );
    } else {
        // Narrow: what has been done (traces, cases) before a possibly long inventory.
        info.extend(links);
        info.push(Line::raw(""));
        info.extend(items);
        f.render_widget(
            Paragraph::new(info)
                .wrap(Wrap { trim: false })
                .scroll(scroll),
            inner,
        );
    }
}
