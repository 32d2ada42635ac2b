//! Statements written once for both engines. A resource whose logic is the same on SQLite and
//! PostgreSQL (the link graph, correlation lists…) is written against [`Sql`]: statements in
//! SQL both engines read, with `?1`-style parameters (PostgreSQL's store numbers them `$1`),
//! values passed and read as [`Val`]. Each engine implements [`Sql`] on its connection inside
//! its own read or write transaction, so transactions, the writer lock, idempotency records and
//! audit rows stay where they are; only the statements and the mapping of rows are shared.

use crate::model::{Event, EventKind};
use crate::server::store::{StoreError, StoreResult};

/// A value a statement binds or returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Val {
    /// Text, or `NULL` for `None`.
    pub fn opt_text(t: Option<&str>) -> Val {
        t.map_or(Val::Null, |t| Val::Text(t.to_string()))
    }

    /// A number, or `NULL` for `None`.
    pub fn opt_int(n: Option<i64>) -> Val {
        n.map_or(Val::Null, Val::Int)
    }

    /// A real number, or `NULL` for `None`.
    pub fn opt_real(x: Option<f64>) -> Val {
        x.map_or(Val::Null, Val::Real)
    }
}

impl From<&str> for Val {
    fn from(t: &str) -> Val {
        Val::Text(t.to_string())
    }
}

impl From<&String> for Val {
    fn from(t: &String) -> Val {
        Val::Text(t.clone())
    }
}

/// One row of an answer, read by column with the type the caller expects.
pub struct Row(pub Vec<Val>);

impl Row {
    fn at(&self, i: usize) -> StoreResult<&Val> {
        self.0
            .get(i)
            .ok_or_else(|| StoreError::Internal(format!("row has no column {i}")))
    }

    fn bad(&self, i: usize, want: &str) -> StoreError {
        StoreError::Internal(format!("column {i} is not {want}: {:?}", self.0.get(i)))
    }

    pub fn text(&self, i: usize) -> StoreResult<String> {
        self.opt_text(i)?.ok_or_else(|| self.bad(i, "text"))
    }

    pub fn opt_text(&self, i: usize) -> StoreResult<Option<String>> {
        match self.at(i)? {
            Val::Text(t) => Ok(Some(t.clone())),
            Val::Null => Ok(None),
            _ => Err(self.bad(i, "text")),
        }
    }

    pub fn int(&self, i: usize) -> StoreResult<i64> {
        self.opt_int(i)?.ok_or_else(|| self.bad(i, "an integer"))
    }

    pub fn opt_int(&self, i: usize) -> StoreResult<Option<i64>> {
        match self.at(i)? {
            Val::Int(n) => Ok(Some(*n)),
            Val::Null => Ok(None),
            _ => Err(self.bad(i, "an integer")),
        }
    }

    /// A count or rank as the wire's `u32` (stored as a 64-bit integer; clamped, never wrapped).
    pub fn u32(&self, i: usize) -> StoreResult<u32> {
        Ok(u32::try_from(self.int(i)?).unwrap_or(u32::MAX))
    }

    pub fn opt_u32(&self, i: usize) -> StoreResult<Option<u32>> {
        Ok(self
            .opt_int(i)?
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX)))
    }

    /// An offset as the wire's `i32` (clamped, never wrapped).
    pub fn i32(&self, i: usize) -> StoreResult<i32> {
        Ok(i32::try_from(self.int(i)?).unwrap_or(i32::MAX))
    }

    /// A truth value (SQLite answers `EXISTS` with 0 or 1, PostgreSQL with a boolean, which
    /// the engine hands over as 0 or 1).
    pub fn flag(&self, i: usize) -> StoreResult<bool> {
        Ok(self.int(i)? != 0)
    }

    pub fn real(&self, i: usize) -> StoreResult<f64> {
        self.opt_real(i)?.ok_or_else(|| self.bad(i, "a number"))
    }

    pub fn opt_real(&self, i: usize) -> StoreResult<Option<f64>> {
        match self.at(i)? {
            Val::Real(x) => Ok(Some(*x)),
            Val::Int(n) => Ok(Some(*n as f64)),
            Val::Null => Ok(None),
            _ => Err(self.bad(i, "a number")),
        }
    }

    /// A score as the wire's `f32` (stored as a double).
    pub fn f32(&self, i: usize) -> StoreResult<f32> {
        Ok(self.real(i)? as f32)
    }

    pub fn opt_f32(&self, i: usize) -> StoreResult<Option<f32>> {
        Ok(self.opt_real(i)?.map(|x| x as f32))
    }
}

/// What shared statements ask of an engine, inside one of its transactions.
pub trait Sql {
    /// Runs `sql` with `args` bound to `?1`, `?2`… and returns every row.
    fn rows(&self, sql: &str, args: &[Val]) -> StoreResult<Vec<Row>>;
    /// Runs a statement that returns no rows; the number of rows it changed.
    fn exec(&self, sql: &str, args: &[Val]) -> StoreResult<u64>;
    /// Appends an event to the log (only `user` receives it when given) and returns it.
    fn emit_for(
        &self,
        kind: EventKind,
        entity_id: &str,
        case_id: Option<&str>,
        summary: &str,
        user: Option<&str>,
    ) -> StoreResult<Event>;
    /// The next value of the named id counter.
    fn next_counter(&self, name: &str) -> StoreResult<i64>;

    /// The first row, if any.
    fn row(&self, sql: &str, args: &[Val]) -> StoreResult<Option<Row>> {
        Ok(self.rows(sql, args)?.into_iter().next())
    }

    /// An event everyone allowed to see the entity receives.
    fn emit(
        &self,
        kind: EventKind,
        entity_id: &str,
        case_id: Option<&str>,
        summary: &str,
    ) -> StoreResult<Event> {
        self.emit_for(kind, entity_id, case_id, summary, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_their_columns_as_the_wire_types() {
        let r = Row(vec![
            Val::Int(7),
            Val::Null,
            Val::Real(0.5),
            Val::Text("x".into()),
            Val::Int(i64::MAX),
            Val::Int(-3),
        ]);
        assert_eq!(r.u32(0).unwrap(), 7);
        assert_eq!(r.opt_u32(1).unwrap(), None);
        assert_eq!(r.f32(2).unwrap(), 0.5);
        assert_eq!(r.real(0).unwrap(), 7.0);
        assert_eq!(r.text(3).unwrap(), "x");
        assert_eq!(r.u32(4).unwrap(), u32::MAX, "clamped, never wrapped");
        assert_eq!(r.i32(5).unwrap(), -3);
        assert!(r.text(0).is_err(), "an integer is not text");
        assert!(r.int(9).is_err(), "no such column");
    }
}
