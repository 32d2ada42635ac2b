//! The PostgreSQL store: the same behaviour as the SQLite one, over a pool of tokio-postgres
//! connections (deadpool-postgres), for many API nodes over one cluster (issue 13).
//!
//! The `Store` trait stays synchronous. Routes already call it from `spawn_blocking`, and the
//! request's audit record and body digest reach the write transaction through thread-locals of
//! that blocking thread (`with_write_audit`, `with_request_digest`): an async trait would have
//! to carry both through every method instead. So the store owns a small runtime of its own
//! that drives the connections, and each statement is a future the calling (blocking) thread
//! waits on — the way the `postgres` crate wraps tokio-postgres. The code of each resource
//! then reads like its SQLite twin, one statement after another inside one transaction.
//!
//! Every write runs in one transaction that first takes a transaction-level advisory lock:
//! writes are serialised across connections and nodes as SQLite's single writer serialises
//! them, so the audit chain (each row hashes the one before) has one end, its ids stay gapless,
//! and event ids commit in order (an SSE client resuming after id N never misses an N-1 that
//! committed later).

mod account_admin;
mod accounts;
mod async_reads;
pub mod audit_chain;
mod auth_failures;
mod ballistics;
mod batch;
mod cases;
mod correlations;
mod digest;
mod filter;
mod firearms;
mod graph;
mod import;
pub mod leader;
pub mod listen;
mod members;
pub mod migrations;
mod notes;
mod pools;
mod prosecution;
mod rate_limit;
mod seizure_import;
mod seizures;
mod short_grams;
mod sql;
mod stats;
mod system;
pub mod tls;
mod trace_outcome;
mod traces;
mod trait_impl;
mod watches;

use std::future::Future;
use std::str::FromStr;

use deadpool_postgres::Pool;
use tokio_postgres::types::ToSql;

use super::{StoreError, StoreResult};

/// The advisory lock every write transaction holds (an arbitrary constant: "fwc" in ASCII).
pub(super) const WRITE_LOCK: i64 = 0x66_77_63;

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        if pools::is_timeout(&e) {
            return StoreError::Busy(
                "The database stopped this request after its time limit, so that it would not \
                 hold up others. Try again in a moment, or narrow it with a filter."
                    .into(),
            );
        }
        match e.as_db_error() {
            Some(db) => StoreError::Internal(format!("PostgreSQL: {}", db.message())),
            None => StoreError::Internal(format!("PostgreSQL: {e}")),
        }
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        StoreError::Internal(format!("PostgreSQL pool: {e}"))
    }
}

/// PostgreSQL-backed store.
pub struct PgStore {
    /// Pages and writes.
    pool: Pool,
    /// Lookups by id, single statements (see [`pools`]).
    lookups: Pool,
    /// Long work (see [`pools`]).
    long: Pool,
    /// Trace lookups on the server's runtime (see [`async_reads`]).
    direct: async_reads::Direct,
    /// Drives the connections; `None` only while dropping.
    rt: Option<tokio::runtime::Runtime>,
}

/// Whether `db` names a PostgreSQL database (`postgres://…` or `postgresql://…`) rather than
/// a SQLite file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

impl PgStore {
    /// Connects to the database at `url` and applies migrations (refusing a schema newer than
    /// this build knows). `?sslmode=` and `?sslrootcert=` are honoured (see [`tls`]).
    pub fn open(url: &str) -> StoreResult<Self> {
        let (config, tls) = connection_parts(url)?;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("fwc-pg")
            .enable_all()
            .build()
            .map_err(|e| StoreError::Internal(format!("PostgreSQL runtime: {e}")))?;
        let pools = pools::pools(&config, &tls)?;
        let store = PgStore {
            pool: pools.main,
            lookups: pools.lookups,
            long: pools.long,
            direct: async_reads::Direct::new(pools.direct),
            rt: Some(rt),
        };
        store.migrate()?;
        Ok(store)
    }

    /// Waits for `f` on the store's runtime from the calling thread (a blocking thread, a CLI
    /// command or a test: never an async task).
    fn block_on<F: Future>(&self, f: F) -> F::Output {
        match &self.rt {
            Some(rt) => rt.block_on(f),
            None => unreachable_runtime(),
        }
    }

