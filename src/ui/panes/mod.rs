//! How each pane is drawn. One entry per pane in [`VIEWS`], matching `app::panes::PANES`.

pub mod ballistics;
pub mod cases;
pub mod queue;
pub mod trace;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row};

use super::i18n::{Seg, hint_line};
use super::theme::{Role, Theme};
use crate::app::panes::PaneId;
use crate::app::state::State;

pub struct PaneView {
    pub id: PaneId,
    /// Catalogue id of the tab title.
    pub title: &'static str,
    pub draw: fn(&mut Frame, Rect, &State, &Theme),
}

pub const VIEWS: &[PaneView] = &[queue::VIEW, trace::VIEW, cases::VIEW, ballistics::VIEW];

/// The bordered box around a list or detail, with a title.
pub fn frame_block<'a>(title: Line<'a>, th: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(Role::BorderFocus))
        .title(title)
}

/// A one-line hint of the keys that matter here, written with the keys actually bound (a
/// rebound key shows its new name; an unbound action is left out). Whole segments are dropped
/// from the end when the line is too narrow.
pub fn hint(f: &mut Frame, area: Rect, s: &State, segs: &[Seg], th: &Theme) {
    let text = hint_line(
        s.lang,
        segs,
        &s.bindings,
        usize::from(area.width).saturating_sub(1),
    );
    f.render_widget(
        Paragraph::new(Span::styled(format!(" {text}"), th.style(Role::Muted))),
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

pub use ballistics::detail::comment_title as ballistics_comment_title;
