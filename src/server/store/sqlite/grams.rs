//! The short-gram index of seizures on SQLite (what it is and why: `store/short_grams.rs`),
//! kept by the code that adds seizures: `insert_seizure` (create, import) and the bulk loader.
//! SQLite's triggers can run no CTE and this needs each seizure's grams, so Rust computes them,
//! with the same function that reads a term's grams.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::server::store::short_grams::{self, COMMON_ABOVE, GramKey, Lookup, key_text};

/// Migration 13's tables. `seizure_gram_index` holds the bound on a gram's postings and whether
/// the index is deferred (a bulk load in progress: nothing kept until it is rebuilt, and reads
/// walk as before).
pub(super) fn migrate(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(&format!(
        "CREATE TABLE seizure_gram_index (
             id INTEGER PRIMARY KEY CHECK (id = 1),
             common_above INTEGER NOT NULL,
             deferred INTEGER NOT NULL
         );
         INSERT INTO seizure_gram_index(id, common_above, deferred) VALUES (1, {COMMON_ABOVE}, 1);
         CREATE TABLE seizure_grams (
             gram TEXT PRIMARY KEY,
             docs INTEGER NOT NULL,
             common INTEGER NOT NULL
         ) WITHOUT ROWID;
         CREATE TABLE seizure_gram_postings (
             gram TEXT NOT NULL,
             at INTEGER NOT NULL,
             seizure TEXT NOT NULL,
             PRIMARY KEY (gram, at, seizure)
         ) WITHOUT ROWID;"
    ))?;
    rebuild(tx)
}

