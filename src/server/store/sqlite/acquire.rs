//! Ballistic writes: acquiring a casing (with its correlation result), deciding leads, and the
//! clusters of casings that confirmed hits tie together.

use rusqlite::{Connection, OptionalExtension, params};

use super::ballistics::{CASING_COLS, load_casing, row_to_casing};
use super::system::emit;
use super::{SqliteStore, next_counter, ts};
use crate::model::*;
use crate::server::store::leads::{self, load_lead};
use crate::server::store::{Acquisition, StoreError, StoreResult, Written};

impl SqliteStore {
    /// Casings already correlated (a queued one joins the index once it is ranked, so each
    /// casing is compared with every earlier one).
    pub(super) fn casing_descriptors_impl(
        &self,
        caliber: &str,
    ) -> StoreResult<Vec<(String, Option<Vec<u8>>)>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id, descriptor FROM casings WHERE caliber_class = ?1 AND correlated_at IS NOT NULL ORDER BY id",
            )?;
            let rows = st.query_map([caliber], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    pub(super) fn save_descriptors_impl(&self, rows: &[(String, Vec<u8>)]) -> StoreResult<()> {
        self.write(|tx| {
            let mut st = tx.prepare_cached("UPDATE casings SET descriptor = ?2 WHERE id = ?1")?;
            for (id, d) in rows {
                st.execute(params![id, d])?;
            }
            Ok(())
        })
    }

    pub(super) fn casing_image_impl(&self, id: &str) -> StoreResult<Option<(u32, Vec<u8>)>> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT image_size, image FROM casings WHERE id = ?1")?
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?,
            )
        })
    }

    pub(super) fn acquire_casing_impl(
        &self,
        acq: &Acquisition,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Casing>> {
        self.idempotent_write(by, idem, "POST /v1/ballistics/casings", |tx| {
            let n = &acq.casing;
            let id = format!("BC-{:06}", next_counter(tx, "casing")?);
            let now = chrono::Utc::now();
            tx.execute(
                "INSERT INTO casings(id, source, incident_id, caliber_class, recovered_at, acquired_at, place, seizure_id,
                   firearm_id, image_size, image) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    id, n.source.as_str(), n.incident_id, n.caliber_class, ts(n.recovered_at), ts(now), n.place,
                    n.seizure_id, n.firearm_id, n.image_size, acq.image
                ],
            )?;
            let summary = format!("Casing {id} acquired ({}, {}), queued for correlation", n.caliber_class, n.place);
            let events = vec![emit(tx, EventKind::CasingAcquired, &id, None, &summary)?];
            let casing = tx.query_row(&format!("SELECT {CASING_COLS} FROM casings WHERE id = ?1"), [&id], row_to_casing)?;
            Ok((casing, events))
        })
    }

    pub(super) fn decide_lead_impl(
        &self,
        id: &str,
        d: &LeadDecision,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Lead>> {
        self.idempotent_write(by, idem, &format!("POST /v1/ballistics/leads/{id}/decision"), |tx| {
            let lead = load_lead(tx as &Connection, id)?;
            // A confirmed hit changes only by an examiner's review, with the reason on record
            // (the comment, kept on the lead, in the event and in the audit trail).
            let reopened = lead.status == LeadStatus::Confirmed && d.decision != Decision::Confirm;
            if reopened && by.role != Role::Examiner {
                return Err(StoreError::Forbidden(format!(
                    "lead {id} is a confirmed hit; only a ballistics examiner can reopen it, with a reason"
                )));
            }
            let reason = d.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
            if reopened && reason.is_none() {
                return Err(StoreError::Invalid(format!(
                    "comment: reopening the confirmed hit {id} needs the reason as a comment"
                )));
            }
            tx.execute(
                "UPDATE leads SET status = ?2, decided_at = ?3, decided_by = ?4, comment = ?5 WHERE id = ?1",
                params![id, d.decision.status().as_str(), ts(chrono::Utc::now()), by.name, d.comment],
            )?;
            let lead = load_lead(tx as &Connection, id)?;
            let verb = match d.decision {
                Decision::Confirm => "confirmed as a hit",
                Decision::Exclude => "excluded",
                Decision::Inconclusive => "marked inconclusive",
            };
            let summary = match reason.filter(|_| reopened) {
                Some(why) => format!("Confirmed hit {id} reopened and {verb} by {}: {why}", by.name),
                None => format!("Lead {id} {verb} by {}", by.name),
            };
            let ev = emit(tx, EventKind::LeadDecided, id, None, &summary)?;
            Ok((lead, Some(ev)))
        })
    }

    pub(super) fn cluster_impl(&self, casing_id: &str, viewer: &User) -> StoreResult<Cluster> {
        self.read(|c| leads::cluster(c, casing_id, |id| load_casing(c, id, viewer)))
    }
}
