//! Suspected rings: purchasers whose pattern fits straw purchasing and dealers whose pattern fits
//! a diverting store, ranked by a transparent score (every point comes with the factor that gave
//! it, so an analyst can see why a name is on the list and argue with it).
//!
//! Factors, from the trafficking indicators investigators use: many guns traced back to one
//! buyer; recovered in Mexico; short time-to-crime (under 3 years, and under 1); multiple-sale
//! reports; buying from the same few dealers; recoveries concentrated on one corridor (US state of
//! sale → Mexican state of recovery); for dealers, being over-represented against the mean dealer.
//!
//! Purchasers are ranked as rings: co-purchasers (`graph_rings_links`) are counted together
//! under the one behind the most guns, so the list names fifty different networks rather than
//! five members of the biggest one, and a ring of many small buyers ranks by all its guns.
//! Having co-purchasers adds a fixed number of points, not points per member: the members' guns
//! already count, and the size of a network is its guns, not its head count.

use std::collections::{BTreeSet, HashMap};

use super::nodes::SHORT_TTC_DAYS;
use super::rings_links::{Footprint, footprints, groups};
use super::{GraphSql, Val};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult};

/// Points for a purchaser who buys with co-purchasers (a ring rather than a lone buyer).
const CO_PURCHASER_POINTS: f64 = 5.0;

/// Per-suspect aggregates read from the traces (for a ring, summed over its members).
#[derive(Debug, Clone, Default)]
struct Tally {
    id: String,
    label: String,
    traces: i64,
    mexico: i64,
    short: i64,
    year: i64,
    dealers: i64,
    /// Sum of time-to-crime days and how many traces had one.
    ttc_sum: f64,
    ttc_n: i64,
    /// Multiple-sale reports filed on the suspect.
    reports: i64,
    /// The other members counted in (purchasers only), most guns first.
    co: Vec<String>,
}

impl Tally {
    fn mean_ttc(&self) -> Option<i64> {
        (self.ttc_n > 0).then(|| (self.ttc_sum / self.ttc_n as f64).round() as i64)
    }

    /// The ring of `members` (heaviest first): their counts summed, dealers counted once.
    fn pooled(members: &[&Tally], fp: &HashMap<String, Footprint>) -> Tally {
        let mut t = members[0].clone();
        for m in &members[1..] {
            t.traces += m.traces;
            t.mexico += m.mexico;
            t.short += m.short;
            t.year += m.year;
            t.ttc_sum += m.ttc_sum;
            t.ttc_n += m.ttc_n;
            t.reports += m.reports;
            t.co.push(m.id.clone());
        }
        let dealers: BTreeSet<&str> = members
            .iter()
            .filter_map(|m| fp.get(&m.id))
            .flat_map(|f| f.dealers.iter().map(String::as_str))
            .collect();
        if !dealers.is_empty() {
            t.dealers = dealers.len() as i64;
        }
        t
    }
}

fn factor(code: &str, value: f64, points: f64) -> RingFactor {
    RingFactor {
        code: code.to_string(),
        value: (value * 1000.0).round() / 1000.0,
        points: (points * 10.0).round() / 10.0,
    }
}

/// A first pass over every suspect with at least `min` completed traces.
fn tallies(c: &dyn GraphSql, kind: RingKind, min: i64) -> StoreResult<Vec<Tally>> {
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
        "SELECT g.id, coalesce({label}, g.id), g.n, g.mx, g.short, g.year, g.dealers, g.ttc, g.ttc_n FROM (
           SELECT {col} AS id, count(*) AS n,
             sum(CASE WHEN s.country = 'MX' THEN 1 ELSE 0 END) AS mx,
             sum(CASE WHEN t.ttc_days < {SHORT_TTC_DAYS} THEN 1 ELSE 0 END) AS short,
             sum(CASE WHEN t.ttc_days < 365 THEN 1 ELSE 0 END) AS year,
             count(DISTINCT t.dealer_license) AS dealers,
             CAST(coalesce(sum(t.ttc_days), 0) AS DOUBLE PRECISION) AS ttc, count(t.ttc_days) AS ttc_n
           FROM traces t LEFT JOIN seizures s ON s.id = t.seizure_id
           WHERE t.status = 'completed' AND {col} IS NOT NULL
           GROUP BY {col} HAVING count(*) >= ?1) g"
    );
    c.rows(&sql, &[Val::Int(min)])?
        .iter()
        .map(|r| {
            Ok(Tally {
                id: r.text(0)?,
                label: r.text(1)?,
                traces: r.int(2)?,
                mexico: r.int(3)?,
                short: r.int(4)?,
                year: r.int(5)?,
                dealers: r.int(6)?,
                ttc_sum: r.real(7)?,
                ttc_n: r.int(8)?,
                ..Tally::default()
            })
        })
        .collect()
}