/// The bound, and whether the index is deferred.
fn state(c: &Connection) -> rusqlite::Result<(i64, bool)> {
    c.prepare_cached("SELECT common_above, deferred FROM seizure_gram_index WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Whether the index is deferred (a bulk load: [`add`] keeps nothing, so callers may skip
/// computing grams).
pub(super) fn deferred(c: &Connection) -> rusqlite::Result<bool> {
    Ok(state(c)?.1)
}

/// Defers the index for a bulk load ([`rebuild`] ends it).
pub(super) fn defer(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute("UPDATE seizure_gram_index SET deferred = 1", [])?;
    Ok(())
}

/// The grams of a seizure's six searched columns.
pub(super) fn of(
    id: &str,
    summary: &str,
    state: &str,
    municipality: &str,
    port: Option<&str>,
    agency: &str,
) -> BTreeSet<String> {
    short_grams::seizure_grams(&[
        Some(id),
        Some(summary),
        Some(state),
        Some(municipality),
        port,
        Some(agency),
    ])
}

/// Adds seizures (`(occurred_at, id, grams)`) to the index: one count update per distinct gram,
/// and postings for each gram still rare; a gram passing the bound is marked common and its
/// postings deleted.
pub(super) fn add(
    tx: &Transaction<'_>,
    added: &[(i64, &str, BTreeSet<String>)],
) -> rusqlite::Result<()> {
    let (limit, deferred) = state(tx)?;
    if deferred || added.is_empty() {
        return Ok(());
    }
    let mut by_gram: BTreeMap<&str, Vec<(i64, &str)>> = BTreeMap::new();
    for (at, id, grams) in added {
        for g in grams {
            by_gram.entry(g).or_default().push((*at, id));
        }
    }
    let mut count = tx.prepare_cached(
        "INSERT INTO seizure_grams(gram, docs, common) VALUES (?1, ?2, 0)
         ON CONFLICT(gram) DO UPDATE SET docs = docs + excluded.docs
         RETURNING docs, common",
    )?;
    let mut post = tx.prepare_cached(
        "INSERT OR IGNORE INTO seizure_gram_postings(gram, at, seizure) VALUES (?1, ?2, ?3)",
    )?;
    for (gram, rows) in by_gram {
        let (docs, common): (i64, bool) = count
            .query_row(params![gram, rows.len() as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if common {
            continue;
        }
        if docs > limit {
            mark_common(tx, gram)?;
            continue;
        }
        for (at, id) in rows {
            post.execute(params![gram, at, id])?;
        }
    }
    Ok(())
}

fn mark_common(tx: &Transaction<'_>, gram: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE seizure_grams SET common = 1 WHERE gram = ?1")?
        .execute([gram])?;
    tx.prepare_cached("DELETE FROM seizure_gram_postings WHERE gram = ?1")?
        .execute([gram])?;
    Ok(())
}

/// Builds the index from every seizure, in two passes so no pass holds all postings: the
/// count of each gram, then the postings of the rare ones. Ends a deferral.
pub(super) fn rebuild(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let (limit, _) = state(tx)?;
    tx.execute_batch("DELETE FROM seizure_grams; DELETE FROM seizure_gram_postings;")?;
    let mut docs: HashMap<GramKey, i64> = HashMap::new();
    each_seizure(tx, |_, _, keys| {
        for k in keys {
            *docs.entry(*k).or_default() += 1;
        }
        Ok(())
    })?;
    {
        let mut put =
            tx.prepare("INSERT INTO seizure_grams(gram, docs, common) VALUES (?1, ?2, ?3)")?;
        for (k, n) in &docs {
            put.execute(params![key_text(*k), n, *n > limit])?;
        }
    }
    let mut post =
        tx.prepare("INSERT INTO seizure_gram_postings(gram, at, seizure) VALUES (?1, ?2, ?3)")?;
    each_seizure(tx, |at, id, keys| {
        for k in keys {
            if docs.get(k).is_some_and(|n| *n <= limit) {
                post.execute(params![key_text(*k), at, id])?;
            }
        }
        Ok(())
    })?;
    tx.execute("UPDATE seizure_gram_index SET deferred = 0", [])?;
    Ok(())
}

/// Calls `f` with each seizure's time, id and gram keys.
fn each_seizure(
    c: &Connection,
    mut f: impl FnMut(i64, &str, &HashSet<GramKey>) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let mut st = c.prepare(
        "SELECT occurred_at, id, summary, state, municipality, port, agency FROM seizures",
    )?;
    let mut rows = st.query([])?;
    let mut keys = HashSet::new();
    while let Some(r) = rows.next()? {
        let id = r.get_ref(1)?.as_str()?;
        keys.clear();
        short_grams::seizure_gram_keys(
            &[
                Some(id),
                Some(r.get_ref(2)?.as_str()?),
                Some(r.get_ref(3)?.as_str()?),
                Some(r.get_ref(4)?.as_str()?),
                r.get_ref(5)?.as_str_or_null()?,
                Some(r.get_ref(6)?.as_str()?),
            ],
            &mut keys,
        );
        f(r.get(0)?, id, &keys)?;
    }
    Ok(())
}

/// What the index says of `text` (see [`short_grams::lookup`]); a deferred index says
/// `Common`, so the page walks as it did before the index.
pub(super) fn lookup(c: &Connection, text: &str) -> rusqlite::Result<Lookup> {
    if state(c)?.1 {
        return Ok(Lookup::Common);
    }
    let mut st = c.prepare_cached("SELECT docs, common FROM seizure_grams WHERE gram = ?1")?;
    let mut counts = Vec::new();
    for g in short_grams::term_grams(text) {
        let c = st
            .query_row([&g], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        counts.push((g, c));
    }
    Ok(short_grams::lookup(&counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let mut c = Connection::open_in_memory().expect("open");
        super::super::migrations::migrate(&mut c).expect("migrate");
        c
    }

    /// A seizure written past the store (as a database from before migration 13 holds them).
    fn raw_seizure(c: &Connection, id: &str, at: i64, summary: &str, port: Option<&str>) {
        c.execute(
            "INSERT INTO seizures(id, kind, status, occurred_at, country, state, municipality, \
             port, agency, conveyance, concealment, summary, items_json, updated_at, item_kinds) \
             VALUES (?1, 'operation', 'new', ?2, 'MX', 'Sonora', 'Nogales', ?3, 'FGR', NULL, \
             NULL, ?4, '[]', ?2, ',')",
            params![id, at, port, summary],
        )
        .expect("seizure");
    }

    fn docs(c: &Connection, gram: &str) -> Option<(i64, bool)> {
        c.query_row(
            "SELECT docs, common FROM seizure_grams WHERE gram = ?1",
            [gram],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .expect("docs")
    }

    fn postings(c: &Connection, gram: &str) -> Vec<String> {
        c.prepare("SELECT seizure FROM seizure_gram_postings WHERE gram = ?1 ORDER BY at, seizure")
            .expect("prepare")
            .query_map([gram], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    #[test]
    fn migration_13_indexes_the_seizures_a_database_already_holds() {
        let mut c = db();
        raw_seizure(
            &c,
            "SZ-000001",
            10,
            "Rifles bajo el piso",
            Some("Lukeville"),
        );
        raw_seizure(&c, "SZ-000002", 20, "Cargadores", None);
        // Back to version 12: the index did not exist, the seizures did (nor did migration
        // 14's index).
        c.execute_batch(
            "DROP INDEX traces_seizure_id; CREATE INDEX traces_seizure ON traces(seizure_id);
             DROP TABLE seizure_gram_index; DROP TABLE seizure_grams;
             DROP TABLE seizure_gram_postings; PRAGMA user_version = 12;",
        )
        .expect("back to 12");
        super::super::migrations::migrate(&mut c).expect("migrate to 13");
        assert_eq!(docs(&c, "lu"), Some((1, false)), "a port's pair");
        assert_eq!(docs(&c, "r"), Some((2, false)), "folded: R and r");
        assert_eq!(docs(&c, "zz"), None);
        assert_eq!(docs(&c, "sn"), None, "no pair across columns");
        assert_eq!(postings(&c, "r"), ["SZ-000001", "SZ-000002"]);
        assert_eq!(
            lookup(&c, "LU").expect("lookup"),
            Lookup::Postings("lu".into())
        );
        assert_eq!(lookup(&c, "zz").expect("lookup"), Lookup::Absent);
    }

    #[test]
    fn a_gram_past_the_bound_is_marked_common_and_its_postings_dropped() {
        let mut c = db();
        c.execute("UPDATE seizure_gram_index SET common_above = 2", [])
            .expect("bound");
        let tx = c.transaction().expect("tx");
        for (i, summary) in ["qj uno", "QJ dos", "qj tres"].iter().enumerate() {
            let id = format!("SZ-00000{i}");
            let grams = of(&id, summary, "Sonora", "Nogales", None, "FGR");
            add(&tx, &[(i as i64, &id, grams)]).expect("add");
            let kept = i < 2;
            assert_eq!(docs(&tx, "qj"), Some((i as i64 + 1, !kept)), "{i}");
            assert_eq!(postings(&tx, "qj").len(), if kept { i + 1 } else { 0 });
        }
        assert_eq!(lookup(&tx, "qj").expect("lookup"), Lookup::Common);
        assert_eq!(docs(&tx, "un"), Some((1, false)));
        // A batch passing the bound at once keeps no postings either.
        let batch: Vec<_> = (0..3)
            .map(|i| (100 + i, format!("SZ-1{i}"), "wk".to_string()))
            .collect();
        let added: Vec<_> = batch
            .iter()
            .map(|(at, id, s)| {
                (
                    *at,
                    id.as_str(),
                    of(id, s, "Sonora", "Nogales", None, "FGR"),
                )
            })
            .collect();
        add(&tx, &added).expect("batch");
        assert_eq!(docs(&tx, "wk"), Some((3, true)));
        assert!(postings(&tx, "wk").is_empty());
    }

    #[test]
    fn a_deferred_index_keeps_nothing_and_reads_walk_until_rebuilt() {
        let mut c = db();
        let tx = c.transaction().expect("tx");
        defer(&tx).expect("defer");
        let grams = of("SZ-1", "qj", "Sonora", "Nogales", None, "FGR");
        add(&tx, &[(1, "SZ-1", grams)]).expect("add");
        assert_eq!(docs(&tx, "qj"), None);
        assert_eq!(lookup(&tx, "qj").expect("lookup"), Lookup::Common);
        raw_seizure(&tx, "SZ-1", 1, "qj", None);
        rebuild(&tx).expect("rebuild");
        assert_eq!(docs(&tx, "qj"), Some((1, false)));
        assert_eq!(
            lookup(&tx, "QJ").expect("lookup"),
            Lookup::Postings("qj".into())
        );
    }
}
