//! WHERE clauses built from optional filters, with numbered parameters (`$1`, `$2`…; the
//! clause itself: `store/conds.rs`), and serial search as SQLite answers it.

use tokio_postgres::types::ToSql;

use super::Db;
use crate::model::serial::SerialPattern;
use crate::server::store::conds::{Conds, TextArg};
use crate::server::store::{StoreError, StoreResult};

/// A bound value; `Send` so a query's parameters may cross to the store's runtime.
pub(super) type Arg = Box<dyn ToSql + Sync + Send>;

/// How a serial search is answered (as in SQLite, so pages come in the same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SerialIndex {
    /// The serial index: rows come in serial order.
    Ordered,
    /// The trigram index (pg_trgm's GIN): rows in the order firearms were added.
    Trigram,
    /// A scan of the firearms in id order.
    Scan,
}

/// A WHERE clause built from optional filters (see [`Conds`]), with numbered parameters.
pub(super) type Filter = Conds<Arg>;

impl Default for Filter {
    fn default() -> Self {
        Conds::new('$')
    }
}

impl TextArg for Arg {
    fn text(s: String) -> Self {
        Box::new(s)
    }
}

impl Filter {
    /// Serial search with SQLite's semantics: exact and prefix by the serial index, `*`/`?`
    /// patterns as LIKE (`%`/`_`; the pattern holds only letters, digits and `-`, so nothing
    /// needs escaping) answered by the trigram index when a literal run of three or more
    /// characters lets it, a scan otherwise.
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
                } => {
                    let like = glob.replace('*', "%").replace('?', "_");
                    self.cond("f.serial LIKE ?", Box::new(like));
                    if longest_literal >= 3 {
                        SerialIndex::Trigram
                    } else {
                        SerialIndex::Scan
                    }
                }
            },
        )
    }

    pub(super) fn query(&self, db: &Db<'_>, sql: &str) -> StoreResult<Vec<tokio_postgres::Row>> {
        let params: Vec<&(dyn ToSql + Sync)> = self
            .args()
            .iter()
            .map(|b| b.as_ref() as &(dyn ToSql + Sync))
            .collect();
        db.query(sql, &params)
    }
}
