//! The bulk import of seizures: every row in one transaction, each row applied once per key and
//! user, as an `Idempotency-Key` would be (SQLite: `sqlite/seizure_import.rs`).

use super::seizures::insert_seizure;
use super::{PgStore, ts};
use crate::model::*;
use crate::server::store::{StoreResult, Written};

/// The `path` the import's per-row keys are kept under in the idempotency table, apart from
/// the keys of single requests.
const OP: &str = "POST /v1/seizures/import";

impl PgStore {
    pub fn import_seizures_impl(
        &self,
        rows: &[ImportRow],
        by: &User,
    ) -> StoreResult<Written<ImportResult>> {
        self.write(|db| {
            let mut results = Vec::with_capacity(rows.len());
            let mut events = Vec::new();
            for row in rows {
                let key = format!("import:{}", row.key);
                let prior = db.query_opt(
                    "SELECT body FROM idempotency WHERE user_name = $1 AND key = $2 AND path = $3",
                    &[&by.name, &key, &OP],
                )?;
                if let Some(r) = prior {
                    let body: String = r.get(0);
                    let id: String = serde_json::from_str(&body).unwrap_or(body);
                    results.push(ImportOutcome {
                        key: row.key.clone(),
                        id,
                        created: false,
                    });
                    continue;
                }
                let (id, ev) = insert_seizure(db, &row.seizure, by)?;
                let body = serde_json::Value::String(id.clone()).to_string();
                db.execute(
                    "INSERT INTO idempotency(user_name, key, method, path, status, body, created_at, request_hash)
                     VALUES ($1, $2, 'POST', $3, 201, $4, $5, NULL)",
                    &[&by.name, &key, &OP, &body, &ts(chrono::Utc::now())],
                )?;
                events.push(ev);
                results.push(ImportOutcome {
                    key: row.key.clone(),
                    id,
                    created: true,
                });
            }
            Ok(Written {
                value: Some(ImportResult { results }),
                events,
                replayed: None,
            })
        })
    }
}
