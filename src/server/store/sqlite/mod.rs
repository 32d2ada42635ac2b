//! The SQLite store: WAL mode, one writer connection and a few readers, migrations at open.

mod account_admin;
mod accounts;
mod acquire;
pub mod audit_chain;
pub mod backup;
mod ballistics;
mod cases;
mod correlations;
mod cursor;
mod filter;
mod firearms;
mod grams;
mod graph;
mod import;
#[cfg(test)]
mod list_plans;
mod members;
pub mod migrations;
mod notes;
mod prosecution;
mod seizure_import;
mod seizures;
mod sql;
mod stats;
mod system;
pub(crate) mod trace_outcome;
mod traces;
mod trait_impl;
mod watches;

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{StoreError, StoreResult};

pub use cursor::Cursor;
pub(crate) use import::HASHED_TABLES;

/// SQLite-backed [`super::Store`].
pub struct SqliteStore {
    writer: Mutex<Connection>,
    /// Readers for pages, lookups and searches that an index answers in milliseconds.
    readers: Vec<Mutex<Connection>>,
    /// Readers for long work (statistics, the link graph, serial scans, free-text search): a
    /// burst of it waits here and never holds every reader a list page needs.
    long_readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

const READERS: usize = 4;
const LONG_READERS: usize = 2;

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and applies migrations.
    pub fn open(path: &Path) -> StoreResult<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Internal(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        migrations::migrate(&mut writer)?;
        let open_readers = |n: usize| -> StoreResult<Vec<Mutex<Connection>>> {
            (0..n)
                .map(|_| {
                    let r = Connection::open_with_flags(
                        path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY
                            | OpenFlags::SQLITE_OPEN_NO_MUTEX
                            | OpenFlags::SQLITE_OPEN_URI,
                    )?;
                    configure(&r)?;
                    Ok(Mutex::new(r))
                })
                .collect()
        };
        Ok(SqliteStore {
            writer: Mutex::new(writer),
            readers: open_readers(READERS)?,
            long_readers: open_readers(LONG_READERS)?,
            next_reader: AtomicUsize::new(0),
        })
    }

    /// Runs `f` on a read connection. Readers see the last committed state (WAL snapshot).
    fn read<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        self.read_from(&self.readers, f)
    }

    /// Like [`SqliteStore::read`], for long work (see `long_readers`).
    fn read_long<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        self.read_from(&self.long_readers, f)
    }

    fn read_from<T>(
        &self,
        pool: &[Mutex<Connection>],
        f: impl FnOnce(&Connection) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for i in 0..pool.len() {
            if let Ok(conn) = pool[(start + i) % pool.len()].try_lock() {
                return f(&conn);
            }
        }
        let conn = pool[start % pool.len()]
            .lock()
            .map_err(|_| StoreError::Internal("reader lock poisoned".into()))?;
        f(&conn)
    }

    /// The writer connection, held until the guard drops (outside a transaction: settings,
    /// checkpoints).
    fn writer_conn(&self) -> StoreResult<std::sync::MutexGuard<'_, Connection>> {
        self.writer
            .lock()
            .map_err(|_| StoreError::Internal("writer lock poisoned".into()))
    }

    /// Runs `f` inside one write transaction; it commits only if `f` succeeds. The audit row
    /// of the request being served (if any) is appended in the same transaction: a write that
    /// commits is never without its audit row, and one that fails leaves the row to the audit
    /// layer, with the failure's status.
    fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut conn = self.writer_conn()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        let audit = super::pending_write_audit();
        let record = audit.as_ref().and_then(|a| a.record());
        if let Some(r) = &record {
            audit_chain::insert(&tx, r)?;
        }
        tx.commit()?;
        if let (Some(a), Some(r)) = (audit, record) {
            a.mark_committed(r.status);
        }
        Ok(out)
    }
}

fn configure(c: &Connection) -> rusqlite::Result<()> {
    c.busy_timeout(std::time::Duration::from_secs(5))?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    c.pragma_update(None, "cache_size", -32_000)?;
    Ok(())
}

/// Stored timestamps are Unix seconds (UTC).
pub(crate) fn ts(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

pub(crate) fn from_ts(s: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(s, 0).single().unwrap_or_default()
}

/// Clamps a requested page size to the contract's bounds.
pub(crate) fn page_limit(limit: Option<u32>) -> StoreResult<u32> {
    match limit {
        None => Ok(crate::model::DEFAULT_PAGE_LIMIT),
        Some(0) => Err(StoreError::Invalid("limit must be at least 1".into())),
        Some(n) if n > crate::model::MAX_PAGE_LIMIT => Err(StoreError::Invalid(format!(
            "limit must be at most {}",
            crate::model::MAX_PAGE_LIMIT
        ))),
        Some(n) => Ok(n),
    }
}

/// Parses a stored snake_case enum, reporting corrupt rows instead of panicking.
pub(crate) fn parse_enum<T>(s: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown value {s:?}").into(),
        )
    })
}

/// Next value of a named counter (ids like `TR-2026-0000042`), inside the write transaction.
pub(crate) fn next_counter(tx: &Connection, name: &str) -> StoreResult<i64> {
    tx.execute(
        "INSERT INTO counters(name, value) VALUES (?1, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
        [name],
    )?;
    Ok(
        tx.query_row("SELECT value FROM counters WHERE name = ?1", [name], |r| {
            r.get(0)
        })?,
    )
}
