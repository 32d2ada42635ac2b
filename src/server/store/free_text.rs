//! Free-text seizure search (`GET /v1/seizures?q=`), the parts both engines share: what `q`
//! matches and how a page of it is read.
//!
//! A page is the newest (or oldest) `limit` matches. There are two ways to read it, and which
//! is cheaper depends on how many seizures match, `m` of `n`:
//! - **walk** the time index in page order, testing each row, until the page is full: about
//!   `limit · n / m` rows (few when the term is common, every row when nothing matches);
//! - take the **candidates** from the trigram index and sort them: about `m` rows (few when
//!   the term is rare, half the table for a word in every other summary).
//!
//! The walk wins when `limit · n / m < m`. Measured on the large seed (298k seizures) a walked
//! row costs about half a candidate on both engines (SQLite 1.6 µs against 3 µs, PostgreSQL
//! 2.2 µs against 6 µs), hence the factor in [`walk_wins`]. Each engine counts `m` its own
//! way, cheaply: SQLite counts trigram candidates with a cap, PostgreSQL asks its planner.

use crate::model::SeizureQuery;

/// The trimmed free text of `q`, or `None` when it has none (then `q` is a plain list page).
pub(crate) fn text(q: &SeizureQuery) -> Option<&str> {
    q.q.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// `text` as a `LIKE` pattern for a substring, with `\` as the escape: `%`, `_` and `\` in
/// the text are literal.
pub(crate) fn like_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// `cols` (a comma-separated list of columns) each qualified by `table`, for a join.
pub(crate) fn qualified(cols: &str, table: &str) -> String {
    cols.split(',')
        .map(|c| format!("{table}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether walking the time index reads fewer rows than sorting the candidates, for a page of
/// `limit` when about `matches` of `rows` seizures match (see the module comment): the walk
/// reads `(limit + 1) · rows / matches`, the candidates cost `2 · matches` walked rows.
pub(crate) fn walk_wins(matches: u64, rows: u64, limit: u32) -> bool {
    let walked = (u128::from(limit) + 1) * u128::from(rows);
    let matches = u128::from(matches);
    matches > 0 && walked < 2 * matches * matches
}

/// The most candidates worth counting before the walk is known to win: past this count the
/// exact number no longer changes the choice.
pub(crate) fn candidates_worth_counting(rows: u64, limit: u32) -> u64 {
    // The smallest m with 2·m² > (limit + 1)·rows, plus one.
    let walked = (u64::from(limit) + 1).saturating_mul(rows);
    ((walked / 2) as f64).sqrt() as u64 + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rare_term_sorts_its_candidates_and_a_common_one_walks() {
        // The large seed: 298k seizures, a page of 100.
        let n = 298_398;
        assert!(!walk_wins(0, n, 100), "nothing matches: no walk");
        assert!(!walk_wins(11, n, 100), "an id prefix");
        assert!(!walk_wins(856, n, 100), "rifle");
        assert!(walk_wins(6_802, n, 100), "Tijuana");
        assert!(walk_wins(149_015, n, 100), "armas");
        // A small table: the same term may walk there.
        assert!(walk_wins(856, 2_000, 100));
    }

    #[test]
    fn counting_stops_where_the_choice_is_made() {
        for (n, limit) in [(298_398, 100), (1_200, 500), (10, 1), (0, 100)] {
            let cap = candidates_worth_counting(n, limit);
            assert!(walk_wins(cap, n, limit) || n == 0, "{n} {limit}: {cap}");
            if cap > 3 {
                assert!(!walk_wins(cap - 3, n, limit), "{n} {limit}: {cap}");
            }
        }
    }

    #[test]
    fn columns_are_qualified_for_a_join() {
        assert_eq!(
            qualified("id, kind,\n  summary", "s"),
            "s.id, s.kind, s.summary"
        );
    }

    #[test]
    fn like_wildcards_in_the_text_are_literal() {
        assert_eq!(like_pattern("100%"), "%100\\%%");
        assert_eq!(like_pattern("a_b\\c"), "%a\\_b\\\\c%");
    }
}
