//! The short-gram index of seizures on PostgreSQL (what it is and why: `store/short_grams.rs`).
//! Migration 9 (`short_grams.sql`) keeps it with a statement trigger, computing grams in SQL;
//! here are its reads, and the bulk load's build, computed in Rust with the function SQLite's
//! index uses: the same grams, far faster than the SQL build (the migration's: 208 s on the
//! large seed with a build beside it, which would have doubled the seed's load).

use std::collections::{HashMap, HashSet};

use tokio_postgres::types::Type;

use super::Db;
use super::filter::Arg;
use crate::server::store::StoreResult;
use crate::server::store::short_grams::{self, GramKey, Lookup, key_text};

/// What the index says of `text`; a deferred index (a bulk load not yet built) says `Common`,
/// so the page walks as it did before the index.
pub(super) fn lookup(db: &Db<'_>, text: &str) -> StoreResult<Lookup> {
    let deferred: bool = db
        .query_one("SELECT deferred FROM seizure_gram_index", &[])?
        .get(0);
    if deferred {
        return Ok(Lookup::Common);
    }
    let grams = short_grams::term_grams(text);
    let rows = db.query(
        "SELECT gram, docs, common FROM seizure_grams WHERE gram = ANY($1)",
        &[&grams],
    )?;
    let counts: Vec<(String, Option<(i64, bool)>)> = grams
        .iter()
        .map(|g| {
            let stored = rows
                .iter()
                .find(|r| r.get::<_, &str>(0) == g)
                .map(|r| (r.get(1), r.get(2)));
            (g.clone(), stored)
        })
        .collect();
    Ok(short_grams::lookup(&counts))
}

/// Seizures read a page at a time by id while building.
const PAGE: i64 = 20_000;

/// Builds the index from every seizure (as `seizure_grams_rebuild()` does) and ends a
/// deferral: the count of each gram in one pass, the postings of the rare ones in a second, so
/// no pass holds every posting.
pub(super) fn rebuild(db: &Db<'_>) -> StoreResult<()> {
    let limit: i64 = db
        .query_one("SELECT common_above FROM seizure_gram_index", &[])?
        .get(0);
    db.batch("DELETE FROM seizure_gram_postings; DELETE FROM seizure_grams")?;
    let mut docs: HashMap<GramKey, i64> = HashMap::new();
    each_seizure(db, |_, _, keys| {
        for k in keys {
            *docs.entry(*k).or_default() += 1;
        }
    })?;
    let counts: Vec<Vec<Arg>> = docs
        .iter()
        .map(|(k, n)| {
            vec![
                Box::new(key_text(*k)) as Arg,
                Box::new(*n),
                Box::new(*n > limit),
            ]
        })
        .collect();
    db.copy_rows(
        "COPY seizure_grams(gram, docs, common) FROM STDIN BINARY",
        &[Type::TEXT, Type::INT8, Type::BOOL],
        &counts,
    )?;
    let mut postings: Vec<Vec<Arg>> = Vec::new();
    each_seizure(db, |at, id, keys| {
        for k in keys {
            if docs.get(k).is_some_and(|n| *n <= limit) {
                postings.push(vec![
                    Box::new(key_text(*k)),
                    Box::new(at),
                    Box::new(id.to_string()),
                ]);
            }
        }
    })?;
    db.copy_rows(
        "COPY seizure_gram_postings(gram, at, seizure) FROM STDIN BINARY",
        &[Type::TEXT, Type::INT8, Type::TEXT],
        &postings,
    )?;
    db.batch("UPDATE seizure_gram_index SET deferred = false")
}

/// Calls `f` with each seizure's time, id and gram keys.
fn each_seizure(db: &Db<'_>, mut f: impl FnMut(i64, &str, &HashSet<GramKey>)) -> StoreResult<()> {
    let mut after = String::new();
    let mut keys = HashSet::new();
    loop {
        let rows = db.query(
            "SELECT occurred_at, id, summary, state, municipality, port, agency FROM seizures
             WHERE id > $1 ORDER BY id LIMIT $2",
            &[&after, &PAGE],
        )?;
        for r in &rows {
            let id: &str = r.get(1);
            keys.clear();
            short_grams::seizure_gram_keys(
                &[
                    Some(id),
                    Some(r.get(2)),
                    Some(r.get(3)),
                    Some(r.get(4)),
                    r.get(5),
                    Some(r.get(6)),
                ],
                &mut keys,
            );
            f(r.get(0), id, &keys);
        }
        match rows.last() {
            Some(r) if rows.len() as i64 == PAGE => after = r.get(1),
            _ => return Ok(()),
        }
    }
}
