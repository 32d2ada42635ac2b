//! The frame around the panes: tab bar, status bar and toasts.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::fmt::{local_time, safe};
use super::i18n::{Msg, notice, t};
use super::panes::VIEWS;
use super::theme::{Role, Theme};
use crate::app::panes::ORDER;
use crate::app::state::{Conn, Level, State};

/// Only panes that exist are listed; their number is the key that focuses them.
pub fn tab_bar(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let mut spans = vec![Span::raw(" ")];
    for (i, id) in ORDER.iter().enumerate() {
        let title = VIEWS
            .iter()
            .find(|v| v.id == *id)
            .map_or("?", |v| t(s.lang, v.title));
        let role = if *id == s.active {
            Role::TabActive
        } else {
            Role::Tab
        };
        spans.push(Span::styled(
            format!(" {} {} ", i + 1, title),
            th.style(role),
        ));
        spans.push(Span::raw(" "));
    }
    let tabs = Line::from(spans);
    let tabs_width = tabs.width();
    f.render_widget(Paragraph::new(tabs), area);
    let mut right = Vec::new();
    if s.demo {
        // The banner must always be there, but never over a tab: short when room is tight.
        let clock = local_time(s.now).width() + 1;
        let long = t(s.lang, Msg::Demo);
        let banner = if tabs_width + long.width() + 3 + clock <= usize::from(area.width) {
            long
        } else {
            t(s.lang, Msg::DemoShort)
        };
        right.push(Span::styled(format!(" {banner} "), th.style(Role::Demo)));
        right.push(Span::raw(" "));
    }
    right.push(Span::styled(
        format!("{} ", local_time(s.now)),
        th.style(Role::Muted),
    ));
    f.render_widget(
        Paragraph::new(Line::from(right)).alignment(Alignment::Right),
        area,
    );
}

pub fn status_bar(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let l = s.lang;
    let stale = s.panes.get(s.active).stale();
    let (role, conn) = match &s.session.conn {
        Conn::Offline(_) => (Role::Offline, t(l, Msg::Offline)),
        Conn::Connecting => (Role::Stale, t(l, Msg::Connecting)),
        Conn::Online if stale => (Role::Stale, t(l, Msg::Stale)),
        Conn::Online => (Role::Online, t(l, Msg::Online)),
    };
    let user = match &s.session.user {
        Some(u) => format!("{} · {}", safe(&u.name), safe(&u.agency)),
        None => t(l, Msg::NotSignedIn).to_string(),
    };
    let sync = s
        .session
        .last_sync
        .map_or_else(|| t(l, Msg::Never).to_string(), local_time);
    let sep = Span::styled(" │ ", th.style(Role::Muted));
    let mut spans = vec![
        Span::styled(format!(" ● {conn} "), th.style(role)),
        Span::raw(" "),
        Span::raw(user),
        sep.clone(),
        Span::raw(safe(&s.session.server).into_owned()),
        sep.clone(),
        Span::raw(format!("{} {sync}", t(l, Msg::LastSync))),
    ];
    if s.session.pending_writes > 0 {
        spans.push(sep.clone());
        spans.push(Span::styled(
            format!("{} {}", s.session.pending_writes, t(l, Msg::Pending)),
            th.style(Role::Warn),
        ));
    }
    if s.read_only {
        spans.push(sep);
        spans.push(Span::styled(t(l, Msg::ReadOnly), th.style(Role::Warn)));
    }
    f.render_widget(
        Paragraph::new(Line::from(spans)).style(th.style(Role::StatusBar)),
        area,
    );
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
