//! Formatting helpers: local dates, ages, safe text, fitting to a width.

use std::borrow::Cow;

use chrono::{DateTime, Local, Utc};
use unicode_width::UnicodeWidthStr;

use crate::model::text::clean;

/// Text from the network as it may be drawn. The API client already sanitised it; this second
/// pass is cheap (a scan of visible cells only) and keeps a future code path that forgets to
/// sanitise from ever driving the terminal.
pub fn safe(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean(s))
    }
}

/// A date in the user's time zone.
pub fn local_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

pub fn local_datetime(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%H:%M").to_string()
}

/// Time since `then`, in the largest unit that fits: `45m`, `5h`, `3d`, `7mo`, `2y`.
pub fn age(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let mins = (now - then).num_minutes().max(0);
    match mins {
        m if m < 60 => format!("{m}m"),
        m if m < 60 * 24 => format!("{}h", m / 60),
        m if m < 60 * 24 * 60 => format!("{}d", m / (60 * 24)),
        m if m < 60 * 24 * 365 * 2 => format!("{}mo", m / (60 * 24 * 30)),
        m => format!("{}y", m / (60 * 24 * 365)),
    }
}

/// Cuts `s` to at most `width` terminal cells, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ages_and_fitting() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
        assert_eq!(age(now, now - chrono::Duration::minutes(5)), "5m");
        assert_eq!(age(now, now - chrono::Duration::hours(5)), "5h");
        assert_eq!(age(now, now - chrono::Duration::days(3)), "3d");
        assert_eq!(age(now, now - chrono::Duration::days(100)), "3mo");
        assert_eq!(fit("Nuevo León", 20), "Nuevo León");
        assert_eq!(fit("Nuevo León", 6), "Nuevo…");
    }

    #[test]
    fn safe_strips_escapes() {
        assert_eq!(safe("plain"), "plain");
        assert_eq!(safe("a\u{1b}[2Jb"), "a[2Jb");
    }
}
