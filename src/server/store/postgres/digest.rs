//! A stable digest of every content table (the seed's determinism checks), over the same tables
//! and orders as SQLite's (`sqlite/import.rs`). Each row is hashed in PostgreSQL's text form, so
//! the digest is stable for one engine; the two engines' digests are not meant to be equal.

use sha2::{Digest, Sha256};

use super::PgStore;
use crate::server::store::StoreResult;
use crate::server::store::sqlite::HASHED_TABLES;

impl PgStore {
    pub fn content_hash_impl(&self) -> StoreResult<String> {
        self.read(|db| {
            let mut h = Sha256::new();
            for (table, order) in HASHED_TABLES {
                // SQLite keeps a serial index table that PostgreSQL answers with pg_trgm.
                let present: bool = db
                    .query_one("SELECT to_regclass($1) IS NOT NULL", &[table])?
                    .get(0);
                if !present {
                    continue;
                }
                h.update(b"\x00table:");
                h.update(table.as_bytes());
                let cols = if *table == "users" {
                    "name, agency, country, role, created_at, disabled_at, demo"
                } else {
                    "*"
                };
                let sql =
                    format!("SELECT t::TEXT FROM (SELECT {cols} FROM {table} ORDER BY {order}) t");
                for r in db.query(&sql, &[])? {
                    let row: String = r.get(0);
                    h.update(b"\x01");
                    h.update((row.len() as u64).to_le_bytes());
                    h.update(row.as_bytes());
                }
            }
            Ok(hex::encode(h.finalize()))
        })
    }
}
