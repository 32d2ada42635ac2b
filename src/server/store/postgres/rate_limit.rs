//! The per-user request bucket every node takes from (`server::rate_limit`; migration 6,
//! `rate_limit.sql`). Not under the write lock: a request's rate check must not queue behind
//! the service's writes, and the bucket row's own lock orders the nodes.

use super::PgStore;
use crate::server::store::{StoreError, StoreResult};

impl PgStore {
    pub fn take_rate_tokens_impl(
        &self,
        user: &str,
        per_second: u32,
        burst: u32,
        want: u32,
    ) -> StoreResult<Option<u32>> {
        let want = i32::try_from(want).unwrap_or(i32::MAX);
        let got: i32 = self
            .one_statement(
                "SELECT rate_take($1, $2, $3, $4)",
                &[&user, &f64::from(per_second), &f64::from(burst), &want],
            )?
            .ok_or_else(|| StoreError::Internal("rate_take answered no row".into()))?
            .get(0);
        Ok(Some(u32::try_from(got).unwrap_or(0)))
    }
}
