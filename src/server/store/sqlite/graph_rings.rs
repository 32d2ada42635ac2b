//! Suspected rings: purchasers whose pattern fits straw purchasing and dealers whose pattern fits
//! a diverting store, ranked by a transparent score (every point comes with the factor that gave
//! it, so an analyst can see why a name is on the list and argue with it).
//!
//! Factors, from the trafficking indicators investigators use: many guns traced back to one
//! buyer; recovered in Mexico; short time-to-crime (under 3 years, and under 1); multiple-sale
//! reports; buying from the same few dealers; recoveries concentrated on one corridor (US state of
//! sale → Mexican state of recovery); for dealers, being over-represented against the mean dealer.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::SqliteStore;
use super::graph_nodes::SHORT_TTC_DAYS;
use crate::model::*;
use crate::server::store::{StoreError, StoreResult};

/// Per-suspect aggregates read from the traces.
struct Tally {
    id: String,
    label: String,
    traces: i64,
    mexico: i64,
    short: i64,
    year: i64,
    dealers: i64,
    mean_ttc: Option<i64>,
}

fn factor(code: &str, value: f64, points: f64) -> RingFactor {
    RingFactor {
        code: code.to_string(),
        value: (value * 1000.0).round() / 1000.0,
        points: (points * 10.0).round() / 10.0,
    }
}

