//! `fwc bench api`: serial search latency, list-page latency, the `/v1/stats` endpoints, trace
//! lookups per second and bytes on the wire, against the reference server over loopback on a
//! seeded database. With `--db postgres://…` the same run on PostgreSQL follows the one on
//! SQLite (`--sqlite FILE`), and a table puts the two side by side.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

use super::nodes::Nodes;
use super::stats::Summary;
use super::table::{Figures, side_by_side};
use crate::model::{Page, Seizure};
use crate::seed::{Scale, SeedConfig};
use crate::server::{ServerConfig, start};

/// What to measure against.
#[derive(Debug, Clone)]
pub struct ApiBench {
    /// The database measured: a SQLite file, or a PostgreSQL URL (then [`ApiBench::sqlite`]
    /// is measured too, and both are printed side by side).
    pub db: PathBuf,
    /// The SQLite file of a run on PostgreSQL (seeded first if missing; the PostgreSQL
    /// database is seeded from the same seed, scale and day when it is empty).
    pub sqlite: PathBuf,
    pub scale: Scale,
    pub seed: u64,
    /// Sequential queries per latency figure.
    pub queries: usize,
    /// Seconds of the throughput run.
    pub seconds: u64,
    /// Concurrent clients of the throughput run.
    pub concurrency: usize,
    /// Rounds of the lookup runs (1 node and 2, in turns first): each figure is their median.
    pub rounds: usize,
    /// Concurrent console users of the mixed workload.
    pub users: usize,
    /// Clients running long requests while a list page is timed.
    pub slow: usize,
    /// Only the trace-lookup rate (1 node, and 2 on PostgreSQL): what a change to the request
    /// path (authentication, audit) is measured with, in seconds instead of minutes.
    pub lookups_only: bool,
    /// Only the list pages whose label contains this text (no other figure): what a change
    /// to one list query is measured with.
    pub only: Option<String>,
}

pub async fn run(b: ApiBench) -> anyhow::Result<()> {
    let pg = crate::server::store::pg_url(&b.db).map(str::to_string);
    let sqlite = if pg.is_some() {
        b.sqlite.clone()
    } else {
        b.db.clone()
    };
    if !sqlite.exists() {
        let cfg = SeedConfig {
            scale: b.scale,
            seed: b.seed,
            as_of: chrono::Local::now().date_naive(),
        };
        seed(&sqlite, cfg).await?;
    }
    // Both engines hold the same records: the values to query are read once, from SQLite.
    let samples = sample(&sqlite)?;
    let lite = engine(&b, &sqlite, &sqlite, &samples).await?;
    let Some(url) = pg else { return Ok(()) };
    let db = b.db.clone();
    let empty = tokio::task::spawn_blocking(move || {
        crate::server::store::postgres::PgStore::open(&url)?.is_empty_for_import()
    })
    .await??;
    if empty {
        seed(&b.db, same_seed_as(&sqlite)?).await?;
    }
    let post = engine(&b, &db, &sqlite, &samples).await?;
    println!(
        "\nfwc bench api, both engines ({} firearms each):\n{}",
        samples.firearms,
        side_by_side("SQLite", &lite, "PostgreSQL", &post)
    );
    Ok(())
}