/// Multiple-sale reports per purchaser or dealer.
fn reports(c: &dyn GraphSql, kind: RingKind) -> StoreResult<HashMap<String, i64>> {
    let col = match kind {
        RingKind::Purchaser => "purchaser_id",
        RingKind::Dealer => "dealer_license",
    };
    let sql = format!("SELECT {col}, count(*) FROM multiple_sales GROUP BY {col}");
    c.rows(&sql, &[])?
        .iter()
        .map(|r| Ok((r.text(0)?, r.int(1)?)))
        .collect()
}

/// The corridor most of a suspect's (or a ring's) traced guns took, and its share of them.
fn top_corridor(
    c: &dyn GraphSql,
    kind: RingKind,
    ids: &[&str],
) -> StoreResult<Option<(String, f64)>> {
    let col = match kind {
        RingKind::Purchaser => "t.purchaser_id",
        RingKind::Dealer => "t.dealer_license",
    };
    let sql = format!(
        "SELECT d.state || ' → ' || s.state, count(*)
         FROM traces t JOIN dealers d ON d.license = t.dealer_license JOIN seizures s ON s.id = t.seizure_id
         WHERE {col} = ?1 AND t.status = 'completed'
         GROUP BY d.state, s.state"
    );
    let mut counts: HashMap<String, i64> = HashMap::new();
    for id in ids {
        for r in c.rows(&sql, &[Val::Text((*id).to_string())])? {
            *counts.entry(r.text(0)?).or_default() += r.int(1)?;
        }
    }
    let total: i64 = counts.values().sum();
    Ok(counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(name, n)| (name, n as f64 / total.max(1) as f64)))
}

/// Scores one suspect; `mean` is the mean traces per suspect of this kind (dealers only).
fn score(t: &Tally, kind: RingKind, corridor: Option<(String, f64)>, mean: f64) -> RingSuspect {
    let reports = t.reports;
    let n = t.traces.max(1) as f64;
    let mut fs = vec![
        // Volume first: twice the guns is worth about as much as every gun having a short
        // time-to-crime, so a share moved by a few stray traces does not reorder two rings of
        // very different size.
        factor("traced_guns", n, 30.0 * (1.0 + n).ln()),
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
            // Buying with others is the signal; how many others is not: their guns are
            // already in the ring's traced guns, and a points-per-member rule let a large crew
            // with few guns outrank a small one behind many.
            let co = t.co.len() as f64;
            let points = if co > 0.0 { CO_PURCHASER_POINTS } else { 0.0 };
            fs.push(factor("co_purchasers", co, points));
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
        mean_ttc_days: t.mean_ttc(),
        top_corridor: top,
        score: (fs.iter().map(|f| f.points).sum::<f64>() * 10.0).round() / 10.0,
        factors: fs,
        co_purchasers: t.co.clone(),
    }
}

/// Counts the suspected rings among purchasers: co-purchasers pooled under the one behind the
/// most guns. Dealers stand alone.
fn rings_of(c: &dyn GraphSql, kind: RingKind, mut tallies: Vec<Tally>) -> StoreResult<Vec<Tally>> {
    if kind == RingKind::Dealer {
        return Ok(tallies);
    }
    tallies.sort_by(|a, b| b.traces.cmp(&a.traces).then_with(|| a.id.cmp(&b.id)));
    let ids: Vec<&str> = tallies.iter().map(|t| t.id.as_str()).collect();
    let fp = footprints(c, &ids)?;
    Ok(groups(&ids, &fp)
        .into_iter()
        .map(|g| {
            let members: Vec<&Tally> = g.iter().map(|&i| &tallies[i]).collect();
            Tally::pooled(&members, &fp)
        })
        .collect())
}

