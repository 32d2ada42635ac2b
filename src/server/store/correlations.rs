//! Correlation lists, the same on every engine: the queue of casings waiting to be ranked, each
//! casing's stored list, the review queue (oldest acquisition first, on the 48-hour clock) and
//! leads marked by a reviewer from a list. Written once against [`Sql`]; each engine runs these
//! inside its own read or write transaction (see `sql.rs`).

use chrono::{DateTime, Utc};

use super::leads::load_lead;
use super::sql::{Row, Sql, Val};
use super::sqlite::{Cursor, from_ts, page_limit, ts};
use super::{CandidateRow, Correlated, StoreError, StoreResult};
use crate::model::*;

/// The columns of a stored candidate, in [`candidate_of`]'s order.
const CANDIDATE_COLS: &str = "c.candidate_id, c.rank, c.breech_face, c.firing_pin, c.combined, \
    c.agreeing_cells, c.usable_cells, c.cell_score, c.false_match_rate, c.rotation_deg, c.shift_x, c.shift_y, \
    (SELECT l.id FROM leads l WHERE l.casing_id = c.casing_id AND l.candidate_id = c.candidate_id ORDER BY l.id LIMIT 1), \
    (SELECT l.status FROM leads l WHERE l.casing_id = c.casing_id AND l.candidate_id = c.candidate_id ORDER BY l.id LIMIT 1)";

/// Casings waiting to be ranked, oldest acquisition first: (id, calibre class).
pub(crate) fn queued_casings(c: &dyn Sql, limit: u32) -> StoreResult<Vec<(String, String)>> {
    c.rows(
        "SELECT id, caliber_class FROM casings WHERE correlated_at IS NULL
         ORDER BY acquired_at, id LIMIT ?1",
        &[Val::Int(i64::from(limit))],
    )?
    .iter()
    .map(|r| Ok((r.text(0)?, r.text(1)?)))
    .collect()
}

/// Stores a ranked list (in the caller's write transaction) and files its automatic leads.
pub(crate) fn save_correlation(c: &dyn Sql, k: &Correlated) -> StoreResult<Vec<Event>> {
    let casing = c.row(
        "SELECT caliber_class, correlated_at FROM casings WHERE id = ?1",
        &[Val::from(&k.casing_id)],
    )?;
    let caliber = match casing {
        Some(r) if r.opt_int(1)?.is_none() => r.text(0)?,
        // Gone, or ranked already (another worker or node): nothing to do.
        _ => return Ok(Vec::new()),
    };
    let now = Utc::now();
    c.exec(
        "UPDATE casings SET descriptor = ?2, correlated_at = ?3 WHERE id = ?1",
        &[
            Val::from(&k.casing_id),
            Val::Blob(k.descriptor.clone()),
            Val::Int(ts(now)),
        ],
    )?;
    let mut events = Vec::new();
    for cand in &k.candidates {
        insert_candidate(c, &k.casing_id, cand)?;
        if k.automatic.contains(&cand.rank) {
            let lead_id = insert_lead(c, &k.casing_id, cand, &caliber, now, None)?;
            let summary = format!(
                "New ballistic lead {lead_id}: {} ↔ {} ({:.2}, filed automatically)",
                k.casing_id, cand.candidate_id, cand.scores.combined
            );
            events.push(c.emit(EventKind::LeadCreated, &lead_id, None, &summary)?);
        }
    }
    let summary = format!(
        "Casing {} correlated: {} candidate(s), {} automatic lead(s); its list awaits review",
        k.casing_id,
        k.candidates.len(),
        events.len()
    );
    let head = c.emit(EventKind::CasingCorrelated, &k.casing_id, None, &summary)?;
    events.insert(0, head);
    Ok(events)
}

/// A casing's ranked list (best `limit`) and its review clock at `now`.
pub(crate) fn correlations(
    c: &dyn Sql,
    casing_id: &str,
    limit: u32,
    now: DateTime<Utc>,
) -> StoreResult<CorrelationList> {
    if !(1..=100).contains(&limit) {
        return Err(StoreError::Invalid(
            "limit must be between 1 and 100".into(),
        ));
    }
    let r = c
        .row(
            "SELECT incident_id, caliber_class, acquired_at, correlated_at, reviewed_at, reviewed_by
             FROM casings WHERE id = ?1",
            &[Val::from(casing_id)],
        )?
        .ok_or_else(|| StoreError::NotFound(format!("casing {casing_id}")))?;
    let acquired_at = from_ts(r.int(2)?);
    let (correlated, reviewed) = (r.opt_int(3)?, r.opt_int(4)?);
    let (due_at, overdue) = review_clock(acquired_at, reviewed.is_some(), now);
    let state = match (correlated, reviewed) {
        (None, _) => CorrelationState::Queued,
        (Some(_), None) => CorrelationState::Unreviewed,
        (Some(_), Some(_)) => CorrelationState::Reviewed,
    };
    Ok(CorrelationList {
        casing_id: casing_id.to_string(),
        incident_id: r.text(0)?,
        caliber_class: r.text(1)?,
        acquired_at,
        due_at,
        overdue,
        state,
        reviewed_at: reviewed.map(from_ts),
        reviewed_by: r.opt_text(5)?,
        candidates: candidates(c, casing_id, limit)?,
    })
}

