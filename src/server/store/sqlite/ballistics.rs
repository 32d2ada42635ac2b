//! Casings and leads (reads; acquisition and review decisions live with the engine).

use base64::Engine;
use rusqlite::{Connection, OptionalExtension, Row};

use super::filter::Filter;
use super::sql::row_of;
use super::system::visible_case_ids;
use super::{Cursor, SqliteStore, from_ts, page_limit, parse_enum, ts};
use crate::model::*;
use crate::server::store::leads::{LEAD_COLS, lead_of, load_lead};
use crate::server::store::{StoreError, StoreResult};

pub(super) const CASING_COLS: &str = "id, source, incident_id, caliber_class, recovered_at, acquired_at, place, seizure_id, firearm_id, image_size";
impl SqliteStore {
    pub(super) fn list_casings_impl(
        &self,
        q: &CasingQuery,
        viewer: &User,
    ) -> StoreResult<Page<Casing>> {
        let limit = page_limit(q.limit)?;
        let cursor = Cursor::decode_opt("casings", q.cursor.as_deref())?;
        let mut f = Filter::default();
        f.eq("caliber_class", q.caliber_class.as_deref());
        f.eq("incident_id", q.incident_id.as_deref());
        f.eq("seizure_id", q.seizure_id.as_deref());
        f.eq("source", q.source.map(|s| s.as_str()));
        if let Some(c) = &cursor {
            f.cond("id > ?", Box::new(c.id.clone()));
        }
        let sql = format!(
            "SELECT {CASING_COLS} FROM casings {} ORDER BY id LIMIT {}",
            f.where_sql(),
            limit + 1
        );
        self.read(|c| {
            let mut items = f.query(c, &sql, row_to_casing)?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items
                    .last()
                    .map(|x| Cursor::new("casings", 0, &x.id).encode())
            } else {
                None
            };
            for it in &mut items {
                it.case_ids = visible_case_ids(c, &it.id, viewer)?;
            }
            Ok(Page { items, next_cursor })
        })
    }

    pub(super) fn get_casing_impl(&self, id: &str, viewer: &User) -> StoreResult<Casing> {
        self.read(|c| {
            let mut casing = load_casing(c, id, viewer)?;
            let image: Vec<u8> =
                c.query_row("SELECT image FROM casings WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            casing.image = Some(base64::engine::general_purpose::STANDARD.encode(image));
            Ok(casing)
        })
    }

    pub(super) fn list_leads_impl(&self, q: &LeadQuery) -> StoreResult<Page<Lead>> {
        let limit = page_limit(q.limit)?;
        let sort = q.sort.unwrap_or_default();
        let list = format!("leads:{sort}");
        let cursor = Cursor::decode_opt(&list, q.cursor.as_deref())?;
        let mut f = Filter::default();
        f.eq("status", q.status.map(|s| s.as_str()));
        f.eq("casing_id", q.casing_id.as_deref());
        // Scores are stored as REAL; the cursor keeps them as integer millionths.
        let (order, key_sql) = match sort {
            LeadSort::Score => (
                "CAST(combined * 1000000 AS INTEGER) DESC, id ASC",
                "CAST(combined * 1000000 AS INTEGER)",
            ),
            LeadSort::Age => ("created_at ASC, id ASC", "created_at"),
        };
        if let Some(c) = &cursor {
            let cond = match sort {
                LeadSort::Score => format!("({key_sql} < ?a OR ({key_sql} = ?a AND id > ?b))"),
                LeadSort::Age => format!("({key_sql} > ?a OR ({key_sql} = ?a AND id > ?b))"),
            };
            f.cond2(&cond, Box::new(c.key), Box::new(c.id.clone()));
        }
        let sql = format!(
            "SELECT {LEAD_COLS} FROM leads {} ORDER BY {order} LIMIT {}",
            f.where_sql(),
            limit + 1
        );
        self.read(|c| {
            let mut items = f
                .query(c, &sql, row_of)?
                .iter()
                .map(lead_of)
                .collect::<StoreResult<Vec<_>>>()?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items.last().map(|l| {
                    let key = match sort {
                        LeadSort::Score => (f64::from(l.scores.combined) * 1_000_000.0) as i64,
                        LeadSort::Age => ts(l.created_at),
                    };
                    Cursor::new(&list, key, &l.id).encode()
                })
            } else {
                None
            };
            Ok(Page { items, next_cursor })
        })
    }

    pub(super) fn get_lead_impl(&self, id: &str) -> StoreResult<Lead> {
        self.read(|c| load_lead(c, id))
    }
}

/// A casing without its image, with the cases the viewer may know it is linked to.
pub(super) fn load_casing(c: &Connection, id: &str, viewer: &User) -> StoreResult<Casing> {
    let mut casing = c
        .prepare_cached(&format!("SELECT {CASING_COLS} FROM casings WHERE id = ?1"))?
        .query_row([id], row_to_casing)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("casing {id}")))?;
    casing.case_ids = visible_case_ids(c, id, viewer)?;
    Ok(casing)
}

pub(super) fn row_to_casing(r: &Row<'_>) -> rusqlite::Result<Casing> {
    Ok(Casing {
        id: r.get(0)?,
        source: parse_enum(&r.get::<_, String>(1)?, CasingSource::parse)?,
        incident_id: r.get(2)?,
        caliber_class: r.get(3)?,
        recovered_at: from_ts(r.get(4)?),
        acquired_at: from_ts(r.get(5)?),
        place: r.get(6)?,
        seizure_id: r.get(7)?,
        firearm_id: r.get(8)?,
        case_ids: Vec::new(),
        image_size: r.get(9)?,
        image: None,
    })
}
