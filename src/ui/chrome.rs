//! The frame around the panes: tab bar, status bar and toasts.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::fmt::{local_time, safe};
use super::i18n::{notice, tr};
use super::panes::VIEWS;
use super::theme::{Role, Theme};
use crate::app::panes::ORDER;
use crate::app::state::{Conn, Level, State};

/// Only panes that exist are listed; their number is the key that focuses them. When every
/// title does not fit beside the clock (many panes, a narrow terminal, a longer language), the
/// other tabs shrink to their number and only the active one keeps its title.
pub fn tab_bar(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    // Minute resolution, and optional (`clock = false`): on a slow link a clock costs a
    // frame a minute for nothing the user asked for.
    let time = s.shows_clock().then(|| local_time(s.now));
    let clock = time.as_ref().map_or(0, |t| t.width() + 1);
    let banner = if s.demo {
        tr!(s.lang, "demo-short").width() + 3
    } else {
        0
    };
    let full = tabs(s, th, true);
    // The tabs end with a space the right-hand side may cover.
    let tabs = if full.width() - 1 + banner + clock <= usize::from(area.width) {
        full
    } else {
        tabs(s, th, false)
    };
    let tabs_width = tabs.width();
    f.render_widget(Paragraph::new(tabs), area);
    let mut right = Vec::new();
    if s.demo {
        // The banner must always be there, but never over a tab: short when room is tight.
        let long = tr!(s.lang, "demo");
        let banner = if tabs_width + long.width() + 3 + clock <= usize::from(area.width) {
            long
        } else {
            tr!(s.lang, "demo-short")
        };
        right.push(Span::styled(format!(" {banner} "), th.style(Role::Demo)));
        right.push(Span::raw(" "));
    }
    if let Some(time) = time {
        right.push(Span::styled(format!("{time} "), th.style(Role::Muted)));
    }
    f.render_widget(
        Paragraph::new(Line::from(right)).alignment(Alignment::Right),
        area,
    );
}

/// The tabs, each with its title or (`titled` false) only the active one with its title.
fn tabs<'a>(s: &State, th: &Theme, titled: bool) -> Line<'a> {
    let mut spans = vec![Span::raw(" ")];
    for (i, id) in ORDER.iter().enumerate() {
        let active = *id == s.active;
        let text = if titled || active {
            let title = VIEWS
                .iter()
                .find(|v| v.id == *id)
                .map_or_else(|| "?".to_string(), |v| tr!(s.lang, v.title));
            format!(" {} {} ", i + 1, title)
        } else {
            format!(" {} ", i + 1)
        };
        let role = if active { Role::TabActive } else { Role::Tab };
        spans.push(Span::styled(text, th.style(role)));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// The status bar. On a narrow screen what matters most stays whole — the link, alerts, an
/// import, the last sync, writes still to send, read-only — and the rest gives way in turn: the
/// address loses its scheme, then goes; then the agency beside the user's name.
pub fn status_bar(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let server = safe(&s.session.server).into_owned();
    let bare = server
        .split_once("://")
        .map_or(server.as_str(), |(_, rest)| rest)
        .to_string();
    let user = s.session.user.as_ref();
    let full_user = user.map(|u| format!("{} · {}", safe(&u.name), safe(&u.agency)));
    let name_only = user.map(|u| safe(&u.name).into_owned());
    let tries = [
        (full_user.clone(), Some(server)),
        (full_user.clone(), Some(bare)),
        (full_user, None),
        (name_only, None),
    ];
    let mut line = Line::default();
    for (who, address) in tries {
        line = status_line(s, th, who, address);
        if line.width() <= usize::from(area.width) {
            break;
        }
    }
    f.render_widget(Paragraph::new(line).style(th.style(Role::StatusBar)), area);
}

/// One way of saying the status: `who` (`None`: not signed in) and the server's `address` when
/// there is room for it.
fn status_line<'a>(
    s: &State,
    th: &Theme,
    who: Option<String>,
    address: Option<String>,
) -> Line<'a> {
    let l = s.lang;
    let stale = s.panes.get(s.active).stale();
    let (role, conn) = match &s.session.conn {
        Conn::Offline(_) => (Role::Offline, tr!(l, "offline")),
        Conn::Connecting => (Role::Stale, tr!(l, "connecting")),
        Conn::Online if stale => (Role::Stale, tr!(l, "stale")),
        Conn::Online => (Role::Online, tr!(l, "online")),
    };
    let user = who.unwrap_or_else(|| tr!(l, "not-signed-in").to_string());
    let sync = s
        .session
        .last_sync
        .map_or_else(|| tr!(l, "never").to_string(), local_time);
    let sep = Span::styled(th.separator(), th.style(Role::Muted));
    let mut spans = vec![
        Span::styled(format!(" ● {conn} "), th.style(role)),
        Span::raw(" "),
    ];
    if s.link.slow() {
        // Next to the link state: why the screen looks plainer (and how to change it: README).
        spans.push(Span::styled(tr!(l, "link-slow"), th.style(Role::Warn)));
        spans.push(sep.clone());
    }
    if s.alerts.unread > 0 {
        // First after the link: a narrow screen cuts the right end, never this.
        spans.push(Span::styled(
            format!(" {} ", tr!(l, "alerts-unread", count = s.alerts.unread)),
            th.style(Role::Alert),
        ));
        spans.push(Span::raw(" "));
    }
    if let Some(pr) = &s.panes.queue.importing {
        // An import runs in the background: how far it is, wherever the user is.
        spans.push(Span::styled(
            format!(
                " {} ",
                tr!(l, "import-progress", sent = pr.sent, total = pr.total)
            ),
            th.style(Role::Accent),
        ));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(user));
    if let Some(address) = address {
        spans.push(sep.clone());
        spans.push(Span::raw(address));
    }
    if s.insecure_http {
        // Said even when the address itself has no room.
        spans.push(Span::raw(" "));
        spans.push(Span::styled(tr!(l, "insecure-http"), th.style(Role::Warn)));
    }
    spans.push(sep.clone());
    spans.push(Span::raw(format!("{} {sync}", tr!(l, "last-sync"))));
    if s.session.pending_writes > 0 {
        spans.push(sep.clone());
        spans.push(Span::styled(
            format!("{} {}", s.session.pending_writes, tr!(l, "pending")),
            th.style(Role::Warn),
        ));
    }
    if s.read_only {
        spans.push(sep);
        spans.push(Span::styled(tr!(l, "read-only"), th.style(Role::Warn)));
    }
    Line::from(spans)
}

/// Newest toast at the bottom, right-aligned above the status bar.
pub fn toasts(f: &mut Frame, body: Rect, s: &State, th: &Theme) {
    let mut bottom = body.bottom();
    for toast in s.toasts.iter().rev() {
        let text = format!(" {} ", safe(&notice(s.lang, &toast.notice)));
        let width = (text.width() as u16)
            .min(body.width.saturating_sub(2))
            .max(1);
        let height = (text.width() as u16).div_ceil(width).clamp(1, 3);
        if bottom < body.y + height {
            break;
        }
        bottom -= height;
        let area = Rect {
            x: body.right().saturating_sub(width + 1),
            y: bottom,
            width,
            height,
        };
        let role = match toast.level {
            Level::Ok => Role::ToastOk,
            Level::Info => Role::ToastInfo,
            Level::Error => Role::ToastError,
        };
        f.render_widget(Clear, area);
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .style(th.style(role)),
            area,
        );
    }
}
