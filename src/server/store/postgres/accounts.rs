//! Sign-in storage: credentials, failure counts and lockouts, sessions, and the bearer lookup
//! every authenticated request makes (SQLite: `sqlite/accounts.rs`). Stored as in SQLite, so
//! a lockout or a revoked session holds on every node over the same database.

use chrono::{DateTime, Utc};

use super::system::{parse_enum, user_row};
use super::{Db, PgStore, from_ts, ts};
use crate::model::Role;
use crate::server::store::{
    Account, Bearer, BearerKind, Credentials, SessionRow, SignInState, StoreError, StoreResult,
};

/// A stored count or duration that must fit a `u32`.
pub(super) fn small(v: i64) -> StoreResult<u32> {
    u32::try_from(v).map_err(|_| StoreError::Internal(format!("stored value {v} out of range")))
}

/// Sets a user's credentials inside the caller's transaction; answers the rows changed.
pub(super) fn put_credentials(db: &Db<'_>, name: &str, c: &Credentials) -> StoreResult<u64> {
    db.execute(
        "UPDATE users SET password_hash = $2, totp_secret = $3, must_change_password = $4,
                last_totp_step = NULL WHERE name = $1",
        &[
            &name,
            &c.password_hash,
            &c.totp_secret,
            &i64::from(c.must_change_password),
        ],
    )
}

/// The token read every authenticated request makes (no node caches tokens: see
/// `server::auth`): one statement — a session or else a machine token — outside any explicit
/// transaction, one round trip instead of four (BEGIN, two reads, COMMIT). `$1` is the hash.
pub(super) const BEARER: &str =
    "SELECT u.name, u.agency, u.country, COALESCE(s.role, u.role), s.session, s.expires_at, s.idle_s, s.last_seen
     FROM (SELECT user_name, NULL AS role, TRUE AS session, expires_at, idle_s, last_seen
           FROM sessions WHERE token_hash = $1
           UNION ALL
           SELECT user_name, role, FALSE, expires_at, NULL, last_used
           FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL) s
     JOIN users u ON u.name = s.user_name
     WHERE u.disabled_at IS NULL
     ORDER BY s.session DESC LIMIT 1";

/// A row of [`BEARER`] as the bearer it names.
pub(super) fn bearer_from_row(r: &tokio_postgres::Row) -> StoreResult<Bearer> {
    // A machine token acts with its own role (its scope), as its user: column 3.
    let user = user_row(r)?;
    if r.get::<_, bool>(4) {
        return Ok(Bearer {
            user,
            kind: BearerKind::Session {
                expires_at: from_ts(r.get(5)),
                idle_s: small(r.get(6))?,
                last_seen: from_ts(r.get(7)),
            },
        });
    }
    Ok(Bearer {
        user,
        kind: BearerKind::Token {
            expires_at: r.get::<_, Option<i64>>(5).map(from_ts),
            last_used: r.get::<_, Option<i64>>(7).map(from_ts),
        },
    })
}

impl PgStore {
    /// See [`BEARER`].
    pub fn bearer_impl(&self, hash: &str) -> StoreResult<Option<Bearer>> {
        self.one_statement(BEARER, &[&hash])?
            .map(|r| bearer_from_row(&r))
            .transpose()
    }

