//! The sign-in gate and the idle lock as pure state: no terminal, no network.

use chrono::{TimeZone, Utc};

use super::action::Action;
use super::backend::{FetchError, FetchErrorKind};
use super::effect::{Effect, Request, Slot};
use super::reply::Reply;
use super::signin::{Field, Gate, IdleLock, Problem, Purpose, SignInFailure, SignedIn, Stage};
use super::state::{Lang, State};
use super::update;
use crate::app::test_support::fetches;
use crate::model::SessionCreated;

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 2, 0, 0).unwrap()
}

/// A console signed in as `ana` with password and TOTP, locking after the default time.
fn signed_in() -> State {
    let mut s = State::new("https://fwc.example.org", "t", at());
    s.session.account = Some("ana".into());
    s.session.idle_lock = Some(IdleLock::new(None, None, 1800));
    s
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Char(c));
    }
}

fn refusal(kind: FetchErrorKind, code: &str, retry_after_s: Option<u64>) -> Action {
    Action::Reply(Box::new(Reply::SignedIn(Err(SignInFailure {
        error: FetchError::new(kind, "refused").with_code(Some(code.into())),
        retry_after_s,
        at: at(),
    }))))
}

fn session(idle_timeout_s: u32) -> SessionCreated {
    SessionCreated {
        token: "fws_new".into(),
        expires_at: at() + chrono::Duration::hours(12),
        idle_timeout_s,
    }
}

#[test]
fn the_idle_lock_defaults_to_15_minutes_and_is_only_ever_shortened() {
    assert_eq!(IdleLock::new(None, None, 1800).after_s(), 15 * 60);
    assert_eq!(IdleLock::new(Some(5), None, 1800).after_s(), 5 * 60);
    // The config cannot lengthen it, nor can the test variable.
    assert_eq!(IdleLock::new(Some(60), None, 1800).after_s(), 15 * 60);
    assert_eq!(IdleLock::new(None, Some(100_000), 1800).after_s(), 15 * 60);
    assert_eq!(IdleLock::new(None, Some(3), 1800).after_s(), 3);
    // Never past the server's idle time.
    assert_eq!(IdleLock::new(None, None, 600).after_s(), 600);
}

#[test]
fn the_first_sign_in_shows_the_banner_until_acknowledged_then_sends_the_form() {
    let mut s = State::new("https://fwc.example.org", "t", at());
    s.lang = Lang::Es;
    let (g, fx) = Gate::sign_in(Lang::Es);
    assert_eq!(fx, Effect::FetchBanner(Lang::Es));
    s.gate = Some(g);
    // Enter does nothing while the banner is still being read.
    assert!(update(&mut s, Action::Open).is_empty());
    assert_eq!(s.gate.as_ref().unwrap().stage, Stage::Banner);
    let failed = FetchError::new(FetchErrorKind::Offline, "down");
    update(&mut s, Action::Reply(Box::new(Reply::Banner(Err(failed)))));
    // Enter on a failed banner reads it again; it is never skipped.
    assert_eq!(
        update(&mut s, Action::Open),
        vec![Effect::FetchBanner(Lang::Es)]
    );
    let banner = crate::model::Banner {
        text: "Aviso".into(),
        lang: Some("es".into()),
    };
    update(&mut s, Action::Reply(Box::new(Reply::Banner(Ok(banner)))));
    update(&mut s, Action::Open);
    assert_eq!(s.gate.as_ref().unwrap().stage, Stage::Form);

    // Missing fields are named, not sent.
    assert!(update(&mut s, Action::Open).is_empty());
    assert_eq!(
        s.gate.as_ref().unwrap().problem,
        Some(Problem::Missing(Field::User))
    );
    typed(&mut s, "ana");
    update(&mut s, Action::NextField);
    typed(&mut s, "pw q 3");
    update(&mut s, Action::NextField);
    typed(&mut s, "12a34567");
    let g = s.gate.as_ref().unwrap();
    assert_eq!((g.password.as_str(), g.totp.as_str()), ("pw q 3", "123456"));
    let fx = update(&mut s, Action::Open);
    let [Effect::SignIn(body)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!((body.user.as_str(), body.totp.as_str()), ("ana", "123456"));
    // One sign-in at a time.
    assert!(update(&mut s, Action::Open).is_empty());

    let ok = SignedIn {
        user: "ana".into(),
        session: session(1800),
    };
    let fx = update(&mut s, Action::Reply(Box::new(Reply::SignedIn(Ok(ok)))));
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.gate.is_none());
    assert_eq!(s.session.account.as_deref(), Some("ana"));
}

