//! Firearms and the serial search (SQLite: `sqlite/firearms.rs`): exact and prefix by the
//! serial index, partial by pg_trgm's GIN index, pages in the same order as SQLite's.

use chrono::{DateTime, Utc};

use super::filter::{Filter, SerialIndex};
use super::system::parse_enum;
use super::{Db, PgStore, from_ts, next_counter, ts};
use crate::model::*;
use crate::server::store::sqlite::{Cursor, page_limit};
use crate::server::store::{StoreError, StoreResult};

pub(super) const COLS: &str = "f.id, f.serial, f.obliterated, f.make, f.model, f.type, f.caliber, f.origin_country, \
                               f.importer, f.markings, f.seizure_id, f.trace_id, f.recovered_at";

/// The page query for `q`, the index that answers it and the cursor's list name (the same
/// names and keys as SQLite's, so a cursor means the same on both engines).
fn firearms_query(
    q: &FirearmQuery,
    limit: u32,
) -> StoreResult<(Filter, String, SerialIndex, &'static str)> {
    let mut f = Filter::default();
    let index = match &q.serial {
        Some(s) => f.serial(s)?,
        None => SerialIndex::Scan,
    };
    f.eq("f.make", q.make.as_deref());
    f.eq("f.model", q.model.as_deref());
    f.eq("f.caliber", q.caliber.as_deref());
    f.eq("f.type", q.kind.map(|k| k.as_str()));
    f.eq("f.seizure_id", q.seizure_id.as_deref());
    let (list, order, key) = match index {
        SerialIndex::Ordered => ("firearms:serial", "f.serial, f.id", "0::BIGINT"),
        SerialIndex::Trigram => ("firearms:trigram", "f.seq", "f.seq"),
        SerialIndex::Scan => ("firearms", "f.id", "0::BIGINT"),
    };
    if let Some(c) = Cursor::decode_opt(list, q.cursor.as_deref())? {
        match index {
            SerialIndex::Ordered => {
                let (serial, id) = c.id.split_once('|').ok_or(StoreError::BadCursor)?;
                f.cond2(
                    "(f.serial, f.id) > (?a, ?b)",
                    Box::new(serial.to_string()),
                    Box::new(id.to_string()),
                );
            }
            SerialIndex::Trigram => f.cond("f.seq > ?", Box::new(c.key)),
            SerialIndex::Scan => f.cond("f.id > ?", Box::new(c.id)),
        }
    }
    let sql = format!(
        "SELECT {COLS}, {key} FROM firearms f {} ORDER BY {order} LIMIT {}",
        f.where_sql(),
        limit + 1
    );
    Ok((f, sql, index, list))
}

impl PgStore {
    pub fn list_firearms_impl(&self, q: &FirearmQuery) -> StoreResult<Page<Firearm>> {
        let limit = page_limit(q.limit)?;
        let (f, sql, index, list) = firearms_query(q, limit)?;
        // A serial pattern no index can answer is a scan of every firearm: long work.
        let scan = q.serial.is_some() && index == SerialIndex::Scan;
        let run = |db: &Db<'_>| {
            let mut rows = f
                .query(db, &sql)?
                .iter()
                .map(|r| Ok((row_to_firearm(r)?, r.get::<_, i64>(13))))
                .collect::<StoreResult<Vec<_>>>()?;
            let next_cursor = if rows.len() > limit as usize {
                rows.truncate(limit as usize);
                rows.last().map(|(x, key)| match index {
                    SerialIndex::Ordered => Cursor::new(list, 0, &format!("{}|{}", x.serial, x.id)),
                    _ => Cursor::new(list, *key, &x.id),
                })
            } else {
                None
            };
            Ok(Page {
                items: rows.into_iter().map(|(x, _)| x).collect(),
                next_cursor: next_cursor.map(|c| c.encode()),
            })
        };
        if scan {
            self.read_long(run)
        } else {
            self.read(run)
        }
    }

    pub fn get_firearm_impl(&self, id: &str) -> StoreResult<Firearm> {
        self.read_lookup(|db| load_firearm(db, id))
    }
}

pub(super) fn load_firearm(db: &Db<'_>, id: &str) -> StoreResult<Firearm> {
    db.query_opt(
        &format!("SELECT {COLS} FROM firearms f WHERE f.id = $1"),
        &[&id],
    )?
    .map(|r| row_to_firearm(&r))
    .transpose()?
    .ok_or_else(|| StoreError::NotFound(format!("firearm {id}")))
}

/// Inserts a firearm logged with a new seizure, next in the order partial matches page by.
pub(super) fn insert_new_firearm(
    db: &Db<'_>,
    f: &NewFirearm,
    seizure_id: &str,
    at: DateTime<Utc>,
) -> StoreResult<String> {
    let id = format!("FA-{:07}", next_counter(db, "firearm")?);
    let serial = f.serial.trim().to_ascii_uppercase();
    db.execute(
        "INSERT INTO firearms(id, serial, obliterated, make, model, type, caliber, origin_country,
                              importer, markings, seizure_id, trace_id, recovered_at, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12,
                 (SELECT COALESCE(MAX(seq), 0) + 1 FROM firearms))",
        &[
            &id,
            &serial,
            &i64::from(f.obliterated),
            &f.make,
            &f.model,
            &f.kind.as_str(),
            &f.caliber,
            &f.origin_country,
            &f.importer,
            &f.markings,
            &seizure_id,
            &ts(at),
        ],
    )?;
    Ok(id)
}

pub(super) fn row_to_firearm(r: &tokio_postgres::Row) -> StoreResult<Firearm> {
    Ok(Firearm {
        id: r.get(0),
        serial: r.get(1),
        obliterated: r.get::<_, i64>(2) != 0,
        make: r.get(3),
        model: r.get(4),
        kind: parse_enum(r.get(5), FirearmType::parse)?,
        caliber: r.get(6),
        origin_country: r.get(7),
        importer: r.get(8),
        markings: r.get(9),
        seizure_id: r.get(10),
        trace_id: r.get(11),
        recovered_at: from_ts(r.get(12)),
    })
}
