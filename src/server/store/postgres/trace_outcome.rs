//! How the reference server answers a trace, on PostgreSQL: the same deterministic outcome as
//! SQLite's (`sqlite/trace_outcome.rs` decides it; this stores it).

use chrono::{DateTime, Utc};

use super::firearms::load_firearm;
use super::traces::load_trace;
use super::{Db, ts};
use crate::model::*;
use crate::server::store::StoreResult;
use crate::server::store::sqlite::trace_outcome::{
    chain_json, completion, digest, failure_reason, partial_chain,
};

/// Resolves trace `id` now: completed to a purchaser, or not traceable with a reason.
pub(super) fn resolve(db: &Db<'_>, id: &str, now: DateTime<Utc>) -> StoreResult<Trace> {
    let t = load_trace(db, id)?;
    let fa = load_firearm(db, &t.firearm_id)?;
    let h = digest(&fa.id);
    match failure_reason(&fa, h[0]) {
        Some(r) => {
            db.execute(
                "UPDATE traces SET status = 'not_traceable', failure_reason = $2, completed_at = $3,
                   chain_json = $4 WHERE id = $1",
                &[&id, &r.as_str(), &ts(now), &chain_json(&partial_chain(&fa))],
            )?;
        }
        None => complete(db, &t, &fa, &h, now)?,
    }
    load_trace(db, id)
}

fn complete(
    db: &Db<'_>,
    t: &Trace,
    fa: &Firearm,
    h: &[u8; 32],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let dealer = pick(
        db,
        "SELECT license, name, city, state FROM dealers ORDER BY license LIMIT 1 OFFSET $1",
        "SELECT count(*) FROM dealers",
        u64::from_le_bytes([h[1], h[2], h[3], h[4], 0, 0, 0, 0]),
    )?
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)));
    let person = pick(
        db,
        "SELECT id, name FROM persons ORDER BY id LIMIT 1 OFFSET $1",
        "SELECT count(*) FROM persons",
        u64::from_le_bytes([h[5], h[6], h[7], h[8], 0, 0, 0, 0]),
    )?
    .map(|r| (r.get(0), r.get(1)));
    let (Some(dealer), Some(person)) = (dealer, person) else {
        // No dealers or persons to draw from: the trail ends at the distributor.
        db.execute(
            "UPDATE traces SET status = 'not_traceable', failure_reason = 'dealer_records_incomplete',
               completed_at = $2, chain_json = $3 WHERE id = $1",
            &[&t.id, &ts(now), &chain_json(&partial_chain(fa))],
        )?;
        return Ok(());
    };
    let c = completion(t, fa, h, dealer, person);
    db.execute(
        "UPDATE traces SET status = 'completed', completed_at = $2, chain_json = $3, dealer_license = $4,
           purchaser_id = $5, purchase_date = $6, ttc_days = $7 WHERE id = $1",
        &[
            &t.id,
            &ts(now),
            &chain_json(&c.chain),
            &c.license,
            &c.purchaser_id,
            &c.sale.to_string(),
            &c.ttc_days,
        ],
    )?;
    Ok(())
}

/// The row at offset `roll % count` of `sql`'s rows (a deterministic draw).
fn pick(
    db: &Db<'_>,
    sql: &str,
    count_sql: &str,
    roll: u64,
) -> StoreResult<Option<tokio_postgres::Row>> {
    let n: i64 = db.query_one(count_sql, &[])?.get(0);
    if n == 0 {
        return Ok(None);
    }
    let off = (roll % n as u64) as i64;
    db.query_opt(sql, &[&off])
}