/// Seeds `db` (a file or a URL) with `cfg`, saying how long it took.
async fn seed(db: &Path, cfg: SeedConfig) -> anyhow::Result<()> {
    println!(
        "seeding {} ({} scale) — once; later runs reuse it…",
        crate::server::store::db_display(db),
        cfg.scale.as_str()
    );
    let t = Instant::now();
    let path = db.to_path_buf();
    let r = tokio::task::spawn_blocking(move || crate::cli::seed::seed_into(&path, &cfg)).await??;
    println!(
        "seeded {} firearms, {} seizures, {} traces in {:.1} s",
        r.firearms,
        r.seizures,
        r.traces,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The seed, scale and day the SQLite file was seeded with: PostgreSQL gets the same records.
pub(super) fn same_seed_as(sqlite: &Path) -> anyhow::Result<SeedConfig> {
    let c =
        rusqlite::Connection::open_with_flags(sqlite, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let meta = |k: &str| -> anyhow::Result<String> {
        Ok(c.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))?)
    };
    Ok(SeedConfig {
        scale: Scale::parse(&meta("scale")?)
            .ok_or_else(|| anyhow::anyhow!("{}: unknown seed scale", sqlite.display()))?,
        seed: meta("seed")?.parse()?,
        as_of: chrono::NaiveDate::parse_from_str(&meta("as_of")?, "%Y-%m-%d")?,
    })
}

/// Every figure of one engine: `db` served in this process (and by `fwc serve` processes for
/// the lookup rate); filter values come from the SQLite file `values`.
async fn engine(
    b: &ApiBench,
    db: &Path,
    values: &Path,
    samples: &Samples,
) -> anyhow::Result<Figures> {
    let mut figs = Figures::default();
    if b.lookups_only {
        let path = db.to_path_buf();
        let token = tokio::task::spawn_blocking(move || bench_token(&path)).await??;
        lookups(b, db, &token, samples, &mut figs).await?;
        return Ok(figs);
    }
    let mut cfg = ServerConfig::new(db.to_path_buf(), ([127, 0, 0, 1], 0).into());
    cfg.rate_limit = 0;
    // No trace is answered mid-run (a century's delay): both engines keep the seeded records,
    // and no long write holds the database while pages are timed.
    cfg.trace_delay = Duration::from_secs(100 * 365 * 86_400);
    let server = start(cfg).await?;
    let base = format!("http://{}", server.addr);
    let path = db.to_path_buf();
    let token = tokio::task::spawn_blocking(move || bench_token(&path)).await??;
    let http = reqwest::Client::builder()
        .no_gzip()
        .no_zstd()
        .pool_max_idle_per_host(b.concurrency)
        .build()?;
    let get = |path: String| {
        let rb = http.get(format!("{base}{path}")).bearer_auth(&token);
        async move {
            let r = rb.send().await?;
            anyhow::ensure!(r.status().is_success(), "{} answered {}", path, r.status());
            Ok::<_, anyhow::Error>(r.bytes().await?)
        }
    };
    println!(
        "\nfwc bench api — {} firearms in {}, server on {base}, {} CPUs",
        samples.firearms,
        crate::server::store::db_display(db),
        num_cpus()
    );
    if let Some(only) = b.only.as_deref() {
        let queries = b.queries.min(200);
        super::api_lists::lists(&http, &base, &token, values, Some(only), queries, &mut figs)
            .await?;
        server.shutdown().await?;
        return Ok(figs);
    }

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(b.seed);
    for (label, make) in [
        ("serial search, exact", 0u8),
        ("serial search, prefix (ABC*)", 1),
        ("serial search, partial (*1234*)", 2),
        ("serial search, partial with ? (*123?5*)", 3),
        ("serial search, short runs (*12?4*), scan", 4),
    ] {
        // Patterns without three literal characters in a row cannot use the trigram index.
        let n = if make == 4 {
            b.queries.min(50)
        } else {
            b.queries
        };
        let mut lat = Vec::with_capacity(n);
        for _ in 0..n {
            let s = &samples.serials[rng.random_range(0..samples.serials.len())];
            let pattern = pattern_for(s, make, &mut rng);
            let t = Instant::now();
            get(format!("/v1/firearms?limit=50&serial={pattern}")).await?;
            lat.push(t.elapsed());
        }
        figs.latency("", label, Summary::of(lat), "");
    }

    let mut lat = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..b.queries.min(500) {
        let path = match &cursor {
            Some(c) => format!("/v1/seizures?limit=100&cursor={c}"),
            None => "/v1/seizures?limit=100".to_string(),
        };
        let t = Instant::now();
        let body = get(path).await?;
        lat.push(t.elapsed());
        let page: Page<Seizure> = serde_json::from_slice(&body)?;
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    figs.latency(
        "",
        "seizure list page (100 rows, paging)",
        Summary::of(lat),
        "",
    );

    super::api_lists::lists(
        &http,
        &base,
        &token,
        values,
        None,
        b.queries.min(200),
        &mut figs,
    )
    .await?;
    super::api_lists::starvation(&http, &base, &token, b.slow, b.seconds, &mut figs).await?;
    super::api_lists::mixed(
        &base,
        &token,
        b.users,
        b.seconds,
        &samples.serials,
        b.seed,
        &mut figs,
    )
    .await?;
    println!();
    super::outcomes::run(&http, &base, &token, values, b.queries.min(200), b.seed).await?;

    println!("\nbytes on the wire, one 1,000-seizure page:");
    let mut identity = 0usize;
    for enc in ["identity", "gzip", "zstd"] {
        let r = http
            .get(format!("{base}/v1/seizures?limit=1000"))
            .bearer_auth(&token)
            .header("Accept-Encoding", enc)
            .send()
            .await?;
        let n = r.bytes().await?.len();
        if enc == "identity" {
            identity = n;
        }
        println!(
            "  {enc:<9} {n:>10} bytes  ({:.1}× smaller)",
            identity as f64 / n.max(1) as f64
        );
    }
    server.shutdown().await?;
    lookups(b, db, &token, samples, &mut figs).await?;
    Ok(figs)
}

/// Lookups against `fwc serve` processes, as deployed: one node, and on PostgreSQL two nodes
/// over the same database with the clients split between them.
async fn lookups(
    b: &ApiBench,
    db: &Path,
    token: &str,
    samples: &Samples,
    figs: &mut Figures,
) -> anyhow::Result<()> {
    let nodes = if crate::server::store::pg_url(db).is_some() {
        2
    } else {
        1
    };
    // Rounds alternate the order of the node counts (1, 2, then 2, 1), so that neither always
    // runs first (before the other's vacuum and checkpoint work, or on a cooler cache); each
    // count's figure is its median over the rounds.
    let mut rates: Vec<Vec<f64>> = vec![Vec::new(); nodes];
    for round in 1..=b.rounds.max(1) {
        let order: Vec<usize> = if round % 2 == 1 {
            (1..=nodes).collect()
        } else {
            (1..=nodes).rev().collect()
        };
        for n in order {
            let path = db.to_path_buf();
            let running = tokio::task::spawn_blocking(move || Nodes::start(&path, n)).await??;
            let rps = throughput(
                &running.bases,
                token,
                &samples.trace_ids,
                b.seconds,
                b.concurrency,
            )
            .await?;
            drop(running);
            println!(
                "{:<38} {rps:>8.0} requests/s  (round {round}, {} concurrent clients, {} s)",
                lookups_label(n),
                b.concurrency,
                b.seconds
            );
            rates[n - 1].push(rps);
        }
    }
    for (i, mut r) in rates.into_iter().enumerate() {
        let label = lookups_label(i + 1);
        let median = super::stats::median(&mut r);
        println!(
            "{label:<38} {median:>8.0} requests/s  (median of {} rounds; target ≥ 5,000/s)",
            r.len()
        );
        figs.rate(&label, median);
    }
    Ok(())
}

fn lookups_label(nodes: usize) -> String {
    format!(
        "trace lookups/s, {nodes} node{}",
        if nodes == 1 { "" } else { "s" }
    )
}

struct Samples {
    firearms: u64,
    serials: Vec<String>,
    trace_ids: Vec<String>,
}

/// Serials and trace ids to query, drawn deterministically from the database.
fn sample(db: &Path) -> anyhow::Result<Samples> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let firearms: u64 = c.query_row("SELECT count(*) FROM firearms", [], |r| r.get(0))?;
    let mut st = c.prepare("SELECT serial FROM firearms WHERE obliterated = 0 AND length(serial) >= 7 AND rowid % 97 = 3 LIMIT 5000")?;
    let serials = st
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    let mut st = c.prepare("SELECT id FROM traces WHERE rowid % 13 = 5 LIMIT 20000")?;
    let trace_ids = st
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    anyhow::ensure!(
        !serials.is_empty() && !trace_ids.is_empty(),
        "the database has no firearms or traces to query"
    );
    Ok(Samples {
        firearms,
        serials,
        trace_ids,
    })
}

/// A search pattern of the given kind built from a real serial.
fn pattern_for(serial: &str, kind: u8, rng: &mut impl Rng) -> String {
    let n = serial.len();
    let start = rng.random_range(0..=n.saturating_sub(5));
    match kind {
        0 => serial.to_string(),
        1 => format!("{}*", &serial[..4.min(n)]),
        2 => format!("*{}*", &serial[start..(start + 4).min(n)]),
        3 => {
            let start = start.min(n.saturating_sub(6));
            let mut part: Vec<char> = serial[start..(start + 6).min(n)].chars().collect();
            if part.len() > 3 {
                part[3] = '?';
            }
            format!("*{}*", part.into_iter().collect::<String>())
        }
        _ => {
            let mut part: Vec<char> = serial[start..(start + 5).min(n)].chars().collect();
            if part.len() > 2 {
                part[2] = '?';
            }
            format!("*{}*", part.into_iter().collect::<String>())
        }
    }
}

/// Trace lookups per second by `concurrency` clients spread over the nodes at `bases`.
async fn throughput(
    bases: &[String],
    token: &str,
    ids: &[String],
    seconds: u64,
    concurrency: usize,
) -> anyhow::Result<f64> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let ids = Arc::new(ids.to_vec());
    let mut tasks = Vec::new();
    for w in 0..concurrency {
        let (http, done, ids, base, token) = (
            http.clone(),
            done.clone(),
            ids.clone(),
            bases[w % bases.len()].clone(),
            token.to_string(),
        );
        tasks.push(tokio::spawn(async move {
            let mut i = w * 7919;
            while Instant::now() < deadline {
                let id = &ids[i % ids.len()];
                i += 1;
                let r = http
                    .get(format!("{base}/v1/traces/{id}"))
                    .bearer_auth(&token)
                    .send()
                    .await?;
                anyhow::ensure!(
                    r.status().is_success(),
                    "trace lookup answered {}",
                    r.status()
                );
                r.bytes().await?;
                done.fetch_add(1, Ordering::Relaxed);
            }
            Ok::<_, anyhow::Error>(())
        }));
    }
    let started = Instant::now();
    for t in tasks {
        t.await??;
    }
    Ok(done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// A machine token of the database's first investigator, made for this run (expiring in a
/// day): the seed's demo secrets were printed once and are not kept. Blocks its thread.
fn bench_token(db: &Path) -> anyhow::Result<String> {
    use crate::server::store::NewApiToken;
    let store = crate::server::store::open(db)?;
    let user = store
        .accounts()?
        .into_iter()
        .find(|a| a.user.role == crate::model::Role::Investigator && !a.disabled)
        .ok_or_else(|| anyhow::anyhow!("the database has no investigator"))?;
    let token = crate::server::auth::new_token();
    store.add_api_token(&NewApiToken {
        token_hash: crate::server::auth::hash_token(&token),
        user_name: user.user.name,
        label: "fwc bench api".into(),
        role: user.user.role,
        expires_at: Some(chrono::Utc::now() + chrono::Duration::days(1)),
    })?;
    Ok(token)
}
