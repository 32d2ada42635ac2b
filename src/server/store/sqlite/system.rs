//! Users, audit trail, idempotency records and the event log.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{SqliteStore, from_ts, parse_enum, ts};
use crate::model::*;
use crate::server::store::{
    AsyncReads, AuditEntry, AuditRecord, IdempotentReply, IntoEvents, StoreError, StoreResult,
    StoredUser, Written,
};

impl SqliteStore {
    pub(super) fn add_user_impl(&self, u: &StoredUser) -> StoreResult<()> {
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM users WHERE name = ?1)",
                [&u.user.name],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::Conflict(format!(
                    "a user named {:?} already exists",
                    u.user.name
                )));
            }
            insert_user(tx, u)
        })
    }

    pub(super) fn disable_user_impl(&self, name: &str) -> StoreResult<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE users SET disabled_at = COALESCE(disabled_at, strftime('%s','now')) WHERE name = ?1",
                [name],
            )?;
            tx.execute("DELETE FROM sessions WHERE user_name = ?1", [name])?;
            Ok(n > 0)
        })
    }

    pub(super) fn list_users_impl(&self) -> StoreResult<Vec<(User, bool)>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT name, agency, country, role, disabled_at IS NOT NULL FROM users ORDER BY agency, name",
            )?;
            let rows = st.query_map([], |r| {
                Ok((
                    User {
                        name: r.get(0)?,
                        agency: r.get(1)?,
                        country: parse_enum(&r.get::<_, String>(2)?, Country::parse)?,
                        role: parse_enum(&r.get::<_, String>(3)?, Role::parse)?,
                    },
                    r.get(4)?,
                ))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Nothing to seal: every row joined the chain in the transaction that wrote it (SQLite
    /// has one writer, so audited reads never wait on another node's).
    pub(super) fn seal_audit_impl(&self) -> StoreResult<u64> {
        Ok(0)
    }

    /// The write-ahead log folded into the database file and truncated (see
    /// [`Store::checkpoint`](crate::server::store::Store::checkpoint)).
    pub(super) fn checkpoint_impl(&self) -> StoreResult<()> {
        self.writer_conn()?
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }

    /// None: a SQLite call blocks on the file, so every one runs on the blocking pool.
    pub(super) fn async_reads_impl(&self) -> Option<&dyn AsyncReads> {
        None
    }

    pub(super) fn audit_impl(&self, records: &[AuditRecord]) -> StoreResult<()> {
        if records.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            for r in records {
                super::audit_chain::insert(tx, r)?;
            }
            Ok(())
        })
    }

    pub(super) fn audit_for_entity_impl(
        &self,
        entity_id: &str,
        limit: u32,
    ) -> StoreResult<Vec<AuditEntry>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id, at, user_name, method, path, status, entity_id, route, case_id FROM audit
                 WHERE entity_id = ?1 OR case_id = ?1 ORDER BY id DESC LIMIT ?2",
            )?;
            let rows = st.query_map(params![entity_id, limit], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: from_ts(r.get(1)?),
                    user: r.get(2)?,
                    method: r.get(3)?,
                    path: r.get(4)?,
                    status: r.get(5)?,
                    entity_id: r.get(6)?,
                    route: r.get(7)?,
                    case_id: r.get(8)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    pub(super) fn idempotent_reply_impl(
        &self,
        user: &str,
        key: &str,
    ) -> StoreResult<Option<IdempotentReply>> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT status, body FROM idempotency WHERE user_name = ?1 AND key = ?2",
            )?
            .query_row([user, key], |r| {
                Ok(IdempotentReply {
                    status: r.get(0)?,
                    body: r.get(1)?,
                })
            })
            .optional()?)
        })
    }

    pub(super) fn events_after_impl(&self, after: i64, limit: u32) -> StoreResult<Vec<Event>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id, kind, entity_id, case_id, at, summary, user_name FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
            )?;
            let rows = st.query_map(params![after, limit], |r| {
                Ok(Event {
                    id: r.get(0)?,
                    kind: parse_enum(&r.get::<_, String>(1)?, EventKind::parse)?,
                    entity_id: r.get(2)?,
                    case_id: r.get(3)?,
                    at: from_ts(r.get(4)?),
                    summary: r.get(5)?,
                    user: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    pub(super) fn last_event_id_impl(&self) -> StoreResult<i64> {
        self.read(|c| Ok(c.query_row("SELECT COALESCE(MAX(id), 0) FROM events", [], |r| r.get(0))?))
    }

    /// One node over one file: the failed-authentication count lives in that node's memory.
    pub(super) fn shared_auth_failure_impl(
        &self,
        _addr: &str,
        _at_ms: i64,
        _since_ms: i64,
        _limit: u32,
    ) -> StoreResult<Option<Vec<i64>>> {
        Ok(None)
    }

    /// See [`Self::shared_auth_failure_impl`].
    pub(super) fn shared_auth_failures_impl(
        &self,
        _addr: &str,
        _since_ms: i64,
        _limit: u32,
    ) -> StoreResult<Option<Vec<i64>>> {
        Ok(None)
    }

    /// One node over one file: the request rate is counted in that node's memory.
    pub(super) fn take_rate_tokens_impl(
        &self,
        _user: &str,
        _per_second: u32,
        _burst: u32,
        _want: u32,
    ) -> StoreResult<Option<u32>> {
        Ok(None)
    }

    /// Runs a write that may carry an idempotency key: a replay returns the stored reply instead
    /// of writing again; a first run stores its reply in the same transaction as the write.
    pub(super) fn idempotent_write<T: Serialize, E: IntoEvents>(
        &self,
        by: &User,
        idem: Option<&str>,
        op: &str,
        f: impl FnOnce(&Transaction<'_>) -> StoreResult<(T, E)>,
    ) -> StoreResult<Written<T>> {
        let digest = crate::server::store::request_digest();
        self.write(|tx| {
            if let Some(key) = idem {
                let prior: Option<(String, Option<String>, IdempotentReply)> = tx
                    .prepare_cached("SELECT path, request_hash, status, body FROM idempotency WHERE user_name = ?1 AND key = ?2")?
                    .query_row([&by.name, key], |r| {
                        Ok((r.get(0)?, r.get(1)?, IdempotentReply { status: r.get(2)?, body: r.get(3)? }))
                    })
                    .optional()?;
                if let Some((path, hash, reply)) = prior {
                    // Rows stored before digests were kept (no hash) compare by path alone.
                    let same_body = hash.is_none() || hash == digest;
                    if path != op || !same_body {
                        return Err(StoreError::KeyReused(format!(
                            "The Idempotency-Key {key:?} was already used for a different request; \
                             use a new key for a new request."
                        )));
                    }
                    return Ok(Written { value: None, events: Vec::new(), replayed: Some(reply) });
                }
            }
            let (value, events) = f(tx)?;
            if let Some(key) = idem {
                let body = serde_json::to_string(&value).map_err(|e| StoreError::Internal(e.to_string()))?;
                tx.prepare_cached(
                    "INSERT INTO idempotency(user_name, key, method, path, status, body, created_at, request_hash)
                     VALUES (?1, ?2, 'POST', ?3, 201, ?4, strftime('%s','now'), ?5)",
                )?
                .execute(params![by.name, key, op, body, digest])?;
            }
            Ok(Written { value: Some(value), events: events.into_events(), replayed: None })
        })
    }
}

/// A user and, with them, their first machine token (no expiry: an administrator revokes it).
pub(super) fn insert_user(tx: &Transaction<'_>, u: &StoredUser) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO users(name, agency, country, role, created_at) VALUES (?1, ?2, ?3, ?4, strftime('%s','now'))",
    )?
    .execute(params![u.user.name, u.user.agency, u.user.country.as_str(), u.user.role.as_str()])?;
    tx.prepare_cached(
        "INSERT INTO api_tokens(token_hash, user_name, label, role, created_at) VALUES (?1, ?2, 'token', ?3, strftime('%s','now'))",
    )?
    .execute(params![u.token_hash, u.user.name, u.user.role.as_str()])?;
    Ok(())
}

/// Appends a change to the event log inside the caller's transaction.
pub(super) fn emit(
    tx: &rusqlite::Connection,
    kind: EventKind,
    entity_id: &str,
    case_id: Option<&str>,
    summary: &str,
) -> StoreResult<Event> {
    emit_for(tx, kind, entity_id, case_id, summary, None)
}

/// Like [`emit`], for an event only `user` receives (an alert).
pub(super) fn emit_for(
    tx: &rusqlite::Connection,
    kind: EventKind,
    entity_id: &str,
    case_id: Option<&str>,
    summary: &str,
    user: Option<&str>,
) -> StoreResult<Event> {
    let at = chrono::Utc::now();
    tx.prepare_cached(
        "INSERT INTO events(kind, entity_id, case_id, at, summary, user_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![kind.as_str(), entity_id, case_id, ts(at), summary, user])?;
    Ok(Event {
        id: tx.last_insert_rowid(),
        kind,
        entity_id: entity_id.to_string(),
        case_id: case_id.map(str::to_string),
        at: from_ts(ts(at)),
        summary: summary.to_string(),
        user: user.map(str::to_string),
    })
}

/// SQL condition "the viewer is a member of case `{col}`", binding `:viewer`, `:agency` and
/// `:country`. An agency membership is the (agency, country) pair: the US and Mexico may have
/// agencies of the same name, and one country's must never open a case to the other's.
pub(super) fn member_of(col: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = {col} AND \
         ((m.user_name IS NULL AND m.agency = :agency AND m.country = :country) \
          OR m.user_name = :viewer))"
    )
}

/// Ids of the cases linked to an entity that the viewer may see.
pub(super) fn visible_case_ids(
    c: &rusqlite::Connection,
    entity_id: &str,
    viewer: &User,
) -> StoreResult<Vec<String>> {
    let sql = format!(
        "SELECT l.case_id FROM case_links l WHERE l.entity_id = :entity AND {} ORDER BY l.case_id",
        member_of("l.case_id")
    );
    let mut st = c.prepare_cached(&sql)?;
    let rows = st.query_map(
        rusqlite::named_params! {":entity": entity_id, ":viewer": viewer.name, ":agency": viewer.agency, ":country": viewer.country.as_str()},
        |r| r.get(0),
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}
