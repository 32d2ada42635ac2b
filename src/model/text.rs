//! Making text from the network safe to show in a terminal.
//!
//! A record must never be able to drive the investigator's terminal: escape sequences, C0/C1
//! controls and bidi overrides are removed, and the rest is NFC-normalised so accents compare and
//! measure the same whichever way the sender composed them.

use unicode_normalization::UnicodeNormalization;

/// Returns `s` NFC-normalised with control, escape and bidi-control characters removed.
/// Tabs and newlines become spaces unless `keep_newlines` is set (for multi-line note bodies).
pub fn clean_with(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            // bidi embeddings/overrides/isolates and zero-width joiners used for spoofing
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            '\u{FEFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Single-line form of [`clean_with`].
pub fn clean(s: &str) -> String {
    clean_with(s, false)
}

/// Cleans a string in place, avoiding an allocation when it is already clean.
pub fn clean_in_place(s: &mut String) {
    if needs_cleaning(s, false) {
        *s = clean(s);
    }
}

/// Multi-line form of [`clean_in_place`].
pub fn clean_multiline_in_place(s: &mut String) {
    if needs_cleaning(s, true) {
        *s = clean_with(s, true);
    }
}

fn needs_cleaning(s: &str, keep_newlines: bool) -> bool {
    !s.is_ascii()
        || s.bytes()
            .any(|b| (b < 0x20 && !(keep_newlines && b == b'\n')) || b == 0x7f)
}

/// Types whose strings came from the network and must be cleaned before display.
pub trait Sanitize {
    fn sanitize(&mut self);
}

impl Sanitize for String {
    fn sanitize(&mut self) {
        clean_in_place(self);
    }
}

impl<T: Sanitize> Sanitize for Option<T> {
    fn sanitize(&mut self) {
        if let Some(v) = self {
            v.sanitize();
        }
    }
}

impl<T: Sanitize> Sanitize for Vec<T> {
    fn sanitize(&mut self) {
        for v in self {
            v.sanitize();
        }
    }
}

impl<T: Sanitize> Sanitize for crate::model::Page<T> {
    fn sanitize(&mut self) {
        self.items.sanitize();
        self.next_cursor.sanitize();
    }
}

/// Implements [`Sanitize`] by sanitising the listed fields.
#[macro_export]
macro_rules! sanitize_fields {
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl $crate::model::text::Sanitize for $ty {
            fn sanitize(&mut self) {
                $( $crate::model::text::Sanitize::sanitize(&mut self.$field); )*
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_controls() {
        let evil = "AK-47\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m ok";
        let c = clean(evil);
        assert!(!c.chars().any(|ch| ch.is_control()), "{c:?}");
        assert!(c.starts_with("AK-47"));
        assert!(c.ends_with(" ok"));
    }

    #[test]
    fn normalises_to_nfc() {
        // "e" + combining acute → "é"
        assert_eq!(clean("Nuevo Le\u{0301}on"), "Nuevo Léon");
    }

    #[test]
    fn removes_bidi_overrides_but_keeps_newlines_when_asked() {
        assert_eq!(clean("a\u{202E}b"), "ab");
        assert_eq!(clean_with("line1\nline2\r", true), "line1\nline2 ");
        assert_eq!(clean("line1\nline2"), "line1 line2");
    }
}