    pub fn touch_bearer_impl(&self, hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|db| {
            let n = db.execute(
                "UPDATE sessions SET last_seen = GREATEST(last_seen, $2) WHERE token_hash = $1",
                &[&hash, &ts(at)],
            )?;
            if n == 0 {
                db.execute(
                    "UPDATE api_tokens SET last_used = $2 WHERE token_hash = $1",
                    &[&hash, &ts(at)],
                )?;
            }
            Ok(())
        })
    }

    pub fn sign_in_state_impl(&self, name: &str) -> StoreResult<SignInState> {
        self.read(|db| {
            let account = db
                .query_opt(
                    "SELECT name, agency, country, role, password_hash, totp_secret,
                            must_change_password, last_totp_step, disabled_at IS NOT NULL
                     FROM users WHERE name = $1",
                    &[&name],
                )?
                .map(|r| {
                    let password: Option<String> = r.get(4);
                    let totp: Option<String> = r.get(5);
                    let must = r.get::<_, i64>(6) != 0;
                    Ok::<_, StoreError>(Account {
                        user: user_row(&r)?,
                        credentials: password.zip(totp).map(|(p, t)| Credentials {
                            password_hash: p,
                            totp_secret: t,
                            must_change_password: must,
                        }),
                        last_totp_step: r.get(7),
                        disabled: r.get(8),
                    })
                })
                .transpose()?;
            let (failed_count, locked_until) = match db.query_opt(
                "SELECT failed_count, locked_until FROM sign_in_failures WHERE name = $1",
                &[&name],
            )? {
                Some(r) => (small(r.get(0))?, r.get::<_, Option<i64>>(1)),
                None => (0, None),
            };
            Ok(SignInState {
                account,
                failed_count,
                locked_until: locked_until.map(from_ts),
            })
        })
    }

    pub fn sign_in_failed_impl(
        &self,
        name: &str,
        at: DateTime<Utc>,
        max_failures: u32,
        lock_for: chrono::Duration,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        self.write(|db| {
            // A lock that has run out starts the count again.
            db.execute(
                "DELETE FROM sign_in_failures WHERE name = $1 AND locked_until IS NOT NULL AND locked_until <= $2",
                &[&name, &ts(at)],
            )?;
            let count = small(
                db.query_one(
                    "INSERT INTO sign_in_failures(name, failed_count, last_failure) VALUES ($1, 1, $2)
                     ON CONFLICT(name) DO UPDATE
                       SET failed_count = sign_in_failures.failed_count + 1, last_failure = $2
                     RETURNING failed_count",
                    &[&name, &ts(at)],
                )?
                .get(0),
            )?;
            if count < max_failures {
                return Ok(None);
            }
            let until = at + lock_for;
            db.execute(
                "UPDATE sign_in_failures SET locked_until = $2 WHERE name = $1 AND locked_until IS NULL",
                &[&name, &ts(until)],
            )?;
            let locked: Option<i64> = db
                .query_one(
                    "SELECT locked_until FROM sign_in_failures WHERE name = $1",
                    &[&name],
                )?
                .get(0);
            Ok(locked.map(from_ts))
        })
    }

    pub fn sign_in_succeeded_impl(
        &self,
        s: &SessionRow,
        totp_step: i64,
        new_password_hash: Option<&str>,
    ) -> StoreResult<bool> {
        self.write(|db| {
            let n = db.execute(
                "UPDATE users SET last_totp_step = $2, last_sign_in = $3
                 WHERE name = $1 AND (last_totp_step IS NULL OR last_totp_step < $2)",
                &[&s.user_name, &totp_step, &ts(s.created_at)],
            )?;
            if n == 0 {
                return Ok(false);
            }
            if let Some(h) = new_password_hash {
                db.execute(
                    "UPDATE users SET password_hash = $2, must_change_password = 0 WHERE name = $1",
                    &[&s.user_name, &h],
                )?;
            }
            db.execute(
                "DELETE FROM sign_in_failures WHERE name = $1",
                &[&s.user_name],
            )?;
            db.execute(
                "INSERT INTO sessions(token_hash, user_name, created_at, expires_at, idle_s, last_seen)
                 VALUES ($1, $2, $3, $4, $5, $3)",
                &[
                    &s.token_hash,
                    &s.user_name,
                    &ts(s.created_at),
                    &ts(s.expires_at),
                    &i64::from(s.idle_s),
                ],
            )?;
            // Sessions that ended long ago are of no use to anyone: keep the table small.
            db.execute(
                "DELETE FROM sessions WHERE expires_at < $1 OR last_seen + idle_s < $1",
                &[&ts(s.created_at)],
            )?;
            Ok(true)
        })
    }

    pub fn end_session_impl(&self, hash: &str) -> StoreResult<bool> {
        self.write(|db| Ok(db.execute("DELETE FROM sessions WHERE token_hash = $1", &[&hash])? > 0))
    }

    pub fn set_credentials_impl(&self, name: &str, c: &Credentials) -> StoreResult<bool> {
        self.write(|db| {
            if put_credentials(db, name, c)? == 0 {
                return Ok(false);
            }
            db.execute("DELETE FROM sessions WHERE user_name = $1", &[&name])?;
            db.execute("DELETE FROM sign_in_failures WHERE name = $1", &[&name])?;
            Ok(true)
        })
    }

    pub fn demo_accounts_impl(&self) -> StoreResult<u64> {
        self.read(|db| {
            let n: i64 = db
                .query_one(
                    "SELECT count(*) FROM users WHERE demo = 1 AND disabled_at IS NULL",
                    &[],
                )?
                .get(0);
            Ok(n.max(0) as u64)
        })
    }
}

/// A role stored on a token row.
pub(super) fn role(s: &str) -> StoreResult<Role> {
    parse_enum(s, Role::parse)
}
