//! The audit trail as a hash chain. Each row stores the SHA-256 of the row before it
//! (`prev_hash`) and of its own content chained to it (`hash`), so editing, deleting or
//! reordering any row breaks every hash after it; triggers refuse UPDATE and DELETE, so the
//! store itself has no path that rewrites history. [`verify`] walks the chain and names the
//! first row that does not fit; [`export`] writes a time window as JSON lines for an auditor.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

use super::{from_ts, ts};
use crate::server::store::{AuditRecord, StoreError, StoreResult};

pub use crate::server::store::chain::{ChainRow, GENESIS, Verdict};
use crate::server::store::chain::{Content, Walk, content_hash, write_line};

/// Migration 2: the new columns, the chain over rows written before it, and the triggers.
pub(super) fn migrate(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE audit ADD COLUMN route TEXT;
         ALTER TABLE audit ADD COLUMN case_id TEXT;
         ALTER TABLE audit ADD COLUMN prev_hash TEXT;
         ALTER TABLE audit ADD COLUMN hash TEXT;
         CREATE INDEX audit_case ON audit(case_id);",
    )?;
    let rows = read_rows(tx, None, None)?;
    let mut prev = GENESIS.to_string();
    for row in rows {
        let hash = content_hash(&prev, &row.content());
        tx.execute(
            "UPDATE audit SET prev_hash = ?2, hash = ?3 WHERE id = ?1",
            params![row.id, prev, hash],
        )?;
        prev = hash;
    }
    tx.execute_batch(
        "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
         CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
         CREATE TRIGGER audit_chained BEFORE INSERT ON audit
           WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
           BEGIN SELECT RAISE(ABORT, 'an audit row must carry its chain hashes'); END;",
    )
}

/// Appends one record to the chain inside the caller's transaction (the writer connection is
/// the only one that inserts, so the chain's end cannot move meanwhile).
pub(super) fn insert(tx: &Transaction<'_>, r: &AuditRecord) -> StoreResult<()> {
    let prev: String = tx
        .prepare_cached("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")?
        .query_row([], |row| row.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let content = Content::of(r);
    let hash = content_hash(&prev, &content);
    tx.prepare_cached(
        "INSERT INTO audit(at, user_name, method, route, path, status, entity_id, case_id, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        content.at,
        content.user,
        content.method,
        content.route,
        content.path,
        content.status,
        content.entity_id,
        content.case_id,
        prev,
        hash
    ])?;
    Ok(())
}

/// Rows in chain order, optionally within `[from, to]` (Unix seconds, inclusive), all at once:
/// for migration 2 only, which rewrites each row as it goes.
fn read_rows(
    c: &Connection,
    from: Option<i64>,
    to: Option<i64>,
) -> rusqlite::Result<Vec<ChainRow>> {
    let mut st = c.prepare(&select(c)?)?;
    let rows = st.query_map(params![from, to], chain_row)?;
    rows.collect()
}

/// Calls `f` with each row in chain order, optionally within `[from, to]`, one row at a time
/// from the statement's cursor (an office's trail grows by a row a request: it is never read
/// into memory whole); stops early when `f` answers false.
fn each_row(
    c: &Connection,
    from: Option<i64>,
    to: Option<i64>,
    mut f: impl FnMut(ChainRow) -> StoreResult<bool>,
) -> StoreResult<()> {
    let mut st = c.prepare(&select(c)?)?;
    let mut rows = st.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        if !f(chain_row(r)?)? {
            break;
        }
    }
    Ok(())
}

/// The rows of `[?1, ?2]` in chain order; a database from before migration 2 has no chain
/// columns yet (NULLs in their place).
fn select(c: &Connection) -> rusqlite::Result<String> {
    let has_chain: bool = c.query_row(
        "SELECT EXISTS(SELECT 1 FROM pragma_table_info('audit') WHERE name = 'hash')",
        [],
        |r| r.get(0),
    )?;
    let cols = if has_chain {
        "route, case_id, prev_hash, hash"
    } else {
        "NULL, NULL, NULL, NULL"
    };
    Ok(format!(
        "SELECT id, at, user_name, method, path, status, entity_id, {cols} FROM audit
         WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at <= ?2) ORDER BY id"
    ))
}

