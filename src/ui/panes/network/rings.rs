//! Suspected rings: the ranked suspects with their counts and score, and under the table the
//! factors that put the selected one there (each with its measured value and its points).

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::app::panes::network::RINGS;
use crate::app::panes::network::rings::RingsView;
use crate::app::state::{Lang, State};
use crate::model::{RingFactor, RingKind};
use crate::ui::fmt::{fit, safe};
use crate::ui::i18n::{tr, word_id};
use crate::ui::panes::{fit_words, row_style, titled_box, visible};
use crate::ui::theme::{Role, Theme};

pub fn draw(f: &mut Frame, area: Rect, s: &State, v: &RingsView, th: &Theme) {
    let l = s.lang;
    let title = match v.kind {
        RingKind::Purchaser => tr!(l, "net-rings-purchasers"),
        RingKind::Dealer => tr!(l, "net-rings-dealers"),
    };
    let inner = titled_box(f, area, s, title, s.loading(RINGS), th);
    if v.rows.is_empty() {
        if v.loaded {
            f.render_widget(
                Paragraph::new(format!(" {}", tr!(l, "net-no-rings"))).style(th.style(Role::Muted)),
                inner,
            );
        }
        return;
    }
    let [table_area, factors_area] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(3)]).areas(inner);
    table(f, table_area, s, v, th);
    if let Some(r) = v.selected() {
        let mut text = format!(
            " {}: {}",
            tr!(l, "net-factors"),
            r.factors
                .iter()
                .map(|x| factor(l, x))
                .collect::<Vec<_>>()
                .join(" · ")
        );
        if !r.co_purchasers.is_empty() {
            let ids: Vec<String> = r
                .co_purchasers
                .iter()
                .map(|p| safe(p).into_owned())
                .collect();
            text.push_str(&format!(
                " · {}: {}",
                tr!(l, "net-co-purchasers"),
                ids.join(", ")
            ));
        }
        f.render_widget(
            Paragraph::new(Line::styled(text, th.style(Role::Muted))).wrap(Wrap { trim: true }),
            factors_area,
        );
    }
}

/// One factor: its name, the measured value and the points it added.
pub fn factor(l: Lang, x: &RingFactor) -> String {
    let id = word_id("net-factor", &x.code);
    let name = if crate::ui::i18n::has(l, &id) {
        tr!(l, &id)
    } else {
        safe(&x.code).into_owned()
    };
    let value = if x.value.fract() == 0.0 {
        format!("{}", x.value)
    } else {
        format!("{:.2}", x.value)
    };
    format!("{name} {value} (+{:.1})", x.points)
}

/// A number, right-aligned in its column.
fn num<'a>(text: String, role: Role, th: &Theme) -> Cell<'a> {
    Cell::from(Line::styled(text, th.style(role)).alignment(Alignment::Right))
}

fn table(f: &mut Frame, area: Rect, s: &State, v: &RingsView, th: &Theme) {
    let l = s.lang;
    let wide = area.width >= 120;
    let header = [
        "#".to_string(),
        tr!(l, "net-col-suspect"),
        tr!(l, "net-col-name"),
        tr!(l, "net-col-traces"),
        tr!(l, "net-col-mexico"),
        tr!(l, "net-col-ttc"),
        tr!(l, "net-col-score"),
        tr!(l, "net-col-corridor"),
    ];
    let id_w = if v.kind == RingKind::Dealer { 20 } else { 9 };
    let mut widths = vec![
        Constraint::Length(3),
        Constraint::Length(id_w),
        Constraint::Min(10),
        fit_words(5, &[&header[3]]),
        fit_words(4, &[&header[4]]),
        fit_words(6, &[&header[5], &tr!(l, "net-days", days = 9999)]),
        fit_words(5, &[&header[6]]),
    ];
    let cols = if wide {
        widths.push(Constraint::Length(28));
        8
    } else {
        7
    };
    let height = usize::from(area.height.saturating_sub(1));
    let range = visible(v.list.offset, height, v.rows.len());
    let rows: Vec<Row> = v.rows[range.clone()]
        .iter()
        .zip(range)
        .map(|(r, i)| {
            let ttc = r
                .mean_ttc_days
                .map(|d| tr!(l, "net-days", days = d))
                .unwrap_or_default();
            let mut cells = vec![
                Cell::from(format!("{}", i + 1)),
                Cell::from(safe(&r.id).into_owned()),
                Cell::from(fit(&safe(&r.label), 40)),
                num(r.traces.to_string(), Role::Base, th),
                num(r.recovered_in_mexico.to_string(), Role::Base, th),
                num(ttc, Role::Warn, th),
                num(format!("{:.1}", r.score), Role::Alert, th),
            ];
            if wide {
                let corridor = r.top_corridor.as_deref().map(safe).unwrap_or_default();
                cells.push(Cell::from(corridor.into_owned()));
            }
            Row::new(cells).style(row_style(i, v.list.selected, th))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header.into_iter().take(cols)).style(th.style(Role::Header)))
        .column_spacing(1);
    f.render_widget(table, area);
}
