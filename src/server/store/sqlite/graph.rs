//! The link graph on SQLite: statements of [`crate::server::store::graph`] run on a reader
//! connection (the long-query pool: a deep search must not hold up pages).

use std::collections::HashSet;

use rusqlite::{Connection, named_params};

use super::SqliteStore;
use super::system::member_of;
use crate::model::*;
use crate::server::store::StoreResult;
use crate::server::store::graph::{self, GraphSql};

impl GraphSql for Connection {
    fn shift_date(&self, col: &str, days: i32) -> String {
        format!("date({col}, '{days:+} days')")
    }

    fn member_cases(&self, viewer: &User) -> StoreResult<HashSet<String>> {
        let sql = format!("SELECT id FROM cases WHERE {}", member_of("id"));
        let mut st = self.prepare_cached(&sql)?;
        let rows = st.query_map(
            named_params! {":viewer": viewer.name, ":agency": viewer.agency, ":country": viewer.country.as_str()},
            |r| r.get::<_, String>(0),
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl SqliteStore {
    pub(super) fn neighbors_impl(
        &self,
        q: &NeighborQuery,
        viewer: &User,
    ) -> StoreResult<Neighborhood> {
        self.read_long(|c| graph::neighbors(c, q, viewer))
    }

    pub(super) fn paths_impl(&self, q: &PathQuery, viewer: &User) -> StoreResult<PathSet> {
        self.read_long(|c| graph::paths(c, q, viewer))
    }

    pub(super) fn rings_impl(&self, q: &RingQuery) -> StoreResult<Vec<RingSuspect>> {
        self.read_long(|c| graph::rings(c, q))
    }

    /// The one-directional breadth-first search on the same graph, for `fwc bench graph`.
    pub fn graph_paths_one_way(
        &self,
        from: &str,
        to: &str,
        max_hops: u32,
        viewer: &User,
    ) -> StoreResult<(Option<usize>, usize)> {
        self.read_long(|c| graph::paths_one_way(c, from, to, max_hops, viewer))
    }
}
