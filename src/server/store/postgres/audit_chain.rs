//! The audit hash chain on PostgreSQL (the chain itself: `store::chain`).
//!
//! Each row hashes the one before, so the chain has one end and rows join it one at a time,
//! under the write lock (`PgStore::write`). Every request is audited — reads too — and when
//! each audited read took that lock to join the chain, the reads of two nodes spent their time
//! waiting for each other and two nodes answered fewer lookups than one. So a request's record
//! is first **queued**: inserted into `audit_pending` in the request's own transaction (a
//! write's, which is why an acknowledged write always has its record) or in a transaction of
//! its own (an audited read's, committed before the answer leaves), without the write lock.
//! Queued rows are then **sealed** into the chain by whichever node takes the write lock to do
//! it — every node's background task a few times a second (`tasks::seal_audit`), and every
//! reader of the trail (`audit_for_entity`, `fwc audit verify` and `export`) before it reads —
//! in the order they were queued. Ids are one more than the highest ever given, which
//! `audit_seq` remembers as SQLite's `sqlite_sequence` does: a row removed from the end is
//! caught even though the trigger that refuses it was dropped first.
//!
//! What this gives up: a row is outside the hash chain for the fraction of a second it waits in
//! the queue (an administrator with write access to the database could delete it unseen in that
//! window; the queue refuses updates), and the chain's order is the order rows were queued,
//! not the order their transactions committed.

use std::io::Write;

use chrono::{DateTime, Utc};

use super::{Db, PgStore, WRITE_LOCK, from_ts, ts};
use crate::server::store::chain::{
    ChainRow, Content, GENESIS, Verdict, Walk, content_hash, write_line,
};
use crate::server::store::{AuditRecord, StoreError, StoreResult};

/// Most queued rows sealed in one transaction (the write lock is held meanwhile).
const SEAL_BATCH: i64 = 5_000;

/// Queues rows for the chain (see the module's doc).
const QUEUE: &str =
    "INSERT INTO audit_pending(at, user_name, method, route, path, status, entity_id, case_id)
     SELECT * FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                          $6::BIGINT[], $7::TEXT[], $8::TEXT[])";

/// Queues `records` for the chain inside the caller's transaction (a write's: its record
/// commits with it), without the write lock: one statement whatever their number.
pub(super) fn queue(db: &Db<'_>, records: &[AuditRecord]) -> StoreResult<()> {
    if records.is_empty() {
        return Ok(());
    }
    let rows = Columns::of(records);
    db.execute(QUEUE, &rows.queued())?;
    Ok(())
}

