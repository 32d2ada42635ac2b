//! Trace requests and results (SQLite: `sqlite/traces.rs`): pages newest first from the same
//! indexes, the same cursors.

use chrono::{DateTime, NaiveDate, Utc};

use super::filter::Filter;
use super::firearms::load_firearm;
use super::system::{emit, parse_enum};
use super::trace_outcome;
use super::{Db, PgStore, from_ts, next_counter, ts};
use crate::model::*;
use crate::server::store::sqlite::{Cursor, page_limit};
use crate::server::store::{StoreError, StoreResult, Written};

const SELECT: &str = "SELECT t.id, t.firearm_id, f.serial, f.make, f.model, f.caliber, t.status, t.priority, \
    t.justification, t.crime_code, t.requesting_agency, t.case_number, t.submitted_at, t.completed_at, \
    t.failure_reason, t.chain_json, t.dealer_license, d.name, d.state, t.purchaser_id, p.name, \
    t.purchase_date, t.recovery_date, t.recovery_place, t.ttc_days, t.seizure_id";
const JOINS: &str = "JOIN firearms f ON f.id = t.firearm_id \
    LEFT JOIN dealers d ON d.license = t.dealer_license LEFT JOIN persons p ON p.id = t.purchaser_id";

fn traces_query(q: &TraceQuery, limit: u32) -> StoreResult<(Filter, String)> {
    let cursor = Cursor::decode_opt("traces", q.cursor.as_deref())?;
    let mut f = Filter::default();
    if let Some(s) = &q.serial {
        f.serial(s)?; // traces page newest first, whichever index finds the serials
    }
    if let Some(s) = q.status {
        // A literal (an enum's own spelling, never request text): the partial indexes of
        // migration 7 are for these values.
        f.raw(&format!("t.status = '{}'", s.as_str()));
    }
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
    // With a serial, the matching firearms come first (their serial index) and only their
    // traces are sorted: `+ 0` keeps the planner from walking every trace newest first
    // hoping to meet them (it did, 0.5–3.6 s for `AB*` on the large seed, the matches being
    // few and old). SQLite's planner takes that order by itself.
    let time = if q.serial.is_some() {
        "t.submitted_at + 0"
    } else {
        "t.submitted_at"
    };
    let sql = format!(
        "{SELECT} FROM traces t {JOINS} {} ORDER BY {time} DESC, t.id DESC LIMIT {}",
        f.where_sql(),
        limit + 1
    );
    Ok((f, sql))
}

