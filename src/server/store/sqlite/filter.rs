//! WHERE clauses built from optional filters, with numbered parameters (`?1`, `?2`…; the
//! clause itself: `store/conds.rs`), and serial search from the index that answers it.

use std::ops::{Deref, DerefMut};

use rusqlite::{Connection, Row, ToSql};

use crate::model::serial::SerialPattern;
use crate::server::store::conds::{Conds, TextArg};
use crate::server::store::{StoreError, StoreResult};

/// How a serial search is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SerialIndex {
    /// The serial index: rows come in serial order.
    Ordered,
    /// The trigram index: rows come in its rowid order.
    Trigram,
    /// A scan of the firearms in id order.
    Scan,
}

/// A WHERE clause built from optional filters (see [`Conds`]), with numbered parameters. For
/// firearm queries (`firearms f`) it can join the trigram index for partial serials.
pub(super) struct Filter {
    conds: Conds<Box<dyn ToSql>>,
    trigram: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            conds: Conds::new('?'),
            trigram: false,
        }
    }
}

impl TextArg for Box<dyn ToSql> {
    fn text(s: String) -> Self {
        Box::new(s)
    }
}

impl Deref for Filter {
    type Target = Conds<Box<dyn ToSql>>;
    fn deref(&self) -> &Self::Target {
        &self.conds
    }
}

impl DerefMut for Filter {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.conds
    }
}

impl Filter {
    /// Serial search: an index seek for exact and prefix, the trigram index for partial
    /// patterns with three or more literal characters in a row, a scan otherwise. Returns which,
    /// so the caller can order the page the way that index delivers it.
    pub(super) fn serial(&mut self, pattern: &str) -> StoreResult<SerialIndex> {
        Ok(
            match SerialPattern::parse(pattern).map_err(StoreError::Invalid)? {
                SerialPattern::Exact(s) => {
                    self.cond("f.serial = ?", Box::new(s));
                    SerialIndex::Ordered
                }
                SerialPattern::Prefix(p) => {
                    self.cond("f.serial >= ?", Box::new(p.clone()));
                    self.cond("f.serial < ?", Box::new(format!("{p}\u{10FFFF}")));
                    SerialIndex::Ordered
                }
                SerialPattern::Wildcard {
                    glob,
                    longest_literal,
                } if longest_literal >= 3 => {
                    self.trigram = true;
                    self.cond("s.serial GLOB ?", Box::new(glob));
                    SerialIndex::Trigram
                }
                SerialPattern::Wildcard { glob, .. } => {
                    self.cond("f.serial GLOB ?", Box::new(glob));
                    SerialIndex::Scan
                }
            },
        )
    }

    /// Whether the trigram index `s` must be joined.
    pub(super) fn uses_trigram(&self) -> bool {
        self.trigram
    }

    pub(super) fn from(&self) -> &'static str {
        if self.trigram {
            "firearm_serials s JOIN firearms f ON f.id = s.id"
        } else {
            "firearms f"
        }
    }

    /// The planner's plan for `sql` with this filter's values, one line per step (tests check
    /// that list pages are read in index order).
    #[cfg(test)]
    pub(super) fn plan(&self, c: &Connection, sql: &str) -> Vec<String> {
        let params: Vec<&dyn ToSql> = self.args().iter().map(|b| b.as_ref()).collect();
        let mut st = c
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("plan");
        st.query_map(params.as_slice(), |r| r.get::<_, String>(3))
            .expect("plan rows")
            .collect::<Result<Vec<_>, _>>()
            .expect("plan text")
    }

    pub(super) fn query<T>(
        &self,
        c: &Connection,
        sql: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> StoreResult<Vec<T>> {
        let mut st = c.prepare_cached(sql)?;
        let params: Vec<&dyn ToSql> = self.args().iter().map(|b| b.as_ref()).collect();
        Ok(st
            .query_map(params.as_slice(), map)?
            .collect::<Result<Vec<_>, _>>()?)
    }
}
