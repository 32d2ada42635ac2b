//! WHERE clauses built from optional filters, with numbered parameters (`$1`, `$2`…), the
//! PostgreSQL twin of `sqlite/filter.rs`.

use tokio_postgres::types::ToSql;

use super::Db;
use crate::model::serial::SerialPattern;
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

/// A WHERE clause built from optional filters.
#[derive(Default)]
pub(super) struct Filter {
    conds: Vec<String>,
    args: Vec<Arg>,
}

impl Filter {
    /// Adds a condition whose every `?` stands for `v`.
    pub(super) fn cond(&mut self, cond: &str, v: Arg) {
        self.args.push(v);
        self.conds
            .push(cond.replace('?', &format!("${}", self.args.len())));
    }

    /// Adds a condition with two values, written `?a` and `?b` (keyset cursors).
    pub(super) fn cond2(&mut self, cond: &str, a: Arg, b: Arg) {
        self.args.push(a);
        self.args.push(b);
        let n = self.args.len();
        self.conds.push(
            cond.replace("?a", &format!("${}", n - 1))
                .replace("?b", &format!("${n}")),
        );
    }

    /// Adds a condition with no value (a literal the planner must see, e.g. a partial index's
    /// bound). Never pass anything that came from a request.
    pub(super) fn raw(&mut self, cond: &str) {
        self.conds.push(cond.to_string());
    }

    pub(super) fn eq(&mut self, col: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.cond(&format!("{col} = ?"), Box::new(v.to_string()));
        }
    }

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

    pub(super) fn where_sql(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conds.join(" AND "))
        }
    }

    pub(super) fn query(&self, db: &Db<'_>, sql: &str) -> StoreResult<Vec<tokio_postgres::Row>> {
        let params: Vec<&(dyn ToSql + Sync)> = self
            .args
            .iter()
            .map(|b| b.as_ref() as &(dyn ToSql + Sync))
            .collect();
        db.query(sql, &params)
    }
}
