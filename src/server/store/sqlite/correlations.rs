//! Correlation lists: the queue of casings waiting to be ranked, each casing's stored list,
//! the review queue (oldest acquisition first, on the 48-hour clock) and leads marked by a
//! reviewer from a list.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::ballistics::load_lead;
use super::system::emit;
use super::{Cursor, SqliteStore, from_ts, next_counter, page_limit, ts};
use crate::ballistics::CellEvidence;
use crate::model::*;
use crate::server::store::{CandidateRow, Correlated, StoreError, StoreResult, Written};

/// The columns of a stored candidate, in [`row_to_candidate`]'s order.
const CANDIDATE_COLS: &str = "c.candidate_id, c.rank, c.breech_face, c.firing_pin, c.combined, \
    c.agreeing_cells, c.usable_cells, c.cell_score, c.false_match_rate, c.rotation_deg, c.shift_x, c.shift_y, \
    (SELECT l.id FROM leads l WHERE l.casing_id = c.casing_id AND l.candidate_id = c.candidate_id ORDER BY l.id LIMIT 1), \
    (SELECT l.status FROM leads l WHERE l.casing_id = c.casing_id AND l.candidate_id = c.candidate_id ORDER BY l.id LIMIT 1)";

impl SqliteStore {
    pub(super) fn queued_casings_impl(&self, limit: u32) -> StoreResult<Vec<(String, String)>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id, caliber_class FROM casings WHERE correlated_at IS NULL
                 ORDER BY acquired_at, id LIMIT ?1",
            )?;
            let rows = st.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    pub(super) fn save_correlation_impl(&self, k: &Correlated) -> StoreResult<Vec<Event>> {
        self.write(|tx| {
            let casing: Option<(String, Option<i64>)> = tx
                .query_row(
                    "SELECT caliber_class, correlated_at FROM casings WHERE id = ?1",
                    [&k.casing_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((caliber, None)) = casing else {
                // Gone, or ranked already (a second worker): nothing to do.
                return Ok(Vec::new());
            };
            let now = Utc::now();
            tx.execute(
                "UPDATE casings SET descriptor = ?2, correlated_at = ?3 WHERE id = ?1",
                params![k.casing_id, k.descriptor, ts(now)],
            )?;
            let mut events = Vec::new();
            for c in &k.candidates {
                insert_candidate(tx, &k.casing_id, c)?;
                if k.automatic.contains(&c.rank) {
                    let lead_id = insert_lead(tx, &k.casing_id, c, &caliber, now, None)?;
                    let summary = format!(
                        "New ballistic lead {lead_id}: {} ↔ {} ({:.2}, filed automatically)",
                        k.casing_id, c.candidate_id, c.scores.combined
                    );
                    events.push(emit(tx, EventKind::LeadCreated, &lead_id, None, &summary)?);
                }
            }
            let summary = format!(
                "Casing {} correlated: {} candidate(s), {} automatic lead(s); its list awaits review",
                k.casing_id,
                k.candidates.len(),
                events.len()
            );
            events.insert(
                0,
                emit(tx, EventKind::CasingCorrelated, &k.casing_id, None, &summary)?,
            );
            Ok(events)
        })
    }

    pub(super) fn correlations_impl(
        &self,
        casing_id: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<CorrelationList> {
        if !(1..=100).contains(&limit) {
            return Err(StoreError::Invalid(
                "limit must be between 1 and 100".into(),
            ));
        }
        self.read(|c| {
            let head = c
                .prepare_cached(
                    "SELECT incident_id, caliber_class, acquired_at, correlated_at, reviewed_at, reviewed_by
                     FROM casings WHERE id = ?1",
                )?
                .query_row([casing_id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                })
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("casing {casing_id}")))?;
            let (incident_id, caliber_class, acquired, correlated, reviewed, reviewed_by) = head;
            let acquired_at = from_ts(acquired);
            let (due_at, overdue) = review_clock(acquired_at, reviewed.is_some(), now);
            let state = match (correlated, reviewed) {
                (None, _) => CorrelationState::Queued,
                (Some(_), None) => CorrelationState::Unreviewed,
                (Some(_), Some(_)) => CorrelationState::Reviewed,
            };
            Ok(CorrelationList {
                casing_id: casing_id.to_string(),
                incident_id,
                caliber_class,
                acquired_at,
                due_at,
                overdue,
                state,
                reviewed_at: reviewed.map(from_ts),
                reviewed_by,
                candidates: candidates(c, casing_id, limit)?,
            })
        })
    }

    pub(super) fn reviews_impl(
        &self,
        q: &ReviewQuery,
        now: DateTime<Utc>,
    ) -> StoreResult<Page<ReviewItem>> {
        let limit = page_limit(q.limit)?;
        let cursor = Cursor::decode_opt("reviews", q.cursor.as_deref())?;
        let (after_key, after_id) = cursor.map_or((i64::MIN, String::new()), |c| (c.key, c.id));
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT k.id, k.incident_id, k.caliber_class, k.place, k.acquired_at,
                   (SELECT count(*) FROM candidates c WHERE c.casing_id = k.id),
                   (SELECT max(c.combined) FROM candidates c WHERE c.casing_id = k.id)
                 FROM casings k
                 WHERE k.reviewed_at IS NULL AND k.correlated_at IS NOT NULL
                   AND EXISTS (SELECT 1 FROM candidates c WHERE c.casing_id = k.id)
                   AND (k.acquired_at > ?1 OR (k.acquired_at = ?1 AND k.id > ?2))
                 ORDER BY k.acquired_at, k.id LIMIT ?3",
            )?;
            let rows = st.query_map(params![after_key, after_id, limit + 1], |r| {
                let acquired_at = from_ts(r.get(4)?);
                let (due_at, overdue) = review_clock(acquired_at, false, now);
                Ok(ReviewItem {
                    casing_id: r.get(0)?,
                    incident_id: r.get(1)?,
                    caliber_class: r.get(2)?,
                    place: r.get(3)?,
                    acquired_at,
                    due_at,
                    overdue,
                    candidates: r.get(5)?,
                    best_score: r.get::<_, Option<f64>>(6)?.map(|s| s as f32),
                })
            })?;
            let mut items: Vec<ReviewItem> = rows.collect::<Result<_, _>>()?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items
                    .last()
                    .map(|x| Cursor::new("reviews", ts(x.acquired_at), &x.casing_id).encode())
            } else {
                None
            };
            Ok(Page { items, next_cursor })
        })
    }

    pub(super) fn mark_lead_impl(
        &self,
        casing_id: &str,
        candidate_id: &str,
        m: &LeadMark,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Lead>> {
        let op =
            format!("POST /v1/ballistics/casings/{casing_id}/correlations/{candidate_id}/lead");
        self.idempotent_write(by, idem, &op, |tx| {
            let caliber: String = tx
                .query_row(
                    "SELECT caliber_class FROM casings WHERE id = ?1",
                    [casing_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("casing {casing_id}")))?;
            let row = tx
                .prepare_cached(&format!(
                    "SELECT {CANDIDATE_COLS} FROM candidates c WHERE c.casing_id = ?1 AND c.candidate_id = ?2"
                ))?
                .query_row([casing_id, candidate_id], row_to_candidate)
                .optional()?
                .ok_or_else(|| {
                    StoreError::NotFound(format!(
                        "candidate {candidate_id} in the correlation list of casing {casing_id}"
                    ))
                })?;
            let now = Utc::now();
            let comment = m.comment.trim();
            let lead_id = match row.lead_id {
                // The pair is a lead already (filed automatically or marked before): the
                // reviewer's mark and comment go on it; its status stays as decided.
                Some(id) => {
                    tx.execute(
                        "UPDATE leads SET marked_by = ?2, mark_comment = ?3 WHERE id = ?1",
                        params![id, by.name, comment],
                    )?;
                    id
                }
                None => {
                    let c = CandidateRow {
                        casing_id: casing_id.to_string(),
                        candidate_id: row.candidate_id.clone(),
                        rank: row.rank,
                        scores: row.scores,
                        rotation_deg: row.rotation_deg,
                        shift_x: row.shift_x,
                        shift_y: row.shift_y,
                        cells: None,
                    };
                    insert_lead(tx, casing_id, &c, &caliber, now, Some((&by.name, comment)))?
                }
            };
            tx.execute(
                "UPDATE casings SET reviewed_at = ?2, reviewed_by = ?3 WHERE id = ?1 AND reviewed_at IS NULL",
                params![casing_id, ts(now), by.name],
            )?;
            let lead = load_lead(tx, &lead_id)?;
            let summary = format!(
                "Lead {lead_id} marked by {} from the correlation list of {casing_id}: {casing_id} ↔ {candidate_id} (rank {})",
                by.name, row.rank
            );
            let ev = emit(tx, EventKind::LeadCreated, &lead_id, None, &summary)?;
            Ok((lead, Some(ev)))
        })
    }
}

