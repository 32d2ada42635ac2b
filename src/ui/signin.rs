//! The sign-in gate drawn over the whole screen: the logon banner, the sign-in form (its fields
//! drawn by `ratatui-textarea`, the password masked) and the lock screen. Nothing else is drawn
//! while it is up, so no record is on screen behind it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use super::fmt::safe;
use super::i18n::{hints, tr};
use super::overlays::centered;
use super::panes::frame_block;
use super::theme::{Role, Theme};
use crate::app::keys::KeyContext;
use crate::app::signin::{BannerText, Field, Gate, Problem, Purpose, Stage};
use crate::app::state::{Lang, State};

/// Draws the gate over the whole frame.
pub fn draw(f: &mut Frame, s: &State, g: &Gate, th: &Theme) {
    let area = f.area();
    f.render_widget(Clear, area);
    f.render_widget(Block::default().style(th.style(Role::Base)), area);
    let [title, body, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let l = s.lang;
    let heading = tr!(l, "signin-title", server = safe(&s.session.server));
    f.render_widget(
        Paragraph::new(Span::styled(format!(" {heading}"), th.style(Role::Title))),
        title,
    );
    let segs = match g.stage {
        Stage::Banner => {
            banner(f, body, l, g, th);
            hints::BANNER
        }
        Stage::Form => {
            form(f, body, s, g, th);
            hints::SIGNIN
        }
    };
    let bindings = crate::ui::keymap::in_force(&s.bindings, &[KeyContext::SignIn]);
    super::panes::hint_with(f, hint, l, segs, &bindings, th);
}

fn banner(f: &mut Frame, body: Rect, l: Lang, g: &Gate, th: &Theme) {
    let block = frame_block(
        Line::styled(
            format!(" {} ", tr!(l, "banner-heading")),
            th.style(Role::Title),
        ),
        th,
    );
    let area = centered(body, body.width.saturating_sub(2).min(88), body.height);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines: Vec<Line> = match &g.banner {
        BannerText::Loading => vec![Line::styled(
            tr!(l, "banner-loading"),
            th.style(Role::Muted),
        )],
        BannerText::Shown(text) => text
            .lines()
            .map(|line| Line::raw(safe(line).into_owned()))
            .collect(),
        BannerText::Failed(why) => vec![
            Line::styled(
                tr!(l, "banner-failed", reason = safe(why)),
                th.style(Role::Alert),
            ),
            Line::raw(""),
            Line::raw(tr!(l, "banner-retry")),
        ],
    };
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn form(f: &mut Frame, body: Rect, s: &State, g: &Gate, th: &Theme) {
    let l = s.lang;
    let mut intro: Vec<Line> = Vec::new();
    let heading = match g.purpose {
        Purpose::SignIn => tr!(l, "signin-heading"),
        Purpose::Unlock | Purpose::Expired => tr!(l, "locked-heading"),
    };
    match g.purpose {
        Purpose::SignIn => {}
        Purpose::Unlock => {
            let minutes = s
                .session
                .idle_lock
                .map(|k| k.after_s().div_ceil(60))
                .unwrap_or(0);
            intro.push(Line::raw(tr!(l, "locked-idle", minutes = minutes)));
        }
        Purpose::Expired => intro.push(Line::raw(tr!(l, "locked-expired"))),
    }
    if g.user_fixed() {
        intro.push(Line::raw(tr!(l, "locked-who", user = safe(&g.user))));
    }
    let block = frame_block(
        Line::styled(format!(" {heading} "), th.style(Role::Title)),
        th,
    );
    let intro_rows = if intro.is_empty() { 0 } else { 3 };
    let height = (intro_rows + 10).min(body.height);
    let area = centered(body, body.width.saturating_sub(2).min(76), height);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [intro_area, fields_area, status_area] = Layout::vertical([
        Constraint::Length(intro_rows),
        Constraint::Length(6),
        Constraint::Min(1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(intro).wrap(Wrap { trim: true }), intro_area);
    let rows = Layout::vertical([Constraint::Length(1); 5]).split(fields_area);
    let labels = [
        tr!(l, "signin-user"),
        tr!(l, "signin-password"),
        tr!(l, "signin-totp"),
    ];
    let label_w = labels
        .iter()
        .map(|x| unicode_width::UnicodeWidthStr::width(x.as_str()))
        .max()
        .unwrap_or(8) as u16
        + 2;
    for (i, (field, label)) in [Field::User, Field::Password, Field::Totp]
        .into_iter()
        .zip(labels)
        .enumerate()
    {
        let Some(row) = rows.get(i * 2).copied() else {
            continue;
        };
        let [lab, input] =
            Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(row);
        let focused = g.focus == field && !g.busy;
        let style = if focused {
            th.style(Role::Key)
        } else {
            th.style(Role::Muted)
        };
        f.render_widget(Paragraph::new(Span::styled(label, style)), lab);
        let [input, help] = if field == Field::Totp {
            Layout::horizontal([Constraint::Length(8), Constraint::Min(0)]).areas(input)
        } else {
            [input, Rect::default()]
        };
        f.render_widget(&text_field(g, field, focused, th), input);
        if field == Field::Totp && help.width > 0 {
            f.render_widget(
                Paragraph::new(Span::styled(
                    format!(" {}", tr!(l, "signin-totp-help")),
                    th.style(Role::Muted),
                )),
                help,
            );
        }
    }
    let status = if g.busy {
        Some(Line::styled(tr!(l, "signin-busy"), th.style(Role::Muted)))
    } else {
        g.problem
            .as_ref()
            .map(|p| Line::styled(problem(s, g, p), th.style(Role::Alert)))
    };
    if let Some(line) = status {
        f.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), status_area);
    }
}

/// One field as a single-line `ratatui-textarea`: the password masked, the cursor shown only
/// in the focused field.
fn text_field(g: &Gate, field: Field, focused: bool, th: &Theme) -> TextArea<'static> {
    let text = match field {
        Field::User => g.user.clone(),
        Field::Password => g.password.clone(),
        Field::Totp => g.totp.clone(),
    };
    let mut area = TextArea::new(vec![text]);
    if field == Field::Password {
        area.set_mask_char('•');
    }
    area.set_style(th.style(Role::Input));
    area.set_cursor_line_style(Style::default());
    area.set_cursor_style(if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    });
    area.move_cursor(CursorMove::End);
    area
}

