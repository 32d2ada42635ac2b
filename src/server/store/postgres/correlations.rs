//! Correlation lists: the queue of casings waiting to be ranked, each casing's stored list, the
//! review queue (oldest acquisition first, on the 48-hour clock) and leads marked by a reviewer
//! (SQLite: `sqlite/correlations.rs`).

use chrono::{DateTime, Utc};

use super::ballistics::{i32_of, load_lead, u32_of};
use super::system::emit;
use super::{Db, PgStore, from_ts, next_counter, ts};
use crate::model::*;
use crate::server::store::sqlite::{Cursor, page_limit};
use crate::server::store::{CandidateRow, Correlated, StoreError, StoreResult, Written};

/// The columns of a stored candidate, in [`row_to_candidate`]'s order.
const CANDIDATE_COLS: &str = "c.candidate_id, c.rank, c.breech_face, c.firing_pin, c.combined, \
    c.agreeing_cells, c.usable_cells, c.cell_score, c.false_match_rate, c.rotation_deg, c.shift_x, c.shift_y, \
    (SELECT l.id FROM leads l WHERE l.casing_id = c.casing_id AND l.candidate_id = c.candidate_id ORDER BY l.id LIMIT 1), \
    (SELECT l.status FROM leads l WHERE l.casing_id = c.casing_id AND l.candidate_id = c.candidate_id ORDER BY l.id LIMIT 1)";

impl PgStore {
    pub fn queued_casings_impl(&self, limit: u32) -> StoreResult<Vec<(String, String)>> {
        self.read(|db| {
            Ok(db
                .query(
                    "SELECT id, caliber_class FROM casings WHERE correlated_at IS NULL
                     ORDER BY acquired_at, id LIMIT $1",
                    &[&i64::from(limit)],
                )?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect())
        })
    }

