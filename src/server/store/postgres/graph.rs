//! The link graph on PostgreSQL: the statements of [`crate::server::store::graph`] with
//! numbered placeholders, the id list as `json_array_elements_text`, and answers read by their
//! column types (a boolean as 0 or 1, as SQLite answers it).

use std::collections::HashSet;

use tokio_postgres::types::{ToSql, Type};

use super::system::{member_of, viewer_params};
use super::{Db, PgStore};
use crate::model::*;
use crate::server::store::graph::{self, GraphSql, IN, Row, Val};
use crate::server::store::{StoreError, StoreResult};

/// `?1`, `?2`… as `$1`, `$2`… (the graph's statements hold no other question marks).
fn numbered(sql: &str) -> String {
    sql.replace(IN, "(SELECT json_array_elements_text(?1::TEXT::JSON))")
        .replace('?', "$")
}

fn value(r: &tokio_postgres::Row, i: usize) -> StoreResult<Val> {
    let ty = r.columns()[i].type_().clone();
    let bad = |e: tokio_postgres::Error| StoreError::Internal(format!("graph column {i}: {e}"));
    Ok(match ty {
        Type::BOOL => r
            .try_get::<_, Option<bool>>(i)
            .map_err(bad)?
            .map_or(Val::Null, |b| Val::Int(i64::from(b))),
        Type::INT8 => r
            .try_get::<_, Option<i64>>(i)
            .map_err(bad)?
            .map_or(Val::Null, Val::Int),
        Type::INT4 => r
            .try_get::<_, Option<i32>>(i)
            .map_err(bad)?
            .map_or(Val::Null, |n| Val::Int(i64::from(n))),
        Type::FLOAT8 => r
            .try_get::<_, Option<f64>>(i)
            .map_err(bad)?
            .map_or(Val::Null, Val::Real),
        _ => r
            .try_get::<_, Option<String>>(i)
            .map_err(bad)?
            .map_or(Val::Null, Val::Text),
    })
}

impl GraphSql for Db<'_> {
    fn rows(&self, sql: &str, args: &[Val]) -> StoreResult<Vec<Row>> {
        let owned: Vec<Box<dyn ToSql + Sync>> = args
            .iter()
            .map(|a| -> Box<dyn ToSql + Sync> {
                match a {
                    Val::Null => Box::new(None::<String>),
                    Val::Int(n) => Box::new(*n),
                    Val::Real(x) => Box::new(*x),
                    Val::Text(t) => Box::new(t.clone()),
                }
            })
            .collect();
        let params: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        self.query(&numbered(sql), &params)?
            .iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| value(r, i))
                    .collect::<StoreResult<Vec<_>>>()
                    .map(Row)
            })
            .collect()
    }

    fn shift_date(&self, col: &str, days: i32) -> String {
        format!("to_char(CAST({col} AS DATE) + ({days}), 'YYYY-MM-DD')")
    }

    fn member_cases(&self, viewer: &User) -> StoreResult<HashSet<String>> {
        let sql = format!("SELECT id FROM cases WHERE {}", member_of("id", 1));
        let [v, a, c] = viewer_params(viewer);
        Ok(self
            .query(&sql, &[&v, &a, &c])?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }
}

/// The link graph is long work: on the long-work pool (see `pools`), as on SQLite.
impl PgStore {
    pub fn neighbors_impl(&self, q: &NeighborQuery, viewer: &User) -> StoreResult<Neighborhood> {
        self.read_long(|db| graph::neighbors(db, q, viewer))
    }

    pub fn paths_impl(&self, q: &PathQuery, viewer: &User) -> StoreResult<PathSet> {
        self.read_long(|db| graph::paths(db, q, viewer))
    }

    pub fn rings_impl(&self, q: &RingQuery) -> StoreResult<Vec<RingSuspect>> {
        self.read_long(|db| graph::rings(db, q))
    }

    /// The one-directional breadth-first search on the same graph, for `fwc bench graph`
    /// (SQLite: `SqliteStore::graph_paths_one_way`).
    pub fn graph_paths_one_way(
        &self,
        from: &str,
        to: &str,
        max_hops: u32,
        viewer: &User,
    ) -> StoreResult<(Option<usize>, usize)> {
        self.read_long(|db| graph::paths_one_way(db, from, to, max_hops, viewer))
    }
}