#[test]
fn a_refusal_keeps_the_name_clears_the_secrets_and_says_when_a_lock_ends() {
    let mut s = State::new("x", "t", at());
    let (mut g, _) = Gate::sign_in(Lang::En);
    g.stage = Stage::Form;
    s.gate = Some(g);
    typed(&mut s, "nobody");
    update(&mut s, Action::NextField);
    typed(&mut s, "password");
    update(&mut s, Action::NextField);
    typed(&mut s, "000000");
    update(&mut s, Action::Open);
    update(
        &mut s,
        refusal(FetchErrorKind::Invalid, "account_locked", Some(900)),
    );
    let g = s.gate.as_ref().unwrap();
    assert_eq!(g.user, "nobody");
    assert!(g.password.is_empty() && g.totp.is_empty() && !g.busy);
    assert_eq!(g.focus, Field::Password);
    assert_eq!(
        g.problem,
        Some(Problem::Locked {
            until: Some(at() + chrono::Duration::seconds(900))
        })
    );
    update(
        &mut s,
        refusal(FetchErrorKind::RateLimited, "rate_limited", None),
    );
    assert_eq!(
        s.gate.as_ref().unwrap().problem,
        Some(Problem::Throttled { until: None })
    );
    update(
        &mut s,
        refusal(FetchErrorKind::Unauthorized, "sign_in_failed", None),
    );
    assert_eq!(s.gate.as_ref().unwrap().problem, Some(Problem::Failed));
}

#[test]
fn the_lock_hides_everything_keeps_the_panes_and_only_the_same_user_unlocks() {
    let mut s = signed_in();
    update(&mut s, Action::Pane2);
    let fx = update(&mut s, Action::Lock);
    assert!(fx.contains(&Effect::SignOut), "{fx:?}");
    let g = s.gate.as_ref().unwrap();
    assert_eq!(
        (g.purpose, g.stage, g.user.as_str()),
        (Purpose::Unlock, Stage::Form, "ana")
    );
    assert!(g.user_fixed());
    // Keys go to the lock screen, never to the panes or the keymap.
    let active = s.active;
    typed(&mut s, "3q");
    update(&mut s, Action::Pane1);
    assert_eq!(s.active, active);
    assert!(!s.quit);
    assert_eq!(s.gate.as_ref().unwrap().password, "3q");
    // Tab cycles between password and code only: the user is fixed.
    update(&mut s, Action::NextField);
    update(&mut s, Action::NextField);
    assert_eq!(s.gate.as_ref().unwrap().focus, Field::Password);
    update(&mut s, Action::NextField);
    typed(&mut s, "654321");
    let fx = update(&mut s, Action::Open);
    let [Effect::SignIn(body)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(body.user, "ana");

    let ok = SignedIn {
        user: "ana".into(),
        session: session(600),
    };
    let fx = update(&mut s, Action::Reply(Box::new(Reply::SignedIn(Ok(ok)))));
    assert!(s.gate.is_none());
    assert_eq!(s.active, active);
    assert!(
        fetches(&fx)
            .iter()
            .any(|(slot, _, r)| *slot == Slot::Session && *r == Request::Me)
    );
    // The new session's idle time caps the lock from now on.
    assert_eq!(s.session.idle_lock.unwrap().after_s(), 600);
}

#[test]
fn a_machine_token_never_locks_and_a_refused_one_says_so() {
    let mut s = State::new("x", "t", at());
    assert!(update(&mut s, Action::Lock).is_empty());
    assert!(s.gate.is_none());
    let refused = FetchError::new(FetchErrorKind::Unauthorized, "bad token");
    update(
        &mut s,
        Action::Reply(Box::new(Reply::SessionEnded(refused.message.clone()))),
    );
    assert!(s.gate.is_none());
    assert_eq!(s.session.auth_error.as_deref(), Some("bad token"));

    // A session the server ended: sign in again, as the same user.
    let mut s = signed_in();
    update(
        &mut s,
        Action::Reply(Box::new(Reply::SessionEnded("expired".into()))),
    );
    let g = s.gate.as_ref().unwrap();
    assert_eq!((g.purpose, g.user.as_str()), (Purpose::Expired, "ana"));
    assert!(s.session.auth_error.is_none());
}
