//! `fwc bench graph`: link-graph latency and ring detection on a seeded database, measured on
//! the store calls the `/v1/graph` routes make (no HTTP in the figures).
//!
//! - neighbours at depth 2 around random seizures and purchasers (target p50 ≤ 50 ms);
//! - shortest paths of at most 6 hops between random pairs, the bidirectional search side by side
//!   with a one-directional breadth-first search on the same pairs (target p50 ≤ 200 ms);
//! - ring detection graded against the rings the seed planted (the ground truth is regenerated
//!   from the seed, never stored where the server could read it): precision and recall in the
//!   top 50 (target recall ≥ 0.9 at precision ≥ 0.8).

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use rand::{Rng, SeedableRng};

use super::stats::Summary;
use crate::model::*;
use crate::seed::{Scale, SeedConfig};
use crate::server::store::Store;
use crate::server::store::sqlite::SqliteStore;

#[derive(Debug, Clone)]
pub struct GraphBench {
    pub db: PathBuf,
    pub scale: Scale,
    pub seed: u64,
    /// Neighbourhoods and path pairs to time.
    pub queries: usize,
}

fn viewer() -> User {
    User {
        name: "bench".into(),
        agency: "bench".into(),
        country: Country::US,
        role: Role::Investigator,
    }
}

fn ids(c: &rusqlite::Connection, sql: &str) -> anyhow::Result<Vec<String>> {
    let mut st = c.prepare(sql)?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn run(b: GraphBench) -> anyhow::Result<()> {
    if !b.db.exists() {
        let cfg = SeedConfig {
            scale: b.scale,
            seed: b.seed,
            as_of: chrono::Local::now().date_naive(),
        };
        println!(
            "seeding {} ({} scale) — once; later runs reuse it…",
            b.db.display(),
            cfg.scale.as_str()
        );
        crate::cli::seed::seed_into(&b.db, &cfg)?;
    }
    let store = SqliteStore::open(&b.db)?;
    let raw = rusqlite::Connection::open(&b.db)?;
    let meta = |k: &str| -> anyhow::Result<String> {
        Ok(raw.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))?)
    };
    let seed: u64 = meta("seed")?.parse()?;
    let scale = Scale::parse(&meta("scale")?).unwrap_or(b.scale);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let seizures = ids(
        &raw,
        "SELECT DISTINCT seizure_id FROM traces WHERE status = 'completed' AND seizure_id IS NOT NULL",
    )?;
    let people = ids(
        &raw,
        "SELECT DISTINCT purchaser_id FROM traces WHERE status = 'completed' AND purchaser_id IS NOT NULL",
    )?;
    anyhow::ensure!(
        !seizures.is_empty() && !people.is_empty(),
        "the database has no completed traces"
    );
    let me = viewer();
    let n = b.queries.max(1);

    let mut hood = Vec::new();
    for i in 0..n {
        let pool = if i % 2 == 0 { &seizures } else { &people };
        let id = pool[rng.random_range(0..pool.len())].clone();
        let t = Instant::now();
        store.graph_neighbors(
            &NeighborQuery {
                id,
                depth: Some(2),
                limit: Some(1000),
            },
            &me,
        )?;
        hood.push(t.elapsed());
    }
    println!(
        "{}",
        Summary::of(hood)
            .map(|s| s.line("neighbours, depth 2 (≤1000 nodes)"))
            .unwrap_or_default()
    );

    let (mut two, mut one, mut found, mut visited2, mut visited1) =
        (Vec::new(), Vec::new(), 0, 0u64, 0u64);
    for _ in 0..n {
        let from = seizures[rng.random_range(0..seizures.len())].clone();
        let to = people[rng.random_range(0..people.len())].clone();
        let t = Instant::now();
        let q = PathQuery {
            from: from.clone(),
            to: to.clone(),
            max_hops: Some(6),
            k: Some(3),
        };
        match store.graph_paths(&q, &me) {
            Ok(set) => {
                found += usize::from(!set.paths.is_empty());
                visited2 += u64::from(set.visited);
            }
            Err(e) => println!("  paths {from} → {to}: {e}"),
        }
        two.push(t.elapsed());
        let t = Instant::now();
        let (_, v) = store.graph_paths_one_way(&from, &to, 6, &me)?;
        visited1 += v as u64;
        one.push(t.elapsed());
    }
    println!(
        "{}",
        Summary::of(two)
            .map(|s| s.line("paths ≤6 hops, bidirectional"))
            .unwrap_or_default()
    );
    println!(
        "{}",
        Summary::of(one)
            .map(|s| s.line("paths ≤6 hops, one-directional BFS"))
            .unwrap_or_default()
    );
    println!(
        "  {found}/{n} pairs joined within 6 hops; nodes visited per pair: {} bidirectional, {} one-directional",
        visited2 / n as u64,
        visited1 / n as u64
    );

    let planted = crate::seed::planted(seed, scale);
    for kind in [RingKind::Purchaser, RingKind::Dealer] {
        let t = Instant::now();
        let top = store.graph_rings(&RingQuery {
            kind: Some(kind),
            limit: Some(50),
        })?;
        let took = t.elapsed();
        let (hits, recall, truth) = match kind {
            RingKind::Purchaser => {
                let members: HashSet<&str> =
                    planted.rings.iter().flatten().map(String::as_str).collect();
                let hits = top
                    .iter()
                    .filter(|s| members.contains(s.id.as_str()))
                    .count();
                // Recall over the planted rings the top 50 could hold: the 50 with the most
                // traced guns (a ring is found when any of its members is listed).
                let mut sized: Vec<(usize, &Vec<String>)> = planted
                    .rings
                    .iter()
                    .map(|r| (ring_size(&raw, r), r))
                    .collect();
                sized.sort_by_key(|s| std::cmp::Reverse(s.0));
                let listed: HashSet<&str> = top.iter().map(|s| s.id.as_str()).collect();
                let best: Vec<_> = sized.iter().take(50.min(sized.len())).collect();
                let got = best
                    .iter()
                    .filter(|(_, r)| r.iter().any(|m| listed.contains(m.as_str())))
                    .count();
                (
                    hits,
                    got as f64 / best.len().max(1) as f64,
                    planted.rings.len(),
                )
            }
            RingKind::Dealer => {
                let hot: HashSet<&str> = planted.hot_dealers.iter().map(String::as_str).collect();
                let hits = top.iter().filter(|s| hot.contains(s.id.as_str())).count();
                (hits, hits as f64 / hot.len().max(1) as f64, hot.len())
            }
        };
        let k = top
            .len()
            .min(match kind {
                RingKind::Purchaser => 50,
                RingKind::Dealer => truth.min(50),
            })
            .max(1);
        let precision = top
            .iter()
            .take(k)
            .filter(|s| match kind {
                RingKind::Purchaser => planted.rings.iter().flatten().any(|m| m == &s.id),
                RingKind::Dealer => planted.hot_dealers.contains(&s.id),
            })
            .count() as f64
            / k as f64;
        println!(
            "rings, {kind}: {hits}/{} of the top 50 planted; precision@{k} {precision:.2}, recall {recall:.2} ({truth} planted); {:.0} ms",
            top.len(),
            took.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}

/// Completed traces leading to a ring's members.
fn ring_size(c: &rusqlite::Connection, members: &[String]) -> usize {
    members
        .iter()
        .map(|m| {
            c.query_row(
                "SELECT count(*) FROM traces WHERE purchaser_id = ?1",
                [m],
                |r| r.get::<_, i64>(0),
            )
            .unwrap_or(0) as usize
        })
        .sum()
}
