//! The Outcomes pane: the three measures of success first (this window, the previous one, the
//! change and a monthly sparkline), a summary line, then the cartogram of the 32 states beside
//! the bars. Bars and sparklines are characters (`█▌`, `▁▂▃…`), so they draw in the mono theme
//! and at 80×24; wider screens add the monthly series.

mod cartogram;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::panes::PaneId;
use crate::app::panes::outcomes::bars::{Bar, Row, Section, Value};
use crate::app::panes::outcomes::{MEASURES, OutcomesNotice, OutcomesState};
use crate::app::state::{Lang, State};
use crate::model::{Measure, MonthCount};
use crate::ui::fmt::{fit, safe};
use crate::ui::i18n::{hints, tr};
use crate::ui::panes::{frame_block, hint, visible};
use crate::ui::theme::{Role, Theme};

pub const VIEW: crate::ui::panes::PaneView = crate::ui::panes::PaneView {
    id: PaneId::Outcomes,
    title: "tab-outcomes",
    draw,
};

fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let [body, foot] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let p = &s.panes.outcomes;
    let l = s.lang;
    let mut title = vec![Span::styled(
        format!(" {} ", tr!(l, "tab-outcomes")),
        th.style(Role::Title),
    )];
    if let Some(w) = p.traces.as_ref().map(|t| &t.window) {
        title.push(Span::styled(
            format!("· {} – {} ", w.from, w.to),
            th.style(Role::Header),
        ));
    }
    if !p.filter_text.is_empty() {
        title.push(Span::styled(
            format!(
                "· {} ",
                tr!(l, "case-filtered", filter = safe(&p.filter_text))
            ),
            th.style(Role::Accent),
        ));
    }
    if s.loading(MEASURES) {
        title.push(Span::styled(
            format!("· {} ", tr!(l, "loading")),
            th.style(Role::Muted),
        ));
    }
    let block = frame_block(Line::from(title), th);
    let inner = block.inner(body);
    f.render_widget(block, body);
    hint(f, foot, s, hints::OUTCOMES, th);
    if p.measures.is_none() && p.traces.is_none() {
        let m = if s.loading(MEASURES) {
            "loading"
        } else {
            "outcomes-none"
        };
        f.render_widget(
            Paragraph::new(format!(" {}", tr!(l, m))).style(th.style(Role::Muted)),
            inner,
        );
        return;
    }
    let wide = inner.height >= 30;
    let [cards, summary, rest] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(if wide { 5 } else { 2 }),
        Constraint::Min(3),
    ])
    .areas(inner);
    measure_cards(f, cards, p, l, th);
    let width = usize::from(summary.width);
    f.render_widget(
        Paragraph::new(summary_lines(p, l, th, wide, width)),
        summary,
    );
    // The whole map when the bars keep 30 columns, else half the width.
    let map_w = if rest.width >= cartogram::WIDTH + 31 {
        cartogram::WIDTH
    } else {
        rest.width / 2
    };
    let [map, list] = Layout::horizontal([Constraint::Length(map_w), Constraint::Min(20)])
        .spacing(1)
        .areas(rest);
    let rows = p.rows();
    let selected_state = match rows.get(p.selected) {
        Some(Row::Bar(Bar::MxState(code, _), _)) => Some(code.as_str()),
        _ => None,
    };
    if let Some(t) = &p.traces {
        let mut lines = vec![Line::styled(tr!(l, "outcomes-map"), th.style(Role::Header))];
        lines.extend(cartogram::lines(
            &t.by_mx_state,
            selected_state,
            &tr!(l, "outcomes-traces"),
            th,
        ));
        f.render_widget(Paragraph::new(lines), map);
    }
    bar_list(f, list, p, &rows, l, th);
}

/// A toast of the Outcomes pane.
pub fn notice(l: Lang, n: &OutcomesNotice) -> String {
    match n {
        OutcomesNotice::FilterInput(t) => tr!(l, "notice-outcomes-filter-input", term = t),
        OutcomesNotice::NoList => tr!(l, "notice-outcomes-no-list"),
    }
}

/// `▲ 12%` / `▼ 3%` / `=`: the change from the previous window.
fn change(l: Lang, m: &Measure) -> (String, Role) {
    let (c, p) = (m.current as f64, m.previous as f64);
    if m.current == m.previous {
        return ("=".into(), Role::Muted);
    }
    if m.previous == 0 {
        return (format!("▲ {}", tr!(l, "out-change-new")), Role::Ok);
    }
    let pct = ((c - p) / p * 100.0).round();
    if pct >= 0.0 {
        (format!("▲ {pct}%"), Role::Ok)
    } else {
        (format!("▼ {}%", -pct), Role::Alert)
    }
}

