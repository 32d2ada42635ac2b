//! `update()` for the sign-in gate (see [`super::signin`]): keys while the gate is up, the
//! banner and sign-in answers, the idle lock, and a session the server ended.

use super::action::Action;
use super::effect::{Effect, Request, Slot};
use super::signin::{BannerText, Gate, Purpose, SignInFailure, SignedIn, Stage};
use super::state::{Level, Notice, State};

/// Keys while the gate is up. Nothing reaches the panes: the gate is all the user can act on.
pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    let Some(g) = s.gate.as_mut() else {
        return vec![];
    };
    match (g.stage, action) {
        (_, Action::Quit | Action::Back) => {
            s.quit = true;
            let mut fx = save_draft(s);
            fx.push(Effect::Quit);
            fx
        }
        (Stage::Banner, Action::Open) => match &g.banner {
            BannerText::Shown(_) => {
                g.stage = Stage::Form;
                vec![]
            }
            BannerText::Failed(_) => {
                g.banner = BannerText::Loading;
                vec![Effect::FetchBanner(s.lang)]
            }
            BannerText::Loading => vec![],
        },
        (Stage::Banner, _) => vec![],
        (Stage::Form, Action::Open) => g.submit().into_iter().collect(),
        (Stage::Form, Action::NextField) => {
            g.move_focus(1);
            vec![]
        }
        (Stage::Form, Action::PrevField) => {
            g.move_focus(-1);
            vec![]
        }
        (Stage::Form, Action::Char(c)) => {
            g.type_char(c);
            vec![]
        }
        (Stage::Form, Action::Paste(text)) => {
            for c in text.chars() {
                g.type_char(c);
            }
            vec![]
        }
        (Stage::Form, Action::Backspace) => {
            g.backspace();
            vec![]
        }
        _ => vec![],
    }
}

pub fn on_banner(s: &mut State, r: Result<crate::model::Banner, super::backend::FetchError>) {
    if let Some(g) = s.gate.as_mut() {
        g.banner = match r {
            Ok(b) => BannerText::Shown(b.text),
            Err(e) => BannerText::Failed(e.message),
        };
    }
}

/// A sign-in answered: on success the gate goes and the console carries on (after the lock,
/// with every pane as it was, its data read again); a refusal stays on the form.
pub fn on_signed_in(s: &mut State, r: Result<SignedIn, SignInFailure>) -> Vec<Effect> {
    let Some(g) = s.gate.as_mut() else {
        return vec![];
    };
    match r {
        Err(f) => {
            g.refused(f);
            vec![]
        }
        Ok(done) => {
            let purpose = g.purpose;
            s.gate = None;
            s.session.account = Some(done.user);
            s.session.auth_error = None;
            if let Some(lock) = s.session.idle_lock.as_mut() {
                lock.server_s = u64::from(done.session.idle_timeout_s);
            }
            if purpose == Purpose::SignIn {
                return vec![];
            }
            let mut fx = vec![s.fetch(Slot::Session, Request::Me)];
            fx.extend(super::update::in_pane(s, s.active, |p, cx| p.refresh(cx)));
            fx.push(s.toast(Level::Ok, Notice::Unlocked));
            fx
        }
    }
}

/// The idle time passed without a key: hide everything behind the lock screen, keep the draft
/// on disk, and end the session on the server now rather than at its own idle time. Only a
/// console signed in with password and TOTP locks (a machine token has no one to unlock it).
pub fn lock(s: &mut State) -> Vec<Effect> {
    let Some(user) = s.session.account.clone() else {
        return vec![];
    };
    if s.session.idle_lock.is_none() || s.gate.is_some() {
        return vec![];
    }
    s.gate = Some(Gate::again(Purpose::Unlock, &user));
    let mut fx = save_draft(s);
    fx.push(Effect::SignOut);
    fx
}

/// The server refused the session (`401`): a console signed in with password and TOTP asks
/// the same user to sign in again, its work kept; one on a machine token says what failed.
pub fn session_refused(s: &mut State, message: String) {
    match s.session.account.clone() {
        Some(user) if s.gate.is_none() => {
            s.gate = Some(Gate::again(Purpose::Expired, &user));
        }
        Some(_) => {}
        None => s.session.auth_error = Some(message),
    }
}

/// The note being written, saved now if any of it is not on disk yet.
fn save_draft(s: &State) -> Vec<Effect> {
    s.panes
        .cases
        .editor
        .as_ref()
        .and_then(|e| e.final_save(s.now))
        .map(Effect::Local)
        .into_iter()
        .collect()
}
