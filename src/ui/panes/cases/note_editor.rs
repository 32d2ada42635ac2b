//! The note editor: the app's text and cursor drawn by a `ratatui-textarea` widget (it
//! soft-wraps at word boundaries itself) in a box whose title says whose case it is and whether
//! the draft is safely on disk.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::app::panes::cases::drafts::NoteEditor;
use crate::app::state::State;
use crate::ui::fmt::safe;
use crate::ui::i18n::{hints, tr};
use crate::ui::panes::frame_block;
use crate::ui::theme::{Role, Theme};

pub fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let Some(e) = &s.panes.cases.editor else {
        return;
    };
    let l = s.lang;
    let heading = match &e.target {
        Some(t) => tr!(
            l,
            "case-editing",
            note = safe(&t.note_id),
            version = t.version.to_string(),
        ),
        None => tr!(l, "case-note-for", case = safe(&e.case_id)),
    };
    let mut title = vec![Span::styled(format!(" {heading} "), th.style(Role::Title))];
    let area = match &e.conflict {
        Some(theirs) => {
            let [top, bottom] =
                Layout::vertical([Constraint::Percentage(45), Constraint::Min(3)]).areas(area);
            let head = tr!(
                l,
                "case-theirs",
                author = safe(&theirs.author),
                version = theirs.version.to_string(),
            );
            let block = frame_block(Line::styled(format!(" {head} "), th.style(Role::Warn)), th);
            let inner = block.inner(top);
            f.render_widget(Clear, top);
            f.render_widget(block, top);
            let lines = crate::ui::panes::cases::detail::body_lines(
                &theirs.body,
                usize::from(inner.width),
                th,
            );
            f.render_widget(Paragraph::new(lines), inner);
            bottom
        }
        None => area,
    };
    if e.recovered {
        title.push(Span::styled(
            format!("· {} ", tr!(l, "case-recovered")),
            th.style(Role::Marked),
        ));
    }
    let (state, role) = if e.is_saved() {
        ("case-saved", Role::Ok)
    } else {
        ("case-saving", Role::Muted)
    };
    if !e.text.is_empty() {
        title.push(Span::styled(
            format!("· {} ", tr!(l, state)),
            th.style(role),
        ));
    }
    let block = frame_block(Line::from(title), th);
    let inner = block.inner(area);
    f.render_widget(Clear, area);
    f.render_widget(block, area);
    let text_area = if let Some(p) = &e.search {
        let [text, find] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        let mut spans = vec![
            Span::styled(tr!(l, "case-find"), th.style(Role::Muted)),
            Span::styled(p.clone(), th.style(Role::Input)),
        ];
        if e.search_error {
            spans.push(Span::styled(
                format!("  {}", tr!(l, "case-bad-pattern")),
                th.style(Role::Alert),
            ));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), find);
        text
    } else {
        inner
    };
    if e.text.is_empty() {
        // The placeholder teaches the reference short forms until the first keystroke.
        f.render_widget(
            Paragraph::new(tr!(l, "case-refs-help"))
                .style(th.style(Role::Muted))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            text_area,
        );
        let cursor =
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED);
        if let Some(cell) = f.buffer_mut().cell_mut((text_area.x, text_area.y)) {
            cell.set_style(cursor);
        }
        return;
    }
    f.render_widget(&widget(e), text_area);
}

/// The app's text and cursor in a `ratatui-textarea` widget, built for this frame: it wraps at
/// word boundaries, scrolls to keep the cursor in view and highlights the last search.
fn widget(e: &NoteEditor) -> TextArea<'static> {
    let mut area = TextArea::new(e.text.lines().to_vec());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    let (row, col) = e.text.cursor();
    let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    area.move_cursor(CursorMove::Jump(at(row), at(col)));
    if let Some(p) = &e.pattern {
        // The app checked the pattern; a failure here only loses the highlight.
        let _ = area.set_search_pattern(p);
    }
    area
}

/// The editor's hint, with the keys of the editor context.
pub fn hint(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let segs = if s
        .panes
        .cases
        .editor
        .as_ref()
        .is_some_and(|e| e.conflict.is_some())
    {
        hints::CONFLICT
    } else {
        hints::EDITOR
    };
    crate::ui::panes::hint(f, area, s, segs, th);
}
