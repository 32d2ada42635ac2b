//! Casings and leads: pages, lookups, acquisition, decisions and clusters (SQLite:
//! `sqlite/ballistics.rs` and `sqlite/acquire.rs`). Same ids, orders and cursors.

use base64::Engine;

use super::batch;
use super::filter::Filter;
use super::sql::row_of;
use super::system::{emit, parse_enum, visible_case_ids, visible_case_ids_of};
use super::{Db, PgStore, from_ts, next_counter, ts};
use crate::model::*;
use crate::server::store::leads::{self, LEAD_COLS, lead_of, load_lead};
use crate::server::store::sqlite::{Cursor, page_limit};
use crate::server::store::{Acquisition, StoreError, StoreResult, Written};

pub(super) const CASING_COLS: &str = "id, source, incident_id, caliber_class, recovered_at, acquired_at, place, seizure_id, firearm_id, image_size";
/// A stored count or rank as the wire's `u32` (stored as BIGINT, never negative).
pub(super) fn u32_of(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

impl PgStore {
    pub fn list_casings_impl(&self, q: &CasingQuery, viewer: &User) -> StoreResult<Page<Casing>> {
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
        self.read(|db| {
            let mut items = f
                .query(db, &sql)?
                .iter()
                .map(row_to_casing)
                .collect::<StoreResult<Vec<_>>>()?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items
                    .last()
                    .map(|x| Cursor::new("casings", 0, &x.id).encode())
            } else {
                None
            };
            let mut cases = visible_case_ids_of(db, &batch::ids(&items, |c| &c.id), viewer)?;
            for it in &mut items {
                it.case_ids = cases.remove(&it.id).unwrap_or_default();
            }
            Ok(Page { items, next_cursor })
        })
    }

    pub fn get_casing_impl(&self, id: &str, viewer: &User) -> StoreResult<Casing> {
        self.read(|db| {
            let mut casing = load_casing(db, id, viewer)?;
            let image: Vec<u8> = db
                .query_one("SELECT image FROM casings WHERE id = $1", &[&id])?
                .get(0);
            casing.image = Some(base64::engine::general_purpose::STANDARD.encode(image));
            Ok(casing)
        })
    }

    pub fn list_leads_impl(&self, q: &LeadQuery) -> StoreResult<Page<Lead>> {
        let limit = page_limit(q.limit)?;
        let sort = q.sort.unwrap_or_default();
        let list = format!("leads:{sort}");
        let cursor = Cursor::decode_opt(&list, q.cursor.as_deref())?;
        let mut f = Filter::default();
        f.eq("status", q.status.map(|s| s.as_str()));
        f.eq("casing_id", q.casing_id.as_deref());
        // The cursor keeps scores as integer millionths, cut toward zero as SQLite's CAST does
        // (PostgreSQL's CAST rounds, so `trunc` first).
        let (order, key_sql) = match sort {
            LeadSort::Score => (
                "trunc(combined * 1000000)::BIGINT DESC, id ASC",
                "trunc(combined * 1000000)::BIGINT",
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
        self.read(|db| {
            let mut items = f
                .query(db, &sql)?
                .iter()
                .map(|r| lead_of(&row_of(r)?))
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

    pub fn get_lead_impl(&self, id: &str) -> StoreResult<Lead> {
        self.read(|db| load_lead(db, id))
    }

    /// Casings already correlated (a queued one joins the index once it is ranked).
    pub fn casing_descriptors_impl(
        &self,
        caliber: &str,
    ) -> StoreResult<Vec<(String, Option<Vec<u8>>)>> {
        self.read(|db| {
            Ok(db
                .query(
                    "SELECT id, descriptor FROM casings WHERE caliber_class = $1 AND correlated_at IS NOT NULL ORDER BY id",
                    &[&caliber],
                )?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect())
        })
    }

    pub fn save_descriptors_impl(&self, rows: &[(String, Vec<u8>)]) -> StoreResult<()> {
        self.write(|db| {
            for (id, d) in rows {
                db.execute("UPDATE casings SET descriptor = $2 WHERE id = $1", &[id, d])?;
            }
            Ok(())
        })
    }

    pub fn casing_image_impl(&self, id: &str) -> StoreResult<Option<(u32, Vec<u8>)>> {
        self.read(|db| {
            Ok(db
                .query_opt(
                    "SELECT image_size, image FROM casings WHERE id = $1",
                    &[&id],
                )?
                .map(|r| (u32_of(r.get(0)), r.get(1))))
        })
    }

    pub fn acquire_casing_impl(
        &self,
        acq: &Acquisition,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Casing>> {
        self.idempotent_write(by, idem, "POST /v1/ballistics/casings", |db| {
            let n = &acq.casing;
            let id = format!("BC-{:06}", next_counter(db, "casing")?);
            let now = chrono::Utc::now();
            db.execute(
                "INSERT INTO casings(id, source, incident_id, caliber_class, recovered_at, acquired_at, place, seizure_id,
                   firearm_id, image_size, image) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                &[
                    &id, &n.source.as_str(), &n.incident_id, &n.caliber_class, &ts(n.recovered_at), &ts(now),
                    &n.place, &n.seizure_id, &n.firearm_id, &i64::from(n.image_size), &acq.image,
                ],
            )?;
            let summary = format!(
                "Casing {id} acquired ({}, {}), queued for correlation",
                n.caliber_class, n.place
            );
            let events = vec![emit(db, EventKind::CasingAcquired, &id, None, &summary)?];
            let casing = row_to_casing(&db.query_one(
                &format!("SELECT {CASING_COLS} FROM casings WHERE id = $1"),
                &[&id],
            )?)?;
            Ok((casing, events))
        })
    }

    pub fn decide_lead_impl(
        &self,
        id: &str,
        d: &LeadDecision,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Lead>> {
        let op = format!("POST /v1/ballistics/leads/{id}/decision");
        self.idempotent_write(by, idem, &op, |db| {
            let lead = load_lead(db, id)?;
            // A confirmed hit changes only by an examiner's review, with the reason on record.
            let reopened = lead.status == LeadStatus::Confirmed && d.decision != Decision::Confirm;
            if reopened && by.role != Role::Examiner {
                return Err(StoreError::Forbidden(format!(
                    "lead {id} is a confirmed hit; only a ballistics examiner can reopen it, with a reason"
                )));
            }
            let reason = d
                .comment
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty());
            if reopened && reason.is_none() {
                return Err(StoreError::Invalid(format!(
                    "comment: reopening the confirmed hit {id} needs the reason as a comment"
                )));
            }
            db.execute(
                "UPDATE leads SET status = $2, decided_at = $3, decided_by = $4, comment = $5 WHERE id = $1",
                &[&id, &d.decision.status().as_str(), &ts(chrono::Utc::now()), &by.name, &d.comment],
            )?;
            let lead = load_lead(db, id)?;
            let verb = match d.decision {
                Decision::Confirm => "confirmed as a hit",
                Decision::Exclude => "excluded",
                Decision::Inconclusive => "marked inconclusive",
            };
            let summary = match reason.filter(|_| reopened) {
                Some(why) => format!(
                    "Confirmed hit {id} reopened and {verb} by {}: {why}",
                    by.name
                ),
                None => format!("Lead {id} {verb} by {}", by.name),
            };
            let ev = emit(db, EventKind::LeadDecided, id, None, &summary)?;
            Ok((lead, Some(ev)))
        })
    }

    pub fn cluster_impl(&self, casing_id: &str, viewer: &User) -> StoreResult<Cluster> {
        self.read(|db| leads::cluster(db, casing_id, |id| load_casing(db, id, viewer)))
    }
}

/// A casing without its image, with the cases the viewer may know it is linked to.
pub(super) fn load_casing(db: &Db<'_>, id: &str, viewer: &User) -> StoreResult<Casing> {
    let r = db
        .query_opt(
            &format!("SELECT {CASING_COLS} FROM casings WHERE id = $1"),
            &[&id],
        )?
        .ok_or_else(|| StoreError::NotFound(format!("casing {id}")))?;
    let mut casing = row_to_casing(&r)?;
    casing.case_ids = visible_case_ids(db, id, viewer)?;
    Ok(casing)
}

pub(super) fn row_to_casing(r: &tokio_postgres::Row) -> StoreResult<Casing> {
    Ok(Casing {
        id: r.get(0),
        source: parse_enum(r.get(1), CasingSource::parse)?,
        incident_id: r.get(2),
        caliber_class: r.get(3),
        recovered_at: from_ts(r.get(4)),
        acquired_at: from_ts(r.get(5)),
        place: r.get(6),
        seizure_id: r.get(7),
        firearm_id: r.get(8),
        case_ids: Vec::new(),
        image_size: u32_of(r.get(9)),
        image: None,
    })
}