/// Lists awaiting review, oldest acquisition first, keyset-paged.
pub(crate) fn reviews(
    c: &dyn Sql,
    q: &ReviewQuery,
    now: DateTime<Utc>,
) -> StoreResult<Page<ReviewItem>> {
    let limit = page_limit(q.limit)?;
    let cursor = Cursor::decode_opt("reviews", q.cursor.as_deref())?;
    let (after_key, after_id) = cursor.map_or((i64::MIN, String::new()), |c| (c.key, c.id));
    let rows = c.rows(
        "SELECT k.id, k.incident_id, k.caliber_class, k.place, k.acquired_at,
           (SELECT count(*) FROM candidates c WHERE c.casing_id = k.id),
           (SELECT max(c.combined) FROM candidates c WHERE c.casing_id = k.id)
         FROM casings k
         WHERE k.reviewed_at IS NULL AND k.correlated_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM candidates c WHERE c.casing_id = k.id)
           AND (k.acquired_at > ?1 OR (k.acquired_at = ?1 AND k.id > ?2))
         ORDER BY k.acquired_at, k.id LIMIT ?3",
        &[
            Val::Int(after_key),
            Val::Text(after_id),
            Val::Int(i64::from(limit) + 1),
        ],
    )?;
    let mut items = rows
        .iter()
        .map(|r| {
            let acquired_at = from_ts(r.int(4)?);
            let (due_at, overdue) = review_clock(acquired_at, false, now);
            Ok(ReviewItem {
                casing_id: r.text(0)?,
                incident_id: r.text(1)?,
                caliber_class: r.text(2)?,
                place: r.text(3)?,
                acquired_at,
                due_at,
                overdue,
                candidates: r.u32(5)?,
                best_score: r.opt_f32(6)?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items
            .last()
            .map(|x| Cursor::new("reviews", ts(x.acquired_at), &x.casing_id).encode())
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

/// The idempotency operation of marking a lead (what a replayed key must match).
pub(crate) fn mark_op(casing_id: &str, candidate_id: &str) -> String {
    format!("POST /v1/ballistics/casings/{casing_id}/correlations/{candidate_id}/lead")
}

/// A reviewer marks a candidate of a list as a lead (in the caller's idempotent write); the
/// list counts as reviewed.
pub(crate) fn mark_lead(
    c: &dyn Sql,
    casing_id: &str,
    candidate_id: &str,
    m: &LeadMark,
    by: &User,
) -> StoreResult<(Lead, Option<Event>)> {
    let caliber = c
        .row(
            "SELECT caliber_class FROM casings WHERE id = ?1",
            &[Val::from(casing_id)],
        )?
        .ok_or_else(|| StoreError::NotFound(format!("casing {casing_id}")))?
        .text(0)?;
    let row = c
        .row(
            &format!(
                "SELECT {CANDIDATE_COLS} FROM candidates c WHERE c.casing_id = ?1 AND c.candidate_id = ?2"
            ),
            &[Val::from(casing_id), Val::from(candidate_id)],
        )?
        .map(|r| candidate_of(&r))
        .transpose()?
        .ok_or_else(|| {
            StoreError::NotFound(format!(
                "candidate {candidate_id} in the correlation list of casing {casing_id}"
            ))
        })?;
    let now = Utc::now();
    let comment = m.comment.trim();
    let lead_id = match row.lead_id {
        // The pair is a lead already (filed automatically or marked before): the reviewer's
        // mark and comment go on it; its status stays as decided.
        Some(id) => {
            c.exec(
                "UPDATE leads SET marked_by = ?2, mark_comment = ?3 WHERE id = ?1",
                &[Val::from(&id), Val::from(&by.name), Val::from(comment)],
            )?;
            id
        }
        None => {
            let cand = CandidateRow {
                casing_id: casing_id.to_string(),
                candidate_id: row.candidate_id.clone(),
                rank: row.rank,
                scores: row.scores,
                rotation_deg: row.rotation_deg,
                shift_x: row.shift_x,
                shift_y: row.shift_y,
                cells: None,
            };
            insert_lead(
                c,
                casing_id,
                &cand,
                &caliber,
                now,
                Some((&by.name, comment)),
            )?
        }
    };
    c.exec(
        "UPDATE casings SET reviewed_at = ?2, reviewed_by = ?3 WHERE id = ?1 AND reviewed_at IS NULL",
        &[Val::from(casing_id), Val::Int(ts(now)), Val::from(&by.name)],
    )?;
    let lead = load_lead(c, &lead_id)?;
    let summary = format!(
        "Lead {lead_id} marked by {} from the correlation list of {casing_id}: {casing_id} ↔ {candidate_id} (rank {})",
        by.name, row.rank
    );
    let ev = c.emit(EventKind::LeadCreated, &lead_id, None, &summary)?;
    Ok((lead, Some(ev)))
}

/// The best `limit` candidates of a casing's list, with the lead each pair has.
fn candidates(c: &dyn Sql, casing_id: &str, limit: u32) -> StoreResult<Vec<CorrelationCandidate>> {
    c.rows(
        &format!(
            "SELECT {CANDIDATE_COLS} FROM candidates c WHERE c.casing_id = ?1 ORDER BY c.rank LIMIT ?2"
        ),
        &[Val::from(casing_id), Val::Int(i64::from(limit))],
    )?
    .iter()
    .map(candidate_of)
    .collect()
}

fn candidate_of(r: &Row) -> StoreResult<CorrelationCandidate> {
    let status = r.opt_text(13)?;
    Ok(CorrelationCandidate {
        candidate_id: r.text(0)?,
        rank: r.u32(1)?,
        scores: MarkScores {
            breech_face: r.f32(2)?,
            firing_pin: r.f32(3)?,
            combined: r.f32(4)?,
        },
        agreeing_cells: r.opt_u32(5)?,
        usable_cells: r.opt_u32(6)?,
        cell_score: r.opt_f32(7)?,
        false_match_rate: r.opt_real(8)?,
        rotation_deg: r.f32(9)?,
        shift_x: r.i32(10)?,
        shift_y: r.i32(11)?,
        lead_id: r.opt_text(12)?,
        lead_status: status.as_deref().and_then(LeadStatus::parse),
    })
}

/// Inserts one ranked candidate with its cell evidence (the seed's import uses it too).
pub(crate) fn insert_candidate(c: &dyn Sql, casing_id: &str, k: &CandidateRow) -> StoreResult<()> {
    let e = k.cells;
    c.exec(
        "INSERT INTO candidates(casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg,
           shift_x, shift_y, agreeing_cells, usable_cells, cell_score, false_match_rate)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        &[
            Val::from(casing_id),
            Val::from(&k.candidate_id),
            Val::Int(i64::from(k.rank)),
            Val::Real(f64::from(k.scores.breech_face)),
            Val::Real(f64::from(k.scores.firing_pin)),
            Val::Real(f64::from(k.scores.combined)),
            Val::Real(f64::from(k.rotation_deg)),
            Val::Int(i64::from(k.shift_x)),
            Val::Int(i64::from(k.shift_y)),
            Val::opt_int(e.map(|e| i64::from(e.agreeing))),
            Val::opt_int(e.map(|e| i64::from(e.usable))),
            Val::opt_real(e.map(|e| f64::from(e.score))),
            Val::opt_real(e.map(|e| e.false_match_rate)),
        ],
    )?;
    Ok(())
}

/// Files a pending lead for a candidate pair: automatic (`mark` `None`) or marked by a reviewer.
fn insert_lead(
    c: &dyn Sql,
    casing_id: &str,
    k: &CandidateRow,
    caliber: &str,
    now: DateTime<Utc>,
    mark: Option<(&str, &str)>,
) -> StoreResult<String> {
    let lead_id = format!("BL-{:06}", c.next_counter("lead")?);
    c.exec(
        "INSERT INTO leads(id, casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg,
           shift_x, shift_y, status, created_at, caliber_class, marked_by, mark_comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', ?11, ?12, ?13, ?14)",
        &[
            Val::from(&lead_id),
            Val::from(casing_id),
            Val::from(&k.candidate_id),
            Val::Int(i64::from(k.rank)),
            Val::Real(f64::from(k.scores.breech_face)),
            Val::Real(f64::from(k.scores.firing_pin)),
            Val::Real(f64::from(k.scores.combined)),
            Val::Real(f64::from(k.rotation_deg)),
            Val::Int(i64::from(k.shift_x)),
            Val::Int(i64::from(k.shift_y)),
            Val::Int(ts(now)),
            Val::from(caliber),
            Val::opt_text(mark.map(|m| m.0)),
            Val::opt_text(mark.map(|m| m.1)),
        ],
    )?;
    Ok(lead_id)
}
