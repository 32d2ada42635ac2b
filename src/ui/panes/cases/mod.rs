//! The Cases pane: the user's cases with unread markers; the open case and the note editor are
//! drawn by `case_detail` and `note_editor`.

pub mod audit;
mod detail;
mod note_editor;
pub mod note_history;
mod notices;

pub use notices::notice;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::app::panes::PaneId;
use crate::app::state::State;
use crate::model::{Case, CaseStatus, ProsecutionStage};
use crate::ui::fmt::{age, fit, local_datetime, safe};
use crate::ui::i18n::{case_status, entity, prosecution_stage};
use crate::ui::i18n::{hints, tr};
use crate::ui::panes::{PaneView, fit_words, frame_block, hint, row_style, visible};
use crate::ui::theme::{Role, Theme};

pub const VIEW: PaneView = PaneView {
    id: PaneId::Cases,
    title: "tab-cases",
    draw,
};

fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let [body, foot] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    if s.panes.cases.detail.is_some() {
        detail::draw(f, body, s, th);
        if s.panes.cases.editing() {
            note_editor::hint(f, foot, s, th);
        } else {
            let line = match s.session.user.as_ref().map(|u| u.role) {
                Some(crate::model::Role::Supervisor) => hints::CASE_SUPERVISOR,
                Some(crate::model::Role::Prosecutor) => hints::CASE_PROSECUTOR,
                _ => hints::CASE,
            };
            hint(f, foot, s, line, th);
        }
    } else {
        list(f, body, s, th);
        hint(f, foot, s, hints::CASES, th);
    }
}

pub fn status_role(st: CaseStatus) -> Role {
    match st {
        CaseStatus::Open => Role::Ok,
        CaseStatus::Dormant => Role::Warn,
        CaseStatus::Closed => Role::Muted,
    }
}

/// `FGR (MX), ATF (US)`: each member agency once, with its country.
pub fn member_agencies(case: &Case) -> String {
    let mut seen: Vec<String> = Vec::new();
    for m in &case.members {
        let a = format!("{} ({})", safe(&m.agency), m.country.as_str());
        if !seen.contains(&a) {
            seen.push(a);
        }
    }
    seen.join(", ")
}

fn list(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let l = s.lang;
    let cs = &s.panes.cases;
    let mut title = vec![Span::styled(
        format!(" {} ", tr!(l, "tab-cases")),
        th.style(Role::Title),
    )];
    if !cs.filter_text.is_empty() {
        title.push(Span::styled(
            format!(
                "· {} ",
                tr!(l, "case-filtered", filter = safe(&cs.filter_text))
            ),
            th.style(Role::Accent),
        ));
    }
    if s.loading(crate::app::panes::cases::LIST) {
        title.push(Span::styled(
            format!("· {} ", tr!(l, "loading")),
            th.style(Role::Muted),
        ));
    }
    let block = frame_block(Line::from(title), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if cs.rows.is_empty() && cs.loaded && !s.loading(crate::app::panes::cases::LIST) {
        f.render_widget(
            Paragraph::new(format!(" {}", tr!(l, "case-no-cases"))).style(th.style(Role::Muted)),
            inner,
        );
        return;
    }
    let wide = inner.width >= 110;
    let header_of = |id: &str| tr!(l, id);
    let (unread, draft) = (header_of("case-col-unread"), tr!(l, "case-draft"));
    // Columns as wide as the catalogue's words, so no language is cut into another word.
    let stage_col = header_of("case-col-stage");
    let stage_words: Vec<String> = [
        ProsecutionStage::Referred,
        ProsecutionStage::Charged,
        ProsecutionStage::Resolved,
    ]
    .map(|st| prosecution_stage(l, st))
    .into();
    let mut stage_fit: Vec<&str> = stage_words.iter().map(String::as_str).collect();
    stage_fit.push(&stage_col);
    let mut widths = vec![
        Constraint::Length(13),
        Constraint::Length(9),
        fit_words(7, &[&unread, &draft]),
        fit_words(8, &stage_fit),
        Constraint::Min(16),
    ];
    let mut header = vec![
        header_of("col-id"),
        header_of("col-status"),
        unread.clone(),
        stage_col.clone(),
        header_of("case-col-title"),
    ];
    if wide {
        let (lead, members, activity) = (
            header_of("case-col-lead"),
            header_of("case-col-members"),
            header_of("case-col-activity"),
        );
        widths.extend([
            fit_words(16, &[&lead]),
            fit_words(34, &[&members]),
            fit_words(17, &[&activity]),
        ]);
        header.extend([lead, members, activity]);
    } else {
        let age = header_of("col-age");
        widths.push(fit_words(5, &[&age]));
        header.push(age);
    }
    let height = usize::from(inner.height.saturating_sub(1));
    let range = visible(cs.list.offset, height, cs.rows.len());
    let rows: Vec<Row> = cs.rows[range.clone()]
        .iter()
        .zip(range)
        .map(|(case, i)| {
            let unread = cs.unread(case);
            let mark = match (unread, cs.drafts.contains_key(&case.id)) {
                (0, false) => Span::raw(""),
                (0, true) => Span::styled(tr!(l, "case-draft"), th.style(Role::Marked)),
                (n, _) => Span::styled(format!("● {n}"), th.style(Role::Alert)),
            };
            let mut cells = vec![
                Cell::from(safe(&case.id).into_owned()),
                Cell::from(Span::styled(
                    case_status(l, case.status),
                    th.style(status_role(case.status)),
                )),
                Cell::from(mark),
                stage_cell(l, case.prosecution.stage, th),
                Cell::from(safe(&case.title).into_owned()),
            ];
            if wide {
                cells.push(Cell::from(fit(&safe(&case.lead_agency), 16)));
                cells.push(Cell::from(fit(&member_agencies(case), 34)));
                cells.push(Cell::from(local_datetime(case.last_activity)));
            } else {
                cells.push(Cell::from(age(l, s.now, case.last_activity)));
            }
            Row::new(cells).style(row_style(i, cs.list.selected, th))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(th.style(Role::Header)))
        .column_spacing(1);
    f.render_widget(table, inner);
}

/// A case's stage in the list; empty until it is referred, so the prosecuted ones stand out.
fn stage_cell<'a>(l: crate::app::state::Lang, st: ProsecutionStage, th: &Theme) -> Cell<'a> {
    let role = match st {
        ProsecutionStage::None => return Cell::from(""),
        ProsecutionStage::Referred => Role::Warn,
        ProsecutionStage::Charged => Role::Alert,
        ProsecutionStage::Resolved => Role::Ok,
    };
    Cell::from(Span::styled(prosecution_stage(l, st), th.style(role)))
}

/// The reference short forms, listed in the help overlay while this pane is shown.
pub fn help_entries(s: &State) -> Vec<(String, String)> {
    use crate::model::EntityKind as K;
    if s.active != PaneId::Cases {
        return vec![];
    }
    let l = s.lang;
    let mut out = vec![(String::new(), tr!(l, "case-refs-title"))];
    for (form, kind) in [
        ("SZ-000123", Some(K::Seizure)),
        ("TR-2026-0000042", Some(K::Trace)),
        ("FA-0001234", Some(K::Firearm)),
        ("#ABC123", None),
        ("BC-000012", Some(K::Casing)),
        ("BL-000012", Some(K::Lead)),
    ] {
        let label = kind.map_or_else(|| tr!(l, "case-serial"), |k| entity(l, k));
        out.push((form.to_string(), label));
    }
    out
}