impl PgStore {
    pub fn list_traces_impl(&self, q: &TraceQuery) -> StoreResult<Page<Trace>> {
        let limit = page_limit(q.limit)?;
        let (f, sql) = traces_query(q, limit)?;
        self.read(|db| {
            let mut items = f
                .query(db, &sql)?
                .iter()
                .map(row_to_trace)
                .collect::<StoreResult<Vec<_>>>()?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items
                    .last()
                    .map(|t| Cursor::new("traces", ts(t.submitted_at), &t.id).encode())
            } else {
                None
            };
            fill_multiple_sales(db, &mut items)?;
            Ok(Page { items, next_cursor })
        })
    }

    pub fn get_trace_impl(&self, id: &str) -> StoreResult<Trace> {
        self.read_lookup(|db| load_trace(db, id))
    }

    pub fn submit_trace_impl(
        &self,
        req: &TraceRequest,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Trace>> {
        self.idempotent_write(by, idem, "POST /v1/traces", |db| {
            let fa = load_firearm(db, &req.firearm_id).map_err(|e| match e {
                StoreError::NotFound(_) => {
                    StoreError::Invalid(format!("firearm {} does not exist", req.firearm_id))
                }
                e => e,
            })?;
            let now = Utc::now();
            let id = format!("TR-{}-{:07}", now.format("%Y"), next_counter(db, "trace")?);
            let place: String = match &fa.seizure_id {
                Some(sid) => db
                    .query_opt(
                        "SELECT COALESCE(port || ', ' || state, municipality || ', ' || state) FROM seizures WHERE id = $1",
                        &[sid],
                    )?
                    .map(|r| r.get(0))
                    .unwrap_or_default(),
                None => String::new(),
            };
            db.execute(
                "INSERT INTO traces(id, firearm_id, seizure_id, status, priority, justification, crime_code,
                   requesting_agency, case_number, submitted_at, chain_json, recovery_date, recovery_place, requested_by,
                   fw_make, fw_model, fw_caliber)
                 VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7, $8, $9, '[]', $10, $11, $12, $13, $14, $15)",
                &[
                    &id,
                    &fa.id,
                    &fa.seizure_id,
                    &req.priority.as_str(),
                    &req.justification,
                    &req.crime_code,
                    &by.agency,
                    &req.case_number,
                    &ts(now),
                    &fa.recovered_at.date_naive().to_string(),
                    &place,
                    &by.name,
                    &fa.make,
                    &fa.model,
                    &fa.caliber,
                ],
            )?;
            db.execute(
                "UPDATE firearms SET trace_id = $1 WHERE id = $2",
                &[&id, &fa.id],
            )?;
            if let Some(sid) = &fa.seizure_id {
                db.execute(
                    "UPDATE seizures SET status = 'traces_requested', updated_at = $2
                     WHERE id = $1 AND status IN ('new', 'in_review')",
                    &[sid, &ts(now)],
                )?;
            }
            let t = load_trace(db, &id)?;
            let ev = emit(
                db,
                EventKind::TraceSubmitted,
                &id,
                None,
                &format!("Trace {id} submitted for serial {}", fa.serial),
            )?;
            Ok((t, Some(ev)))
        })
    }

    pub fn advance_traces_impl(
        &self,
        now: DateTime<Utc>,
        delay: chrono::Duration,
    ) -> StoreResult<Vec<Event>> {
        let half = ts(now - delay / 2);
        let full = ts(now - delay);
        // Decided without the write lock (see `trace_outcome`), a batch at a time, on the
        // long-work connections: drawing a dealer and a purchaser reads, it does not seek.
        let decided = self.read_long(|db| {
            let due: Vec<String> = db
                .query(
                    "SELECT id FROM traces WHERE status IN ('submitted', 'in_progress')
                       AND submitted_at <= $1 ORDER BY id LIMIT 100",
                    &[&full],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            if due.is_empty() {
                return Ok(Vec::new());
            }
            let draws = trace_outcome::Draws::read(db)?;
            due.into_iter()
                .map(|id| Ok((trace_outcome::decide(db, &id, &draws)?, id)))
                .collect::<StoreResult<Vec<_>>>()
        })?;
        self.write(|db| {
            let mut events = Vec::new();
            db.execute(
                "UPDATE traces SET status = 'in_progress' WHERE status = 'submitted' AND submitted_at <= $1",
                &[&half],
            )?;
            for (outcome, id) in &decided {
                let summary = match trace_outcome::store(db, id, outcome, now)? {
                    None => continue, // answered meanwhile (by another node)
                    Some(TraceStatus::Completed) => format!("Trace {id} completed: purchaser found"),
                    Some(_) => format!("Trace {id} ended: not traceable"),
                };
                events.push(emit(db, EventKind::TraceCompleted, id, None, &summary)?);
            }
            Ok(events)
        })
    }
}

pub(super) fn load_trace(db: &Db<'_>, id: &str) -> StoreResult<Trace> {
    let mut t = db
        .query_opt(trace_by_id(), &[&id])?
        .map(|r| row_to_trace(&r))
        .transpose()?
        .ok_or_else(|| StoreError::NotFound(format!("trace {id}")))?;
    fill_multiple_sales(db, std::slice::from_mut(&mut t))?;
    Ok(t)
}

/// One trace by its id (`$1`), as [`row_to_trace`] reads it: built once, as every lookup
/// asks for it.
pub(super) fn trace_by_id() -> &'static str {
    static SQL: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| format!("{SELECT} FROM traces t {JOINS} WHERE t.id = $1"));
    &SQL
}

