//! Details of a whole page in one statement. A list page fills per-row details (a seizure's
//! traces and cases, a case's members, a trace's multiple-sale reports); asked row by row
//! that is one round trip per row and detail — on PostgreSQL 100 rows cost 30–40 ms of round
//! trips where the page itself took 2. So each detail is read for every row of the page at
//! once (`= ANY($1)`) and handed back per row, in the statement's order.

use std::collections::HashMap;

use tokio_postgres::Row;
use tokio_postgres::types::ToSql;

use super::Db;
use crate::server::store::StoreResult;

/// Runs `sql`, whose `$1` is `keys` as `TEXT[]` and whose first column is the key each row
/// belongs to (`extra` binds `$2`…), and groups `each(row)` per key, keeping the statement's
/// order within a key. Keys without rows are absent.
pub(super) fn grouped<T>(
    db: &Db<'_>,
    sql: &str,
    keys: &[String],
    extra: &[&(dyn ToSql + Sync)],
    each: impl Fn(&Row) -> StoreResult<T>,
) -> StoreResult<HashMap<String, Vec<T>>> {
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    if keys.is_empty() {
        return Ok(out);
    }
    let mut params: Vec<&(dyn ToSql + Sync)> = Vec::with_capacity(1 + extra.len());
    params.push(&keys);
    params.extend_from_slice(extra);
    for r in db.query(sql, &params)? {
        let item = each(&r)?;
        out.entry(r.get(0)).or_default().push(item);
    }
    Ok(out)
}

/// The ids of `items`, as [`grouped`] binds them.
pub(super) fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| id(i).to_string()).collect()
}
