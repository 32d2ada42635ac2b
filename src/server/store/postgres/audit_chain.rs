//! The audit hash chain on PostgreSQL (the chain itself: `store::chain`). Rows are appended
//! under the write lock (`PgStore::write`), ids one more than the highest ever given, which
//! `audit_seq` remembers as SQLite's `sqlite_sequence` does: a row removed from the end is
//! caught even though the trigger that refuses it was dropped first.

use std::io::Write;

use chrono::{DateTime, Utc};

use super::{Db, PgStore, from_ts, ts};
use crate::server::store::chain::{
    ChainRow, Content, GENESIS, Verdict, content_hash, verify_rows, write_jsonl,
};
use crate::server::store::{AuditRecord, StoreError, StoreResult};

/// Appends `records` to the chain, in order, inside the caller's (write-locked) transaction.
///
/// Two statements whatever their number, because the write lock is held meanwhile and every
/// node's writes wait for it: one reads the chain's end and takes the ids (`audit_seq` moved on
/// by as many), one inserts every row from arrays. The hashes are computed here in between.
/// (One statement per row and three per record, as before, held the lock for three round trips
/// a record: the audited reads of two nodes then spent their time waiting for each other.)
pub(super) fn insert(db: &Db<'_>, records: &[AuditRecord]) -> StoreResult<()> {
    if records.is_empty() {
        return Ok(());
    }
    let n = i64::try_from(records.len())
        .map_err(|_| StoreError::Internal("too many audit records at once".into()))?;
    let end = db.query_one(
        "UPDATE audit_seq SET last_id = last_id + $1
         RETURNING last_id, (SELECT hash FROM audit ORDER BY id DESC LIMIT 1)",
        &[&n],
    )?;
    let last: i64 = end.get(0);
    let mut prev: String = end
        .get::<_, Option<String>>(1)
        .unwrap_or_else(|| GENESIS.to_string());
    let mut rows = Columns::default();
    for (i, r) in (last - n + 1..).zip(records) {
        let c = Content::of(r);
        let hash = content_hash(&prev, &c);
        rows.push(i, c, std::mem::replace(&mut prev, hash.clone()), hash);
    }
    db.execute(
        "INSERT INTO audit(id, at, user_name, method, route, path, status, entity_id, case_id, prev_hash, hash)
         SELECT * FROM unnest($1::BIGINT[], $2::BIGINT[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                              $6::TEXT[], $7::BIGINT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[])",
        &[
            &rows.id,
            &rows.at,
            &rows.user,
            &rows.method,
            &rows.route,
            &rows.path,
            &rows.status,
            &rows.entity_id,
            &rows.case_id,
            &rows.prev_hash,
            &rows.hash,
        ],
    )?;
    Ok(())
}

/// Audit rows as one array per column (`unnest` turns them back into rows).
#[derive(Default)]
struct Columns {
    id: Vec<i64>,
    at: Vec<i64>,
    user: Vec<Option<String>>,
    method: Vec<String>,
    route: Vec<Option<String>>,
    path: Vec<String>,
    status: Vec<i64>,
    entity_id: Vec<Option<String>>,
    case_id: Vec<Option<String>>,
    prev_hash: Vec<String>,
    hash: Vec<String>,
}

impl Columns {
    fn push(&mut self, id: i64, c: Content, prev_hash: String, hash: String) {
        self.id.push(id);
        self.at.push(c.at);
        self.user.push(c.user);
        self.method.push(c.method);
        self.route.push(c.route);
        self.path.push(c.path);
        self.status.push(i64::from(c.status));
        self.entity_id.push(c.entity_id);
        self.case_id.push(c.case_id);
        self.prev_hash.push(prev_hash);
        self.hash.push(hash);
    }
}

/// Rows in chain order, optionally within `[from, to]` (Unix seconds, inclusive).
fn read_rows(db: &Db<'_>, from: Option<i64>, to: Option<i64>) -> StoreResult<Vec<ChainRow>> {
    db.query(
        "SELECT id, at, user_name, method, path, status, entity_id, route, case_id, prev_hash, hash
         FROM audit WHERE ($1::BIGINT IS NULL OR at >= $1) AND ($2::BIGINT IS NULL OR at <= $2)
         ORDER BY id",
        &[&from, &to],
    )?
    .iter()
    .map(|r| {
        Ok(ChainRow {
            id: r.get(0),
            at: from_ts(r.get(1)),
            user: r.get(2),
            method: r.get(3),
            path: r.get(4),
            status: u16::try_from(r.get::<_, i64>(5))
                .map_err(|_| StoreError::Internal("an audit status out of range".into()))?,
            entity_id: r.get(6),
            route: r.get(7),
            case_id: r.get(8),
            prev_hash: r.get(9),
            hash: r.get(10),
        })
    })
    .collect()
}

impl PgStore {
    /// Walks the whole chain (`fwc audit verify --db postgres://…`), in one snapshot.
    pub fn verify_audit(&self) -> StoreResult<Verdict> {
        self.read(|db| {
            let rows = read_rows(db, None, None)?;
            let highest: i64 = db.query_one("SELECT last_id FROM audit_seq", &[])?.get(0);
            Ok(verify_rows(&rows, Some(highest)))
        })
    }

    /// The rows recorded within `[from, to]` as JSON lines (`fwc audit export`).
    pub fn export_audit(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        out: &mut dyn Write,
    ) -> StoreResult<u64> {
        let rows = self.read(|db| read_rows(db, from.map(ts), to.map(ts)))?;
        write_jsonl(&rows, out)
    }
}
