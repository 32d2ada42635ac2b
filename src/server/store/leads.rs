//! Leads as every engine reads them: one by id, a row of [`LEAD_COLS`], and the cluster of
//! casings that confirmed leads join. Written once against [`Sql`] (see `sql.rs`); each engine
//! runs these inside its own read transaction, and its lead pages map their rows here.

use std::collections::{BTreeSet, VecDeque};

use super::sql::{Row, Sql, Val};
use super::sqlite::from_ts;
use super::{StoreError, StoreResult};
use crate::model::*;

/// The columns of a lead, in [`lead_of`]'s order.
pub(crate) const LEAD_COLS: &str = "id, casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg, \
    shift_x, shift_y, status, created_at, decided_at, decided_by, comment, caliber_class, marked_by, mark_comment";

/// One lead by id.
pub(crate) fn load_lead(c: &dyn Sql, id: &str) -> StoreResult<Lead> {
    c.row(
        &format!("SELECT {LEAD_COLS} FROM leads WHERE id = ?1"),
        &[Val::from(id)],
    )?
    .map(|r| lead_of(&r))
    .transpose()?
    .ok_or_else(|| StoreError::NotFound(format!("lead {id}")))
}

/// A lead from a row of [`LEAD_COLS`].
pub(crate) fn lead_of(r: &Row) -> StoreResult<Lead> {
    let status = r.text(10)?;
    Ok(Lead {
        id: r.text(0)?,
        casing_id: r.text(1)?,
        candidate_id: r.text(2)?,
        rank: r.u32(3)?,
        scores: MarkScores {
            breech_face: r.f32(4)?,
            firing_pin: r.f32(5)?,
            combined: r.f32(6)?,
        },
        rotation_deg: r.f32(7)?,
        shift_x: r.i32(8)?,
        shift_y: r.i32(9)?,
        status: LeadStatus::parse(&status)
            .ok_or_else(|| StoreError::Internal(format!("unknown stored value {status:?}")))?,
        created_at: from_ts(r.int(11)?),
        decided_at: r.opt_int(12)?.map(from_ts),
        decided_by: r.opt_text(13)?,
        comment: r.opt_text(14)?,
        caliber_class: r.text(15)?,
        marked_by: r.opt_text(16)?,
        mark_comment: r.opt_text(17)?,
    })
}

/// Most casings a cluster follows confirmed leads to.
const CLUSTER_MAX: usize = 10_000;

/// The casings joined to `casing_id` by confirmed leads, followed from casing to casing (at most
/// [`CLUSTER_MAX`]), each loaded by `load_casing` (which keeps what the viewer may not know
/// out), oldest recovery first, with the confirmed leads between them in id order.
pub(crate) fn cluster(
    c: &dyn Sql,
    casing_id: &str,
    mut load_casing: impl FnMut(&str) -> StoreResult<Casing>,
) -> StoreResult<Cluster> {
    let sql = format!(
        "SELECT {LEAD_COLS} FROM leads WHERE status = 'confirmed' AND (casing_id = ?1 OR candidate_id = ?1)"
    );
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut hits: Vec<Lead> = Vec::new();
    let mut queue = VecDeque::from([casing_id.to_string()]);
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id.clone()) || seen.len() > CLUSTER_MAX {
            continue;
        }
        for r in c.rows(&sql, &[Val::from(id.as_str())])? {
            let lead = lead_of(&r)?;
            for other in [&lead.casing_id, &lead.candidate_id] {
                if !seen.contains(other) {
                    queue.push_back(other.clone());
                }
            }
            if !hits.iter().any(|h| h.id == lead.id) {
                hits.push(lead);
            }
        }
    }
    let mut casings = seen
        .iter()
        .map(|id| load_casing(id))
        .collect::<StoreResult<Vec<_>>>()?;
    casings.sort_by(|a, b| a.recovered_at.cmp(&b.recovered_at).then(a.id.cmp(&b.id)));
    hits.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Cluster {
        casing_id: casing_id.to_string(),
        casings,
        hits,
    })
}
