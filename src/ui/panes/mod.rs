//! How each pane is drawn. One entry per pane in [`VIEWS`], matching `app::panes::PANES`.

pub mod ballistics;
pub mod cases;
pub mod network;
pub mod outcomes;
pub mod queue;
pub mod trace;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row};

use super::i18n::{Seg, hint_row};
use super::theme::{Role, Theme};
use crate::app::keys::KeyContext;
use crate::app::panes::{PaneId, PaneNotice};
use crate::app::state::{Binding, Lang, State};

pub struct PaneView {
    pub id: PaneId,
    /// Catalogue id of the tab title.
    pub title: &'static str,
    pub draw: fn(&mut Frame, Rect, &State, &Theme),
}

pub const VIEWS: &[PaneView] = &[
    queue::VIEW,
    trace::VIEW,
    cases::VIEW,
    ballistics::VIEW,
    network::VIEW,
    outcomes::VIEW,
];

/// A pane's own toast, worded by that pane's strings (one arm per pane that has notices).
pub fn notice(lang: crate::app::state::Lang, n: &PaneNotice) -> String {
    match n {
        PaneNotice::Queue(n) => queue::notice(lang, n),
        PaneNotice::Cases(n) => cases::notice(lang, n),
        PaneNotice::Ballistics(n) => ballistics::notice(lang, n),
        PaneNotice::Network(n) => network::notice(lang, n),
        PaneNotice::Outcomes(n) => outcomes::notice(lang, n),
    }
}

/// The bordered box around a list or detail, with a title.
pub fn frame_block<'a>(title: Line<'a>, th: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(th.border_set())
        .border_style(th.style(Role::BorderFocus))
        .title(title)
}

/// A pane's three bands: a heading line, the body, the hint line.
pub fn bands(area: Rect) -> [Rect; 3] {
    ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Min(3),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(area)
}

/// Draws the bordered box titled `title` (with "loading…" while `loading`) and returns the
/// area inside it.
pub fn titled_box(
    f: &mut Frame,
    area: Rect,
    s: &State,
    title: String,
    loading: bool,
    th: &Theme,
) -> Rect {
    let mut spans = vec![Span::styled(format!(" {title} "), th.style(Role::Title))];
    if loading {
        spans.push(Span::styled(
            format!("· {} ", crate::ui::i18n::tr!(s.lang, "loading")),
            th.style(Role::Muted),
        ));
    }
    let block = frame_block(Line::from(spans), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}

/// A one-line hint of the keys that matter here, written with the keys actually bound (a
/// rebound key shows its new name; an unbound action is left out). Whole segments are dropped
/// from the end when the line is too narrow.
pub fn hint(f: &mut Frame, area: Rect, s: &State, segs: &[Seg], th: &Theme) {
    let compact = s.link.slow().then_some(COMPACT_SEGMENTS);
    hint_row_drawn(f, area, s.lang, segs, &bindings_here(s), compact, th);
}

/// Segments a compact hint line (the slow-link profile) shows: the most important ones (the
/// rest are in help), two spaces apart where the full line's ` · ` is four bytes.
pub const COMPACT_SEGMENTS: usize = 4;

/// Draws a hint row with the given bindings in force (screens outside the panes, such as the
/// sign-in gate, name their own key context).
pub fn hint_with(
    f: &mut Frame,
    area: Rect,
    lang: Lang,
    segs: &[Seg],
    bindings: &[Binding],
    th: &Theme,
) {
    hint_row_drawn(f, area, lang, segs, bindings, None, th);
}

/// A hint row: every segment that fits, or (`compact`) at most that many, closer together.
fn hint_row_drawn(
    f: &mut Frame,
    area: Rect,
    lang: Lang,
    segs: &[Seg],
    bindings: &[Binding],
    compact: Option<usize>,
    th: &Theme,
) {
    let (padded, mut shown) = hint_row(lang, segs, bindings, usize::from(area.width));
    if let Some(n) = compact {
        shown.truncate(n);
    }
    let text = shown
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(if compact.is_some() { "  " } else { " · " });
    let pad = if padded { " " } else { "" };
    f.render_widget(
        Paragraph::new(Span::styled(format!("{pad}{text}"), th.style(Role::Muted))),
        area,
    );
}

/// A column at least `min` wide and as wide as the widest of `words` (headers and values taken
/// from the catalogue), so a longer language widens the column instead of cutting a word.
pub fn fit_words(min: u16, words: &[&str]) -> ratatui::layout::Constraint {
    use unicode_width::UnicodeWidthStr;
    let widest = words.iter().map(|w| w.width()).max().unwrap_or(0);
    ratatui::layout::Constraint::Length(u16::try_from(widest).unwrap_or(u16::MAX).max(min))
}

/// The bindings of the pane as the user works in it (editor → pane → global), so a pane's hint
/// names the key that does the thing there; a question or text field open over the pane does
/// not change what the pane's own hint says.
pub fn bindings_here(s: &State) -> Vec<Binding> {
    let chain: Vec<KeyContext> = KeyContext::chain(s)
        .into_iter()
        .filter(|c| !matches!(c, KeyContext::Confirm | KeyContext::Prompt))
        .collect();
    crate::ui::keymap::in_force(&s.bindings, &chain)
}

/// Style for row `i` of a list: the selection stays visible without colour (bold + reversed in
/// mono, a bright bar otherwise).
pub fn row_style(i: usize, selected: usize, th: &Theme) -> Style {
    if i == selected {
        th.style(Role::Selection)
    } else {
        Style::default()
    }
}

/// The rows of `len` that fit in a list of `height`, from `offset`.
pub fn visible(offset: usize, height: usize, len: usize) -> std::ops::Range<usize> {
    let start = offset.min(len);
    start..(start + height).min(len)
}

pub type Rows<'a> = Vec<Row<'a>>;

pub use ballistics::detail::comment_hint as ballistics_comment_hint;
pub use ballistics::detail::comment_title as ballistics_comment_title;
