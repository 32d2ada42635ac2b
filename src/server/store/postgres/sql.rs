//! The shared statements ([`Sql`]) on PostgreSQL: `?1` placeholders numbered `$1`, the graph's
//! id list as `json_array_elements_text`, each value bound as the type the server inferred for
//! its parameter (an integer into an `INTEGER` parameter as `i32`, …) and answers read by their
//! column types (a boolean as 0 or 1, as SQLite answers it).

use tokio_postgres::types::{ToSql, Type};

use super::Db;
use crate::model::{Event, EventKind};
use crate::server::store::graph::IN;
use crate::server::store::sql::{Row, Sql, Val};
use crate::server::store::{StoreError, StoreResult};

/// `?1`, `?2`… as `$1`, `$2`… (shared statements hold no other question marks).
fn numbered(sql: &str) -> String {
    sql.replace(IN, "(SELECT json_array_elements_text(?1::TEXT::JSON))")
        .replace('?', "$")
}

/// `v` as the Rust type tokio-postgres accepts for a parameter of type `ty`.
fn bind(v: &Val, ty: &Type) -> StoreResult<Box<dyn ToSql + Sync + Send>> {
    let narrow =
        |n: i64| StoreError::Internal(format!("{n} does not fit a parameter of type {ty}"));
    Ok(match (v, ty) {
        (Val::Null, &Type::INT8) => Box::new(None::<i64>),
        (Val::Null, &Type::INT4) => Box::new(None::<i32>),
        (Val::Null, &Type::FLOAT8) => Box::new(None::<f64>),
        (Val::Null, &Type::BOOL) => Box::new(None::<bool>),
        (Val::Null, &Type::BYTEA) => Box::new(None::<Vec<u8>>),
        (Val::Null, _) => Box::new(None::<String>),
        (Val::Int(n), &Type::INT4) => Box::new(i32::try_from(*n).map_err(|_| narrow(*n))?),
        (Val::Int(n), &Type::INT2) => Box::new(i16::try_from(*n).map_err(|_| narrow(*n))?),
        (Val::Int(n), &Type::FLOAT8) => Box::new(*n as f64),
        (Val::Int(n), &Type::BOOL) => Box::new(*n != 0),
        (Val::Int(n), &Type::TEXT | &Type::VARCHAR) => Box::new(n.to_string()),
        (Val::Int(n), _) => Box::new(*n),
        (Val::Real(x), &Type::FLOAT4) => Box::new(*x as f32),
        (Val::Real(x), _) => Box::new(*x),
        (Val::Text(t), _) => Box::new(t.clone()),
        (Val::Blob(b), _) => Box::new(b.clone()),
    })
}

/// A row as the shared statements read it (also for the store's own pages whose rows are
/// mapped by shared code, e.g. `leads::lead_of`).
pub(super) fn row_of(r: &tokio_postgres::Row) -> StoreResult<Row> {
    (0..r.len())
        .map(|i| value(r, i))
        .collect::<StoreResult<Vec<_>>>()
        .map(Row)
}

fn value(r: &tokio_postgres::Row, i: usize) -> StoreResult<Val> {
    let ty = r.columns()[i].type_().clone();
    let bad = |e: tokio_postgres::Error| StoreError::Internal(format!("column {i}: {e}"));
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
        Type::BYTEA => r
            .try_get::<_, Option<Vec<u8>>>(i)
            .map_err(bad)?
            .map_or(Val::Null, Val::Blob),
        _ => r
            .try_get::<_, Option<String>>(i)
            .map_err(bad)?
            .map_or(Val::Null, Val::Text),
    })
}

impl Db<'_> {
    /// Prepares `sql` (cached per connection) and binds `args` to its inferred parameter types.
    fn run<T>(
        &self,
        sql: &str,
        args: &[Val],
        go: impl AsyncFnOnce(&tokio_postgres::Statement, &[&(dyn ToSql + Sync)]) -> StoreResult<T>,
    ) -> StoreResult<T> {
        self.store.block_on(async {
            let st = self.prepared(&numbered(sql)).await?;
            let owned = args
                .iter()
                .zip(st.params())
                .map(|(v, ty)| bind(v, ty))
                .collect::<StoreResult<Vec<_>>>()?;
            let params: Vec<&(dyn ToSql + Sync)> = owned
                .iter()
                .map(|b| b.as_ref() as &(dyn ToSql + Sync))
                .collect();
            go(&st, &params).await
        })
    }
}

impl Sql for Db<'_> {
    fn rows(&self, sql: &str, args: &[Val]) -> StoreResult<Vec<Row>> {
        let rows = self.run(sql, args, async |st, p| {
            Ok(self.client.query(st, p).await?)
        })?;
        rows.iter().map(row_of).collect()
    }

    fn exec(&self, sql: &str, args: &[Val]) -> StoreResult<u64> {
        self.run(sql, args, async |st, p| {
            Ok(self.client.execute(st, p).await?)
        })
    }

    fn emit_for(
        &self,
        kind: EventKind,
        entity_id: &str,
        case_id: Option<&str>,
        summary: &str,
        user: Option<&str>,
    ) -> StoreResult<Event> {
        super::system::emit_for(self, kind, entity_id, case_id, summary, user)
    }

    fn next_counter(&self, name: &str) -> StoreResult<i64> {
        super::next_counter(self, name)
    }
}