/// The best `limit` candidates of a casing's list, with the lead each pair has.
fn candidates(
    c: &Connection,
    casing_id: &str,
    limit: u32,
) -> StoreResult<Vec<CorrelationCandidate>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {CANDIDATE_COLS} FROM candidates c WHERE c.casing_id = ?1 ORDER BY c.rank LIMIT ?2"
    ))?;
    let rows = st.query_map(params![casing_id, limit], row_to_candidate)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn row_to_candidate(r: &rusqlite::Row<'_>) -> rusqlite::Result<CorrelationCandidate> {
    let status: Option<String> = r.get(13)?;
    Ok(CorrelationCandidate {
        candidate_id: r.get(0)?,
        rank: r.get(1)?,
        scores: MarkScores {
            breech_face: r.get(2)?,
            firing_pin: r.get(3)?,
            combined: r.get(4)?,
        },
        agreeing_cells: r.get(5)?,
        usable_cells: r.get(6)?,
        cell_score: r.get::<_, Option<f64>>(7)?.map(|s| s as f32),
        false_match_rate: r.get(8)?,
        rotation_deg: r.get(9)?,
        shift_x: r.get(10)?,
        shift_y: r.get(11)?,
        lead_id: r.get(12)?,
        lead_status: status.as_deref().and_then(LeadStatus::parse),
    })
}

