//! How the reference server answers a trace, on PostgreSQL: the same deterministic outcome as
//! SQLite's (`sqlite/trace_outcome.rs` decides it; this stores it).
//!
//! Deciding draws a dealer and a purchaser by offset in id order (`count(*)`, then `OFFSET`):
//! on the large seed that is ~0.2 s of reading per trace, and 500 due traces in one write
//! transaction held the write lock — every node's writes and audited reads — for minutes. So
//! answers are decided in a read transaction, without the lock and with the counts read once
//! per batch ([`decide`]), and only the short `UPDATE`s take the lock ([`store`]).

use chrono::{DateTime, Utc};

use super::firearms::load_firearm;
use super::traces::load_trace;
use super::{Db, ts};
use crate::model::*;
use crate::server::store::StoreResult;
use crate::server::store::sqlite::trace_outcome::{
    chain_json, completion, digest, failure_reason, partial_chain,
};

/// How many dealers and persons there are to draw from (read once per batch).
pub(super) struct Draws {
    dealers: i64,
    persons: i64,
}

impl Draws {
    pub(super) fn read(db: &Db<'_>) -> StoreResult<Self> {
        Ok(Draws {
            dealers: db.query_one("SELECT count(*) FROM dealers", &[])?.get(0),
            persons: db.query_one("SELECT count(*) FROM persons", &[])?.get(0),
        })
    }
}

/// A decided answer, ready to store.
pub(super) enum Outcome {
    NotTraceable {
        reason: NotTraceableReason,
        chain: String,
    },
    Completed {
        chain: String,
        license: String,
        purchaser_id: String,
        sale: String,
        ttc_days: i64,
    },
}

/// Decides the answer to trace `id` (reads only).
pub(super) fn decide(db: &Db<'_>, id: &str, draws: &Draws) -> StoreResult<Outcome> {
    let t = load_trace(db, id)?;
    let fa = load_firearm(db, &t.firearm_id)?;
    let h = digest(&fa.id);
    if let Some(reason) = failure_reason(&fa, h[0]) {
        return Ok(Outcome::NotTraceable {
            reason,
            chain: chain_json(&partial_chain(&fa)),
        });
    }
    let dealer = pick(
        db,
        "SELECT license, name, city, state FROM dealers ORDER BY license LIMIT 1 OFFSET $1",
        draws.dealers,
        u64::from_le_bytes([h[1], h[2], h[3], h[4], 0, 0, 0, 0]),
    )?
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)));
    let person = pick(
        db,
        "SELECT id, name FROM persons ORDER BY id LIMIT 1 OFFSET $1",
        draws.persons,
        u64::from_le_bytes([h[5], h[6], h[7], h[8], 0, 0, 0, 0]),
    )?
    .map(|r| (r.get(0), r.get(1)));
    let (Some(dealer), Some(person)) = (dealer, person) else {
        // No dealers or persons to draw from: the trail ends at the distributor.
        return Ok(Outcome::NotTraceable {
            reason: NotTraceableReason::DealerRecordsIncomplete,
            chain: chain_json(&partial_chain(&fa)),
        });
    };
    let c = completion(&t, &fa, &h, dealer, person);
    Ok(Outcome::Completed {
        chain: chain_json(&c.chain),
        license: c.license,
        purchaser_id: c.purchaser_id,
        sale: c.sale.to_string(),
        ttc_days: c.ttc_days,
    })
}

/// Stores `o` for trace `id` if it is still in progress (another node may have answered it
/// meanwhile); returns the status it was given, or `None` when there was nothing to do.
pub(super) fn store(
    db: &Db<'_>,
    id: &str,
    o: &Outcome,
    now: DateTime<Utc>,
) -> StoreResult<Option<TraceStatus>> {
    let n = match o {
        Outcome::NotTraceable { reason, chain } => db.execute(
            "UPDATE traces SET status = 'not_traceable', failure_reason = $2, completed_at = $3,
               chain_json = $4 WHERE id = $1 AND status IN ('submitted', 'in_progress')",
            &[&id, &reason.as_str(), &ts(now), chain],
        )?,
        Outcome::Completed {
            chain,
            license,
            purchaser_id,
            sale,
            ttc_days,
        } => db.execute(
            "UPDATE traces SET status = 'completed', completed_at = $2, chain_json = $3, dealer_license = $4,
               purchaser_id = $5, purchase_date = $6, ttc_days = $7
             WHERE id = $1 AND status IN ('submitted', 'in_progress')",
            &[&id, &ts(now), chain, license, purchaser_id, sale, ttc_days],
        )?,
    };
    Ok((n == 1).then_some(match o {
        Outcome::NotTraceable { .. } => TraceStatus::NotTraceable,
        Outcome::Completed { .. } => TraceStatus::Completed,
    }))
}

/// The row at offset `roll % count` of `sql`'s rows (a deterministic draw).
fn pick(db: &Db<'_>, sql: &str, n: i64, roll: u64) -> StoreResult<Option<tokio_postgres::Row>> {
    if n <= 0 {
        return Ok(None);
    }
    let off = (roll % n as u64) as i64;
    db.query_opt(sql, &[&off])
}