    /// Runs `f` in a read-only transaction that sees one snapshot for all its statements.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Db<'_>) -> StoreResult<T>) -> StoreResult<T> {
        self.read_from(&self.pool, f)
    }

    /// For one record fetched by its id: its statements on the lookup pool, whose connections
    /// keep generic plans (see [`pools`]), each on its own outside a transaction — one round
    /// trip a statement instead of BEGIN and COMMIT around them. Only for reads whose
    /// statements need no common snapshot (a record, then what hangs off it).
    pub(crate) fn read_lookup<T>(
        &self,
        f: impl FnOnce(&Db<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let conn = self.block_on(self.lookups.get())?;
        f(&Db::plain(&conn, self))
    }

    /// Nothing to do: the PostgreSQL server keeps its own write-ahead log (see
    /// [`Store::checkpoint`](super::Store::checkpoint)).
    pub(crate) fn checkpoint_impl(&self) -> StoreResult<()> {
        Ok(())
    }

    /// A trace lookup's reads on the server's runtime (see [`async_reads`]).
    pub(crate) fn async_reads_impl(&self) -> Option<&dyn super::AsyncReads> {
        Some(&self.direct)
    }

    /// Like [`PgStore::read`], for long work: on the long-work pool (see [`pools`]).
    pub(crate) fn read_long<T>(&self, f: impl FnOnce(&Db<'_>) -> StoreResult<T>) -> StoreResult<T> {
        self.read_from(&self.long, f)
    }

    fn read_from<T>(
        &self,
        pool: &Pool,
        f: impl FnOnce(&Db<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut conn = self.block_on(pool.get())?;
        let tx = self.block_on(
            conn.build_transaction()
                .read_only(true)
                .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
                .start(),
        )?;
        let out = f(&Db::in_tx(&tx, self))?;
        self.block_on(tx.commit())?;
        Ok(out)
    }

    /// One statement outside any explicit transaction, on the lookup pool: it sees one snapshot
    /// of its own (and commits on its own), and costs one round trip instead of three (BEGIN,
    /// it, COMMIT). For what every request makes: the token read, the shared rate bucket, the
    /// audit queue.
    pub(crate) fn one_statement(
        &self,
        sql: &str,
        params: &Params<'_>,
    ) -> StoreResult<Option<tokio_postgres::Row>> {
        self.read_lookup(|db| db.query_opt(sql, params))
    }

    /// Runs `f` in one transaction without the write lock (and without the request's audit
    /// row): for bookkeeping that must not wait behind the service's writes.
    pub(crate) fn unlocked_write<T>(
        &self,
        f: impl FnOnce(&Db<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut conn = self.block_on(self.pool.get())?;
        let tx = self.block_on(conn.transaction())?;
        let out = f(&Db::in_tx(&tx, self))?;
        self.block_on(tx.commit())?;
        Ok(out)
    }

    /// Runs `f` in one write transaction holding the write lock; it commits only if `f`
    /// succeeds. As in SQLite, the audit row of the request being served (if any) is appended
    /// in the same transaction, so an acknowledged write always has its audit row.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Db<'_>) -> StoreResult<T>) -> StoreResult<T> {
        self.write_limited(true, f)
    }

    /// [`PgStore::write`] without the statement time limit (the wait for the write lock
    /// included), for work that is long by nature and runs from the command line or at start:
    /// migrations, bulk loads.
    pub(crate) fn write_unbounded<T>(
        &self,
        f: impl FnOnce(&Db<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        self.write_limited(false, f)
    }

    fn write_limited<T>(
        &self,
        limited: bool,
        f: impl FnOnce(&Db<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut conn = self.block_on(self.pool.get())?;
        let tx = self.block_on(conn.transaction())?;
        let db = Db::in_tx(&tx, self);
        if !limited {
            db.batch(pools::NO_TIMEOUT)?;
        }
        db.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        let out = f(&db)?;
        let audit = super::pending_write_audit();
        let record = audit.as_ref().and_then(|a| a.record());
        if let Some(r) = &record {
            audit_chain::queue(&db, std::slice::from_ref(r))?;
        }
        self.block_on(tx.commit())?;
        if let (Some(a), Some(r)) = (audit, record) {
            a.mark_committed(r.status);
        }
        Ok(out)
    }
}

#[cold]
fn unreachable_runtime() -> ! {
    // `rt` is taken only in `Drop`, after which no method can run.
    panic!("the PostgreSQL store's runtime is gone")
}

impl Drop for PgStore {
    /// A runtime dropped inside an async context panics; the store may be dropped in one (a
    /// server shutting down), so its runtime is let go in the background.
    fn drop(&mut self) {
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

/// A connection as the resource code sees it — inside a transaction ([`PgStore::read`],
/// [`PgStore::write`]) or not ([`PgStore::read_lookup`]): statements run one after another,
/// each prepared once per connection and cached.
pub(crate) struct Db<'a> {
    /// The connection, inside the caller's transaction if it began one.
    client: &'a tokio_postgres::Client,
    /// The connection's prepared statements.
    cache: &'a deadpool_postgres::StatementCache,
    store: &'a PgStore,
}

type Params<'p> = [&'p (dyn ToSql + Sync)];

impl<'a> Db<'a> {
    fn in_tx(tx: &'a deadpool_postgres::Transaction<'a>, store: &'a PgStore) -> Db<'a> {
        Db {
            client: tx.client(),
            cache: &tx.statement_cache,
            store,
        }
    }

    /// Statements on `conn` outside any transaction: each sees a snapshot of its own.
    fn plain(conn: &'a deadpool_postgres::Client, store: &'a PgStore) -> Db<'a> {
        Db {
            client: conn,
            cache: &conn.statement_cache,
            store,
        }
    }

    /// `sql` prepared on this connection (once: the statement is cached with it).
    async fn prepared(
        &self,
        sql: &str,
    ) -> Result<tokio_postgres::Statement, tokio_postgres::Error> {
        self.cache.prepare(self.client, sql).await
    }

    pub(crate) fn execute(&self, sql: &str, params: &Params<'_>) -> StoreResult<u64> {
        self.store.block_on(async {
            let st = self.prepared(sql).await?;
            Ok(self.client.execute(&st, params).await?)
        })
    }

    pub(crate) fn query(
        &self,
        sql: &str,
        params: &Params<'_>,
    ) -> StoreResult<Vec<tokio_postgres::Row>> {
        self.store.block_on(async {
            let st = self.prepared(sql).await?;
            Ok(self.client.query(&st, params).await?)
        })
    }

    pub(crate) fn query_opt(
        &self,
        sql: &str,
        params: &Params<'_>,
    ) -> StoreResult<Option<tokio_postgres::Row>> {
        self.store.block_on(async {
            let st = self.prepared(sql).await?;
            Ok(self.client.query_opt(&st, params).await?)
        })
    }

    pub(crate) fn query_one(
        &self,
        sql: &str,
        params: &Params<'_>,
    ) -> StoreResult<tokio_postgres::Row> {
        self.store.block_on(async {
            let st = self.prepared(sql).await?;
            Ok(self.client.query_one(&st, params).await?)
        })
    }

    /// Loads `rows` with `COPY … FROM STDIN BINARY` (the bulk import: one round trip per
    /// buffer instead of one per row); `types` are the columns' types in `sql`'s order.
    pub(crate) fn copy_rows(
        &self,
        sql: &str,
        types: &[tokio_postgres::types::Type],
        rows: &[Vec<filter::Arg>],
    ) -> StoreResult<u64> {
        self.store.block_on(async {
            let sink: tokio_postgres::CopyInSink<bytes::Bytes> = self.client.copy_in(sql).await?;
            let writer = tokio_postgres::binary_copy::BinaryCopyInWriter::new(sink, types);
            tokio::pin!(writer);
            for row in rows {
                let values: Vec<&(dyn ToSql + Sync)> = row
                    .iter()
                    .map(|v| v.as_ref() as &(dyn ToSql + Sync))
                    .collect();
                writer.as_mut().write(&values).await?;
            }
            Ok(writer.finish().await?)
        })
    }

    /// Several statements without parameters (DDL in migrations).
    pub(crate) fn batch(&self, sql: &str) -> StoreResult<()> {
        self.store
            .block_on(async { Ok(self.client.batch_execute(sql).await?) })
    }
}

/// The driver's configuration and TLS connector for `url` (the pool's, and the dedicated
/// connection [`listen`] keeps).
pub(crate) fn connection_parts(
    url: &str,
) -> StoreResult<(tokio_postgres::Config, tls::MakeRustls)> {
    let (url, root_file) = split_sslrootcert(url);
    let config = tokio_postgres::Config::from_str(&url)
        .map_err(|e| StoreError::Invalid(format!("database URL: {e}")))?;
    let tls = tls::MakeRustls::new(root_file.as_deref().map(std::path::Path::new))?;
    Ok((config, tls))
}

/// Takes `sslrootcert=FILE` out of the URL's query (tokio-postgres does not know it) and maps
/// libpq's `verify-ca`/`verify-full` onto `require`: certificates are always verified here.
fn split_sslrootcert(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None);
    };
    let mut root = None;
    let mut kept = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("sslrootcert", v)) => root = Some(v.to_string()),
            Some(("sslmode", "verify-ca" | "verify-full")) => kept.push("sslmode=require".into()),
            _ => kept.push(pair.to_string()),
        }
    }
    if kept.is_empty() {
        (base.to_string(), root)
    } else {
        (format!("{base}?{}", kept.join("&")), root)
    }
}

