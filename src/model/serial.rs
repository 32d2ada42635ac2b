//! The serial search syntax shared by the API and the console: exact (`ABC123`), prefix
//! (`ABC*`) or partial with wildcards, `*` for any run of characters and `?` for exactly one —
//! labs often recover only part of an obliterated serial.

/// A parsed serial search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SerialPattern {
    Exact(String),
    Prefix(String),
    /// A GLOB pattern using `*` and `?`; `longest_literal` is the longest run without wildcards
    /// (three or more lets a trigram index answer it).
    Wildcard {
        glob: String,
        longest_literal: usize,
    },
}

/// Longest accepted pattern.
pub const MAX_SERIAL_PATTERN: usize = 40;

impl SerialPattern {
    /// Parses a user's pattern. Case-insensitive; letters, digits, `-`, `*` and `?` only.
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err("the serial pattern is empty".into());
        }
        if s.len() > MAX_SERIAL_PATTERN {
            return Err(format!(
                "the serial pattern is longer than {MAX_SERIAL_PATTERN} characters"
            ));
        }
        if let Some(bad) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '*' | '?')))
        {
            return Err(format!(
                "the serial pattern may contain only letters, digits, '-', '*' and '?' (found {bad:?})"
            ));
        }
        if s.chars().all(|c| c == '*') {
            return Err("the serial pattern needs at least one letter or digit".into());
        }
        let wild = |c: char| c == '*' || c == '?';
        if !s.contains(wild) {
            return Ok(SerialPattern::Exact(s));
        }
        let body = s.trim_end_matches('*');
        if !body.contains(wild) {
            return Ok(SerialPattern::Prefix(body.to_string()));
        }
        let longest_literal = s.split(wild).map(str::len).max().unwrap_or(0);
        Ok(SerialPattern::Wildcard {
            glob: s,
            longest_literal,
        })
    }

    /// True when `serial` matches (used by tests and by clients filtering cached rows).
    pub fn matches(&self, serial: &str) -> bool {
        let serial = serial.to_ascii_uppercase();
        match self {
            SerialPattern::Exact(s) => serial == *s,
            SerialPattern::Prefix(p) => serial.starts_with(p.as_str()),
            SerialPattern::Wildcard { glob, .. } => glob_match(glob.as_bytes(), serial.as_bytes()),
        }
    }
}

fn glob_match(p: &[u8], s: &[u8]) -> bool {
    // Iterative matcher with single-star backtracking: linear in practice.
    let (mut pi, mut si) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while si < s.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if let Some(st) = star {
            pi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_patterns() {
        assert_eq!(
            SerialPattern::parse("abc123").unwrap(),
            SerialPattern::Exact("ABC123".into())
        );
        assert_eq!(
            SerialPattern::parse("AB*").unwrap(),
            SerialPattern::Prefix("AB".into())
        );
        assert_eq!(
            SerialPattern::parse("*12?45*").unwrap(),
            SerialPattern::Wildcard {
                glob: "*12?45*".into(),
                longest_literal: 2
            }
        );
        assert!(SerialPattern::parse("AB[1]").is_err());
        assert!(SerialPattern::parse("**").is_err());
        assert!(SerialPattern::parse("").is_err());
    }

    #[test]
    fn matches_like_glob() {
        let p = SerialPattern::parse("*12?45*").unwrap();
        assert!(p.matches("XX12345YY"));
        assert!(p.matches("12A45"));
        assert!(!p.matches("1245"));
        assert!(SerialPattern::parse("ab*").unwrap().matches("ABZ"));
    }
}