    pub fn save_correlation_impl(&self, k: &Correlated) -> StoreResult<Vec<Event>> {
        self.write(|db| {
            let casing = db.query_opt(
                "SELECT caliber_class, correlated_at FROM casings WHERE id = $1",
                &[&k.casing_id],
            )?;
            let Some(caliber) = casing
                .filter(|r| r.get::<_, Option<i64>>(1).is_none())
                .map(|r| r.get::<_, String>(0))
            else {
                // Gone, or ranked already (another worker or node): nothing to do.
                return Ok(Vec::new());
            };
            let now = Utc::now();
            db.execute(
                "UPDATE casings SET descriptor = $2, correlated_at = $3 WHERE id = $1",
                &[&k.casing_id, &k.descriptor, &ts(now)],
            )?;
            let mut events = Vec::new();
            for c in &k.candidates {
                insert_candidate(db, &k.casing_id, c)?;
                if k.automatic.contains(&c.rank) {
                    let lead_id = insert_lead(db, &k.casing_id, c, &caliber, now, None)?;
                    let summary = format!(
                        "New ballistic lead {lead_id}: {} ↔ {} ({:.2}, filed automatically)",
                        k.casing_id, c.candidate_id, c.scores.combined
                    );
                    events.push(emit(db, EventKind::LeadCreated, &lead_id, None, &summary)?);
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
                emit(db, EventKind::CasingCorrelated, &k.casing_id, None, &summary)?,
            );
            Ok(events)
        })
    }

    pub fn correlations_impl(
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
        self.read(|db| {
            let r = db
                .query_opt(
                    "SELECT incident_id, caliber_class, acquired_at, correlated_at, reviewed_at, reviewed_by
                     FROM casings WHERE id = $1",
                    &[&casing_id],
                )?
                .ok_or_else(|| StoreError::NotFound(format!("casing {casing_id}")))?;
            let acquired_at = from_ts(r.get(2));
            let (correlated, reviewed): (Option<i64>, Option<i64>) = (r.get(3), r.get(4));
            let (due_at, overdue) = review_clock(acquired_at, reviewed.is_some(), now);
            let state = match (correlated, reviewed) {
                (None, _) => CorrelationState::Queued,
                (Some(_), None) => CorrelationState::Unreviewed,
                (Some(_), Some(_)) => CorrelationState::Reviewed,
            };
            Ok(CorrelationList {
                casing_id: casing_id.to_string(),
                incident_id: r.get(0),
                caliber_class: r.get(1),
                acquired_at,
                due_at,
                overdue,
                state,
                reviewed_at: reviewed.map(from_ts),
                reviewed_by: r.get(5),
                candidates: candidates(db, casing_id, limit)?,
            })
        })
    }

    pub fn reviews_impl(
        &self,
        q: &ReviewQuery,
        now: DateTime<Utc>,
    ) -> StoreResult<Page<ReviewItem>> {
        let limit = page_limit(q.limit)?;
        let cursor = Cursor::decode_opt("reviews", q.cursor.as_deref())?;
        let (after_key, after_id) = cursor.map_or((i64::MIN, String::new()), |c| (c.key, c.id));
        self.read(|db| {
            let rows = db.query(
                "SELECT k.id, k.incident_id, k.caliber_class, k.place, k.acquired_at,
                   (SELECT count(*) FROM candidates c WHERE c.casing_id = k.id),
                   (SELECT max(c.combined) FROM candidates c WHERE c.casing_id = k.id)
                 FROM casings k
                 WHERE k.reviewed_at IS NULL AND k.correlated_at IS NOT NULL
                   AND EXISTS (SELECT 1 FROM candidates c WHERE c.casing_id = k.id)
                   AND (k.acquired_at > $1 OR (k.acquired_at = $1 AND k.id > $2))
                 ORDER BY k.acquired_at, k.id LIMIT $3",
                &[&after_key, &after_id, &(i64::from(limit) + 1)],
            )?;
            let mut items: Vec<ReviewItem> = rows
                .iter()
                .map(|r| {
                    let acquired_at = from_ts(r.get(4));
                    let (due_at, overdue) = review_clock(acquired_at, false, now);
                    ReviewItem {
                        casing_id: r.get(0),
                        incident_id: r.get(1),
                        caliber_class: r.get(2),
                        place: r.get(3),
                        acquired_at,
                        due_at,
                        overdue,
                        candidates: u32_of(r.get(5)),
                        best_score: r.get::<_, Option<f64>>(6).map(|s| s as f32),
                    }
                })
                .collect();
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

    pub fn mark_lead_impl(
        &self,
        casing_id: &str,
        candidate_id: &str,
        m: &LeadMark,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Lead>> {
        let op =
            format!("POST /v1/ballistics/casings/{casing_id}/correlations/{candidate_id}/lead");
        self.idempotent_write(by, idem, &op, |db| {
            let caliber: String = db
                .query_opt(
                    "SELECT caliber_class FROM casings WHERE id = $1",
                    &[&casing_id],
                )?
                .ok_or_else(|| StoreError::NotFound(format!("casing {casing_id}")))?
                .get(0);
            let row = db
                .query_opt(
                    &format!(
                        "SELECT {CANDIDATE_COLS} FROM candidates c WHERE c.casing_id = $1 AND c.candidate_id = $2"
                    ),
                    &[&casing_id, &candidate_id],
                )?
                .map(|r| row_to_candidate(&r))
                .ok_or_else(|| {
                    StoreError::NotFound(format!(
                        "candidate {candidate_id} in the correlation list of casing {casing_id}"
                    ))
                })?;
            let now = Utc::now();
            let comment = m.comment.trim();
            let lead_id = match row.lead_id {
                // The pair is a lead already: the reviewer's mark and comment go on it; its
                // status stays as decided.
                Some(id) => {
                    db.execute(
                        "UPDATE leads SET marked_by = $2, mark_comment = $3 WHERE id = $1",
                        &[&id, &by.name, &comment],
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
                    insert_lead(db, casing_id, &c, &caliber, now, Some((&by.name, comment)))?
                }
            };
            db.execute(
                "UPDATE casings SET reviewed_at = $2, reviewed_by = $3 WHERE id = $1 AND reviewed_at IS NULL",
                &[&casing_id, &ts(now), &by.name],
            )?;
            let lead = load_lead(db, &lead_id)?;
            let summary = format!(
                "Lead {lead_id} marked by {} from the correlation list of {casing_id}: {casing_id} ↔ {candidate_id} (rank {})",
                by.name, row.rank
            );
            let ev = emit(db, EventKind::LeadCreated, &lead_id, None, &summary)?;
            Ok((lead, Some(ev)))
        })
    }
}

/// The best `limit` candidates of a casing's list, with the lead each pair has.
fn candidates(db: &Db<'_>, casing_id: &str, limit: u32) -> StoreResult<Vec<CorrelationCandidate>> {
    Ok(db
        .query(
            &format!(
                "SELECT {CANDIDATE_COLS} FROM candidates c WHERE c.casing_id = $1 ORDER BY c.rank LIMIT $2"
            ),
            &[&casing_id, &i64::from(limit)],
        )?
        .iter()
        .map(row_to_candidate)
        .collect())
}

fn row_to_candidate(r: &tokio_postgres::Row) -> CorrelationCandidate {
    let status: Option<String> = r.get(13);
    CorrelationCandidate {
        candidate_id: r.get(0),
        rank: u32_of(r.get(1)),
        scores: MarkScores {
            breech_face: r.get::<_, f64>(2) as f32,
            firing_pin: r.get::<_, f64>(3) as f32,
            combined: r.get::<_, f64>(4) as f32,
        },
        agreeing_cells: r.get::<_, Option<i64>>(5).map(u32_of),
        usable_cells: r.get::<_, Option<i64>>(6).map(u32_of),
        cell_score: r.get::<_, Option<f64>>(7).map(|s| s as f32),
        false_match_rate: r.get(8),
        rotation_deg: r.get::<_, f64>(9) as f32,
        shift_x: i32_of(r.get(10)),
        shift_y: i32_of(r.get(11)),
        lead_id: r.get(12),
        lead_status: status.as_deref().and_then(LeadStatus::parse),
    }
}

/// Inserts one ranked candidate with its cell evidence.
fn insert_candidate(db: &Db<'_>, casing_id: &str, c: &CandidateRow) -> StoreResult<()> {
    let e = c.cells;
    db.execute(
        "INSERT INTO candidates(casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg,
           shift_x, shift_y, agreeing_cells, usable_cells, cell_score, false_match_rate)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        &[
            &casing_id,
            &c.candidate_id,
            &i64::from(c.rank),
            &f64::from(c.scores.breech_face),
            &f64::from(c.scores.firing_pin),
            &f64::from(c.scores.combined),
            &f64::from(c.rotation_deg),
            &i64::from(c.shift_x),
            &i64::from(c.shift_y),
            &e.map(|e| i64::from(e.agreeing)),
            &e.map(|e| i64::from(e.usable)),
            &e.map(|e| f64::from(e.score)),
            &e.map(|e| e.false_match_rate),
        ],
    )?;
    Ok(())
}

/// Files a pending lead for a candidate pair: automatic (`mark` `None`) or marked by a reviewer.
fn insert_lead(
    db: &Db<'_>,
    casing_id: &str,
    c: &CandidateRow,
    caliber: &str,
    now: DateTime<Utc>,
    mark: Option<(&str, &str)>,
) -> StoreResult<String> {
    let lead_id = format!("BL-{:06}", next_counter(db, "lead")?);
    db.execute(
        "INSERT INTO leads(id, casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg,
           shift_x, shift_y, status, created_at, caliber_class, marked_by, mark_comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12, $13, $14)",
        &[
            &lead_id,
            &casing_id,
            &c.candidate_id,
            &i64::from(c.rank),
            &f64::from(c.scores.breech_face),
            &f64::from(c.scores.firing_pin),
            &f64::from(c.scores.combined),
            &f64::from(c.rotation_deg),
            &i64::from(c.shift_x),
            &i64::from(c.shift_y),
            &ts(now),
            &caliber,
            &mark.map(|m| m.0),
            &mark.map(|m| m.1),
        ],
    )?;
    Ok(lead_id)
}
