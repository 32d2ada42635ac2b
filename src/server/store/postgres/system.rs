//! Users, audit trail, idempotency records and the event log (SQLite: `sqlite/system.rs`).

use std::collections::HashMap;

use serde::Serialize;

use super::{Db, PgStore, from_ts, ts};
use crate::model::*;
use crate::server::store::{
    AuditEntry, AuditRecord, IdempotentReply, IntoEvents, StoreError, StoreResult, StoredUser,
    Written,
};

/// A stored snake_case enum, reporting a corrupt row instead of panicking.
pub(super) fn parse_enum<T>(s: &str, parse: fn(&str) -> Option<T>) -> StoreResult<T> {
    parse(s).ok_or_else(|| StoreError::Internal(format!("unknown stored value {s:?}")))
}

/// Now, in stored form (Unix seconds).
fn now() -> i64 {
    ts(chrono::Utc::now())
}

pub(super) fn user_row(r: &tokio_postgres::Row) -> StoreResult<User> {
    Ok(User {
        name: r.get(0),
        agency: r.get(1),
        country: parse_enum(r.get(2), Country::parse)?,
        role: parse_enum(r.get(3), Role::parse)?,
    })
}

impl PgStore {
    pub fn add_user_impl(&self, u: &StoredUser) -> StoreResult<()> {
        self.write(|db| {
            let exists: bool = db
                .query_one(
                    "SELECT EXISTS(SELECT 1 FROM users WHERE name = $1)",
                    &[&u.user.name],
                )?
                .get(0);
            if exists {
                return Err(StoreError::Conflict(format!(
                    "a user named {:?} already exists",
                    u.user.name
                )));
            }
            insert_user(db, u)
        })
    }

    pub fn disable_user_impl(&self, name: &str) -> StoreResult<bool> {
        self.write(|db| {
            let n = db.execute(
                "UPDATE users SET disabled_at = COALESCE(disabled_at, $2) WHERE name = $1",
                &[&name, &now()],
            )?;
            db.execute("DELETE FROM sessions WHERE user_name = $1", &[&name])?;
            Ok(n > 0)
        })
    }

    pub fn list_users_impl(&self) -> StoreResult<Vec<(User, bool)>> {
        self.read(|db| {
            db.query(
                "SELECT name, agency, country, role, disabled_at IS NOT NULL FROM users ORDER BY agency, name",
                &[],
            )?
            .iter()
            .map(|r| Ok((user_row(r)?, r.get(4))))
            .collect()
        })
    }

    pub fn audit_impl(&self, records: &[AuditRecord]) -> StoreResult<()> {
        // Queued, not chained: no write lock (see `audit_chain`).
        self.queue_audit(records)
    }

    pub fn audit_for_entity_impl(
        &self,
        entity_id: &str,
        limit: u32,
    ) -> StoreResult<Vec<AuditEntry>> {
        // The trail as of now: the rows still queued are sealed first.
        self.seal_audit_impl()?;
        self.read(|db| {
            db.query(
                "SELECT id, at, user_name, method, path, status, entity_id, route, case_id FROM audit
                 WHERE entity_id = $1 OR case_id = $1 ORDER BY id DESC LIMIT $2",
                &[&entity_id, &i64::from(limit)],
            )?
            .iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.get(0),
                    at: from_ts(r.get(1)),
                    user: r.get(2),
                    method: r.get(3),
                    path: r.get(4),
                    status: status(r.get(5))?,
                    entity_id: r.get(6),
                    route: r.get(7),
                    case_id: r.get(8),
                })
            })
            .collect()
        })
    }

    pub fn idempotent_reply_impl(
        &self,
        user: &str,
        key: &str,
    ) -> StoreResult<Option<IdempotentReply>> {
        self.read(|db| {
            db.query_opt(
                "SELECT status, body FROM idempotency WHERE user_name = $1 AND key = $2",
                &[&user, &key],
            )?
            .map(|r| {
                Ok(IdempotentReply {
                    status: status(r.get(0))?,
                    body: r.get(1),
                })
            })
            .transpose()
        })
    }

    pub fn events_after_impl(&self, after: i64, limit: u32) -> StoreResult<Vec<Event>> {
        self.read(|db| {
            db.query(
                "SELECT id, kind, entity_id, case_id, at, summary, user_name FROM events WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &i64::from(limit)],
            )?
            .iter()
            .map(|r| {
                Ok(Event {
                    id: r.get(0),
                    kind: parse_enum(r.get(1), EventKind::parse)?,
                    entity_id: r.get(2),
                    case_id: r.get(3),
                    at: from_ts(r.get(4)),
                    summary: r.get(5),
                    user: r.get(6),
                })
            })
            .collect()
        })
    }

    pub fn last_event_id_impl(&self) -> StoreResult<i64> {
        self.read(|db| {
            Ok(db
                .query_one("SELECT COALESCE(MAX(id), 0)::BIGINT FROM events", &[])?
                .get(0))
        })
    }

    /// Runs a write that may carry an idempotency key: a replay returns the stored reply instead
    /// of writing again; a first run stores its reply in the same transaction as the write. The
    /// write lock makes the check and the insert one step, on every node.
    pub(crate) fn idempotent_write<T: Serialize, E: IntoEvents>(
        &self,
        by: &User,
        idem: Option<&str>,
        op: &str,
        f: impl FnOnce(&Db<'_>) -> StoreResult<(T, E)>,
    ) -> StoreResult<Written<T>> {
        let digest = crate::server::store::request_digest();
        self.write(|db| {
            if let Some(key) = idem {
                let prior = db.query_opt(
                    "SELECT path, request_hash, status, body FROM idempotency WHERE user_name = $1 AND key = $2",
                    &[&by.name, &key],
                )?;
                if let Some(r) = prior {
                    let (path, hash): (String, Option<String>) = (r.get(0), r.get(1));
                    let reply = IdempotentReply {
                        status: status(r.get(2))?,
                        body: r.get(3),
                    };
                    // Rows stored before digests were kept (no hash) compare by path alone.
                    let same_body = hash.is_none() || hash == digest;
                    if path != op || !same_body {
                        return Err(StoreError::KeyReused(format!(
                            "The Idempotency-Key {key:?} was already used for a different request; \
                             use a new key for a new request."
                        )));
                    }
                    return Ok(Written {
                        value: None,
                        events: Vec::new(),
                        replayed: Some(reply),
                    });
                }
            }
            let (value, events) = f(db)?;
            if let Some(key) = idem {
                let body = serde_json::to_string(&value)
                    .map_err(|e| StoreError::Internal(e.to_string()))?;
                db.execute(
                    "INSERT INTO idempotency(user_name, key, method, path, status, body, created_at, request_hash)
                     VALUES ($1, $2, 'POST', $3, 201, $4, $5, $6)",
                    &[&by.name, &key, &op, &body, &now(), &digest],
                )?;
            }
            Ok(Written {
                value: Some(value),
                events: events.into_events(),
                replayed: None,
            })
        })
    }
}

