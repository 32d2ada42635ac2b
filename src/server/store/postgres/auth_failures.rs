//! Failed authentications per address where every node counts them (the shared half of
//! [`crate::server::throttle`]). Not under the write lock: a brute-force run must not queue
//! behind the service's writes, and the rows need no order beyond their times.

use super::PgStore;
use crate::server::store::StoreResult;

impl PgStore {
    pub fn shared_auth_failure_impl(
        &self,
        addr: &str,
        at_ms: i64,
        since_ms: i64,
        limit: u32,
    ) -> StoreResult<Option<Vec<i64>>> {
        self.unlocked_write(|db| {
            // Every address's rows leave once they are out of the window.
            db.execute("DELETE FROM auth_failures WHERE at_ms <= $1", &[&since_ms])?;
            db.execute(
                "INSERT INTO auth_failures(addr, at_ms) VALUES ($1, $2)",
                &[&addr, &at_ms],
            )?;
            recent(db, addr, since_ms, limit).map(Some)
        })
    }

    pub fn shared_auth_failures_impl(
        &self,
        addr: &str,
        since_ms: i64,
        limit: u32,
    ) -> StoreResult<Option<Vec<i64>>> {
        self.read(|db| recent(db, addr, since_ms, limit).map(Some))
    }
}

fn recent(db: &super::Db<'_>, addr: &str, since_ms: i64, limit: u32) -> StoreResult<Vec<i64>> {
    Ok(db
        .query(
            "SELECT at_ms FROM auth_failures WHERE addr = $1 AND at_ms > $2
             ORDER BY at_ms DESC LIMIT $3",
            &[&addr, &since_ms, &i64::from(limit)],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect())
}
