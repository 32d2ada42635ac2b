//! The `/v1/stats/…` part of `fwc bench api`: each endpoint queried with windows, agencies and
//! countries drawn at random (the same draws every run), after one first request that reads the
//! facts into memory (timed apart: it is what a request right after a write pays).

use std::path::Path;
use std::time::Instant;

use rand::{Rng, SeedableRng};

use super::stats::{Summary, ms};

/// Prints the figures of the four stats endpoints.
pub async fn run(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    db: &Path,
    queries: usize,
    seed: u64,
) -> anyhow::Result<()> {
    let agencies = agencies(db)?;
    let get = |path: String| {
        let rb = http.get(format!("{base}{path}")).bearer_auth(token);
        async move {
            let r = rb.send().await?;
            anyhow::ensure!(r.status().is_success(), "{} answered {}", path, r.status());
            Ok::<_, anyhow::Error>(r.bytes().await?.len())
        }
    };
    let t = Instant::now();
    get("/v1/stats/measures".into()).await?;
    println!(
        "{:<38} {:>8.0} ms  (reads the facts into memory: once, and after each write)",
        "stats, first request",
        ms(t.elapsed())
    );
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let today = chrono::Utc::now().date_naive();
    for endpoint in ["measures", "traces", "seizures", "leads"] {
        let mut lat = Vec::with_capacity(queries);
        for i in 0..queries {
            let days = [30, 90, 365, 1095][rng.random_range(0..4)];
            let to = today - chrono::Duration::days(rng.random_range(0..365));
            let from = to - chrono::Duration::days(days - 1);
            let mut q = format!("from={from}&to={to}");
            match i % 3 {
                1 => q.push_str(["&country=MX", "&country=US"][rng.random_range(0..2)]),
                2 if !agencies.is_empty() => {
                    let a = &agencies[rng.random_range(0..agencies.len())];
                    q.push_str(&format!("&agency={}", a.replace(' ', "%20")));
                }
                _ => {}
            }
            let t = Instant::now();
            get(format!("/v1/stats/{endpoint}?{q}")).await?;
            lat.push(t.elapsed());
        }
        if let Some(s) = Summary::of(lat) {
            println!("{}", s.line(&format!("GET /v1/stats/{endpoint}")));
        }
    }
    Ok(())
}

/// Requesting agencies to filter by (plain names: letters, digits, spaces).
fn agencies(db: &Path) -> anyhow::Result<Vec<String>> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut st = c.prepare("SELECT DISTINCT requesting_agency FROM traces LIMIT 30")?;
    let names = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(names
        .into_iter()
        .filter(|n| n.chars().all(|c| c.is_alphanumeric() || c == ' '))
        .collect())
}