/// Stored timestamps are Unix seconds (UTC), as in SQLite.
pub(crate) use super::sqlite::{from_ts, ts};

/// Next value of a named counter (ids like `TR-2026-0000042`), inside the write transaction.
pub(crate) fn next_counter(db: &Db<'_>, name: &str) -> StoreResult<i64> {
    Ok(db
        .query_one(
            "INSERT INTO counters(name, value) VALUES ($1, 1)
             ON CONFLICT(name) DO UPDATE SET value = counters.value + 1 RETURNING value",
            &[&name],
        )?
        .get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslrootcert_is_taken_out_and_verify_modes_mean_require() {
        assert_eq!(
            split_sslrootcert("postgres://u@h/db?sslmode=verify-full&sslrootcert=/ca.pem"),
            (
                "postgres://u@h/db?sslmode=require".to_string(),
                Some("/ca.pem".to_string())
            )
        );
        assert_eq!(
            split_sslrootcert("postgres://u@h/db?sslrootcert=ca.pem"),
            ("postgres://u@h/db".to_string(), Some("ca.pem".to_string()))
        );
        assert_eq!(
            split_sslrootcert("postgres://u@h/db?sslmode=disable"),
            ("postgres://u@h/db?sslmode=disable".to_string(), None)
        );
        assert!(is_url("postgresql://h/db") && !is_url("fwc.db"));
    }
}
