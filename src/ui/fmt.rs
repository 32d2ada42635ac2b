//! Formatting helpers: local dates, ages, safe text, fitting to a width.

use std::borrow::Cow;

use chrono::{DateTime, Local, Utc};
use unicode_width::UnicodeWidthStr;

use crate::app::state::Lang;
use crate::model::text::clean;
use crate::ui::i18n::tr;

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

/// Time since `then`, in the largest unit that fits, with the unit abbreviated as the reader's
/// language does (`45m`, `5h`, `3d`, `7mo`, `2y`; `45min` … `7mes`, `2a`): at most 5 cells,
/// the width of the age columns.
pub fn age(lang: Lang, now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let mins = (now - then).num_minutes().max(0);
    let (id, n) = match mins {
        m if m < 60 => ("age-minutes", m),
        m if m < 60 * 24 => ("age-hours", m / 60),
        m if m < 60 * 24 * 60 => ("age-days", m / (60 * 24)),
        m if m < 60 * 24 * 365 * 2 => ("age-months", m / (60 * 24 * 30)),
        m => ("age-years", m / (60 * 24 * 365)),
    };
    tr!(lang, id, n = n)
}

/// Cells the age columns take in `lang`: 5, or the widest [`age`] when a language's units
/// are longer (a test locale's are).
pub fn age_width(lang: Lang) -> u16 {
    [
        "age-minutes",
        "age-hours",
        "age-days",
        "age-months",
        "age-years",
    ]
    .iter()
    .map(|id| tr!(lang, id, n = 99).width())
    .max()
    .and_then(|w| u16::try_from(w).ok())
    .unwrap_or(5)
    .max(5)
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
        assert_eq!(age(Lang::En, now, now - chrono::Duration::minutes(5)), "5m");
        assert_eq!(age(Lang::En, now, now - chrono::Duration::hours(5)), "5h");
        assert_eq!(age(Lang::En, now, now - chrono::Duration::days(3)), "3d");
        assert_eq!(age(Lang::En, now, now - chrono::Duration::days(100)), "3mo");
        assert_eq!(
            age(Lang::Es, now, now - chrono::Duration::minutes(45)),
            "45min"
        );
        assert_eq!(
            age(Lang::Es, now, now - chrono::Duration::days(100)),
            "3mes"
        );
        assert_eq!(age(Lang::Es, now, now - chrono::Duration::days(800)), "2a");
        assert_eq!((age_width(Lang::En), age_width(Lang::Es)), (5, 5));
        // Every unit in every language fits the 5-cell age columns at its widest.
        for lang in [Lang::En, Lang::Es] {
            for d in [
                chrono::Duration::minutes(59),
                chrono::Duration::hours(23),
                chrono::Duration::days(59),
                chrono::Duration::days(700),
                chrono::Duration::days(365 * 99),
            ] {
                assert!(age(lang, now, now - d).width() <= 5, "{lang:?} {d}");
            }
        }
        assert_eq!(fit("Nuevo León", 20), "Nuevo León");
        assert_eq!(fit("Nuevo León", 6), "Nuevo…");
    }

    #[test]
    fn safe_strips_escapes() {
        assert_eq!(safe("plain"), "plain");
        assert_eq!(safe("a\u{1b}[2Jb"), "a[2Jb");
    }
}
