//! A trace lookup's two reads — its token, then the trace — answered on the server's own
//! runtime ([`AsyncReads`]) instead of the blocking pool and the store's runtime: a request
//! then awaits its statement on the runtime that also drives the connection, with no thread to
//! wake in between. The pool here is used from async code only (its connections are driven
//! by the runtime that first asked for them: the server's); the statements, their rows and
//! their errors are the blocking path's own (`accounts.rs`, `traces.rs`).

use deadpool_postgres::Pool;

use super::accounts::{BEARER, bearer_from_row};
use super::traces::{MULTIPLE_SALES, SalesKeys, multiple_sale, row_to_trace, trace_by_id};
use crate::model::Trace;
use crate::server::store::{AsyncReads, Bearer, StoreError, StoreFuture, StoreResult};

/// Lookups on the caller's runtime, over a pool of their own (see the module docs).
pub(super) struct Direct {
    pool: Pool,
}

impl Direct {
    pub(super) fn new(pool: Pool) -> Direct {
        Direct { pool }
    }
}

impl AsyncReads for Direct {
    fn bearer<'a>(&'a self, hash: &'a str) -> StoreFuture<'a, Option<Bearer>> {
        Box::pin(async move {
            let c = self.pool.get().await?;
            let st = c.prepare_cached(BEARER).await?;
            c.query_opt(&st, &[&hash])
                .await?
                .map(|r| bearer_from_row(&r))
                .transpose()
        })
    }

    fn get_trace<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Trace> {
        Box::pin(async move {
            let c = self.pool.get().await?;
            let st = c.prepare_cached(trace_by_id()).await?;
            let mut t = c
                .query_opt(&st, &[&id])
                .await?
                .map(|r| row_to_trace(&r))
                .transpose()?
                .ok_or_else(|| StoreError::NotFound(format!("trace {id}")))?;
            let k = SalesKeys::of(std::slice::from_ref(&t));
            if !k.ids.is_empty() {
                let st = c.prepare_cached(MULTIPLE_SALES).await?;
                t.multiple_sales = c
                    .query(&st, &[&k.ids, &k.pids, &k.dealers, &k.froms, &k.tos])
                    .await?
                    .iter()
                    .map(multiple_sale)
                    .collect::<StoreResult<_>>()?;
            }
            Ok(t)
        })
    }
}
