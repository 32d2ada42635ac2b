//! `fwc bench graph`: link-graph latency and ring detection on a seeded database, measured on
//! the store calls the `/v1/graph` routes make (no HTTP in the figures), on SQLite and — with
//! `--db postgres://…` — on PostgreSQL too, both printed side by side as `fwc bench api` does.
//!
//! - neighbours at depth 2 around random seizures and purchasers (target p50 ≤ 50 ms);
//! - shortest paths of at most 6 hops between random pairs, the bidirectional search side by side
//!   with a one-directional breadth-first search on the same pairs (target p50 ≤ 200 ms);
//! - ring detection graded against the rings the seed planted (the ground truth is regenerated
//!   from the seed, never stored where the server could read it): precision and recall in the
//!   top 50 (target recall ≥ 0.9 at precision ≥ 0.8).
//!
//! The ids queried are read through the store (pages of completed traces), so both engines are
//! asked about the same records.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use rand::{Rng, SeedableRng};

use super::stats::Summary;
use super::table::{Figures, side_by_side};
use crate::model::*;
use crate::seed::{Scale, SeedConfig};
use crate::server::store::postgres::PgStore;
use crate::server::store::sqlite::SqliteStore;
use crate::server::store::{Store, StoreResult};

#[derive(Debug, Clone)]
pub struct GraphBench {
    /// A SQLite file, or a PostgreSQL URL (then [`GraphBench::sqlite`] is measured too).
    pub db: PathBuf,
    /// The SQLite side of a run on PostgreSQL (the PostgreSQL database is seeded like it when
    /// empty).
    pub sqlite: PathBuf,
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

pub fn run(b: GraphBench) -> anyhow::Result<()> {
    let pg = crate::server::store::pg_url(&b.db).map(str::to_string);
    let sqlite = if pg.is_some() { &b.sqlite } else { &b.db };
    if !sqlite.exists() {
        let cfg = SeedConfig {
            scale: b.scale,
            seed: b.seed,
            as_of: chrono::Local::now().date_naive(),
        };
        println!(
            "seeding {} ({} scale) — once; later runs reuse it…",
            sqlite.display(),
            cfg.scale.as_str()
        );
        crate::cli::seed::seed_into(sqlite, &cfg)?;
    }
    let lite = {
        let store = SqliteStore::open(sqlite)?;
        let raw = rusqlite::Connection::open_with_flags(
            sqlite,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        let meta = |k: &str| -> anyhow::Result<Option<String>> {
            Ok(raw
                .query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
                .ok())
        };
        let seeded = seeded_with(meta("seed")?, meta("scale")?, &b)?;
        println!("\nfwc bench graph — {}", sqlite.display());
        let one_way = |f: &str, t: &str, h: u32, v: &User| store.graph_paths_one_way(f, t, h, v);
        engine(&store, &one_way, seeded, b.queries)?
    };
    let Some(url) = pg else { return Ok(()) };
    let store = PgStore::open(&url)?;
    if store.is_empty_for_import()? {
        let cfg = super::api::same_seed_as(sqlite)?;
        println!(
            "seeding {} like {} — once…",
            crate::server::store::db_display(&b.db),
            sqlite.display()
        );
        crate::cli::seed::seed_into(&b.db, &cfg)?;
    }
    let seeded = seeded_with(store.meta("seed")?, store.meta("scale")?, &b)?;
    println!(
        "\nfwc bench graph — {}",
        crate::server::store::db_display(&b.db)
    );
    let one_way = |f: &str, t: &str, h: u32, v: &User| store.graph_paths_one_way(f, t, h, v);
    let post = engine(&store, &one_way, seeded, b.queries)?;
    println!(
        "\nfwc bench graph, both engines:\n{}",
        side_by_side("SQLite", &lite, "PostgreSQL", &post)
    );
    Ok(())
}

/// The seed and scale a database was seeded with (the planted rings follow from them); the
/// command line's where the database does not say.
fn seeded_with(
    seed: Option<String>,
    scale: Option<String>,
    b: &GraphBench,
) -> anyhow::Result<(u64, Scale)> {
    let seed = match seed {
        Some(s) => s.parse()?,
        None => b.seed,
    };
    let scale = scale.as_deref().and_then(Scale::parse).unwrap_or(b.scale);
    Ok((seed, scale))
}

/// Pages of completed traces read to pick the seizures and purchasers queried.
const SAMPLE_PAGES: usize = 5;

/// Seizures and purchasers of completed traces (the newest [`SAMPLE_PAGES`] pages of 1,000),
/// through the store: the same records on either engine.
fn sample(store: &dyn Store) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let (mut seizures, mut people) = (Vec::new(), Vec::new());
    let (mut seen_s, mut seen_p) = (HashSet::new(), HashSet::new());
    let mut cursor = None;
    for _ in 0..SAMPLE_PAGES {
        let page = store.list_traces(&TraceQuery {
            status: Some(TraceStatus::Completed),
            limit: Some(1000),
            cursor: cursor.take(),
            ..TraceQuery::default()
        })?;
        for t in page.items {
            if let Some(s) = t.seizure_id.filter(|s| seen_s.insert(s.clone())) {
                seizures.push(s);
            }
            if let Some(p) = t.purchaser_id.filter(|p| seen_p.insert(p.clone())) {
                people.push(p);
            }
        }
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    Ok((seizures, people))
}

/// The one-directional search each engine has beside the trait's (bench only).
type OneWay<'a> = &'a dyn Fn(&str, &str, u32, &User) -> StoreResult<(Option<usize>, usize)>;

/// Every figure of one engine, printed as measured.
fn engine(
    store: &dyn Store,
    one_way: OneWay<'_>,
    (seed, scale): (u64, Scale),
    queries: usize,
) -> anyhow::Result<Figures> {
    let mut figs = Figures::default();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let (seizures, people) = sample(store)?;
    anyhow::ensure!(
        !seizures.is_empty() && !people.is_empty(),
        "the database has no completed traces"
    );
    let me = viewer();
    let n = queries.max(1);

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
    figs.latency(
        "",
        "neighbours, depth 2 (≤1000 nodes)",
        Summary::of(hood),
        "",
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
        let (_, v) = one_way(&from, &to, 6, &me)?;
        visited1 += v as u64;
        one.push(t.elapsed());
    }
    figs.latency("", "paths ≤6 hops, bidirectional", Summary::of(two), "");
    figs.latency(
        "",
        "paths ≤6 hops, one-directional BFS",
        Summary::of(one),
        "",
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
                    .map(|r| (ring_size(store, r), r))
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
        figs.latency(
            "",
            &format!("rings, {kind} (top 50)"),
            Summary::of(vec![took]),
            "",
        );
    }
    Ok(figs)
}

/// Traces leading to a ring's members (a member has far fewer than 1,000).
fn ring_size(store: &dyn Store, members: &[String]) -> usize {
    members
        .iter()
        .map(|m| {
            store
                .list_traces(&TraceQuery {
                    purchaser_id: Some(m.clone()),
                    limit: Some(1000),
                    ..TraceQuery::default()
                })
                .map(|p| p.items.len())
                .unwrap_or(0)
        })
        .sum()
}
