//! Sign-in storage: credentials, failure counts and lockouts, sessions, and the bearer lookup
//! that every authenticated request makes (one indexed read, sessions first).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{SqliteStore, from_ts, parse_enum, ts};
use crate::model::{Country, Role, User};
use crate::server::store::{
    Account, Bearer, BearerKind, Credentials, SessionRow, SignInState, StoreResult,
};

fn user_of(r: &rusqlite::Row<'_>, role_col: usize) -> rusqlite::Result<User> {
    Ok(User {
        name: r.get(0)?,
        agency: r.get(1)?,
        country: parse_enum(&r.get::<_, String>(2)?, Country::parse)?,
        role: parse_enum(&r.get::<_, String>(role_col)?, Role::parse)?,
    })
}

impl SqliteStore {
    pub(super) fn bearer_impl(&self, hash: &str) -> StoreResult<Option<Bearer>> {
        self.read(|c| {
            let session = c
                .prepare_cached(
                    "SELECT u.name, u.agency, u.country, u.role, s.expires_at, s.idle_s, s.last_seen
                     FROM sessions s JOIN users u ON u.name = s.user_name
                     WHERE s.token_hash = ?1 AND u.disabled_at IS NULL",
                )?
                .query_row([hash], |r| {
                    Ok(Bearer {
                        user: user_of(r, 3)?,
                        kind: BearerKind::Session {
                            expires_at: from_ts(r.get(4)?),
                            idle_s: r.get(5)?,
                            last_seen: from_ts(r.get(6)?),
                        },
                    })
                })
                .optional()?;
            if session.is_some() {
                return Ok(session);
            }
            // A machine token acts with its own role (its scope), as its user.
            Ok(c.prepare_cached(
                "SELECT u.name, u.agency, u.country, t.role, t.expires_at, t.last_used
                 FROM api_tokens t JOIN users u ON u.name = t.user_name
                 WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL",
            )?
            .query_row([hash], |r| {
                Ok(Bearer {
                    user: user_of(r, 3)?,
                    kind: BearerKind::Token {
                        expires_at: r.get::<_, Option<i64>>(4)?.map(from_ts),
                        last_used: r.get::<_, Option<i64>>(5)?.map(from_ts),
                    },
                })
            })
            .optional()?)
        })
    }

    pub(super) fn touch_bearer_impl(&self, hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
        self.write(|tx| {
            let n = tx
                .prepare_cached(
                    "UPDATE sessions SET last_seen = max(last_seen, ?2) WHERE token_hash = ?1",
                )?
                .execute(params![hash, ts(at)])?;
            if n == 0 {
                tx.prepare_cached("UPDATE api_tokens SET last_used = ?2 WHERE token_hash = ?1")?
                    .execute(params![hash, ts(at)])?;
            }
            Ok(())
        })
    }

    pub(super) fn sign_in_state_impl(&self, name: &str) -> StoreResult<SignInState> {
        self.read(|c| {
            let account = c
                .prepare_cached(
                    "SELECT name, agency, country, role, password_hash, totp_secret,
                            must_change_password, last_totp_step, disabled_at IS NOT NULL
                     FROM users WHERE name = ?1",
                )?
                .query_row([name], |r| {
                    let password: Option<String> = r.get(4)?;
                    let totp: Option<String> = r.get(5)?;
                    Ok(Account {
                        user: user_of(r, 3)?,
                        credentials: password.zip(totp).map(|(p, t)| Credentials {
                            password_hash: p,
                            totp_secret: t,
                            must_change_password: false,
                        }),
                        last_totp_step: r.get(7)?,
                        disabled: r.get(8)?,
                    })
                    .map(|mut a| {
                        let must: bool = r.get(6).unwrap_or(false);
                        if let Some(c) = a.credentials.as_mut() {
                            c.must_change_password = must;
                        }
                        a
                    })
                })
                .optional()?;
            let (failed_count, locked_until) = c
                .prepare_cached(
                    "SELECT failed_count, locked_until FROM sign_in_failures WHERE name = ?1",
                )?
                .query_row([name], |r| {
                    Ok((r.get::<_, u32>(0)?, r.get::<_, Option<i64>>(1)?))
                })
                .optional()?
                .unwrap_or((0, None));
            Ok(SignInState {
                account,
                failed_count,
                locked_until: locked_until.map(from_ts),
            })
        })
    }

