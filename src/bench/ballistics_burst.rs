//! `fwc bench ballistics --burst N`: N acquisitions posted to a real server (loopback, a
//! temporary database holding `stored` casings of one calibre class) while one client keeps
//! reading the API; prints the reads' latency before and during the burst, the POSTs' latency
//! and the time until the correlation queue has ranked every casing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;

use super::stats::Summary;
use crate::ballistics::synth;
use crate::model::{Casing, CasingSource, Country, NewCasing, Role, User};
use crate::server::auth::hash_token;
use crate::server::store::sqlite::SqliteStore;
use crate::server::store::{CasingRow, ImportBatch, Store, StoredUser};
use crate::server::{ServerConfig, start};

const TOKEN: &str = "bench-burst-token";
/// Concurrent clients posting the burst.
const POSTERS: usize = 4;

pub async fn run(burst: usize, stored: usize, seed: u64) -> anyhow::Result<()> {
    // A fresh database of its own, removed afterwards (with its WAL files).
    let db = std::env::temp_dir().join(format!("fwc-bench-burst-{}.db", std::process::id()));
    let result = measure(&db, burst, stored, seed).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    result
}

async fn measure(
    db: &std::path::Path,
    burst: usize,
    stored: usize,
    seed: u64,
) -> anyhow::Result<()> {
    println!(
        "fwc bench ballistics --burst — {burst} acquisitions against {stored} stored casings (9mm), server on loopback"
    );
    let t = Instant::now();
    let path = db.to_path_buf();
    tokio::task::spawn_blocking(move || prepare(&path, stored, seed)).await??;
    println!(
        "  stored casings imported in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let mut cfg = ServerConfig::new(db.to_path_buf(), ([127, 0, 0, 1], 0).into());
    cfg.rate_limit = 0;
    let server = start(cfg).await?;
    let base = format!("http://{}", server.addr);
    let http = reqwest::Client::new();

    // One acquisition first, so the calibre class's index is built before the clock starts.
    let t = Instant::now();
    post(&http, &base, &new_casing("warm", 0, seed), "warm").await?;
    server.correlations_settled().await;
    println!(
        "  index built and first casing ranked in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let quiet = reads_while(&http, &base, async {
        tokio::time::sleep(Duration::from_secs(2)).await;
    })
    .await;

    let started = Instant::now();
    let mut posted: Option<(Vec<Duration>, Duration)> = None;
    let during = reads_while(&http, &base, async {
        let lat = post_burst(&http, &base, burst, seed).await;
        posted = Some((lat, started.elapsed()));
        server.correlations_settled().await;
    })
    .await;
    let drained = started.elapsed();
    let (post_lat, post_time) = posted.unwrap_or_default();
    print_summary("reads, quiet (lead list + casing list)", quiet);
    print_summary("reads during the burst", during);
    print_summary("POST /v1/ballistics/casings", post_lat);
    println!(
        "  burst posted in {:.1} s; every list ranked after {:.1} s ({:.1} casings/s)",
        post_time.as_secs_f64(),
        drained.as_secs_f64(),
        burst as f64 / drained.as_secs_f64().max(1e-9)
    );
    server.shutdown().await?;
    Ok(())
}

fn print_summary(label: &str, samples: Vec<Duration>) {
    match Summary::of(samples) {
        Some(s) => println!("  {}", s.line(label)),
        None => println!("  {label}: no samples"),
    }
}

