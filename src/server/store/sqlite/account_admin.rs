//! What an administrator does to accounts from the command line: enrol, enable, list, and
//! machine tokens (create, revoke, list).

use rusqlite::{Transaction, params};

use super::{SqliteStore, from_ts, parse_enum, ts};
use crate::model::{Country, Role, User};
use crate::server::store::{
    AccountRow, ApiTokenRow, Credentials, NewApiToken, StoreError, StoreResult,
};

/// Sets a user's credentials inside the caller's transaction.
pub(super) fn put_credentials(
    tx: &Transaction<'_>,
    name: &str,
    c: &Credentials,
) -> StoreResult<usize> {
    Ok(tx
        .prepare_cached(
            "UPDATE users SET password_hash = ?2, totp_secret = ?3, must_change_password = ?4,
                    last_totp_step = NULL WHERE name = ?1",
        )?
        .execute(params![
            name,
            c.password_hash,
            c.totp_secret,
            c.must_change_password
        ])?)
}

impl SqliteStore {
    pub(super) fn add_account_impl(&self, u: &User, c: Option<&Credentials>) -> StoreResult<()> {
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM users WHERE name = ?1)",
                [&u.name],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::Conflict(format!(
                    "a user named {:?} already exists",
                    u.name
                )));
            }
            tx.prepare_cached(
                "INSERT INTO users(name, agency, country, role, created_at) VALUES (?1, ?2, ?3, ?4, strftime('%s','now'))",
            )?
            .execute(params![u.name, u.agency, u.country.as_str(), u.role.as_str()])?;
            if let Some(c) = c {
                put_credentials(tx, &u.name, c)?;
            }
            Ok(())
        })
    }

    pub(super) fn enable_user_impl(&self, name: &str) -> StoreResult<bool> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE users SET disabled_at = NULL WHERE name = ?1",
                [name],
            )? > 0)
        })
    }

    pub(super) fn accounts_impl(&self) -> StoreResult<Vec<AccountRow>> {
        let now = ts(chrono::Utc::now());
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT u.name, u.agency, u.country, u.role, u.disabled_at IS NOT NULL,
                        u.password_hash IS NOT NULL AND u.totp_secret IS NOT NULL,
                        u.must_change_password, u.demo, u.last_sign_in,
                        COALESCE(f.failed_count, 0),
                        CASE WHEN f.locked_until > ?1 THEN f.locked_until END
                 FROM users u LEFT JOIN sign_in_failures f ON f.name = u.name
                 ORDER BY u.agency, u.name",
            )?;
            let rows = st.query_map([now], |r| {
                Ok(AccountRow {
                    user: User {
                        name: r.get(0)?,
                        agency: r.get(1)?,
                        country: parse_enum(&r.get::<_, String>(2)?, Country::parse)?,
                        role: parse_enum(&r.get::<_, String>(3)?, Role::parse)?,
                    },
                    disabled: r.get(4)?,
                    enrolled: r.get(5)?,
                    must_change_password: r.get(6)?,
                    demo: r.get(7)?,
                    last_sign_in: r.get::<_, Option<i64>>(8)?.map(from_ts),
                    failed_count: r.get(9)?,
                    locked_until: r.get::<_, Option<i64>>(10)?.map(from_ts),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    pub(super) fn add_api_token_impl(&self, t: &NewApiToken) -> StoreResult<()> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO api_tokens(token_hash, user_name, label, role, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, strftime('%s','now'), ?5)",
            )?
            .execute(params![
                t.token_hash,
                t.user_name,
                t.label,
                t.role.as_str(),
                t.expires_at.map(ts)
            ])?;
            Ok(())
        })
    }

    pub(super) fn revoke_api_tokens_impl(
        &self,
        id: Option<&str>,
        user: Option<&str>,
    ) -> StoreResult<usize> {
        self.write(|tx| {
            Ok(tx
                .prepare_cached(
                    "UPDATE api_tokens SET revoked_at = strftime('%s','now')
                     WHERE revoked_at IS NULL
                       AND (?1 IS NULL OR substr(token_hash, 1, 12) = ?1)
                       AND (?2 IS NULL OR user_name = ?2)
                       AND (?1 IS NOT NULL OR ?2 IS NOT NULL)",
                )?
                .execute(params![id, user])?)
        })
    }

    pub(super) fn api_tokens_impl(&self) -> StoreResult<Vec<ApiTokenRow>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT substr(token_hash, 1, 12), user_name, label, role, created_at, expires_at,
                        revoked_at, last_used
                 FROM api_tokens ORDER BY created_at DESC, user_name",
            )?;
            let rows = st.query_map([], |r| {
                Ok(ApiTokenRow {
                    id: r.get(0)?,
                    user_name: r.get(1)?,
                    label: r.get(2)?,
                    role: parse_enum(&r.get::<_, String>(3)?, Role::parse)?,
                    created_at: from_ts(r.get(4)?),
                    expires_at: r.get::<_, Option<i64>>(5)?.map(from_ts),
                    revoked_at: r.get::<_, Option<i64>>(6)?.map(from_ts),
                    last_used: r.get::<_, Option<i64>>(7)?.map(from_ts),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}
