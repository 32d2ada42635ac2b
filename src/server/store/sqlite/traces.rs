//! Trace requests and results.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::filter::Filter;
use super::firearms::load_firearm;
use super::system::emit;
use super::{Cursor, SqliteStore, from_ts, next_counter, page_limit, parse_enum, ts};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult, Written};

const SELECT: &str = "SELECT t.id, t.firearm_id, f.serial, f.make, f.model, f.caliber, t.status, t.priority, \
    t.justification, t.crime_code, t.requesting_agency, t.case_number, t.submitted_at, t.completed_at, \
    t.failure_reason, t.chain_json, t.dealer_license, d.name, d.state, t.purchaser_id, p.name, \
    t.purchase_date, t.recovery_date, t.recovery_place, t.ttc_days, t.seizure_id";
const JOINS: &str = "JOIN firearms f ON f.id = t.firearm_id \
    LEFT JOIN dealers d ON d.license = t.dealer_license LEFT JOIN persons p ON p.id = t.purchaser_id";

/// The page query for `q`: newest first, each filter answered by an index in that order
/// (migration 9), so a page never sorts every match.
pub(super) fn traces_query(q: &TraceQuery, limit: u32) -> StoreResult<(Filter, String)> {
    let cursor = Cursor::decode_opt("traces", q.cursor.as_deref())?;
    let mut f = Filter::default();
    if let Some(s) = &q.serial {
        f.serial(s)?; // traces page newest first, whichever index finds the serials
    }
    f.eq("t.status", q.status.map(|s| s.as_str()));
    // The firearm's make, model and calibre as copied onto the trace.
    f.eq("t.fw_make", q.make.as_deref());
    f.eq("t.fw_model", q.model.as_deref());
    f.eq("t.fw_caliber", q.caliber.as_deref());
    f.eq("t.purchaser_id", q.purchaser_id.as_deref());
    f.eq("t.dealer_license", q.dealer_license.as_deref());
    f.eq("t.firearm_id", q.firearm_id.as_deref());
    f.eq("t.seizure_id", q.seizure_id.as_deref());
    match q.short_ttc {
        // A literal, not a parameter: the partial index `traces_short_ttc` is for this bound.
        Some(true) => f.raw(&format!("t.ttc_days < {SHORT_TTC_DAYS}")),
        Some(false) => f.raw(&format!("t.ttc_days >= {SHORT_TTC_DAYS}")),
        None => {}
    }
    if let Some(c) = &cursor {
        f.cond2(
            "(t.submitted_at, t.id) < (?a, ?b)",
            Box::new(c.key),
            Box::new(c.id.clone()),
        );
    }
    let trigram = if f.uses_trigram() {
        "JOIN firearm_serials s ON s.id = f.id"
    } else {
        ""
    };
    let sql = format!(
        "{SELECT} FROM traces t {JOINS} {trigram} {} ORDER BY t.submitted_at DESC, t.id DESC LIMIT {}",
        f.where_sql(),
        limit + 1
    );
    Ok((f, sql))
}

