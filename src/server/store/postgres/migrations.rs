//! Schema migrations of the PostgreSQL store, applied in order at start in one transaction
//! (PostgreSQL's DDL is transactional: a migration that fails leaves the schema as it was);
//! `fwc_schema.version` records how many ran. Forward only: never edit a shipped
//! migration, append one. A database migrated by a newer fwc (a higher version than this build
//! knows) is refused rather than served with a schema this code does not understand.

use super::{Db, PgStore};
use crate::server::store::{StoreError, StoreResult};

const MIGRATIONS: &[&str] = &[
    // 1: everything SQLite's migrations 1–10 built (see `schema.sql`).
    include_str!("schema.sql"),
    // 2: watches and alerts (SQLite's 11; see `watches.sql`).
    include_str!("watches.sql"),
    // 3: failed authentications per address, shared by the nodes (PostgreSQL only).
    include_str!("auth_failures.sql"),
    // 4: free-text seizure search from a trigram index (see `lists.sql`).
    include_str!("lists.sql"),
    // 5: long time-to-crime traces from a partial index (see `long_ttc.sql`).
    include_str!("long_ttc.sql"),
    // 6: the per-user request rate, one bucket per user shared by the nodes (PostgreSQL only).
    include_str!("rate_limit.sql"),
    // 7: answered traces from partial indexes (see `answered.sql`).
    include_str!("answered.sql"),
    // 8: audit rows queued for the chain without the write lock (see `audit_pending.sql`).
    include_str!("audit_pending.sql"),
    // 9: short free-text terms from an index of short grams (SQLite's 13; see `short_grams.sql`).
    include_str!("short_grams.sql"),
    // 10: a finer planner sample of seizure summaries (see `text_statistics.sql`).
    include_str!("text_statistics.sql"),
    // 11: a seizure's trace ids from an index alone (SQLite's 14; see `seizure_traces.sql`).
    include_str!("seizure_traces.sql"),
];

/// The advisory lock migrations hold, so two nodes starting at once migrate once.
const MIGRATION_LOCK: i64 = 0x66_77_63_6d;

impl PgStore {
    pub(super) fn migrate(&self) -> StoreResult<()> {
        self.write_unbounded(|db| {
            db.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
            db.batch("CREATE TABLE IF NOT EXISTS fwc_schema (version BIGINT NOT NULL)")?;
            let applied = version(db)?;
            let known = MIGRATIONS.len() as i64;
            if applied > known {
                return Err(StoreError::Invalid(format!(
                    "the database's schema is version {applied}, newer than this fwc knows \
                     ({known}): run the fwc that migrated it, or a newer one"
                )));
            }
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
                db.batch(sql)?;
                set_version(db, i as i64 + 1)?;
            }
            Ok(())
        })
    }

    /// How many migrations the database has had.
    pub fn schema_version(&self) -> StoreResult<i64> {
        self.read(version)
    }
}

/// The schema version this build migrates to.
pub fn latest_schema() -> i64 {
    MIGRATIONS.len() as i64
}

fn version(db: &Db<'_>) -> StoreResult<i64> {
    Ok(db
        .query_opt("SELECT version FROM fwc_schema", &[])?
        .map(|r| r.get(0))
        .unwrap_or(0))
}

fn set_version(db: &Db<'_>, v: i64) -> StoreResult<()> {
    if db.execute("UPDATE fwc_schema SET version = $1", &[&v])? == 0 {
        db.execute("INSERT INTO fwc_schema(version) VALUES ($1)", &[&v])?;
    }
    Ok(())
}
