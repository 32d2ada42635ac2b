//! A case's prosecution stage, kept beside the case (SQLite: `sqlite/prosecution.rs`).

use std::collections::HashMap;

use super::cases::{read_case, require_member, touch};
use super::system::{emit, parse_enum};
use super::{Db, PgStore, from_ts, ts};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult, Written};

/// The stored records of the cases `ids` (one statement for a page); a case without one is
/// absent and has the default (`none`).
pub(super) fn read_of(db: &Db<'_>, ids: &[String]) -> StoreResult<HashMap<String, Prosecution>> {
    let rows = super::batch::grouped(
        db,
        "SELECT case_id, stage, office, date, defendants, updated_by, updated_at
         FROM case_prosecution WHERE case_id = ANY($1)",
        ids,
        &[],
        |r| {
            Ok(Prosecution {
                stage: parse_enum(r.get(1), ProsecutionStage::parse)?,
                office: r.get(2),
                date: r.get::<_, Option<&str>>(3).and_then(|d| d.parse().ok()),
                defendants: r
                    .get::<_, Option<i64>>(4)
                    .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
                updated_by: r.get(5),
                updated_at: r.get::<_, Option<i64>>(6).map(from_ts),
            })
        },
    )?;
    // `case_id` is the key: at most one row each.
    Ok(rows
        .into_iter()
        .filter_map(|(k, mut v)| v.pop().map(|p| (k, p)))
        .collect())
}

/// Writes (or, for `none`, clears) the record.
pub(super) fn store(db: &Db<'_>, case_id: &str, p: &Prosecution) -> StoreResult<()> {
    if p.stage == ProsecutionStage::None {
        db.execute(
            "DELETE FROM case_prosecution WHERE case_id = $1",
            &[&case_id],
        )?;
        return Ok(());
    }
    db.execute(
        "INSERT INTO case_prosecution(case_id, stage, office, date, defendants, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT(case_id) DO UPDATE SET stage = $2, office = $3, date = $4, defendants = $5,
           updated_by = $6, updated_at = $7",
        &[
            &case_id,
            &p.stage.as_str(),
            &p.office,
            &p.date.map(|d| d.to_string()),
            &p.defendants.map(i64::from),
            &p.updated_by,
            &p.updated_at.map(ts),
        ],
    )?;
    Ok(())
}

impl PgStore {
    /// Records a stage change: members only (403 otherwise, the same whether or not the case
    /// exists), and only supervisors and prosecutors.
    pub fn set_prosecution_impl(
        &self,
        case_id: &str,
        upd: &ProsecutionUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        let op = format!("PUT /v1/cases/{case_id}/prosecution");
        self.idempotent_write(by, idem, &op, |db| {
            require_member(db, case_id, by)?;
            if !by.role.records_prosecution() {
                return Err(StoreError::Forbidden(
                    "Only supervisors and prosecutors record a case's prosecution stage.".into(),
                ));
            }
            let record = Prosecution {
                stage: upd.stage,
                office: upd.office.as_ref().map(|o| o.trim().to_string()),
                date: upd.date,
                defendants: upd.defendants,
                updated_by: Some(by.name.clone()),
                updated_at: Some(chrono::Utc::now()),
            };
            let before = read_of(db, &[case_id.to_string()])?
                .remove(case_id)
                .unwrap_or_default()
                .stage;
            store(db, case_id, &record)?;
            touch(db, case_id)?;
            let case = read_case(db, case_id)?;
            let ev = emit(
                db,
                EventKind::CaseUpdated,
                case_id,
                Some(case_id),
                &format!(
                    "{case_id} prosecution {} → {} by {}",
                    before, upd.stage, by.name
                ),
            )?;
            Ok((case, Some(ev)))
        })
    }
}
