//! The paths between the marked node and another: each a chain, one record a line, the link
//! that leads to it in front; the selected path's heading in the selection role.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{flag_spans, kind_word, link_word};
use crate::app::panes::network::PATHS;
use crate::app::panes::network::paths::PathsView;
use crate::app::state::State;
use crate::ui::fmt::{fit, safe};
use crate::ui::i18n::tr;
use crate::ui::panes::titled_box;
use crate::ui::theme::{Role, Theme};

pub fn draw(f: &mut Frame, area: Rect, s: &State, v: &PathsView, th: &Theme) {
    let l = s.lang;
    let title = tr!(
        l,
        "net-paths-title",
        from = safe(&v.from.id),
        to = safe(&v.to.id)
    );
    let inner = titled_box(f, area, s, title, s.loading(PATHS), th);
    let Some(set) = &v.set else {
        return;
    };
    if set.paths.is_empty() {
        let text = tr!(
            l,
            "net-no-path",
            hops = crate::app::panes::network::paths::MAX_HOPS
        );
        f.render_widget(
            Paragraph::new(format!(" {text}")).style(th.style(Role::Muted)),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = vec![];
    let mut starts = vec![];
    for (i, p) in set.paths.iter().enumerate() {
        starts.push(lines.len());
        let head = tr!(l, "net-path-heading", n = i + 1, links = p.edges.len());
        let role = if i == v.selected {
            Role::Selection
        } else {
            Role::Header
        };
        lines.push(Line::styled(format!(" {head}"), th.style(role)));
        for (j, n) in p.nodes.iter().enumerate() {
            let mut spans = vec![Span::raw("   ")];
            if let Some(e) = j.checked_sub(1).and_then(|k| p.edges.get(k)) {
                spans.push(Span::styled(
                    format!("↳ {} ", link_word(l, e.kind)),
                    th.style(Role::Muted),
                ));
            }
            spans.push(Span::styled(
                format!("{} ", kind_word(l, n.kind)),
                th.style(Role::Muted),
            ));
            spans.push(Span::raw(format!("{}  ", safe(&n.id))));
            let flags = flag_spans(l, &n.flags, th);
            let used: usize = spans.iter().chain(&flags).map(|s| s.width()).sum();
            let room = width.saturating_sub(used);
            if room >= 4 {
                spans.push(Span::raw(fit(&safe(&n.label), room)));
            }
            spans.extend(flags);
            lines.push(Line::from(spans));
        }
    }
    // Scroll so the selected path starts on screen, as far up as it goes.
    let height = usize::from(inner.height);
    let start = starts.get(v.selected).copied().unwrap_or(0);
    let offset = if lines.len() <= height {
        0
    } else {
        start.min(lines.len() - height)
    };
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    f.render_widget(Paragraph::new(shown), inner);
}
