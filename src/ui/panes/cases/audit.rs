//! The audit-trail overlay: every request about a case (reads of it and its notes included),
//! newest first, as the server recorded it. Supervisors only; the server decides.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table};

use crate::app::overlay::AuditView;
use crate::app::state::State;
use crate::model::AuditEntry;
use crate::ui::fmt::{fit, safe};
use crate::ui::i18n::{hints, tr};
use crate::ui::overlays::{boxed, centered};
use crate::ui::theme::{Role, Theme};

const WHEN: u16 = 19;
const USER: u16 = 20;
const STATUS: u16 = 6;

pub fn draw(f: &mut Frame, body: Rect, s: &State, th: &Theme, v: &AuditView) {
    let area = centered(
        body,
        body.width.saturating_sub(2).min(140),
        body.height.saturating_sub(2),
    );
    f.render_widget(Clear, area);
    let title = tr!(
        s.lang,
        "member-audit-title",
        case = &v.case_id,
        count = v.entries.len()
    );
    let block = boxed(&title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [table, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    crate::ui::panes::hint(f, hint, s, hints::AUDIT, th);
    let empty = if v.loading {
        Some(tr!(s.lang, "loading"))
    } else if v.entries.is_empty() {
        Some(tr!(s.lang, "member-no-audit"))
    } else {
        None
    };
    if let Some(text) = empty {
        f.render_widget(Paragraph::new(text).style(th.style(Role::Muted)), table);
        return;
    }
    let request_width = usize::from(table.width.saturating_sub(WHEN + USER + STATUS + 3));
    let header = [
        "member-col-when",
        "member-col-user",
        "member-col-request",
        "member-col-status",
    ]
    .map(|c| Cell::from(tr!(s.lang, c)));
    let rows = v
        .entries
        .iter()
        .skip(v.scroll)
        .take(usize::from(table.height))
        .map(|e| row(s, e, &v.case_id, request_width, th));
    let widths = [
        Constraint::Length(WHEN),
        Constraint::Length(USER),
        Constraint::Min(10),
        Constraint::Length(STATUS),
    ];
    f.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(th.style(Role::Header)))
            .column_spacing(1),
        table,
    );
}

fn row<'a>(s: &State, e: &'a AuditEntry, case_id: &str, width: usize, th: &Theme) -> Row<'a> {
    let when =
        e.at.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
    let user = match &e.user {
        Some(u) => safe(u).into_owned(),
        None => tr!(s.lang, "member-anonymous"),
    };
    let request = request(&safe(&e.method), &safe(&e.path), case_id, width);
    let role = match e.status {
        200..=399 => Role::Ok,
        401 | 403 => Role::Alert,
        _ => Role::Warn,
    };
    Row::new([
        Cell::from(when),
        Cell::from(fit(&user, usize::from(USER))),
        Cell::from(fit(&request, width)),
        Cell::from(Span::styled(e.status.to_string(), th.style(role))),
    ])
}

/// `GET /v1/cases/CS-2026-0001/notes`, or when that is too wide the part after the case (which
/// the title names): `GET …/notes`; failing that, the path's end. A path's informative part is
/// its end, so it is cut from the left.
fn request(method: &str, path: &str, case_id: &str, width: usize) -> String {
    let room = width.saturating_sub(method.chars().count() + 1);
    if path.chars().count() <= room {
        return format!("{method} {path}");
    }
    let rest = path
        .strip_prefix("/v1/cases/")
        .and_then(|p| p.strip_prefix(case_id))
        .filter(|r| !r.is_empty() && r.chars().count() < room);
    if let Some(rest) = rest {
        return format!("{method} …{rest}");
    }
    let chars: Vec<char> = path.chars().collect();
    let keep = room.saturating_sub(1).min(chars.len());
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("{method} …{tail}")
}

#[cfg(test)]
mod tests {
    use super::request;

    #[test]
    fn requests_keep_their_informative_end() {
        let p = "/v1/cases/CS-2026-0001/members";
        assert_eq!(request("GET", p, "CS-2026-0001", 40), format!("GET {p}"));
        assert_eq!(request("DELETE", p, "CS-2026-0001", 20), "DELETE …/members");
        assert_eq!(request("GET", "/v1/other/abcdef", "CS-1", 10), "GET …bcdef");
    }
}