/// Inserts one ranked candidate with its cell evidence (the seed's import uses it too).
pub(super) fn insert_candidate(
    tx: &Transaction<'_>,
    casing_id: &str,
    c: &CandidateRow,
) -> StoreResult<()> {
    let e: Option<CellEvidence> = c.cells;
    tx.prepare_cached(
        "INSERT INTO candidates(casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg,
           shift_x, shift_y, agreeing_cells, usable_cells, cell_score, false_match_rate)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        casing_id,
        c.candidate_id,
        c.rank,
        f64::from(c.scores.breech_face),
        f64::from(c.scores.firing_pin),
        f64::from(c.scores.combined),
        f64::from(c.rotation_deg),
        c.shift_x,
        c.shift_y,
        e.map(|e| e.agreeing),
        e.map(|e| e.usable),
        e.map(|e| f64::from(e.score)),
        e.map(|e| e.false_match_rate),
    ])?;
    Ok(())
}

/// Files a pending lead for a candidate pair: automatic (`mark` `None`) or marked by a reviewer.
fn insert_lead(
    tx: &Transaction<'_>,
    casing_id: &str,
    c: &CandidateRow,
    caliber: &str,
    now: DateTime<Utc>,
    mark: Option<(&str, &str)>,
) -> StoreResult<String> {
    let lead_id = format!("BL-{:06}", next_counter(tx, "lead")?);
    tx.execute(
        "INSERT INTO leads(id, casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg,
           shift_x, shift_y, status, created_at, caliber_class, marked_by, mark_comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', ?11, ?12, ?13, ?14)",
        params![
            lead_id,
            casing_id,
            c.candidate_id,
            c.rank,
            c.scores.breech_face,
            c.scores.firing_pin,
            c.scores.combined,
            c.rotation_deg,
            c.shift_x,
            c.shift_y,
            ts(now),
            caliber,
            mark.map(|m| m.0),
            mark.map(|m| m.1),
        ],
    )?;
    Ok(lead_id)
}