impl SqliteStore {
    pub(super) fn list_traces_impl(&self, q: &TraceQuery) -> StoreResult<Page<Trace>> {
        let limit = page_limit(q.limit)?;
        let (f, sql) = traces_query(q, limit)?;
        self.read(|c| {
            let mut items = f.query(c, &sql, row_to_trace)?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items
                    .last()
                    .map(|t| Cursor::new("traces", ts(t.submitted_at), &t.id).encode())
            } else {
                None
            };
            for t in &mut items {
                fill_multiple_sales(c, t)?;
            }
            Ok(Page { items, next_cursor })
        })
    }

    pub(super) fn get_trace_impl(&self, id: &str) -> StoreResult<Trace> {
        self.read(|c| load_trace(c, id))
    }

    pub(super) fn submit_trace_impl(
        &self,
        req: &TraceRequest,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Trace>> {
        self.idempotent_write(by, idem, "POST /v1/traces", |tx| {
            let fa = load_firearm(tx, &req.firearm_id).map_err(|e| match e {
                StoreError::NotFound(_) => StoreError::Invalid(format!("firearm {} does not exist", req.firearm_id)),
                e => e,
            })?;
            let now = Utc::now();
            let id = format!("TR-{}-{:07}", now.format("%Y"), next_counter(tx, "trace")?);
            let place: String = match &fa.seizure_id {
                Some(sid) => tx
                    .query_row(
                        "SELECT COALESCE(port || ', ' || state, municipality || ', ' || state) FROM seizures WHERE id = ?1",
                        [sid],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or_default(),
                None => String::new(),
            };
            tx.prepare_cached(
                "INSERT INTO traces(id, firearm_id, seizure_id, status, priority, justification, crime_code,
                   requesting_agency, case_number, submitted_at, chain_json, recovery_date, recovery_place, requested_by,
                   fw_make, fw_model, fw_caliber)
                 VALUES (?1, ?2, ?3, 'submitted', ?4, ?5, ?6, ?7, ?8, ?9, '[]', ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                id, fa.id, fa.seizure_id, req.priority.as_str(), req.justification, req.crime_code, by.agency,
                req.case_number, ts(now), fa.recovered_at.date_naive().to_string(), place, by.name,
                fa.make, fa.model, fa.caliber
            ])?;
            tx.execute("UPDATE firearms SET trace_id = ?1 WHERE id = ?2", params![id, fa.id])?;
            if let Some(sid) = &fa.seizure_id {
                tx.execute(
                    "UPDATE seizures SET status = 'traces_requested', updated_at = ?2 WHERE id = ?1 AND status IN ('new', 'in_review')",
                    params![sid, ts(now)],
                )?;
            }
            let t = load_trace(tx, &id)?;
            let ev = emit(tx, EventKind::TraceSubmitted, &id, None, &format!("Trace {id} submitted for serial {}", fa.serial))?;
            Ok((t, Some(ev)))
        })
    }

    pub(super) fn advance_traces_impl(
        &self,
        now: DateTime<Utc>,
        delay: chrono::Duration,
    ) -> StoreResult<Vec<Event>> {
        let half = ts(now - delay / 2);
        let full = ts(now - delay);
        self.write(|tx| {
            let mut events = Vec::new();
            tx.execute(
                "UPDATE traces SET status = 'in_progress' WHERE status = 'submitted' AND submitted_at <= ?1",
                [half],
            )?;
            let due: Vec<String> = tx
                .prepare_cached("SELECT id FROM traces WHERE status = 'in_progress' AND submitted_at <= ?1 LIMIT 500")?
                .query_map([full], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for id in due {
                let t = super::trace_outcome::resolve(tx, &id, now)?;
                let summary = match t.status {
                    TraceStatus::Completed => format!("Trace {id} completed: purchaser found"),
                    _ => format!("Trace {id} ended: not traceable"),
                };
                events.push(emit(tx, EventKind::TraceCompleted, &id, None, &summary)?);
            }
            Ok(events)
        })
    }
}

pub(super) fn load_trace(c: &Connection, id: &str) -> StoreResult<Trace> {
    let mut t = c
        .prepare_cached(&format!("{SELECT} FROM traces t {JOINS} WHERE t.id = ?1"))?
        .query_row([id], row_to_trace)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("trace {id}")))?;
    fill_multiple_sales(c, &mut t)?;
    Ok(t)
}

/// Multiple-sale reports covering this purchase — same buyer, same dealer, filed within the
/// five-business-day window around the sale: the straw-purchasing signal.
fn fill_multiple_sales(c: &Connection, t: &mut Trace) -> StoreResult<()> {
    let (Some(pid), Some(dealer), Some(sale)) =
        (&t.purchaser_id, &t.dealer_license, t.purchase_date)
    else {
        return Ok(());
    };
    let mut st = c.prepare_cached(
        "SELECT form, date, count, dealer_license FROM multiple_sales
         WHERE purchaser_id = ?1 AND dealer_license = ?2 AND date BETWEEN ?3 AND ?4 ORDER BY date, id",
    )?;
    let from = (sale - chrono::Duration::days(7)).to_string();
    let to = (sale + chrono::Duration::days(7)).to_string();
    t.multiple_sales = st
        .query_map(params![pid, dealer, from, to], |r| {
            Ok(MultipleSale {
                form: r.get(0)?,
                date: date_col(r, 1)?,
                count: r.get(2)?,
                dealer_license: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(())
}

fn date_col(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(i)?;
    s.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn opt_date_col(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match r.get::<_, Option<String>>(i)? {
        Some(_) => date_col(r, i).map(Some),
        None => Ok(None),
    }
}

fn row_to_trace(r: &Row<'_>) -> rusqlite::Result<Trace> {
    let chain_json: String = r.get(15)?;
    let chain = serde_json::from_str(&chain_json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(15, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Trace {
        id: r.get(0)?,
        firearm_id: r.get(1)?,
        serial: r.get(2)?,
        make: r.get(3)?,
        model: r.get(4)?,
        caliber: r.get(5)?,
        status: parse_enum(&r.get::<_, String>(6)?, TraceStatus::parse)?,
        priority: parse_enum(&r.get::<_, String>(7)?, TracePriority::parse)?,
        justification: r.get(8)?,
        crime_code: r.get(9)?,
        requesting_agency: r.get(10)?,
        case_number: r.get(11)?,
        submitted_at: from_ts(r.get(12)?),
        completed_at: r.get::<_, Option<i64>>(13)?.map(from_ts),
        failure_reason: match r.get::<_, Option<String>>(14)? {
            Some(s) => Some(parse_enum(&s, NotTraceableReason::parse)?),
            None => None,
        },
        chain,
        dealer_license: r.get(16)?,
        dealer_name: r.get(17)?,
        dealer_state: r.get(18)?,
        purchaser_id: r.get(19)?,
        purchaser_name: r.get(20)?,
        purchase_date: opt_date_col(r, 21)?,
        recovery_date: date_col(r, 22)?,
        recovery_place: r.get(23)?,
        time_to_crime_days: r.get(24)?,
        multiple_sales: Vec::new(),
        seizure_id: r.get(25)?,
    })
}