fn chain_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChainRow> {
    Ok(ChainRow {
        id: r.get(0)?,
        at: from_ts(r.get(1)?),
        user: r.get(2)?,
        method: r.get(3)?,
        path: r.get(4)?,
        status: r.get(5)?,
        entity_id: r.get(6)?,
        route: r.get(7)?,
        case_id: r.get(8)?,
        prev_hash: r.get(9)?,
        hash: r.get(10)?,
    })
}

/// Opens `db` read-only (verifying evidence must not change it).
fn open_read_only(db: &Path) -> StoreResult<Connection> {
    if !db.exists() {
        return Err(StoreError::NotFound(format!("database {}", db.display())));
    }
    Ok(Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// Walks the whole chain of the database at `db`.
pub fn verify_file(db: &Path) -> StoreResult<Verdict> {
    verify(&open_read_only(db)?)
}

/// Walks the chain: each row's `prev_hash` must be the hash before it and its `hash` must be
/// the hash of its content; a row removed from the end is caught by the id sequence, which
/// remembers the highest id ever given.
pub fn verify(c: &Connection) -> StoreResult<Verdict> {
    // One read transaction (unless the caller's): the rows and the highest id are of the
    // same moment.
    let own = c.is_autocommit();
    if own {
        c.execute_batch("BEGIN")?;
    }
    let verdict = walk(c);
    if own {
        c.execute_batch("COMMIT")?;
    }
    verdict
}

fn walk(c: &Connection) -> StoreResult<Verdict> {
    let mut walk = Walk::default();
    let mut broken = None;
    each_row(c, None, None, |row| {
        broken = walk.step(&row);
        Ok(broken.is_none())
    })?;
    if let Some(b) = broken {
        return Ok(b);
    }
    let highest: Option<i64> = c
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(walk.end(highest))
}

/// Writes the rows recorded within `[from, to]` as JSON lines (one object per row, with its
/// hashes, so an auditor can check them against a copy of the chain), a row at a time.
/// Returns how many.
pub fn export(
    db: &Path,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    out: &mut dyn Write,
) -> StoreResult<u64> {
    let c = open_read_only(db)?;
    let mut n = 0;
    each_row(&c, from.map(ts), to.map(ts), |row| {
        write_line(&row, out)?;
        n += 1;
        Ok(true)
    })?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(path: &str) -> AuditRecord {
        AuditRecord {
            at: from_ts(1_780_000_000),
            user: Some("ana.us".into()),
            method: "GET".into(),
            route: Some("/v1/cases/{id}".into()),
            path: path.into(),
            status: 200,
            entity_id: Some("CS-2026-0001".into()),
            case_id: Some("CS-2026-0001".into()),
        }
    }

    fn chain_of(n: usize) -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut c).unwrap();
        let tx = c.transaction().unwrap();
        for i in 0..n {
            insert(&tx, &rec(&format!("/v1/cases/CS-2026-0001?i={i}"))).unwrap();
        }
        tx.commit().unwrap();
        c
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let c = chain_of(3);
        assert!(matches!(
            verify(&c).unwrap(),
            Verdict::Intact { rows: 3, .. }
        ));
    }

    #[test]
    fn the_store_refuses_to_update_or_delete_audit_rows() {
        let c = chain_of(2);
        let upd = c.execute("UPDATE audit SET status = 500 WHERE id = 1", []);
        assert!(upd.unwrap_err().to_string().contains("append-only"));
        let del = c.execute("DELETE FROM audit WHERE id = 2", []);
        assert!(del.unwrap_err().to_string().contains("append-only"));
        let bare = c.execute(
            "INSERT INTO audit(at, method, path, status) VALUES (1, 'GET', '/x', 200)",
            [],
        );
        assert!(bare.is_err());
    }

    #[test]
    fn an_altered_or_removed_row_is_named() {
        let c = chain_of(4);
        c.execute_batch(
            "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;",
        )
        .unwrap();
        c.execute("UPDATE audit SET status = 404 WHERE id = 2", [])
            .unwrap();
        match verify(&c).unwrap() {
            Verdict::Broken { row, reason } => {
                assert_eq!(row, 2);
                assert!(reason.contains("altered"), "{reason}");
            }
            v => panic!("not caught: {v:?}"),
        }
        let c = chain_of(4);
        c.execute_batch("DROP TRIGGER audit_append_only_delete;")
            .unwrap();
        c.execute("DELETE FROM audit WHERE id = 4", []).unwrap();
        assert!(matches!(
            verify(&c).unwrap(),
            Verdict::Broken { row: 4, .. }
        ));
    }
}
