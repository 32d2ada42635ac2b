//! The link graph on PostgreSQL: the statements of [`crate::server::store::graph`] run through
//! the store's [`crate::server::store::sql::Sql`] (`postgres/sql.rs`).

use std::collections::HashSet;

use super::system::{member_of, viewer_params};
use super::{Db, PgStore};
use crate::model::*;
use crate::server::store::StoreResult;
use crate::server::store::graph::{self, GraphSql};

impl GraphSql for Db<'_> {
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
