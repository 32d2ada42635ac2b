//! The shared statements ([`Sql`]) on SQLite: each statement prepared once per connection and
//! cached, the graph's id list as `json_each`. A write transaction is a `Connection` too, so
//! shared writes run inside the store's own transaction (writer lock, audit row, idempotency).

use rusqlite::Connection;
use rusqlite::types::{Value, ValueRef};

use crate::model::{Event, EventKind};
use crate::server::store::StoreResult;
use crate::server::store::graph::IN;
use crate::server::store::sql::{Row, Sql, Val};

fn bind(v: &Val) -> Value {
    match v {
        Val::Null => Value::Null,
        Val::Int(n) => Value::Integer(*n),
        Val::Real(x) => Value::Real(*x),
        Val::Text(t) => Value::Text(t.clone()),
        Val::Blob(b) => Value::Blob(b.clone()),
    }
}

/// A row as the shared statements read it (also for an engine's own pages whose rows are
/// mapped by shared code, e.g. `leads::lead_of`).
pub(super) fn row_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let n = r.as_ref().column_count();
    let mut vals = Vec::with_capacity(n);
    for i in 0..n {
        vals.push(match r.get_ref(i)? {
            ValueRef::Null => Val::Null,
            ValueRef::Integer(v) => Val::Int(v),
            ValueRef::Real(v) => Val::Real(v),
            ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Val::Blob(b.to_vec()),
        });
    }
    Ok(Row(vals))
}

impl Sql for Connection {
    fn rows(&self, sql: &str, args: &[Val]) -> StoreResult<Vec<Row>> {
        let mut st = self.prepare_cached(&sql.replace(IN, "(SELECT value FROM json_each(?1))"))?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter().map(bind)), row_of)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn exec(&self, sql: &str, args: &[Val]) -> StoreResult<u64> {
        let n = self
            .prepare_cached(sql)?
            .execute(rusqlite::params_from_iter(args.iter().map(bind)))?;
        Ok(n as u64)
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
