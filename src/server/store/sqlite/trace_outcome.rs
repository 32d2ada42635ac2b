//! How the reference server answers a trace: the stand-in for the manufacturer, distributors and
//! dealers replying. Outcomes are derived deterministically from the firearm (the same request
//! always ends the same way) and drawn from the synthetic dealers and persons already stored.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use super::firearms::load_firearm;
use super::traces::load_trace;
use super::ts;
use crate::model::*;
use crate::server::store::StoreResult;

/// Synthetic wholesale distributors (fictitious names).
const DISTRIBUTORS: &[&str] = &[
    "Mesa Verde Wholesale Sporting (synthetic)",
    "Gulf Coast Arms Distribution (synthetic)",
    "High Plains Outdoor Supply (synthetic)",
    "Desert Range Distributors (synthetic)",
];

/// Resolves trace `id` now: completed to a purchaser, or not traceable with a reason.
pub(super) fn resolve(tx: &Transaction<'_>, id: &str, now: DateTime<Utc>) -> StoreResult<Trace> {
    let t = load_trace(tx, id)?;
    let fa = load_firearm(tx, &t.firearm_id)?;
    let h = digest(&fa.id);
    let reason = failure_reason(&fa, h[0]);
    match reason {
        Some(r) => {
            tx.execute(
                "UPDATE traces SET status = 'not_traceable', failure_reason = ?2, completed_at = ?3, chain_json = ?4 WHERE id = ?1",
                params![id, r.as_str(), ts(now), chain_json(&partial_chain(&fa))],
            )?;
        }
        None => complete(tx, &t, &fa, &h, now)?,
    }
    load_trace(tx, id)
}

pub(crate) fn failure_reason(fa: &Firearm, roll: u8) -> Option<NotTraceableReason> {
    if fa.obliterated && fa.serial.contains('?') {
        return Some(NotTraceableReason::ObliteratedSerial);
    }
    if fa.serial.trim().is_empty() {
        return Some(NotTraceableReason::MissingSerial);
    }
    if fa.origin_country != "US" && fa.importer.is_none() {
        return Some(NotTraceableReason::ForeignNoImporter);
    }
    // About a third of Mexico's requests reach a purchaser; the rest stop along the way.
    match roll % 12 {
        0..=4 => None,
        5 | 6 => Some(NotTraceableReason::InsufficientDescription),
        7 => Some(NotTraceableReason::Pre1968),
        8 | 9 => Some(NotTraceableReason::DealerRecordsIncomplete),
        _ => Some(NotTraceableReason::DealerOutOfBusiness),
    }
}

fn complete(
    tx: &Transaction<'_>,
    t: &Trace,
    fa: &Firearm,
    h: &[u8; 32],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let dealer: Option<(String, String, String, String)> = pick(
        tx,
        "SELECT license, name, city, state FROM dealers ORDER BY license LIMIT 1 OFFSET ?1",
        "SELECT count(*) FROM dealers",
        u64::from_le_bytes([h[1], h[2], h[3], h[4], 0, 0, 0, 0]),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let person: Option<(String, String)> = pick(
        tx,
        "SELECT id, name FROM persons ORDER BY id LIMIT 1 OFFSET ?1",
        "SELECT count(*) FROM persons",
        u64::from_le_bytes([h[5], h[6], h[7], h[8], 0, 0, 0, 0]),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (Some((license, dname, dcity, dstate)), Some((pid, pname))) = (dealer, person) else {
        // No dealers or persons to draw from: the trail ends at the distributor.
        tx.execute(
            "UPDATE traces SET status = 'not_traceable', failure_reason = 'dealer_records_incomplete', completed_at = ?2, chain_json = ?3 WHERE id = ?1",
            params![t.id, ts(now), chain_json(&partial_chain(fa))],
        )?;
        return Ok(());
    };
    let c = completion(t, fa, h, (license, dname, dcity, dstate), (pid, pname));
    tx.execute(
        "UPDATE traces SET status = 'completed', completed_at = ?2, chain_json = ?3, dealer_license = ?4,
           purchaser_id = ?5, purchase_date = ?6, ttc_days = ?7 WHERE id = ?1",
        params![t.id, ts(now), chain_json(&c.chain), c.license, c.purchaser_id, c.sale.to_string(), c.ttc_days],
    )?;
    Ok(())
}

/// A trace answered down to a purchaser: what the stand-in for the dealers replies.
pub(crate) struct Completion {
    pub chain: Vec<ChainLink>,
    pub license: String,
    pub purchaser_id: String,
    pub sale: NaiveDate,
    pub ttc_days: i64,
}

/// The answer for `t` given the dealer `(license, name, city, state)` and the purchaser
/// `(id, name)` drawn for it: every engine stores the same.
pub(crate) fn completion(
    t: &Trace,
    fa: &Firearm,
    h: &[u8; 32],
    (license, dname, dcity, dstate): (String, String, String, String),
    (pid, pname): (String, String),
) -> Completion {
    let ttc = 30 + i64::from(u16::from_le_bytes([h[9], h[10]])) % 7000;
    let sale: NaiveDate = t.recovery_date - Duration::days(ttc);
    let mut chain = partial_chain(fa);
    chain.push(ChainLink {
        role: ChainRole::Dealer,
        name: dname,
        reference: Some(license.clone()),
        location: Some(format!("{dcity}, {dstate}")),
        date: Some(sale - Duration::days(20)),
    });
    chain.push(ChainLink {
        role: ChainRole::Purchaser,
        name: pname,
        reference: Some(pid.clone()),
        location: Some(dstate),
        date: Some(sale),
    });
    Completion {
        chain,
        license,
        purchaser_id: pid,
        sale,
        ttc_days: ttc,
    }
}

/// The part of the chain known without dealer records: maker, importer, distributor.
pub(crate) fn partial_chain(fa: &Firearm) -> Vec<ChainLink> {
    let h = digest(&fa.id);
    let mut chain = vec![ChainLink {
        role: ChainRole::Manufacturer,
        name: fa.make.clone(),
        reference: None,
        location: Some(fa.origin_country.clone()),
        date: None,
    }];
    if let Some(imp) = &fa.importer {
        chain.push(ChainLink {
            role: ChainRole::Importer,
            name: imp.clone(),
            reference: None,
            location: Some("US".into()),
            date: None,
        });
    }
    chain.push(ChainLink {
        role: ChainRole::Distributor,
        name: DISTRIBUTORS[h[11] as usize % DISTRIBUTORS.len()].to_string(),
        reference: None,
        location: None,
        date: None,
    });
    chain
}

fn pick<T>(
    tx: &Transaction<'_>,
    sql: &str,
    count_sql: &str,
    roll: u64,
    map: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> StoreResult<Option<T>> {
    let n: i64 = tx.query_row(count_sql, [], |r| r.get(0))?;
    if n == 0 {
        return Ok(None);
    }
    let off = (roll % n as u64) as i64;
    Ok(tx.prepare_cached(sql)?.query_row([off], map).optional()?)
}

pub(crate) fn chain_json(chain: &[ChainLink]) -> String {
    serde_json::to_string(chain).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn digest(s: &str) -> [u8; 32] {
    Sha256::digest(s.as_bytes()).into()
}
