//! A case's prosecution stage, kept beside the case (one row per case that has left `none`), so
//! "networks indicted" can be counted without touching the case records themselves.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::cases::{read_case, require_member, touch};
use super::system::emit;
use super::{SqliteStore, from_ts, ts};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult, Written};

/// The stored record, or the default (`none`) when the case has none.
pub(super) fn read(c: &Connection, case_id: &str) -> StoreResult<Prosecution> {
    let row = c
        .prepare_cached(
            "SELECT stage, office, date, defendants, updated_by, updated_at FROM case_prosecution WHERE case_id = ?1",
        )?
        .query_row([case_id], |r| {
            Ok(Prosecution {
                stage: super::parse_enum(&r.get::<_, String>(0)?, ProsecutionStage::parse)?,
                office: r.get(1)?,
                date: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|d| d.parse().ok()),
                defendants: r.get(3)?,
                updated_by: r.get(4)?,
                updated_at: r.get::<_, Option<i64>>(5)?.map(from_ts),
            })
        })
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// Writes (or, for `none`, clears) the record. Also used by the seed's import.
pub(super) fn store(tx: &Transaction<'_>, case_id: &str, p: &Prosecution) -> StoreResult<()> {
    if p.stage == ProsecutionStage::None {
        tx.execute("DELETE FROM case_prosecution WHERE case_id = ?1", [case_id])?;
        return Ok(());
    }
    tx.execute(
        "INSERT INTO case_prosecution(case_id, stage, office, date, defendants, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(case_id) DO UPDATE SET stage = ?2, office = ?3, date = ?4, defendants = ?5,
           updated_by = ?6, updated_at = ?7",
        params![
            case_id,
            p.stage.as_str(),
            p.office,
            p.date.map(|d| d.to_string()),
            p.defendants,
            p.updated_by,
            p.updated_at.map(ts),
        ],
    )?;
    Ok(())
}

impl SqliteStore {
    /// Records a stage change: members only (403 otherwise, the same whether or not the case
    /// exists), and only supervisors and prosecutors.
    pub(super) fn set_prosecution_impl(
        &self,
        case_id: &str,
        upd: &ProsecutionUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        let op = format!("PUT /v1/cases/{case_id}/prosecution");
        self.idempotent_write(by, idem, &op, |tx| {
            require_member(tx, case_id, by)?;
            if !by.role.records_prosecution() {
                return Err(StoreError::Forbidden(
                    "Only supervisors and prosecutors record a case's prosecution stage.".into(),
                ));
            }
            let now = chrono::Utc::now();
            let record = Prosecution {
                stage: upd.stage,
                office: upd.office.as_ref().map(|o| o.trim().to_string()),
                date: upd.date,
                defendants: upd.defendants,
                updated_by: Some(by.name.clone()),
                updated_at: Some(now),
            };
            let before = read(tx, case_id)?.stage;
            store(tx, case_id, &record)?;
            touch(tx, case_id)?;
            let case = read_case(tx, case_id)?;
            let ev = emit(
                tx,
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
