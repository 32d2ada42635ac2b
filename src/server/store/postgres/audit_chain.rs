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

/// Appends one record to the chain inside the caller's (write-locked) transaction.
pub(super) fn insert(db: &Db<'_>, r: &AuditRecord) -> StoreResult<()> {
    let prev: String = db
        .query_opt("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", &[])?
        .map(|row| row.get(0))
        .unwrap_or_else(|| GENESIS.to_string());
    let id: i64 = db
        .query_one(
            "UPDATE audit_seq SET last_id = last_id + 1 RETURNING last_id",
            &[],
        )?
        .get(0);
    let c = Content::of(r);
    let hash = content_hash(&prev, &c);
    db.execute(
        "INSERT INTO audit(id, at, user_name, method, route, path, status, entity_id, case_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        &[
            &id,
            &c.at,
            &c.user,
            &c.method,
            &c.route,
            &c.path,
            &i64::from(c.status),
            &c.entity_id,
            &c.case_id,
            &prev,
            &hash,
        ],
    )?;
    Ok(())
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
