//! What a note's text means to the console: the references typed in it, and how many notes of a
//! case this console has not shown yet. Pure functions, no I/O.
//!
//! Short forms recognised in a note (case-insensitive, written as a word of their own):
//!
//! | form               | names                       | opens                     |
//! |--------------------|-----------------------------|---------------------------|
//! | `SZ-000123`        | a seizure                   | the Queue pane's detail   |
//! | `TR-2026-0000042`  | a trace request             | the Trace pane's detail   |
//! | `FA-0001234`       | a firearm                   | its traces (Trace pane)   |
//! | `#ABC123`          | a firearm serial            | a serial search (Trace)   |
//! | `BC-000012`        | a ballistic casing          | best lead (Ballistics)    |
//! | `BL-000012`        | a ballistic lead (hit)      | its detail (Ballistics)   |

use std::collections::BTreeMap;

/// What kind of entity a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    Seizure,
    Trace,
    Firearm,
    Serial,
    Casing,
    Lead,
}

/// One reference found in a note: the normalised id and where it sits (byte range) so the
/// timeline can highlight exactly the typed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRef {
    pub kind: RefKind,
    /// Upper-case id (`SZ-000123`), or the bare serial for [`RefKind::Serial`] (no `#`).
    pub id: String,
    pub start: usize,
    pub end: usize,
}

/// Shortest serial accepted after `#`: shorter runs are more likely "#1" list numbering.
const MIN_SERIAL: usize = 4;

/// Every reference in `text`, in order of appearance.
pub fn references(text: &str) -> Vec<NoteRef> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let starts_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '#');
        if starts_word && let Some(r) = reference_at(text, i) {
            i = r.end;
            out.push(r);
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// A reference starting exactly at byte `i`, ending at a word boundary.
fn reference_at(text: &str, i: usize) -> Option<NoteRef> {
    let rest = &text[i..];
    let (kind, id_len) = if let Some(serial) = rest.strip_prefix('#') {
        let n = serial_len(serial);
        if n < MIN_SERIAL || !serial[..n].chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        (RefKind::Serial, 1 + n)
    } else {
        let prefix = rest.get(..3)?.to_ascii_uppercase();
        let kind = match prefix.as_str() {
            "SZ-" => RefKind::Seizure,
            "TR-" => RefKind::Trace,
            "FA-" => RefKind::Firearm,
            "BC-" => RefKind::Casing,
            "BL-" => RefKind::Lead,
            _ => return None,
        };
        let body = &rest[3..];
        let n = if kind == RefKind::Trace {
            trace_number_len(body)?
        } else {
            digits(body).filter(|&d| d >= 4)?
        };
        (kind, 3 + n)
    };
    let end = i + id_len;
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    let raw = &text[i..end];
    let id = match kind {
        RefKind::Serial => raw[1..].to_ascii_uppercase(),
        _ => raw.to_ascii_uppercase(),
    };
    Some(NoteRef {
        kind,
        id,
        start: i,
        end,
    })
}

/// Length of a leading run of ASCII digits, if any.
fn digits(s: &str) -> Option<usize> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (n > 0).then_some(n)
}

/// `2026-0000042` after `TR-`: a four-digit year, a dash, a number.
fn trace_number_len(s: &str) -> Option<usize> {
    let year = digits(s).filter(|&n| n == 4)?;
    let rest = s[year..].strip_prefix('-')?;
    Some(year + 1 + digits(rest)?)
}

/// Serial numbers are letters and digits, possibly with inner dashes (`ABC-1234`).
fn serial_len(s: &str) -> usize {
    let mut n = 0;
    let b = s.as_bytes();
    while n < b.len() {
        let c = b[n];
        let inner_dash = c == b'-' && n > 0 && b.get(n + 1).is_some_and(u8::is_ascii_alphanumeric);
        if c.is_ascii_alphanumeric() || inner_dash {
            n += 1;
        } else {
            break;
        }
    }
    n
}

/// Notes of a case this console has not shown yet: the server's count minus the count this
/// console last displayed (notes are never deleted, so the difference is what is new). A case
/// never opened here counts all its notes as unread.
pub fn unread(note_count: u32, seen: Option<u32>) -> u32 {
    note_count.saturating_sub(seen.unwrap_or(0))
}

/// Records that `count` notes of `case_id` were shown. Returns whether that is news (the count
/// only grows, so a late, shorter answer never resurrects an unread marker).
pub fn mark_seen(seen: &mut BTreeMap<String, u32>, case_id: &str, count: u32) -> bool {
    let old = seen.get(case_id).copied();
    if old.is_some_and(|o| o >= count) {
        return false;
    }
    seen.insert(case_id.to_string(), count);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(RefKind, String)> {
        references(text)
            .into_iter()
            .map(|r| (r.kind, r.id))
            .collect()
    }

    #[test]
    fn recognises_every_short_form() {
        let t = "Ver SZ-000123 y TR-2026-0000042; arma FA-0001234 (#ABC123), vaina BC-000012 → BL-000012.";
        assert_eq!(
            ids(t),
            vec![
                (RefKind::Seizure, "SZ-000123".into()),
                (RefKind::Trace, "TR-2026-0000042".into()),
                (RefKind::Firearm, "FA-0001234".into()),
                (RefKind::Serial, "ABC123".into()),
                (RefKind::Casing, "BC-000012".into()),
                (RefKind::Lead, "BL-000012".into()),
            ]
        );
    }

    #[test]
    fn byte_ranges_cover_the_typed_text_after_accents() {
        let t = "Aseguramiento en Nogales: sz-000777, revisión pendiente";
        let r = &references(t)[0];
        assert_eq!(&t[r.start..r.end], "sz-000777");
        assert_eq!(r.id, "SZ-000777");
    }

    #[test]
    fn ignores_lookalikes() {
        assert!(ids("XSZ-000123 SZ-12 SZ-000123X TR-26-1 TR-2026- #1 #ab punto #1a").is_empty());
        assert!(ids("SZ-000123-extra").is_empty());
        assert!(ids("ver la lista #12").is_empty());
    }

    #[test]
    fn serials_may_hold_inner_dashes_and_end_at_punctuation() {
        assert_eq!(
            ids("serie #KF-1234, también #7DX9911."),
            vec![
                (RefKind::Serial, "KF-1234".into()),
                (RefKind::Serial, "7DX9911".into())
            ]
        );
    }

    #[test]
    fn unread_counts_notes_not_yet_shown() {
        assert_eq!(unread(5, None), 5);
        assert_eq!(unread(5, Some(3)), 2);
        assert_eq!(unread(3, Some(5)), 0);
        let mut seen = BTreeMap::new();
        assert!(mark_seen(&mut seen, "CS-1", 4));
        assert!(!mark_seen(&mut seen, "CS-1", 2), "a shorter late answer");
        assert_eq!(unread(6, seen.get("CS-1").copied()), 2);
    }
}