/// A sparkline of monthly counts, newest last, at most `width` months.
fn spark(trend: &[MonthCount], width: usize) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let tail = &trend[trend.len().saturating_sub(width)..];
    let max = tail.iter().map(|m| m.count).max().unwrap_or(0).max(1);
    tail.iter()
        .map(|m| TICKS[((m.count * 7) / max) as usize])
        .collect()
}

fn measure_cards(f: &mut Frame, area: Rect, p: &OutcomesState, l: Lang, th: &Theme) {
    let Some(m) = &p.measures else {
        return;
    };
    let cols = Layout::horizontal([Constraint::Ratio(1, 3); 3])
        .spacing(1)
        .split(area);
    for ((label, measure), col) in [
        ("outcomes-traced", &m.traced_to_purchaser),
        ("outcomes-indicted", &m.networks_indicted),
        ("outcomes-southbound", &m.southbound_seizures),
    ]
    .into_iter()
    .zip(cols.iter())
    {
        let (delta, role) = change(l, measure);
        let w = usize::from(col.width);
        // The full title, else its short form: a narrow card shows whole words, never a cut one.
        let title = [tr!(l, label), tr!(l, &format!("{label}-short"))];
        let lines = vec![
            Line::styled(fit(first_fitting(&title, w), w), th.style(Role::Header)),
            Line::from(vec![
                Span::styled(format!("{} ", measure.current), th.style(Role::Title)),
                Span::styled(format!("{delta} "), th.style(role)),
                Span::styled(
                    tr!(l, "outcomes-previous", count = measure.previous),
                    th.style(Role::Muted),
                ),
            ]),
            Line::styled(spark(&measure.trend, w), th.style(Role::Accent)),
        ];
        f.render_widget(Paragraph::new(lines), *col);
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The first of `texts` that fits `width` columns, else the last (the shortest form).
fn first_fitting(texts: &[String], width: usize) -> &str {
    texts
        .iter()
        .find(|t| t.width() <= width)
        .or(texts.last())
        .map_or("", String::as_str)
}

fn summary_lines(
    p: &OutcomesState,
    l: Lang,
    th: &Theme,
    wide: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(t) = &p.traces {
        let long = tr!(
            l,
            "outcomes-trace-summary",
            traces = t.traces,
            reached = pct(t.reached_share),
            sourced = pct(t.us_sourced_share),
            within1 = pct(t.time_to_crime.within_1y),
            within3 = pct(t.time_to_crime.within_3y)
        );
        let short = tr!(
            l,
            "outcomes-trace-summary-short",
            traces = t.traces,
            reached = pct(t.reached_share),
            sourced = pct(t.us_sourced_share)
        );
        out.push(Line::raw(first_fitting(&[long, short], width).to_string()));
    }
    if let Some(q) = &p.leads {
        let median = q
            .median_hours_to_decision
            .map_or("—".to_string(), |h| format!("{h:.0}"));
        let role = match q.median_hours_to_decision {
            Some(h) if h > f64::from(q.goal_hours) => Role::Alert,
            Some(_) => Role::Ok,
            None => Role::Muted,
        };
        let long = tr!(
            l,
            "outcomes-lead-summary",
            pending = q.pending,
            overdue = q.overdue,
            median = &median,
            goal = q.goal_hours
        );
        let short = tr!(
            l,
            "outcomes-lead-summary-short",
            pending = q.pending,
            overdue = q.overdue,
            median = &median
        );
        let text = first_fitting(&[long, short], width).to_string();
        out.push(Line::styled(text, th.style(role)));
    }
    if wide {
        if let Some(t) = &p.traces {
            let months: Vec<MonthCount> = t
                .per_month
                .iter()
                .map(|m| MonthCount {
                    month: m.month.clone(),
                    count: m.traces,
                })
                .collect();
            out.push(series_line(&tr!(l, "outcomes-traces-monthly"), &months, th));
        }
        if let Some(z) = &p.seizures {
            let months: Vec<MonthCount> = z
                .per_month
                .iter()
                .map(|m| MonthCount {
                    month: m.month.clone(),
                    count: m.seizures,
                })
                .collect();
            out.push(series_line(
                &tr!(l, "outcomes-southbound-monthly"),
                &months,
                th,
            ));
        }
    }
    out
}

fn series_line(label: &str, months: &[MonthCount], th: &Theme) -> Line<'static> {
    let first = months.first().map_or("", |m| m.month.as_str()).to_string();
    let last = months.last().map_or("", |m| m.month.as_str()).to_string();
    Line::from(vec![
        Span::styled(format!("{label}  {first} "), th.style(Role::Muted)),
        Span::styled(spark(months, 60), th.style(Role::Accent)),
        Span::styled(format!(" {last}"), th.style(Role::Muted)),
    ])
}

/// A section's title, or its short form (where the catalogue has one) when the full one does
/// not fit `width` columns.
fn section_title(l: Lang, s: Section, width: usize) -> String {
    let id = match s {
        Section::MxStates => "outcomes-by-mx-state",
        Section::UsStates => "outcomes-by-us-state",
        Section::Corridors => "outcomes-corridors",
        Section::Ports => "outcomes-ports",
        Section::Types => "outcomes-types",
        Section::Calibers => "outcomes-calibers",
        Section::TimeToCrime => "outcomes-ttc",
    };
    let short = format!("{id}-short");
    let mut forms = vec![tr!(l, id)];
    if crate::ui::i18n::has(l, &short) {
        forms.push(tr!(l, &short));
    }
    first_fitting(&forms, width).to_string()
}

fn bar_label(l: Lang, b: &Bar) -> String {
    match b {
        Bar::MxState(_, name) => safe(name).into_owned(),
        Bar::UsState(s) | Bar::Port(s) | Bar::Caliber(s) => safe(s).into_owned(),
        Bar::Corridor(from, to) => format!("{} → {}", safe(from), safe(to)),
        Bar::FirearmType(t) => crate::ui::i18n::firearm_type_word(l, t),
        Bar::Ttc(k) => tr!(l, "outcomes-ttc-bucket", years = safe(k)),
    }
}

/// A bar of `frac` (0–1) of `width` cells, in eighths.
fn bar(frac: f64, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (frac.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(PARTS[eighths % 8]);
    }
    s
}

fn bar_list(f: &mut Frame, area: Rect, p: &OutcomesState, rows: &[Row], l: Lang, th: &Theme) {
    let height = usize::from(area.height);
    // Keep the selection in view: the list scrolls by whole rows.
    let offset = if p.selected >= p.offset + height {
        p.selected + 1 - height
    } else {
        p.offset.min(p.selected)
    };
    // Each bar is drawn against the largest of its section, so the longest fills the width.
    let mut section_max = vec![0f64; rows.len()];
    let mut start = 0;
    for (i, row) in rows.iter().enumerate() {
        match row {
            Row::Header(_) => start = i,
            Row::Bar(_, v) => section_max[start] = section_max[start].max(v.share),
        }
    }
    let mut current = 0f64;
    for (i, row) in rows.iter().enumerate() {
        if matches!(row, Row::Header(_)) {
            current = section_max[i];
        }
        section_max[i] = current;
    }
    let num_w = 7;
    // As wide as the longest label shown (whole names: "Baja California Sur"), leaving the
    // bars at least 4 columns.
    let label_w = rows[visible(offset, height, rows.len())]
        .iter()
        .filter_map(|r| match r {
            Row::Bar(b, _) => Some(bar_label(l, b).width()),
            Row::Header(_) => None,
        })
        .max()
        .unwrap_or(0)
        .clamp(6, usize::from(area.width).saturating_sub(num_w + 11).max(6));
    let bar_w = usize::from(area.width)
        .saturating_sub(label_w + num_w + 7)
        .max(1);
    let lines: Vec<Line> = rows[visible(offset, height, rows.len())]
        .iter()
        .enumerate()
        .map(|(k, row)| (k, row, section_max[offset + k]))
        .map(|(k, row, most)| match row {
            Row::Header(sec) => Line::styled(
                section_title(l, *sec, usize::from(area.width)),
                th.style(Role::Header),
            ),
            Row::Bar(b, Value { count, share }) => {
                let style = if offset + k == p.selected {
                    th.style(Role::Selection)
                } else {
                    th.style(Role::Base)
                };
                Line::from(vec![
                    Span::styled(
                        format!(
                            "{:<label_w$} {count:>num_w$} ",
                            fit(&bar_label(l, b), label_w)
                        ),
                        style,
                    ),
                    Span::styled(
                        format!("{:<bar_w$}", bar(share / most.max(f64::EPSILON), bar_w)),
                        th.style(Role::Accent),
                    ),
                    Span::styled(format!(" {:>4}", pct(*share)), th.style(Role::Muted)),
                ])
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_sparklines_are_characters() {
        assert_eq!(bar(0.0, 10), "");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.5, 3), "█▌");
        let months = |v: &[u64]| -> Vec<MonthCount> {
            v.iter()
                .map(|&count| MonthCount {
                    month: "2026-01".into(),
                    count,
                })
                .collect()
        };
        assert_eq!(spark(&months(&[0, 7, 14]), 10), "▁▄█");
        assert_eq!(spark(&months(&[1, 2, 3]), 2), "▅█");
    }

    #[test]
    fn the_change_is_signed() {
        let m = |current, previous| Measure {
            current,
            previous,
            trend: vec![],
        };
        assert_eq!(change(Lang::En, &m(12, 10)).0, "▲ 20%");
        assert_eq!(change(Lang::En, &m(5, 10)).0, "▼ 50%");
        assert_eq!(change(Lang::En, &m(3, 3)).0, "=");
        assert_eq!(change(Lang::En, &m(3, 0)).0, "▲ new");
        assert_eq!(change(Lang::Es, &m(3, 0)).0, "▲ nuevo");
    }
}
