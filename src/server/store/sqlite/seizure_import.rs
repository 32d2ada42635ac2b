//! The bulk import of seizures: every row in one transaction (so 500 rows cost one commit, not
//! 500), each row applied once per key and user, as an `Idempotency-Key` would be.

use rusqlite::{OptionalExtension, params};

use super::SqliteStore;
use super::seizures::insert_seizure;
use crate::model::*;
use crate::server::store::{StoreResult, Written};

/// The `path` the import's per-row keys are kept under in the idempotency table, apart from
/// the keys of single requests.
const OP: &str = "POST /v1/seizures/import";

impl SqliteStore {
    pub(super) fn import_seizures_impl(
        &self,
        rows: &[ImportRow],
        by: &User,
    ) -> StoreResult<Written<ImportResult>> {
        self.write(|tx| {
            let mut results = Vec::with_capacity(rows.len());
            let mut events = Vec::new();
            for row in rows {
                let key = format!("import:{}", row.key);
                let prior: Option<String> = tx
                    .prepare_cached(
                        "SELECT body FROM idempotency WHERE user_name = ?1 AND key = ?2 AND path = ?3",
                    )?
                    .query_row(params![by.name, key, OP], |r| r.get(0))
                    .optional()?;
                if let Some(body) = prior {
                    let id: String = serde_json::from_str(&body).unwrap_or(body);
                    results.push(ImportOutcome {
                        key: row.key.clone(),
                        id,
                        created: false,
                    });
                    continue;
                }
                let (id, ev) = insert_seizure(tx, &row.seizure, by)?;
                let body = serde_json::Value::String(id.clone()).to_string();
                tx.prepare_cached(
                    "INSERT INTO idempotency(user_name, key, method, path, status, body, created_at, request_hash)
                     VALUES (?1, ?2, 'POST', ?3, 201, ?4, strftime('%s','now'), NULL)",
                )?
                .execute(params![by.name, key, OP, body])?;
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