    pub(super) fn sign_in_failed_impl(
        &self,
        name: &str,
        at: DateTime<Utc>,
        max_failures: u32,
        lock_for: chrono::Duration,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        self.write(|tx| {
            // A lock that has run out starts the count again.
            tx.prepare_cached(
                "DELETE FROM sign_in_failures WHERE name = ?1 AND locked_until IS NOT NULL AND locked_until <= ?2",
            )?
            .execute(params![name, ts(at)])?;
            let count: u32 = tx
                .prepare_cached(
                    "INSERT INTO sign_in_failures(name, failed_count, last_failure) VALUES (?1, 1, ?2)
                     ON CONFLICT(name) DO UPDATE SET failed_count = failed_count + 1, last_failure = ?2
                     RETURNING failed_count",
                )?
                .query_row(params![name, ts(at)], |r| r.get(0))?;
            if count < max_failures {
                return Ok(None);
            }
            let until = at + lock_for;
            tx.prepare_cached(
                "UPDATE sign_in_failures SET locked_until = ?2 WHERE name = ?1 AND locked_until IS NULL",
            )?
            .execute(params![name, ts(until)])?;
            let locked: Option<i64> = tx
                .prepare_cached("SELECT locked_until FROM sign_in_failures WHERE name = ?1")?
                .query_row([name], |r| r.get(0))?;
            Ok(locked.map(from_ts))
        })
    }

    pub(super) fn sign_in_succeeded_impl(
        &self,
        s: &SessionRow,
        totp_step: i64,
        new_password_hash: Option<&str>,
    ) -> StoreResult<bool> {
        self.write(|tx| {
            let n = tx
                .prepare_cached(
                    "UPDATE users SET last_totp_step = ?2, last_sign_in = ?3
                     WHERE name = ?1 AND (last_totp_step IS NULL OR last_totp_step < ?2)",
                )?
                .execute(params![s.user_name, totp_step, ts(s.created_at)])?;
            if n == 0 {
                return Ok(false);
            }
            if let Some(h) = new_password_hash {
                tx.prepare_cached(
                    "UPDATE users SET password_hash = ?2, must_change_password = 0 WHERE name = ?1",
                )?
                .execute(params![s.user_name, h])?;
            }
            tx.prepare_cached("DELETE FROM sign_in_failures WHERE name = ?1")?
                .execute([&s.user_name])?;
            tx.prepare_cached(
                "INSERT INTO sessions(token_hash, user_name, created_at, expires_at, idle_s, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?3)",
            )?
            .execute(params![
                s.token_hash,
                s.user_name,
                ts(s.created_at),
                ts(s.expires_at),
                s.idle_s
            ])?;
            // Sessions that ended long ago are of no use to anyone: keep the table small.
            tx.prepare_cached(
                "DELETE FROM sessions WHERE expires_at < ?1 OR last_seen + idle_s < ?1",
            )?
            .execute([ts(s.created_at)])?;
            Ok(true)
        })
    }

    pub(super) fn end_session_impl(&self, hash: &str) -> StoreResult<bool> {
        self.write(|tx| {
            Ok(tx
                .prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")?
                .execute([hash])?
                > 0)
        })
    }

    pub(super) fn set_credentials_impl(&self, name: &str, c: &Credentials) -> StoreResult<bool> {
        self.write(|tx| {
            if super::account_admin::put_credentials(tx, name, c)? == 0 {
                return Ok(false);
            }
            tx.prepare_cached("DELETE FROM sessions WHERE user_name = ?1")?
                .execute([name])?;
            tx.prepare_cached("DELETE FROM sign_in_failures WHERE name = ?1")?
                .execute([name])?;
            Ok(true)
        })
    }

    pub(super) fn demo_accounts_impl(&self) -> StoreResult<u64> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM users WHERE demo = 1 AND disabled_at IS NULL",
                [],
                |r| r.get(0),
            )?)
        })
    }
}