/// Multiple-sale reports covering each purchase — same buyer, same dealer, filed within the
/// five-business-day window around the sale: the straw-purchasing signal. One statement for
/// the whole page: each trace's buyer, dealer and window are a row of `unnest(…)`.
fn fill_multiple_sales(db: &Db<'_>, traces: &mut [Trace]) -> StoreResult<()> {
    let k = SalesKeys::of(traces);
    let mut found = super::batch::grouped(
        db,
        MULTIPLE_SALES,
        &k.ids,
        &[&k.pids, &k.dealers, &k.froms, &k.tos],
        multiple_sale,
    )?;
    for t in traces {
        t.multiple_sales = found.remove(&t.id).unwrap_or_default();
    }
    Ok(())
}

/// What [`MULTIPLE_SALES`] binds, `$1`…`$5`: the traces with a purchase, each with its buyer,
/// dealer and window.
pub(super) struct SalesKeys {
    pub ids: Vec<String>,
    pub pids: Vec<String>,
    pub dealers: Vec<String>,
    pub froms: Vec<String>,
    pub tos: Vec<String>,
}

impl SalesKeys {
    pub(super) fn of(traces: &[Trace]) -> SalesKeys {
        let mut k = SalesKeys {
            ids: Vec::new(),
            pids: Vec::new(),
            dealers: Vec::new(),
            froms: Vec::new(),
            tos: Vec::new(),
        };
        for t in traces {
            if let (Some(pid), Some(dealer), Some(sale)) =
                (&t.purchaser_id, &t.dealer_license, t.purchase_date)
            {
                k.ids.push(t.id.clone());
                k.pids.push(pid.clone());
                k.dealers.push(dealer.clone());
                k.froms.push((sale - chrono::Duration::days(7)).to_string());
                k.tos.push((sale + chrono::Duration::days(7)).to_string());
            }
        }
        k
    }
}

/// The multiple-sale reports of [`SalesKeys`], keyed by trace id (column 0).
pub(super) const MULTIPLE_SALES: &str = "SELECT k.id, m.form, m.date, m.count, m.dealer_license
     FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[])
          AS k(id, pid, dealer, dfrom, dto)
     JOIN multiple_sales m ON m.purchaser_id = k.pid AND m.dealer_license = k.dealer
          AND m.date BETWEEN k.dfrom AND k.dto
     ORDER BY k.id, m.date, m.id";

/// A row of [`MULTIPLE_SALES`].
pub(super) fn multiple_sale(r: &tokio_postgres::Row) -> StoreResult<MultipleSale> {
    Ok(MultipleSale {
        form: r.get(1),
        date: date(r.get(2))?,
        count: u32::try_from(r.get::<_, i64>(3))
            .map_err(|_| StoreError::Internal("a multiple-sale count out of range".into()))?,
        dealer_license: r.get(4),
    })
}

fn date(s: &str) -> StoreResult<NaiveDate> {
    s.parse()
        .map_err(|e| StoreError::Internal(format!("stored date {s:?}: {e}")))
}

pub(super) fn row_to_trace(r: &tokio_postgres::Row) -> StoreResult<Trace> {
    let chain = serde_json::from_str(r.get(15))
        .map_err(|e| StoreError::Internal(format!("stored trace chain: {e}")))?;
    Ok(Trace {
        id: r.get(0),
        firearm_id: r.get(1),
        serial: r.get(2),
        make: r.get(3),
        model: r.get(4),
        caliber: r.get(5),
        status: parse_enum(r.get(6), TraceStatus::parse)?,
        priority: parse_enum(r.get(7), TracePriority::parse)?,
        justification: r.get(8),
        crime_code: r.get(9),
        requesting_agency: r.get(10),
        case_number: r.get(11),
        submitted_at: from_ts(r.get(12)),
        completed_at: r.get::<_, Option<i64>>(13).map(from_ts),
        failure_reason: r
            .get::<_, Option<&str>>(14)
            .map(|s| parse_enum(s, NotTraceableReason::parse))
            .transpose()?,
        chain,
        dealer_license: r.get(16),
        dealer_name: r.get(17),
        dealer_state: r.get(18),
        purchaser_id: r.get(19),
        purchaser_name: r.get(20),
        purchase_date: r.get::<_, Option<&str>>(21).map(date).transpose()?,
        recovery_date: date(r.get(22))?,
        recovery_place: r.get(23),
        time_to_crime_days: r.get(24),
        multiple_sales: Vec::new(),
        seizure_id: r.get(25),
    })
}
