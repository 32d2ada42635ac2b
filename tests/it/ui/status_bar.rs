//! The status bar's standing warnings.

use crate::support::ui::*;
use fwc::app::state::Lang;
use fwc::ui::theme::Role;

/// With `--insecure-http` to another machine the status bar says the link is unencrypted, in
/// the warning colour, next to the server's address, in the reader's language.
#[test]
fn insecure_http_is_said_in_the_warning_colour() {
    for (lang, text) in [
        (Lang::En, "UNENCRYPTED (--insecure-http)"),
        (Lang::Es, "SIN CIFRAR (--insecure-http)"),
    ] {
        let mut s = state(lang, 160, 48);
        s.session.server = "http://10.1.2.3:8470".into();
        let th = theme("dark");
        let plain = render(&s, &th);
        assert!(!plain.contains(text), "{plain}");

        s.insecure_http = true;
        let buf = buffer(&s, &th);
        let y = buf.area.height - 1;
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        let at = row
            .find(&format!("http://10.1.2.3:8470 {text}"))
            .unwrap_or_else(|| panic!("{lang:?}: {row}"));
        // Byte offset to column: everything before it on the bar is ASCII or one-column.
        let x = row[..at].chars().count() + "http://10.1.2.3:8470 ".len();
        assert_eq!(
            buf[(x as u16, y)].fg,
            th.style(Role::Warn).fg.unwrap(),
            "{lang:?}: {row}"
        );
    }
}

/// At 80 columns in Spanish, with a long agency, writes waiting and read-only, the bar keeps
/// what the investigator acts on whole — the link, the last sync, the writes still to send,
/// read-only — and gives up the server's address, then the agency, instead of cutting the end.
#[test]
fn a_narrow_bar_gives_up_the_address_before_the_writes_waiting() {
    let mut s = state(Lang::Es, 80, 24);
    s.session.server = "https://fwc.fiscalia-general.example.gob.mx:8443".into();
    s.session.pending_writes = 3;
    s.read_only = true;
    if let Some(u) = s.session.user.as_mut() {
        u.agency = "Fiscalía General de la República, Chihuahua".into();
    }
    let screen = render(&s, &theme("dark"));
    let bar = screen.lines().last().unwrap_or_default().to_string();
    for whole in ["3 pendientes", "SOLO LECTURA", "sinc."] {
        assert!(bar.contains(whole), "{whole:?} missing: {bar}");
    }
    assert!(!bar.contains("https://"), "{bar}");

    // With room, everything is there as before.
    let mut wide = state(Lang::Es, 200, 24);
    wide.session.server = s.session.server.clone();
    let bar = render(&wide, &theme("dark"));
    assert!(
        bar.contains("https://fwc.fiscalia-general.example.gob.mx:8443"),
        "{bar}"
    );
}
