//! Short free-text terms (`?q=` of one or two characters, and on PostgreSQL any term without
//! three letters or digits in a row) answered from an index of short grams, kept by both
//! engines: a term like that has no trigram, so without it the page walks the time index, and a
//! rare or absent term walks every seizure (`q=zz`: 259 ms on SQLite, 308 ms on PostgreSQL on
//! the large seed).
//!
//! The grams of a seizure are the characters and the pairs of adjacent characters of each of
//! its six searched columns (id, summary, state, municipality, port, agency), each column on
//! its own (a gram never spans two columns), folded with ASCII-only lowercasing as `LIKE` and
//! `ILIKE` fold here; characters, not bytes. A seizure holds a term of one or two characters
//! exactly when it holds that term's gram, and a longer term only if it holds every bigram of
//! the term.
//!
//! Kept, per gram: how many seizures hold it (`seizure_grams.docs`), and while that count is at
//! most [`COMMON_ABOVE`], which seizures (`seizure_gram_postings`, in page order). A gram past
//! the bound is marked common and its postings are deleted, which bounds the index: all
//! postings of all bigrams of the large seed's summaries would be ~36M rows. Reading a term:
//! - its gram is absent: nothing matches, an empty page at once;
//! - it is rare: the page is read from its postings in page order (a page reads about `limit`
//!   postings, at most [`COMMON_ABOVE`] when other filters narrow it); a term of one or two
//!   characters is its gram, so every posting matches, and a longer one (PostgreSQL, its
//!   rarest bigram) is rechecked by the substring test;
//! - it is common: the walk of the time index, which finds a page within about
//!   `limit · n / docs < limit · n / COMMON_ABOVE` rows.
//!
//! Postings are only ever complete or dropped: a gram not marked common has every seizure
//! holding it, whatever bound was in force when they were added, so changing the bound (the
//! tests lower it) never makes an answer wrong.

use std::collections::BTreeSet;

/// The bound on a gram's postings (a store setting, `seizure_gram_index.common_above`, this
/// its default). Chosen from the walk's cost: a walked row costs 1.6 µs on SQLite and 2.2 µs on
/// PostgreSQL (the large seed, `store/free_text.rs`), so a 100-row page of a gram just past the
/// bound walks `101 · n / 10,000` rows: 3,000 rows, ~5 ms on SQLite and ~7 ms on PostgreSQL at
/// 298k seizures (the other common grams are held by more seizures and walk fewer rows). The
/// postings it keeps on the large seed: 0.71M rows for 202 of its 589 grams (all postings of
/// all grams: 32.4M); half the bound would keep 0.34M and walk twice as far (~14 ms on
/// PostgreSQL). A rare gram's page reads about `limit` of its postings whatever the bound.
pub const COMMON_ABOVE: i64 = 10_000;

/// ASCII-only lowercasing, as `LIKE` (SQLite) and `ILIKE` under the C collation (PostgreSQL)
/// fold here: `Ó` stays `Ó`.
fn fold(s: &str) -> Vec<char> {
    s.chars().map(|c| c.to_ascii_lowercase()).collect()
}

/// A gram as a number (its first character, and its second plus one or 0), cheap to hash and
/// count when a whole table is indexed; [`key_text`] gives the gram back.
pub type GramKey = u64;

fn key(a: char, b: Option<char>) -> GramKey {
    (u64::from(a) << 32) | b.map_or(0, |b| u64::from(b) + 1)
}

/// The gram a [`GramKey`] stands for.
pub fn key_text(k: GramKey) -> String {
    let ch = |v: u64| char::from_u32(v as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
    let mut s = String::new();
    s.push(ch(k >> 32));
    if k & 0xffff_ffff != 0 {
        s.push(ch((k & 0xffff_ffff) - 1));
    }
    s
}

/// Adds the keys of a seizure's grams (see [`seizure_grams`]) to `out`.
pub fn seizure_gram_keys(columns: &[Option<&str>], out: &mut std::collections::HashSet<GramKey>) {
    for col in columns.iter().flatten() {
        let mut prev: Option<char> = None;
        for c in col.chars().map(|c| c.to_ascii_lowercase()) {
            out.insert(key(c, None));
            if let Some(p) = prev {
                out.insert(key(p, Some(c)));
            }
            prev = Some(c);
        }
    }
}

/// The distinct grams of a seizure's searched columns (`None`: a seizure without a port): each
/// character and each pair of adjacent characters of each column on its own, folded.
pub fn seizure_grams(columns: &[Option<&str>]) -> BTreeSet<String> {
    let mut keys = std::collections::HashSet::new();
    seizure_gram_keys(columns, &mut keys);
    keys.into_iter().map(key_text).collect()
}

/// The grams every seizure matching `text` holds: its one gram under three characters (then
/// holding it is matching it), otherwise each distinct bigram of it; empty for empty text.
pub fn term_grams(text: &str) -> Vec<String> {
    let chars = fold(text);
    match chars.len() {
        0 => Vec::new(),
        1 | 2 => vec![chars.iter().collect()],
        _ => {
            let set: BTreeSet<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
            set.into_iter().collect()
        }
    }
}

/// Whether a page read from `gram`'s postings needs no substring test per row: a term of one
/// or two characters is its gram, so every posting matches it (and without the test the
/// planner reads the postings in page order). Both engines' page queries ask this.
pub fn term_is_gram(text: Option<&str>) -> bool {
    text.is_some_and(|t| t.chars().count() <= 2)
}

/// The key a page's cursor bounds: the postings' own `(at, seizure)` when the page is read
/// from them (the same values as the seizure's `(occurred_at, id)`, so the read starts at the
/// cursor), otherwise the seizure's.
pub fn cursor_keys(from_postings: bool) -> &'static str {
    if from_postings {
        "(p.at, p.seizure)"
    } else {
        "(occurred_at, id)"
    }
}