/// The suspected rings of `q.kind`, best score first.
pub fn rings(c: &dyn GraphSql, q: &RingQuery) -> StoreResult<Vec<RingSuspect>> {
    let kind = q.kind.unwrap_or(RingKind::Purchaser);
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(StoreError::Invalid("limit must be 1–200".into()));
    }
    {
        let min = match kind {
            RingKind::Purchaser => 2,
            RingKind::Dealer => 1,
        };
        let mut tallies = tallies(c, kind, min)?;
        let reports = reports(c, kind)?;
        for t in &mut tallies {
            t.reports = reports.get(&t.id).copied().unwrap_or(0);
        }
        let mean =
            tallies.iter().map(|t| t.traces as f64).sum::<f64>() / tallies.len().max(1) as f64;
        let rings = rings_of(c, kind, tallies)?;
        // Rank without the corridor first (it costs a query per member), then refine the
        // head of the list with it.
        let mut order: Vec<(f64, usize)> = rings
            .iter()
            .enumerate()
            .map(|(i, t)| (score(t, kind, None, mean).score, i))
            .collect();
        order.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| rings[a.1].id.cmp(&rings[b.1].id))
        });
        order.truncate((limit as usize * 3).max(100));
        let mut out = Vec::with_capacity(order.len());
        for (_, i) in order {
            let t = &rings[i];
            let ids: Vec<&str> = std::iter::once(t.id.as_str())
                .chain(t.co.iter().map(String::as_str))
                .collect();
            out.push(score(t, kind, top_corridor(c, kind, &ids)?, mean));
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        out.truncate(limit as usize);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A purchaser (or ring) with `n` completed traces: `mx` recovered in Mexico, `short` within
    /// three years (of which `year` within one), buying at `dealers` stores, with `co` others.
    fn tally(id: &str, n: i64, mx: i64, short: i64, year: i64, dealers: i64, co: usize) -> Tally {
        Tally {
            id: id.into(),
            label: id.into(),
            traces: n,
            mexico: mx,
            short,
            year,
            dealers,
            ttc_sum: 300.0 * n as f64,
            ttc_n: n,
            reports: 0,
            co: (0..co).map(|i| format!("{id}-co{i}")).collect(),
        }
    }

    fn purchaser(t: &Tally) -> RingSuspect {
        score(t, RingKind::Purchaser, None, 0.0)
    }

    fn points(s: &RingSuspect, code: &str) -> Option<f64> {
        s.factors.iter().find(|f| f.code == code).map(|f| f.points)
    }

    #[test]
    fn the_score_is_the_sum_of_the_factors_shown_and_none_shows_zero_points() {
        let mut t = tally("P-1", 12, 9, 6, 2, 2, 3);
        t.reports = 2;
        let s = score(
            &t,
            RingKind::Purchaser,
            Some(("AZ → Sonora".into(), 0.75)),
            0.0,
        );
        let sum: f64 = s.factors.iter().map(|f| f.points).sum();
        assert!((sum - s.score).abs() < 0.11, "{s:?}");
        assert!(s.factors.iter().all(|f| f.points > 0.0), "{s:?}");
        assert_eq!(points(&s, "multiple_sales"), Some(8.0));
        assert_eq!(points(&s, "one_corridor"), Some(7.5));
        assert_eq!(s.top_corridor.as_deref(), Some("AZ → Sonora"));
        assert_eq!(s.mean_ttc_days, Some(300));
        // Guns recovered in the US, long time-to-crime, no reports: those factors are left out.
        let plain = purchaser(&tally("P-2", 12, 0, 0, 0, 5, 0));
        let codes: Vec<&str> = plain.factors.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["traced_guns"], "{plain:?}");
    }

    #[test]
    fn a_ring_ranks_by_its_guns_not_by_how_many_members_it_has() {
        // Same pattern; the crew of six is behind fewer guns than the pair.
        let crew = purchaser(&tally("P-crew", 60, 50, 50, 30, 3, 5));
        let pair = purchaser(&tally("P-pair", 70, 58, 58, 35, 3, 1));
        assert!(pair.score > crew.score, "{pair:?} {crew:?}");
        assert_eq!(
            points(&crew, "co_purchasers"),
            points(&pair, "co_purchasers")
        );
        assert_eq!(
            crew.factors
                .iter()
                .find(|f| f.code == "co_purchasers")
                .map(|f| f.value),
            Some(5.0)
        );
        // Buying with others still counts against a lone buyer with the same guns.
        let lone = purchaser(&tally("P-lone", 70, 58, 58, 35, 3, 0));
        assert!(pair.score > lone.score, "{pair:?} {lone:?}");
        assert_eq!(points(&lone, "co_purchasers"), None);
    }

    #[test]
    fn mexico_recoveries_short_time_to_crime_and_few_dealers_each_raise_the_score() {
        let base = purchaser(&tally("P-1", 20, 0, 0, 0, 6, 0)).score;
        for t in [
            tally("P-mx", 20, 15, 0, 0, 6, 0),
            tally("P-ttc", 20, 0, 15, 0, 6, 0),
            tally("P-1y", 20, 0, 15, 15, 6, 0),
            tally("P-few", 20, 0, 0, 0, 2, 0),
        ] {
            assert!(purchaser(&t).score > base, "{t:?}");
        }
        // More guns, same shares: a higher score.
        assert!(
            purchaser(&tally("P-big", 40, 30, 30, 10, 2, 1)).score
                > purchaser(&tally("P-small", 20, 15, 15, 5, 2, 1)).score
        );
    }

    #[test]
    fn a_dealer_scores_for_being_over_represented_against_the_mean() {
        let t = tally("D-1", 90, 60, 40, 10, 1, 0);
        let hot = score(&t, RingKind::Dealer, None, 10.0);
        let ratio = hot.factors.iter().find(|f| f.code == "over_represented");
        assert_eq!(ratio.map(|f| f.value), Some(9.0));
        assert!(score(&t, RingKind::Dealer, None, 90.0).score < hot.score);
        assert_eq!(points(&hot, "co_purchasers"), None);
        assert_eq!(points(&hot, "few_dealers"), None);
    }
}