/// Moves up to [`SEAL_BATCH`] queued rows, oldest first, onto the end of the chain; answers how
/// many. The caller's transaction holds the write lock.
fn seal_locked(db: &Db<'_>) -> StoreResult<i64> {
    let mut queued = db
        .query(
            "DELETE FROM audit_pending WHERE seq IN
                 (SELECT seq FROM audit_pending ORDER BY seq LIMIT $1)
             RETURNING seq, at, user_name, method, route, path, status, entity_id, case_id",
            &[&SEAL_BATCH],
        )?
        .iter()
        .map(|r| {
            let status = u16::try_from(r.get::<_, i64>(6))
                .map_err(|_| StoreError::Internal("a queued audit status out of range".into()))?;
            let row = Content {
                at: r.get(1),
                user: r.get(2),
                method: r.get(3),
                route: r.get(4),
                path: r.get(5),
                status,
                entity_id: r.get(7),
                case_id: r.get(8),
            };
            Ok((r.get::<_, i64>(0), row))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    queued.sort_by_key(|(seq, _)| *seq);
    let n = queued.len() as i64;
    append(db, queued.into_iter().map(|(_, c)| c).collect())?;
    Ok(n)
}

/// Appends `rows` to the chain, in order. Two statements whatever their number, because the
/// write lock is held meanwhile: one reads the chain's end and takes the ids (`audit_seq`
/// moved on by as many), one inserts every row from arrays. The hashes are computed here in
/// between.
fn append(db: &Db<'_>, rows: Vec<Content>) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let n = i64::try_from(rows.len())
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
    let mut cols = Columns::default();
    for (i, c) in (last - n + 1..).zip(rows) {
        let hash = content_hash(&prev, &c);
        cols.id.push(i);
        cols.prev_hash
            .push(std::mem::replace(&mut prev, hash.clone()));
        cols.hash.push(hash);
        cols.push(c);
    }
    db.execute(
        "INSERT INTO audit(id, at, user_name, method, route, path, status, entity_id, case_id, prev_hash, hash)
         SELECT * FROM unnest($1::BIGINT[], $2::BIGINT[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                              $6::TEXT[], $7::BIGINT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[])",
        &[
            &cols.id,
            &cols.at,
            &cols.user,
            &cols.method,
            &cols.route,
            &cols.path,
            &cols.status,
            &cols.entity_id,
            &cols.case_id,
            &cols.prev_hash,
            &cols.hash,
        ],
    )?;
    Ok(())
}

/// Audit rows as one array per column (`unnest` turns them back into rows); the chain's
/// columns (`id`, `prev_hash`, `hash`) stay empty for queued rows.
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
    fn of(records: &[AuditRecord]) -> Columns {
        let mut rows = Columns::default();
        records.iter().for_each(|r| rows.push(Content::of(r)));
        rows
    }

    /// The parameters of [`QUEUE`].
    fn queued(&self) -> [&(dyn tokio_postgres::types::ToSql + Sync); 8] {
        [
            &self.at,
            &self.user,
            &self.method,
            &self.route,
            &self.path,
            &self.status,
            &self.entity_id,
            &self.case_id,
        ]
    }

    fn push(&mut self, c: Content) {
        self.at.push(c.at);
        self.user.push(c.user);
        self.method.push(c.method);
        self.route.push(c.route);
        self.path.push(c.path);
        self.status.push(i64::from(c.status));
        self.entity_id.push(c.entity_id);
        self.case_id.push(c.case_id);
    }
}

/// Rows verified or exported a page at a time: the whole chain is never in memory at once.
const PAGE: i64 = 20_000;

/// Walks the chain in pages of `page` rows, all in the caller's one snapshot.
fn verify_paged(db: &Db<'_>, page: i64) -> StoreResult<Verdict> {
    let mut walk = Walk::default();
    loop {
        let rows = db
            .query(
                "SELECT id, at, user_name, method, path, status, entity_id, route, case_id, prev_hash, hash
                 FROM audit WHERE id > $1 ORDER BY id LIMIT $2",
                &[&walk.last_id(), &page],
            )?
            .iter()
            .map(chain_row)
            .collect::<StoreResult<Vec<_>>>()?;
        for row in &rows {
            if let Some(broken) = walk.step(row) {
                return Ok(broken);
            }
        }
        if (rows.len() as i64) < page {
            break;
        }
    }
    let highest: i64 = db.query_one("SELECT last_id FROM audit_seq", &[])?.get(0);
    Ok(walk.end(Some(highest)))
}

/// Writes the rows within `[from, to]` (Unix seconds, inclusive) in chain order as JSON
/// lines, reading `page` rows at a time (in the caller's snapshot); answers how many.
fn export_paged(
    db: &Db<'_>,
    from: Option<i64>,
    to: Option<i64>,
    page: i64,
    out: &mut dyn Write,
) -> StoreResult<u64> {
    let (mut after, mut n) = (0_i64, 0_u64);
    loop {
        let rows = db.query(
            "SELECT id, at, user_name, method, path, status, entity_id, route, case_id, prev_hash, hash
             FROM audit WHERE id > $3 AND ($1::BIGINT IS NULL OR at >= $1)
                          AND ($2::BIGINT IS NULL OR at <= $2)
             ORDER BY id LIMIT $4",
            &[&from, &to, &after, &page],
        )?;
        for r in &rows {
            let row = chain_row(r)?;
            write_line(&row, out)?;
            after = row.id;
            n += 1;
        }
        if (rows.len() as i64) < page {
            return Ok(n);
        }
    }
}

fn chain_row(r: &tokio_postgres::Row) -> StoreResult<ChainRow> {
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
}

impl PgStore {
    /// Queues the records of requests that wrote nothing (reads, refusals, failed writes), in
    /// one statement on its own: one round trip, where a transaction around it would be three.
    pub(super) fn queue_audit(&self, records: &[AuditRecord]) -> StoreResult<()> {
        if records.is_empty() {
            return Ok(());
        }
        let rows = Columns::of(records);
        self.one_statement(QUEUE, &rows.queued())?;
        Ok(())
    }

    /// Seals every queued audit row into the chain (see the module's doc); answers how many.
    /// Each batch is its own short transaction holding the write lock.
    pub fn seal_audit_impl(&self) -> StoreResult<u64> {
        let mut sealed = 0;
        loop {
            let queued = self
                .one_statement("SELECT EXISTS (SELECT 1 FROM audit_pending)", &[])?
                .is_some_and(|r| r.get::<_, bool>(0));
            if !queued {
                return Ok(sealed);
            }
            let n = self.unlocked_write(|db| {
                db.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
                seal_locked(db)
            })?;
            sealed += u64::try_from(n).unwrap_or(0);
            if n < SEAL_BATCH {
                return Ok(sealed);
            }
        }
    }

    /// Walks the whole chain (`fwc audit verify --db postgres://…`), in one snapshot, once
    /// every queued row is sealed.
    pub fn verify_audit(&self) -> StoreResult<Verdict> {
        self.verify_audit_in_pages(PAGE)
    }

    /// [`PgStore::verify_audit`] reading `page` rows at a time (tests walk short chains in
    /// several pages).
    pub fn verify_audit_in_pages(&self, page: i64) -> StoreResult<Verdict> {
        self.seal_audit_impl()?;
        self.read_long(|db| verify_paged(db, page.max(1)))
    }

    /// The rows recorded within `[from, to]` as JSON lines (`fwc audit export`), once every
    /// queued row is sealed.
    pub fn export_audit(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        out: &mut dyn Write,
    ) -> StoreResult<u64> {
        self.export_audit_in_pages(from, to, PAGE, out)
    }

    /// [`PgStore::export_audit`] reading `page` rows at a time (tests export short windows in
    /// several pages).
    pub fn export_audit_in_pages(
        &self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
        page: i64,
        out: &mut dyn Write,
    ) -> StoreResult<u64> {
        self.seal_audit_impl()?;
        self.read_long(|db| export_paged(db, from.map(ts), to.map(ts), page.max(1), out))
    }
}
