//! Firearms and the serial search (exact, prefix via the index, partial via the trigram index).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::filter::{Filter, SerialIndex};
use super::{Cursor, SqliteStore, from_ts, next_counter, page_limit, parse_enum, ts};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult};

pub(super) const COLS: &str = "f.id, f.serial, f.obliterated, f.make, f.model, f.type, f.caliber, f.origin_country, \
                               f.importer, f.markings, f.seizure_id, f.trace_id, f.recovered_at";

/// The page query for `q`, the index that answers it and the cursor's list name. Each filter
/// pages by an index in the order it delivers rows (migration 9), so no page sorts every match.
pub(super) fn firearms_query(
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
    // Page in the order the chosen index delivers rows, so no page needs a sort of every
    // match (a four-character prefix can match thousands of serials).
    let (list, order, key) = match index {
        SerialIndex::Ordered => ("firearms:serial", "f.serial, f.id", "0"),
        SerialIndex::Trigram => ("firearms:trigram", "s.rowid", "s.rowid"),
        SerialIndex::Scan => ("firearms", "f.id", "0"),
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
            SerialIndex::Trigram => f.cond("s.rowid > ?", Box::new(c.key)),
            SerialIndex::Scan => f.cond("f.id > ?", Box::new(c.id)),
        }
    }
    let sql = format!(
        "SELECT {COLS}, {key} FROM {} {} ORDER BY {order} LIMIT {}",
        f.from(),
        f.where_sql(),
        limit + 1
    );
    Ok((f, sql, index, list))
}

impl SqliteStore {
    pub(super) fn list_firearms_impl(&self, q: &FirearmQuery) -> StoreResult<Page<Firearm>> {
        let limit = page_limit(q.limit)?;
        let (f, sql, index, list) = firearms_query(q, limit)?;
        // A serial pattern no index can answer is a scan of every firearm: long work.
        let scan = q.serial.is_some() && index == SerialIndex::Scan;
        let run = |c: &Connection| {
            let mut rows = f.query(c, &sql, |r| Ok((row_to_firearm(r)?, r.get::<_, i64>(13)?)))?;
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

    pub(super) fn get_firearm_impl(&self, id: &str) -> StoreResult<Firearm> {
        self.read(|c| load_firearm(c, id))
    }
}

pub(super) fn load_firearm(c: &Connection, id: &str) -> StoreResult<Firearm> {
    c.prepare_cached(&format!("SELECT {COLS} FROM firearms f WHERE f.id = ?1"))?
        .query_row([id], row_to_firearm)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("firearm {id}")))
}

/// Inserts a firearm logged with a new seizure, keeping the trigram index in step.
pub(super) fn insert_new_firearm(
    tx: &Transaction<'_>,
    f: &NewFirearm,
    seizure_id: &str,
    at: DateTime<Utc>,
) -> StoreResult<String> {
    let id = format!("FA-{:07}", next_counter(tx, "firearm")?);
    let serial = f.serial.trim().to_ascii_uppercase();
    tx.prepare_cached(
        "INSERT INTO firearms(id, serial, obliterated, make, model, type, caliber, origin_country, importer, markings, seizure_id, trace_id, recovered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, ?12)",
    )?
    .execute(params![
        id, serial, f.obliterated, f.make, f.model, f.kind.as_str(), f.caliber, f.origin_country, f.importer,
        f.markings, seizure_id, ts(at)
    ])?;
    tx.prepare_cached("INSERT INTO firearm_serials(serial, id) VALUES (?1, ?2)")?
        .execute(params![serial, id])?;
    Ok(id)
}

pub(super) fn row_to_firearm(r: &Row<'_>) -> rusqlite::Result<Firearm> {
    Ok(Firearm {
        id: r.get(0)?,
        serial: r.get(1)?,
        obliterated: r.get(2)?,
        make: r.get(3)?,
        model: r.get(4)?,
        kind: parse_enum(&r.get::<_, String>(5)?, FirearmType::parse)?,
        caliber: r.get(6)?,
        origin_country: r.get(7)?,
        importer: r.get(8)?,
        markings: r.get(9)?,
        seizure_id: r.get(10)?,
        trace_id: r.get(11)?,
        recovered_at: from_ts(r.get(12)?),
    })
}