/// A database with the bench user and `stored` casings of distinct synthetic guns.
fn prepare(path: &std::path::Path, stored: usize, seed: u64) -> anyhow::Result<()> {
    let store = SqliteStore::open(path)?;
    store.add_user(&StoredUser {
        user: User {
            name: "bench.tech".into(),
            agency: "ATF Phoenix FD".into(),
            country: Country::US,
            role: Role::Technician,
        },
        token_hash: hash_token(TOKEN),
    })?;
    let now = chrono::Utc::now();
    let mut batch = ImportBatch::default();
    for i in 0..stored {
        let img = synth::fire(&format!("BG-{i}"), "9mm", 0, seed);
        batch.casings.push(CasingRow {
            casing: Casing {
                id: format!("BC-{:06}", i + 1),
                source: CasingSource::Scene,
                incident_id: format!("INC-BENCH-{i}"),
                caliber_class: "9mm".into(),
                recovered_at: now,
                acquired_at: now,
                place: "Culiacán, Sinaloa".into(),
                seizure_id: None,
                firearm_id: None,
                case_ids: Vec::new(),
                image_size: img.width as u32,
                image: None,
            },
            image: img.pixels,
            reviewed: Some((now, "bench.tech".into())),
            gun_key: None,
        });
    }
    store.import(&batch)?;
    // Imported ids start past the stored ones.
    store.import_meta_and_counters(&[], &[("casing".into(), stored as i64)])?;
    Ok(())
}

fn new_casing(tag: &str, i: usize, seed: u64) -> NewCasing {
    // Every third acquisition comes from a stored casing's gun, like a scene tied to an earlier one.
    let gun = if i.is_multiple_of(3) {
        format!("BG-{i}")
    } else {
        format!("NEW-{tag}-{i}")
    };
    let img = synth::fire(&gun, "9mm", 1, seed);
    NewCasing {
        source: CasingSource::Scene,
        incident_id: format!("INC-{tag}-{i}"),
        caliber_class: "9mm".into(),
        recovered_at: chrono::Utc::now(),
        place: "Culiacán, Sinaloa".into(),
        seizure_id: None,
        firearm_id: None,
        image_size: img.width as u32,
        image: base64::engine::general_purpose::STANDARD.encode(&img.pixels),
    }
}

async fn post(
    http: &reqwest::Client,
    base: &str,
    c: &NewCasing,
    key: &str,
) -> anyhow::Result<Duration> {
    let t = Instant::now();
    let r = http
        .post(format!("{base}/v1/ballistics/casings"))
        .bearer_auth(TOKEN)
        .header("Idempotency-Key", key)
        .json(c)
        .send()
        .await?;
    anyhow::ensure!(
        r.status().is_success(),
        "acquisition answered {}",
        r.status()
    );
    Ok(t.elapsed())
}

/// Posts `n` acquisitions from [`POSTERS`] concurrent clients; their latencies.
async fn post_burst(http: &reqwest::Client, base: &str, n: usize, seed: u64) -> Vec<Duration> {
    let mut tasks = Vec::new();
    for p in 0..POSTERS {
        let (http, base) = (http.clone(), base.to_string());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            for i in (p..n).step_by(POSTERS) {
                match post(
                    &http,
                    &base,
                    &new_casing("burst", i, seed),
                    &format!("b{i}"),
                )
                .await
                {
                    Ok(d) => lat.push(d),
                    Err(e) => eprintln!("  acquisition {i} failed: {e}"),
                }
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    all
}

/// Reads the lead queue and a casing page back to back until `work` completes; latencies.
async fn reads_while(
    http: &reqwest::Client,
    base: &str,
    work: impl std::future::Future<Output = ()>,
) -> Vec<Duration> {
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (http, base, stop) = (http.clone(), base.to_string(), stop.clone());
        tokio::spawn(async move {
            let mut lat = Vec::new();
            let paths = [
                "/v1/ballistics/leads?limit=50",
                "/v1/ballistics/casings?limit=50",
            ];
            while !stop.load(Ordering::Relaxed) {
                for p in paths {
                    let t = Instant::now();
                    let ok = http
                        .get(format!("{base}{p}"))
                        .bearer_auth(TOKEN)
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success());
                    if ok {
                        lat.push(t.elapsed());
                    }
                }
            }
            lat
        })
    };
    work.await;
    stop.store(true, Ordering::Relaxed);
    reader.await.unwrap_or_default()
}
