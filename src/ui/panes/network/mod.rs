//! The Network pane: the tree of an entity's links, one node a row — indented under the node
//! it hangs by, with a fold marker, its kind, id, label, how many links it has and its flags.
//! Flags use the alert and accent roles and a word each, so they read without colour. The paths
//! between two nodes are drawn by [`paths`], the suspected rings by [`rings`].

pub mod notices;
mod paths;
mod rings;

pub use notices::notice;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::panes::PaneId;
use crate::app::panes::network::{EXPAND, NetRow, ROOT};
use crate::app::state::{Lang, State};
use crate::model::{LinkKind, NodeFlags, NodeKind};
use crate::ui::fmt::{fit, safe};
use crate::ui::i18n::{hints, tr, word_id};
use crate::ui::panes::{PaneView, bands, hint, row_style, titled_box, visible};
use crate::ui::theme::{Role, Theme};

pub const VIEW: PaneView = PaneView {
    id: PaneId::Network,
    title: "net-tab",
    draw,
};

fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let [head, body, foot] = bands(area);
    heading(f, head, s, th);
    let net = &s.panes.network;
    if let Some(v) = &net.rings {
        rings::draw(f, body, s, v, th);
        hint(f, foot, s, hints::RINGS, th);
    } else if let Some(v) = &net.paths {
        paths::draw(f, body, s, v, th);
        hint(f, foot, s, hints::PATHS, th);
    } else {
        tree(f, body, s, th);
        hint(f, foot, s, hints::NETWORK, th);
    }
}

pub fn kind_word(l: Lang, k: NodeKind) -> String {
    tr!(l, &word_id("net-kind", k.as_str()))
}

pub fn link_word(l: Lang, k: LinkKind) -> String {
    tr!(l, &word_id("net-link", k.as_str()))
}

/// The flags of a node as words, each with the role that marks it.
pub fn flag_spans<'a>(l: Lang, flags: &NodeFlags, th: &Theme) -> Vec<Span<'a>> {
    let mut out = vec![];
    for (on, id, role) in [
        (flags.short_ttc, "net-flag-short-ttc", Role::Alert),
        (flags.multiple_sale, "net-flag-multiple-sale", Role::Warn),
        (flags.multi_scene, "net-flag-multi-scene", Role::Alert),
        (flags.in_case, "net-flag-in-case", Role::Accent),
    ] {
        if on {
            out.push(Span::raw(" "));
            out.push(Span::styled(tr!(l, id), th.style(role)));
        }
    }
    out
}

fn heading(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let l = s.lang;
    let net = &s.panes.network;
    let text = match (net.rows.first(), &net.root) {
        (Some(r), _) => tr!(
            l,
            "net-heading",
            id = safe(&r.node.id),
            label = safe(&r.node.label),
            shown = net.rows.len().saturating_sub(1)
        ),
        (None, Some(id)) => tr!(l, "net-heading-loading", id = safe(id)),
        (None, None) => String::new(),
    };
    f.render_widget(
        Paragraph::new(Span::styled(format!(" {text}"), th.style(Role::Header))),
        area,
    );
    // The mark is what the next path search starts from: at the right, over the heading's end.
    if let Some(m) = &net.mark {
        let mark = format!(" * {} ", tr!(l, "net-marked", id = safe(&m.id)));
        f.render_widget(
            Paragraph::new(Span::styled(mark, th.style(Role::Marked)))
                .alignment(ratatui::layout::Alignment::Right),
            area,
        );
    }
}

fn tree(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let l = s.lang;
    let net = &s.panes.network;
    let loading = s.loading(ROOT) || s.loading(EXPAND);
    let inner = titled_box(f, area, s, tr!(l, "net-tree-title"), loading, th);
    if net.rows.is_empty() {
        if !s.loading(ROOT) {
            f.render_widget(
                Paragraph::new(format!(" {}", tr!(l, "net-empty")))
                    .style(th.style(Role::Muted))
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                inner,
            );
        }
        return;
    }
    let fmt = RowFmt {
        lang: l,
        kind_w: NODE_KINDS
            .iter()
            .map(|k| kind_word(l, *k).width())
            .max()
            .unwrap_or(8),
        wide: inner.width >= 120,
        width: usize::from(inner.width),
    };
    let range = visible(net.list.offset, usize::from(inner.height), net.rows.len());
    let lines: Vec<Line> = net.rows[range.clone()]
        .iter()
        .zip(range)
        .map(|(r, i)| {
            let loading = s.loading(EXPAND) && net.expanding.as_deref() == Some(&r.node.id);
            let marker = if loading {
                "…"
            } else if r.expanded {
                "▾"
            } else if r.leaf() {
                "·"
            } else {
                "▸"
            };
            let marked = net.mark.as_ref().is_some_and(|m| m.id == r.node.id);
            row_line(&fmt, r, marker, marked, th).style(row_style(i, net.list.selected, th))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

const NODE_KINDS: [NodeKind; 6] = [
    NodeKind::Seizure,
    NodeKind::Firearm,
    NodeKind::Person,
    NodeKind::Dealer,
    NodeKind::Casing,
    NodeKind::Case,
];

/// What every row of one frame shares.
struct RowFmt {
    lang: Lang,
    /// The widest kind word in this language (kinds line up in a column).
    kind_w: usize,
    /// Room for the link each node hangs by.
    wide: bool,
    width: usize,
}

/// One row: indent and fold `marker`, `*` when marked, kind, id, (link), label, links, flags.
fn row_line<'a>(fmt: &RowFmt, r: &NetRow, marker: &str, marked: bool, th: &Theme) -> Line<'a> {
    let l = fmt.lang;
    let kind = kind_word(l, r.node.kind);
    let pad = fmt.kind_w.saturating_sub(kind.width());
    let mut spans = vec![
        Span::raw(format!("{}{marker}", "  ".repeat(r.level))),
        Span::styled(if marked { "*" } else { " " }, th.style(Role::Marked)),
        Span::styled(format!("{kind}{} ", " ".repeat(pad)), th.style(Role::Muted)),
        Span::raw(format!("{}  ", safe(&r.node.id))),
    ];
    if fmt.wide
        && let Some(via) = r.via
    {
        spans.push(Span::styled(
            format!("({}) ", link_word(l, via)),
            th.style(Role::Muted),
        ));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let links = tr!(l, "net-links", count = r.node.degree);
    let flags = flag_spans(l, &r.node.flags, th);
    let flags_w: usize = flags.iter().map(|s| s.width()).sum();
    // The label gives way first: kind, id, links and flags are what the tree is read for.
    let room = fmt.width.saturating_sub(used + links.width() + 3 + flags_w);
    if room >= 4 {
        spans.push(Span::raw(fit(&safe(&r.node.label), room)));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(format!("· {links}"), th.style(Role::Muted)));
    spans.extend(flags);
    if r.truncated {
        spans.push(Span::styled(
            format!(" {}", tr!(l, "net-truncated")),
            th.style(Role::Muted),
        ));
    }
    Line::from(spans)
}