/// A stored HTTP status.
fn status(v: i64) -> StoreResult<u16> {
    u16::try_from(v).map_err(|_| StoreError::Internal(format!("stored status {v} out of range")))
}

/// A user and, with them, their first machine token (no expiry: an administrator revokes it).
pub(super) fn insert_user(db: &Db<'_>, u: &StoredUser) -> StoreResult<()> {
    let at = now();
    db.execute(
        "INSERT INTO users(name, agency, country, role, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[
            &u.user.name,
            &u.user.agency,
            &u.user.country.as_str(),
            &u.user.role.as_str(),
            &at,
        ],
    )?;
    db.execute(
        "INSERT INTO api_tokens(token_hash, user_name, label, role, created_at) VALUES ($1, $2, 'token', $3, $4)",
        &[&u.token_hash, &u.user.name, &u.user.role.as_str(), &at],
    )?;
    Ok(())
}

/// Appends a change to the event log inside the caller's (write-locked) transaction.
pub(super) fn emit(
    db: &Db<'_>,
    kind: EventKind,
    entity_id: &str,
    case_id: Option<&str>,
    summary: &str,
) -> StoreResult<Event> {
    emit_for(db, kind, entity_id, case_id, summary, None)
}

/// [`emit`] for an event only `user` may receive (an alert goes to its watch's owner alone).
pub(super) fn emit_for(
    db: &Db<'_>,
    kind: EventKind,
    entity_id: &str,
    case_id: Option<&str>,
    summary: &str,
    user: Option<&str>,
) -> StoreResult<Event> {
    let at = now();
    let id: i64 = db
        .query_one(
            "INSERT INTO events(id, kind, entity_id, case_id, at, summary, user_name)
             VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM events), $1, $2, $3, $4, $5, $6) RETURNING id",
            &[&kind.as_str(), &entity_id, &case_id, &at, &summary, &user],
        )?
        .get(0);
    // Delivered when this transaction commits: every node's event feed then reads the log.
    db.execute("SELECT pg_notify($1, '')", &[&super::listen::EVENTS])?;
    Ok(Event {
        id,
        kind,
        entity_id: entity_id.to_string(),
        case_id: case_id.map(str::to_string),
        at: from_ts(at),
        summary: summary.to_string(),
        user: user.map(str::to_string),
    })
}

/// SQL condition "the viewer is a member of case `{col}`", with the viewer's name, agency and
/// country bound at `$n`, `$n+1`, `$n+2` (see [`viewer_params`]). An agency membership is the
/// (agency, country) pair: the US and Mexico may have agencies of the same name, and one
/// country's must never open a case to the other's.
pub(super) fn member_of(col: &str, n: usize) -> String {
    format!(
        "EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = {col} AND \
         ((m.user_name IS NULL AND m.agency = ${a} AND m.country = ${c}) \
          OR m.user_name = ${n}))",
        a = n + 1,
        c = n + 2
    )
}

/// The three values [`member_of`] binds, in its order.
pub(super) fn viewer_params(viewer: &User) -> [String; 3] {
    [
        viewer.name.clone(),
        viewer.agency.clone(),
        viewer.country.as_str().to_string(),
    ]
}

/// Ids of the cases linked to an entity that the viewer may see.
pub(super) fn visible_case_ids(
    db: &Db<'_>,
    entity_id: &str,
    viewer: &User,
) -> StoreResult<Vec<String>> {
    let mut of = visible_case_ids_of(db, &[entity_id.to_string()], viewer)?;
    Ok(of.remove(entity_id).unwrap_or_default())
}

/// [`visible_case_ids`] of every entity of a page, in one statement.
pub(super) fn visible_case_ids_of(
    db: &Db<'_>,
    entity_ids: &[String],
    viewer: &User,
) -> StoreResult<HashMap<String, Vec<String>>> {
    let sql = format!(
        "SELECT l.entity_id, l.case_id FROM case_links l WHERE l.entity_id = ANY($1) AND {} \
         ORDER BY l.entity_id, l.case_id",
        member_of("l.case_id", 2)
    );
    let [v, a, c] = viewer_params(viewer);
    super::batch::grouped(db, &sql, entity_ids, &[&v, &a, &c], |r| Ok(r.get(1)))
}
