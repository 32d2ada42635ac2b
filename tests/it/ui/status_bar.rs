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
