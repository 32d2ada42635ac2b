//! The note-history overlay (`H`): each version of a note with who wrote it and when, and what
//! it changed against the version before as a word diff — `[-removed-]` and `[+added+]` (after
//! wdiff), so the change reads in a monochrome theme and in a screen reader too.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::panes::cases::note_history::{DiffPiece, NoteHistoryView, word_diff};
use crate::app::state::State;
use crate::ui::fmt::{local_datetime, safe};
use crate::ui::i18n::{hints, tr};
use crate::ui::overlays::{boxed, centered};
use crate::ui::theme::{Role, Theme};

pub fn draw(f: &mut Frame, body: Rect, s: &State, th: &Theme, v: &NoteHistoryView) {
    let area = centered(
        body,
        body.width.saturating_sub(2).min(120),
        body.height.saturating_sub(2),
    );
    f.render_widget(Clear, area);
    let note = safe(&v.note_id);
    let title = tr!(
        s.lang,
        "history-title",
        note = &*note,
        count = v.versions.len()
    );
    let block = boxed(&title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [text, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    draw_hint(f, hint, s, th);
    if v.loading || v.versions.is_empty() {
        let msg = if v.loading {
            tr!(s.lang, "loading")
        } else {
            tr!(s.lang, "history-none")
        };
        f.render_widget(Paragraph::new(msg).style(th.style(Role::Muted)), text);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    for (i, ver) in v.versions.iter().enumerate().skip(v.scroll) {
        let when = local_datetime(ver.edited_at);
        let who = safe(&ver.edited_by);
        let head = tr!(
            s.lang,
            "history-version",
            version = ver.version,
            who = &*who,
            when = &when
        );
        lines.push(Line::styled(head, th.style(Role::Header)));
        let pieces = match i.checked_sub(1).and_then(|p| v.versions.get(p)) {
            Some(prev) => word_diff(&prev.body, &ver.body),
            None => {
                let first = tr!(s.lang, "history-first");
                lines.push(Line::styled(first, th.style(Role::Muted)));
                vec![DiffPiece::Same(ver.body.clone())]
            }
        };
        lines.extend(diff_lines(&pieces, th));
        lines.push(Line::raw(""));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text);
}

/// The pieces as terminal lines: a line break inside a piece starts a new line; every piece is
/// sanitised (note bodies come from the network).
fn diff_lines<'a>(pieces: &[DiffPiece], th: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::default()];
    for piece in pieces {
        let (text, open, close, role) = match piece {
            DiffPiece::Same(t) => (t, "", "", None),
            DiffPiece::Removed(t) => (t, "[-", "-]", Some(Role::Alert)),
            DiffPiece::Added(t) => (t, "[+", "+]", Some(Role::Ok)),
        };
        let style = role.map(|r| th.style(r)).unwrap_or_default();
        for (k, part) in text.split('\n').enumerate() {
            if k > 0 {
                lines.push(Line::default());
            }
            if part.is_empty() {
                continue;
            }
            let shown = format!("{open}{}{close}", safe(part));
            if let Some(line) = lines.last_mut() {
                line.spans.push(Span::styled(shown, style));
            }
        }
    }
    lines
}

/// The keys in force, then the diff's legend when the line has room for it.
fn draw_hint(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(area.width).saturating_sub(1);
    let bindings = crate::ui::panes::bindings_here(s);
    let keys = crate::ui::i18n::hint_line(s.lang, hints::HISTORY, &bindings, width);
    let legend = tr!(s.lang, "history-legend");
    let text = if keys.width() + 3 + legend.width() <= width {
        format!("{keys} · {legend}")
    } else {
        keys
    };
    f.render_widget(
        Paragraph::new(Span::styled(format!(" {text}"), th.style(Role::Muted))),
        area,
    );
}
