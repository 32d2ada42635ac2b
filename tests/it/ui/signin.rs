//! The sign-in gate at 80×24: the logon banner, the form with a refusal, and the lock screen —
//! each alone on the screen, nothing of the records behind it.

use crate::support::ui::*;
use fwc::app::backend::{FetchError, FetchErrorKind};
use fwc::app::reply::Reply;
use fwc::app::signin::{Gate, IdleLock, Purpose, SignInFailure};
use fwc::app::state::Lang;
use fwc::app::{Action, update};

fn gate_state(lang: Lang) -> fwc::app::State {
    let mut s = state(lang, 80, 24);
    s.session.server = "https://fwc.example.org".into();
    let (g, _) = Gate::sign_in(lang);
    s.gate = Some(g);
    s
}

fn banner_shown(lang: Lang) -> fwc::app::State {
    let mut s = gate_state(lang);
    let text = fwc::server::routes::banner::built_in(if lang == Lang::Es { "es" } else { "en" });
    update(
        &mut s,
        Action::Reply(Box::new(Reply::Banner(Ok(fwc::model::Banner {
            text: text.into(),
            lang: None,
        })))),
    );
    s
}

fn typed(s: &mut fwc::app::State, text: &str) {
    for c in text.chars() {
        update(s, Action::Char(c));
    }
}

/// Renders `s`, checks what must and must not be on the screen, and pins it.
fn pin(name: &str, s: &fwc::app::State, shown: &[&str], hidden: &[&str]) {
    let screen = render(s, &theme("dark"));
    for t in shown {
        assert!(screen.contains(t), "{t} missing:\n{screen}");
    }
    for t in hidden {
        assert!(!screen.contains(t), "{t} shown:\n{screen}");
    }
    insta::assert_snapshot!(snap_name(name, s), screen);
}

fn assert_no_records(screen: &str) {
    for record in ["SZ-", "TR-", "Ana Ruiz", "SYNTHETIC"] {
        assert!(
            !screen.contains(record),
            "{record} behind the gate:\n{screen}"
        );
    }
}

#[test]
fn the_logon_banner_alone_on_the_screen() {
    for lang in [Lang::En, Lang::Es] {
        let s = banner_shown(lang);
        let screen = render(&s, &theme("dark"));
        assert_no_records(&screen);
        insta::assert_snapshot!(snap_name("signin_banner", &s), screen);
    }
}

#[test]
fn the_form_after_a_wrong_code_keeps_the_name_and_masks_the_password() {
    for lang in [Lang::En, Lang::Es] {
        let mut s = banner_shown(lang);
        update(&mut s, Action::Open);
        typed(&mut s, "Ana Ruiz");
        update(&mut s, Action::NextField);
        typed(&mut s, "río bravo at dawn");
        update(&mut s, Action::NextField);
        typed(&mut s, "123456");
        let fx = update(&mut s, Action::Open);
        assert!(
            matches!(fx.as_slice(), [fwc::app::Effect::SignIn(_)]),
            "{fx:?}"
        );
        let refused = SignInFailure {
            error: FetchError::new(FetchErrorKind::Unauthorized, "wrong")
                .with_code(Some("sign_in_failed".into())),
            retry_after_s: None,
            at: now(),
        };
        update(
            &mut s,
            Action::Reply(Box::new(Reply::SignedIn(Err(refused)))),
        );
        // Typed again after the refusal: the password shows masked.
        typed(&mut s, "secret");
        pin("signin_form", &s, &["••••••"], &["secret", "río bravo"]);
    }
}

#[test]
fn the_lock_screen_hides_the_queue() {
    let mut s = state(Lang::En, 80, 24);
    s.session.account = Some("Ana Ruiz".into());
    s.session.idle_lock = Some(IdleLock::new(None, None, 1800));
    let before = render(&s, &theme("dark"));
    assert!(before.contains("SZ-"));
    update(&mut s, Action::Lock);
    assert_eq!(s.gate.as_ref().map(|g| g.purpose), Some(Purpose::Unlock));
    pin("signin_locked", &s, &["15 minutes"], &["SZ-", "SYNTHETIC"]);
}
