//! The Queue's import (`I`): the path prompt, drawn as a one-line `ratatui-textarea` field, and
//! the report overlay — rows ok and invalid, every problem by row and column (wrapped, never
//! cut), what would be recorded, scrolled with the usual keys. Text from the file goes through `safe` first: a
//! spreadsheet is as hostile as any network string.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use crate::app::panes::queue::import::{ImportView, ReportLine, report};
use crate::app::state::State;
use crate::ui::fmt::{fit, safe};
use crate::ui::i18n::{hints, seizure_kind, tr};
use crate::ui::overlays::{boxed, centered};
use crate::ui::panes::hint;
use crate::ui::theme::{Role, Theme};

/// The path prompt: a label, the field, and what a path may be.
pub fn path_prompt(f: &mut Frame, body: Rect, s: &State, th: &Theme, input: &str) {
    let l = s.lang;
    let area = centered(body, body.width.saturating_sub(4).min(100), 5);
    f.render_widget(Clear, area);
    let title = tr!(l, "import-path-title");
    let block = boxed(&title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [label, field, note] = Layout::vertical([Constraint::Length(1); 3]).areas(inner);
    f.render_widget(
        Paragraph::new(Span::styled(
            tr!(l, "import-path-label"),
            th.style(Role::Muted),
        )),
        label,
    );
    let mut text = TextArea::new(vec![safe(input).into_owned()]);
    text.set_style(th.style(Role::Input));
    text.set_cursor_line_style(Style::default());
    text.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    text.move_cursor(CursorMove::End);
    f.render_widget(&text, field);
    f.render_widget(
        Paragraph::new(Span::styled(
            fit(&tr!(l, "import-path-hint"), usize::from(note.width)),
            th.style(Role::Muted),
        )),
        note,
    );
}

/// The report: a summary, the "skip invalid rows" choice when it matters, the lines, the keys.
pub fn overlay(f: &mut Frame, body: Rect, s: &State, th: &Theme, v: &ImportView) {
    let l = s.lang;
    let area = centered(
        body,
        body.width.saturating_sub(4).min(100),
        body.height.saturating_sub(2),
    );
    f.render_widget(Clear, area);
    let name = std::path::Path::new(&v.path)
        .file_name()
        .map_or_else(|| v.path.clone(), |n| n.to_string_lossy().into_owned());
    let title = tr!(l, "import-title", file = safe(&name));
    let block = boxed(&title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = usize::from(inner.width).saturating_sub(1);
    let Some(file) = &v.file else {
        f.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", tr!(l, "import-checking")),
                th.style(Role::Muted),
            )),
            inner,
        );
        return;
    };
    let plan = &file.plan;
    let invalid = plan.invalid_rows();
    let choice = !plan.problems.is_empty() && !plan.seizures.is_empty();
    let [head, skip, lines, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(choice)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let summary = tr!(
        l,
        "import-summary",
        rows = plan.rows,
        ok = plan.rows.saturating_sub(invalid),
        invalid = invalid,
        seizures = plan.seizures.len(),
        firearms = plan.firearms()
    );
    let role = if invalid > 0 { Role::Warn } else { Role::Ok };
    f.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}", fit(&summary, width)),
            th.style(role),
        )),
        head,
    );
    if choice {
        let mark = if v.skip_invalid { "[x]" } else { "[ ]" };
        let text = tr!(l, "import-skip", count = plan.seizures.len());
        f.render_widget(
            Paragraph::new(format!(" {mark} {}", fit(&text, width.saturating_sub(4)))),
            skip,
        );
    }
    let all = report(plan);
    let height = usize::from(lines.height).max(1);
    let first = v.scroll.min(all.len().saturating_sub(1));
    let shown: Vec<Line> = all
        .iter()
        .skip(first)
        .take(height)
        .map(|line| match line {
            ReportLine::Problem(p) => {
                let text = if p.column.is_empty() {
                    tr!(
                        l,
                        "import-problem-row",
                        row = p.row,
                        message = safe(&p.message)
                    )
                } else {
                    tr!(
                        l,
                        "import-problem",
                        row = p.row,
                        column = safe(&p.column),
                        message = safe(&p.message)
                    )
                };
                Line::styled(text, th.style(Role::Alert))
            }
            ReportLine::Seizure(z) => {
                let rows: Vec<String> = z.rows.iter().map(ToString::to_string).collect();
                let place = z.seizure.port.as_deref().unwrap_or(&z.seizure.municipality);
                let text = tr!(
                    l,
                    "import-seizure",
                    rows = rows.join("+"),
                    date = z.seizure.occurred_at.format("%Y-%m-%d").to_string(),
                    kind = seizure_kind(l, z.seizure.kind),
                    place = safe(place),
                    state = safe(&z.seizure.state),
                    firearms = z
                        .seizure
                        .items
                        .iter()
                        .filter(|i| i.kind == crate::model::ItemKind::Firearm)
                        .count()
                );
                Line::raw(text)
            }
        })
        .collect();
    // Whole sentences: a long problem wraps instead of losing its end (scrolling moves by
    // report line).
    let lines = lines.inner(Margin::new(1, 0));
    f.render_widget(Paragraph::new(shown).wrap(Wrap { trim: false }), lines);
    let segs = if choice {
        hints::IMPORT_CHOICE
    } else if plan.seizures.is_empty() {
        hints::IMPORT_NOTHING
    } else {
        hints::IMPORT_READY
    };
    hint(f, keys, s, segs, th);
}