/// What the index says of a term, from the stored count of each of its [`term_grams`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A gram of it is held by no seizure: nothing matches.
    Absent,
    /// Read the page from this gram's postings (the rarest of the term's grams with postings).
    Postings(String),
    /// Every gram of it is common: walk the time index.
    Common,
}

/// Decides from `(gram, stored count)` pairs (`None`: no row, no seizure holds it) and whether
/// each is marked common.
pub fn lookup(grams: &[(String, Option<(i64, bool)>)]) -> Lookup {
    if grams.is_empty() {
        return Lookup::Common;
    }
    if grams
        .iter()
        .any(|(_, c)| c.is_none_or(|(docs, _)| docs <= 0))
    {
        return Lookup::Absent;
    }
    grams
        .iter()
        .filter_map(|(g, c)| c.filter(|(_, common)| !common).map(|(docs, _)| (docs, g)))
        .min()
        .map_or(Lookup::Common, |(_, g)| Lookup::Postings(g.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_column_gives_its_characters_and_pairs_folded_to_ascii_lowercase() {
        assert_eq!(seizure_grams(&[Some("AbA")]), set(&["a", "b", "ab", "ba"]));
    }

    #[test]
    fn grams_never_span_two_columns_and_a_missing_column_gives_none() {
        let g = seizure_grams(&[Some("ab"), None, Some("cd")]);
        assert_eq!(g, set(&["a", "b", "ab", "c", "d", "cd"]));
        assert!(!g.contains("bc"));
        assert!(seizure_grams(&[None, Some("")]).is_empty());
    }

    #[test]
    fn unicode_is_counted_in_characters_and_folded_only_in_ascii() {
        let g = seizure_grams(&[Some("LEÓN")]);
        assert_eq!(g, set(&["l", "e", "Ó", "n", "le", "eÓ", "Ón"]));
        assert!(!g.contains("ó"), "Ó is not ASCII: not folded");
        assert_eq!(seizure_grams(&[Some("ñ")]), set(&["ñ"]));
        assert_eq!(term_grams("Ñ"), vec!["Ñ".to_string()]);
    }

    #[test]
    fn a_short_term_is_its_gram_and_a_longer_one_its_bigrams() {
        assert_eq!(term_grams("Z"), vec!["z"]);
        assert_eq!(term_grams("La"), vec!["la"]);
        assert_eq!(term_grams("a-b-"), vec!["-b", "a-", "b-"]);
        assert!(term_grams("").is_empty());
        // A term matches a column only if its grams are among the column's.
        let col = seizure_grams(&[Some("Nuevo León")]);
        for t in ["o l", "N", "ón", "vo"] {
            assert!(term_grams(t).iter().all(|g| col.contains(g)), "{t}");
        }
        assert!(!term_grams("ÓN").iter().all(|g| col.contains(g)));
    }

    #[test]
    fn a_key_gives_its_gram_back() {
        for g in ["a", "ab", "Ó", "ñb", "\u{10FFFF}\u{10FFFF}", "\0", "\0\0"] {
            let c: Vec<char> = g.chars().collect();
            assert_eq!(key_text(key(c[0], c.get(1).copied())), g);
        }
    }

    #[test]
    fn postgresql_starts_with_the_same_bound() {
        let sql = include_str!("postgres/short_grams.sql");
        assert!(sql.contains(&format!("VALUES (1, {COMMON_ABOVE}, false)")));
    }

    #[test]
    fn the_rarest_gram_with_postings_is_read_and_an_absent_one_ends_the_search() {
        let g = |s: &str, c: Option<(i64, bool)>| (s.to_string(), c);
        assert_eq!(lookup(&[g("zz", None)]), Lookup::Absent);
        assert_eq!(lookup(&[g("zz", Some((0, false)))]), Lookup::Absent);
        assert_eq!(lookup(&[g("la", Some((90_000, true)))]), Lookup::Common);
        assert_eq!(
            lookup(&[
                g("a-", Some((9_000, true))),
                g("-b", Some((40, false))),
                g("b-", Some((12, false)))
            ]),
            Lookup::Postings("b-".into())
        );
        assert_eq!(
            lookup(&[g("a-", Some((9_000, true))), g("-q", None)]),
            Lookup::Absent
        );
        assert_eq!(lookup(&[]), Lookup::Common);
    }
}