/// Why the last sign-in did not succeed, in the user's language. A lock says when to try
/// again, the same way whether or not the user exists (the server answers alike).
fn problem(s: &State, g: &Gate, p: &Problem) -> String {
    let l = s.lang;
    match p {
        Problem::Missing(Field::User) => tr!(l, "signin-missing-user"),
        Problem::Missing(Field::Password) => tr!(l, "signin-missing-password"),
        Problem::Missing(Field::Totp) => tr!(l, "signin-missing-totp"),
        Problem::Failed => tr!(l, "signin-failed"),
        Problem::Locked { until: Some(t) } => tr!(l, "signin-locked", time = utc_time(*t)),
        Problem::Locked { until: None } => tr!(l, "signin-locked-later"),
        Problem::Throttled { until: Some(t) } => {
            tr!(l, "signin-throttled", time = utc_time(*t))
        }
        Problem::Throttled { until: None } => tr!(l, "signin-throttled-later"),
        Problem::PasswordChange => tr!(
            l,
            "signin-password-change",
            server = safe(&s.session.server),
            user = safe(&g.user),
        ),
        Problem::Offline(why) if why.is_empty() => {
            tr!(l, "cannot-reach", server = safe(&s.session.server))
        }
        Problem::Offline(why) => tr!(l, "signin-offline", reason = safe(why)),
        Problem::Other(r) => tr!(l, "signin-refused", reason = crate::ui::i18n::refusal(l, r)),
    }
}

/// `HH:MM`, rounded up to the next minute (so "until 02:31" is never a minute early).
fn utc_time(t: chrono::DateTime<chrono::Utc>) -> String {
    let up = t + chrono::Duration::seconds(59);
    up.format("%H:%M").to_string()
}