/// A first pass over every suspect with at least `min` completed traces.
fn tallies(c: &Connection, kind: RingKind, min: i64) -> StoreResult<Vec<Tally>> {
    let (col, label) = match kind {
        RingKind::Purchaser => (
            "t.purchaser_id",
            "(SELECT p.name || coalesce(' (' || p.state || ')', '') FROM persons p WHERE p.id = g.id)",
        ),
        RingKind::Dealer => (
            "t.dealer_license",
            "(SELECT d.name || ' (' || d.city || ', ' || d.state || ')' FROM dealers d WHERE d.license = g.id)",
        ),
    };
    let sql = format!(
        "SELECT g.id, coalesce({label}, g.id), g.n, g.mx, g.short, g.year, g.dealers, g.ttc FROM (
           SELECT {col} AS id, count(*) AS n,
             sum(s.country = 'MX') AS mx,
             sum(t.ttc_days < {SHORT_TTC_DAYS}) AS short,
             sum(t.ttc_days < 365) AS year,
             count(DISTINCT t.dealer_license) AS dealers,
             avg(t.ttc_days) AS ttc
           FROM traces t LEFT JOIN seizures s ON s.id = t.seizure_id
           WHERE t.status = 'completed' AND {col} IS NOT NULL
           GROUP BY {col} HAVING count(*) >= ?1) g"
    );
    let mut st = c.prepare_cached(&sql)?;
    let rows = st.query_map([min], |r| {
        Ok(Tally {
            id: r.get(0)?,
            label: r.get(1)?,
            traces: r.get(2)?,
            mexico: r.get(3)?,
            short: r.get(4)?,
            year: r.get(5)?,
            dealers: r.get(6)?,
            mean_ttc: r.get::<_, Option<f64>>(7)?.map(|v| v as i64),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Multiple-sale reports per purchaser or dealer.
fn reports(c: &Connection, kind: RingKind) -> StoreResult<HashMap<String, i64>> {
    let col = match kind {
        RingKind::Purchaser => "purchaser_id",
        RingKind::Dealer => "dealer_license",
    };
    let sql = format!("SELECT {col}, count(*) FROM multiple_sales GROUP BY {col}");
    let mut st = c.prepare_cached(&sql)?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The corridor most of a suspect's traced guns took, and its share of them.
fn top_corridor(c: &Connection, kind: RingKind, id: &str) -> StoreResult<Option<(String, f64)>> {
    let col = match kind {
        RingKind::Purchaser => "t.purchaser_id",
        RingKind::Dealer => "t.dealer_license",
    };
    let sql = format!(
        "SELECT d.state || ' → ' || s.state, count(*), sum(count(*)) OVER ()
         FROM traces t JOIN dealers d ON d.license = t.dealer_license JOIN seizures s ON s.id = t.seizure_id
         WHERE {col} = ?1 AND t.status = 'completed'
         GROUP BY d.state, s.state ORDER BY 2 DESC, 1 LIMIT 1"
    );
    let mut st = c.prepare_cached(&sql)?;
    let mut rows = st.query(params![id])?;
    Ok(match rows.next()? {
        Some(r) => {
            let (name, n, total): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Some((name, n as f64 / total.max(1) as f64))
        }
        None => None,
    })
}

/// Scores one suspect; `mean` is the mean traces per suspect of this kind (dealers only).
fn score(
    t: &Tally,
    kind: RingKind,
    reports: i64,
    corridor: Option<(String, f64)>,
    mean: f64,
) -> RingSuspect {
    let n = t.traces.max(1) as f64;
    let mut fs = vec![
        factor("traced_guns", n, 8.0 * (1.0 + n).ln()),
        factor(
            "recovered_in_mexico",
            t.mexico as f64 / n,
            10.0 * t.mexico as f64 / n,
        ),
        factor("short_ttc", t.short as f64 / n, 25.0 * t.short as f64 / n),
        factor(
            "under_one_year",
            t.year as f64 / n,
            15.0 * t.year as f64 / n,
        ),
        factor(
            "multiple_sales",
            reports as f64,
            4.0 * (reports.min(5) as f64),
        ),
    ];
    match kind {
        RingKind::Purchaser => {
            let few = if t.dealers <= 3 { 5.0 } else { 0.0 };
            fs.push(factor("few_dealers", t.dealers as f64, few));
        }
        RingKind::Dealer => {
            let ratio = n / mean.max(1.0);
            fs.push(factor(
                "over_represented",
                ratio,
                15.0 * ratio.max(1.0).ln(),
            ));
        }
    }
    let top = corridor.map(|(name, share)| {
        fs.push(factor("one_corridor", share, 10.0 * share));
        name
    });
    fs.retain(|f| f.points > 0.0);
    RingSuspect {
        id: t.id.clone(),
        kind,
        label: t.label.clone(),
        traces: t.traces as u32,
        recovered_in_mexico: t.mexico as u32,
        mean_ttc_days: t.mean_ttc,
        top_corridor: top,
        score: (fs.iter().map(|f| f.points).sum::<f64>() * 10.0).round() / 10.0,
        factors: fs,
    }
}

impl SqliteStore {
    pub(super) fn rings_impl(&self, q: &RingQuery) -> StoreResult<Vec<RingSuspect>> {
        let kind = q.kind.unwrap_or(RingKind::Purchaser);
        let limit = q.limit.unwrap_or(50);
        if !(1..=200).contains(&limit) {
            return Err(StoreError::Invalid("limit must be 1–200".into()));
        }
        self.read(|c| {
            let min = match kind {
                RingKind::Purchaser => 2,
                RingKind::Dealer => 1,
            };
            let tallies = tallies(c, kind, min)?;
            let reports = reports(c, kind)?;
            let mean =
                tallies.iter().map(|t| t.traces as f64).sum::<f64>() / tallies.len().max(1) as f64;
            // Rank without the corridor first (it costs a query per suspect), then refine the
            // head of the list with it.
            let mut ranked: Vec<RingSuspect> = tallies
                .iter()
                .map(|t| {
                    score(
                        t,
                        kind,
                        reports.get(&t.id).copied().unwrap_or(0),
                        None,
                        mean,
                    )
                })
                .collect();
            ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
            ranked.truncate((limit as usize * 3).max(100));
            let by_id: HashMap<&str, &Tally> = tallies.iter().map(|t| (t.id.as_str(), t)).collect();
            let mut out = Vec::with_capacity(ranked.len());
            for r in &ranked {
                let Some(t) = by_id.get(r.id.as_str()) else {
                    continue;
                };
                let corridor = top_corridor(c, kind, &r.id)?;
                out.push(score(
                    t,
                    kind,
                    reports.get(&t.id).copied().unwrap_or(0),
                    corridor,
                    mean,
                ));
            }
            out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
            out.truncate(limit as usize);
            Ok(out)
        })
    }
}
