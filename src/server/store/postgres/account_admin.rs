//! What an administrator does to accounts from the command line: enrol, enable, list, and
//! machine tokens (SQLite: `sqlite/account_admin.rs`).

use super::accounts::{put_credentials, role, small};
use super::system::user_row;
use super::{PgStore, from_ts, ts};
use crate::model::User;
use crate::server::store::{
    AccountRow, ApiTokenRow, Credentials, NewApiToken, StoreError, StoreResult,
};

fn now() -> i64 {
    ts(chrono::Utc::now())
}

impl PgStore {
    pub fn add_account_impl(&self, u: &User, c: Option<&Credentials>) -> StoreResult<()> {
        self.write(|db| {
            let exists: bool = db
                .query_one(
                    "SELECT EXISTS(SELECT 1 FROM users WHERE name = $1)",
                    &[&u.name],
                )?
                .get(0);
            if exists {
                return Err(StoreError::Conflict(format!(
                    "a user named {:?} already exists",
                    u.name
                )));
            }
            db.execute(
                "INSERT INTO users(name, agency, country, role, created_at) VALUES ($1, $2, $3, $4, $5)",
                &[&u.name, &u.agency, &u.country.as_str(), &u.role.as_str(), &now()],
            )?;
            if let Some(c) = c {
                put_credentials(db, &u.name, c)?;
            }
            Ok(())
        })
    }

    pub fn enable_user_impl(&self, name: &str) -> StoreResult<bool> {
        self.write(|db| {
            Ok(db.execute(
                "UPDATE users SET disabled_at = NULL WHERE name = $1",
                &[&name],
            )? > 0)
        })
    }

    pub fn accounts_impl(&self) -> StoreResult<Vec<AccountRow>> {
        let now = now();
        self.read(|db| {
            db.query(
                "SELECT u.name, u.agency, u.country, u.role, u.disabled_at IS NOT NULL,
                        u.password_hash IS NOT NULL AND u.totp_secret IS NOT NULL,
                        u.must_change_password, u.demo, u.last_sign_in,
                        COALESCE(f.failed_count, 0),
                        CASE WHEN f.locked_until > $1 THEN f.locked_until END
                 FROM users u LEFT JOIN sign_in_failures f ON f.name = u.name
                 ORDER BY u.agency, u.name",
                &[&now],
            )?
            .iter()
            .map(|r| {
                Ok(AccountRow {
                    user: user_row(r)?,
                    disabled: r.get(4),
                    enrolled: r.get(5),
                    must_change_password: r.get::<_, i64>(6) != 0,
                    demo: r.get::<_, i64>(7) != 0,
                    last_sign_in: r.get::<_, Option<i64>>(8).map(from_ts),
                    failed_count: small(r.get(9))?,
                    locked_until: r.get::<_, Option<i64>>(10).map(from_ts),
                })
            })
            .collect()
        })
    }

    pub fn add_api_token_impl(&self, t: &NewApiToken) -> StoreResult<()> {
        self.write(|db| {
            db.execute(
                "INSERT INTO api_tokens(token_hash, user_name, label, role, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &t.token_hash,
                    &t.user_name,
                    &t.label,
                    &t.role.as_str(),
                    &now(),
                    &t.expires_at.map(ts),
                ],
            )?;
            Ok(())
        })
    }

    pub fn revoke_api_tokens_impl(
        &self,
        id: Option<&str>,
        user: Option<&str>,
    ) -> StoreResult<usize> {
        self.write(|db| {
            let n = db.execute(
                "UPDATE api_tokens SET revoked_at = $3
                 WHERE revoked_at IS NULL
                   AND ($1::TEXT IS NULL OR substr(token_hash, 1, 12) = $1)
                   AND ($2::TEXT IS NULL OR user_name = $2)
                   AND ($1::TEXT IS NOT NULL OR $2::TEXT IS NOT NULL)",
                &[&id, &user, &now()],
            )?;
            Ok(n as usize)
        })
    }

    pub fn api_tokens_impl(&self) -> StoreResult<Vec<ApiTokenRow>> {
        self.read(|db| {
            db.query(
                "SELECT substr(token_hash, 1, 12), user_name, label, role, created_at, expires_at,
                        revoked_at, last_used
                 FROM api_tokens ORDER BY created_at DESC, user_name",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok(ApiTokenRow {
                    id: r.get(0),
                    user_name: r.get(1),
                    label: r.get(2),
                    role: role(r.get(3))?,
                    created_at: from_ts(r.get(4)),
                    expires_at: r.get::<_, Option<i64>>(5).map(from_ts),
                    revoked_at: r.get::<_, Option<i64>>(6).map(from_ts),
                    last_used: r.get::<_, Option<i64>>(7).map(from_ts),
                })
            })
            .collect()
        })
    }
}
