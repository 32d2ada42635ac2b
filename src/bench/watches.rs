//! `fwc bench watches`: what matching a change against the watches costs, with 10 watches and
//! with 10,000 side by side (the cost should stay flat), in two parts:
//! - the matcher alone: synthetic changes of every kind (new seizures with their guns, completed
//!   traces, leads and hits, notes) replayed against watches of every kind;
//! - the whole evaluation on a real SQLite store: new seizures written, then the evaluator reads
//!   each change's facts from the store, matches, checks need-to-know and writes the alerts
//!   (serial, model and seizure-filter watches: the kinds that need no other records).

use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::*;
use crate::server::auth::hash_token;
use crate::server::store::sqlite::SqliteStore;
use crate::server::store::{Store, StoredUser};
use crate::server::watches::{Facts, Matcher, Registry, SeizureFacts, WatchRow, evaluate_batch};

/// What to run.
#[derive(Debug, Clone)]
pub struct WatchBench {
    /// Watches in the large set (the small set is 10).
    pub watches: usize,
    /// Changes replayed through the matcher.
    pub events: usize,
    /// Seizures written for the evaluation on a real store (0 skips it).
    pub store_events: usize,
    pub seed: u64,
}

/// Synthetic makes (`Make 0`…), each with models `Model 0`…; calibres by model.
const MAKES: u32 = 40;
const MODELS: u32 = 10;
const CALIBRES: &[&str] = &["9mm Luger", ".223 Rem", "7.62x39mm", ".38 Super"];
const PREFIXES: &[&str] = &["RX", "SC9-", "AW", "BP", "MZ", "LMR", "LD", "RAK"];
const STATES: &[&str] = &[
    "Sonora",
    "Baja California",
    "Chihuahua",
    "Nuevo León",
    "Tamaulipas",
    "Jalisco",
    "Sinaloa",
    "Guanajuato",
    "Michoacán",
    "Zacatecas",
    "Coahuila",
    "Durango",
    "Guerrero",
    "Estado de México",
    "Veracruz",
    "Texas",
    "Arizona",
    "California",
    "New Mexico",
    "Puebla",
];
const PORTS: &[&str] = &["Laredo", "Nogales", "El Paso", "San Ysidro", "Douglas"];
const AGENCIES: &[&str] = &[
    "FGR",
    "SEDENA",
    "CBP",
    "HSI El Paso",
    "FGE Sonora",
    "FGE Chihuahua",
    "SSPC",
    "Guardia Nacional",
    "FGE Jalisco",
    "ATF Phoenix FD",
    "HSI Laredo",
    "FGE Tamaulipas",
];

fn make_model(r: &mut ChaCha8Rng) -> (String, String, String) {
    let m = r.random_range(0..MAKES);
    let n = r.random_range(0..MODELS);
    let cal = CALIBRES[((m + n) as usize) % CALIBRES.len()];
    (format!("Make {m}"), format!("Model {n}"), cal.to_string())
}

/// Sizes of the synthetic id spaces: watches and changes draw from the same ones, so some
/// changes fire some watches.
const SERIALS: u32 = 200_000;
const IDS: u32 = 50_000;

fn serial(r: &mut ChaCha8Rng) -> String {
    let p = PREFIXES[r.random_range(0..PREFIXES.len())];
    format!("{p}{:07}", r.random_range(0..SERIALS))
}

fn id(r: &mut ChaCha8Rng, prefix: &str) -> String {
    format!("{prefix}-{:07}", r.random_range(0..IDS))
}

fn pick<'a>(r: &mut ChaCha8Rng, xs: &[&'a str]) -> &'a str {
    xs[r.random_range(0..xs.len())]
}

/// A watch of a kind drawn in rough proportion to what investigators save.
fn synthetic_watch(r: &mut ChaCha8Rng, i: usize, store_kinds_only: bool) -> NewWatch {
    let roll = r.random_range(0..100);
    // The kinds a store without other records can hold, in the same proportions.
    let roll = if store_kinds_only {
        roll * 45 / 100
    } else {
        roll
    };
    let (kind, value, filter) = match roll {
        0..=29 => (WatchKind::Serial, Some(serial(r)), None),
        30..=34 => {
            let s = serial(r);
            (
                WatchKind::Serial,
                Some(format!("{}*", &s[..s.len() - 3])),
                None,
            )
        }
        35..=39 => {
            // A lab's partial read: a run of three, one unreadable character, two more.
            let s = serial(r);
            let tail = &s[s.len() - 6..];
            (
                WatchKind::Serial,
                Some(format!("*{}?{}", &tail[..3], &tail[4..])),
                None,
            )
        }
        40..=41 => {
            let (make, model, _) = make_model(r);
            (WatchKind::Model, Some(format!("{make}/{model}")), None)
        }
        42..=44 => {
            let f = SeizureFilter {
                port: r.random_bool(0.5).then(|| pick(r, PORTS).to_string()),
                state: Some(pick(r, STATES).to_string()),
                agency: Some(pick(r, AGENCIES).to_string()),
                item: r.random_bool(0.3).then_some(ItemKind::Magazine),
                ..SeizureFilter::default()
            };
            (WatchKind::Seizures, None, Some(f))
        }
        45..=56 => (WatchKind::Firearm, Some(id(r, "FA")), None),
        57..=68 => (WatchKind::Purchaser, Some(id(r, "PR")), None),
        69..=80 => (WatchKind::Dealer, Some(id(r, "FFL")), None),
        81..=87 => (WatchKind::Casing, Some(id(r, "BC")), None),
        88..=93 => (WatchKind::Cluster, Some(id(r, "BC")), None),
        _ => (WatchKind::Case, Some(id(r, "CS")), None),
    };
    NewWatch {
        name: format!("watch {i}"),
        kind,
        value,
        filter,
    }
}

fn guns(r: &mut ChaCha8Rng, f: &mut Facts, n: usize) {
    for _ in 0..n {
        f.serials.push(serial(r));
        f.firearms.push(id(r, "FA"));
        f.models.push(make_model(r));
    }
}

/// A change: 40% new seizures (1–4 guns), 30% completed traces, 15% leads, 15% notes.
fn synthetic_facts(r: &mut ChaCha8Rng) -> Facts {
    let mut f = Facts::default();
    match r.random_range(0..100) {
        0..=39 => {
            let n = r.random_range(1..=4);
            guns(r, &mut f, n);
            let port = r.random_bool(0.4).then(|| pick(r, PORTS).to_string());
            f.seizure = Some(SeizureFacts {
                country: if port.is_some() {
                    Country::US
                } else {
                    Country::MX
                },
                port,
                state: pick(r, STATES).into(),
                agency: pick(r, AGENCIES).into(),
                kind: SeizureKind::CrimeScene,
                items: vec![ItemKind::Firearm, ItemKind::Magazine],
            });
        }
        40..=69 => {
            guns(r, &mut f, 1);
            f.dealers.push(id(r, "FFL"));
            f.purchasers.push(id(r, "PR"));
        }
        70..=84 => {
            f.casings = vec![id(r, "BC"), id(r, "BC")];
            f.cluster = (0..r.random_range(2..6)).map(|_| id(r, "BC")).collect();
        }
        _ => f.case = Some(id(r, "CS")),
    }
    f
}

fn rows(r: &mut ChaCha8Rng, n: usize) -> Vec<WatchRow> {
    let owner = User {
        name: "bench".into(),
        agency: "ATF Phoenix FD".into(),
        country: Country::US,
        role: Role::Investigator,
    };
    (0..n)
        .map(|i| {
            let w = synthetic_watch(r, i, false);
            let value = w.value.map(|v| match w.kind {
                WatchKind::Serial => v.to_ascii_uppercase(),
                _ => v,
            });
            WatchRow {
                watch: Watch {
                    id: format!("WA-{i:07}"),
                    name: w.name,
                    kind: w.kind,
                    value,
                    filter: w.filter,
                    paused: false,
                    created_at: chrono::Utc::now(),
                    fired: 0,
                },
                owner: owner.clone(),
                since_event: 0,
            }
        })
        .collect()
}

/// Matcher-only figures for one watch count: (build time, replay time, matches).
fn replay(seed: u64, watches: usize, events: &[Facts]) -> (Duration, Duration, usize) {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    let rows = rows(&mut r, watches);
    let t = Instant::now();
    let m = Matcher::new(rows);
    let build = t.elapsed();
    let t = Instant::now();
    let fired: usize = events.iter().map(|f| m.matches(f).len()).sum();
    (build, t.elapsed(), fired)
}

fn per_second(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64().max(1e-9)
}

pub fn run(b: WatchBench) -> anyhow::Result<()> {
    let mut r = ChaCha8Rng::seed_from_u64(b.seed ^ 0x5eed);
    let events: Vec<Facts> = (0..b.events.max(1))
        .map(|_| synthetic_facts(&mut r))
        .collect();
    println!(
        "matcher only: {} synthetic changes (seizures, traces, leads, notes) against watches of every kind",
        events.len()
    );
    println!(
        "{:>8}  {:>10}  {:>14}  {:>12}  {:>8}",
        "watches", "build ms", "events/s", "µs/event", "fired"
    );
    for n in [10, b.watches] {
        let (build, took, fired) = replay(b.seed, n, &events);
        println!(
            "{n:>8}  {:>10.2}  {:>14.0}  {:>12.3}  {fired:>8}",
            build.as_secs_f64() * 1e3,
            per_second(events.len(), took),
            took.as_secs_f64() * 1e6 / events.len() as f64,
        );
    }
    if b.store_events > 0 {
        println!(
            "whole evaluation on SQLite: {} new seizures (facts read, matched, need-to-know, alerts written)",
            b.store_events
        );
        println!(
            "{:>8}  {:>14}  {:>12}  {:>8}",
            "watches", "events/s", "µs/event", "alerts"
        );
        for n in [10, b.watches] {
            let (took, alerts) = on_store(b.seed, n, b.store_events)?;
            println!(
                "{n:>8}  {:>14.0}  {:>12.1}  {alerts:>8}",
                per_second(b.store_events, took),
                took.as_secs_f64() * 1e6 / b.store_events as f64,
            );
        }
    }
    Ok(())
}

/// Writes `watches` watches (spread over users, at most 200 each) and `events` seizures into a
/// new store, then times the evaluator catching up with them.
fn on_store(seed: u64, watches: usize, events: usize) -> anyhow::Result<(Duration, usize)> {
    let dir = tempfile_dir()?;
    let store = SqliteStore::open(&dir.join("bench-watches.db"))?;
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    let per_user = MAX_WATCHES_PER_USER as usize;
    let mut users = Vec::new();
    for u in 0..watches.div_ceil(per_user).max(1) {
        let user = User {
            name: format!("bench.user{u}"),
            agency: "ATF Phoenix FD".into(),
            country: Country::US,
            role: Role::Investigator,
        };
        store.add_user(&StoredUser {
            user: user.clone(),
            token_hash: hash_token(&format!("bench-watch-{u}")),
        })?;
        users.push(user);
    }
    for i in 0..watches {
        let mut w = synthetic_watch(&mut r, i, true);
        if w.kind == WatchKind::Serial {
            w.value = w.value.map(|v| v.to_ascii_uppercase());
        }
        store.create_watch(&w, &users[i / per_user], None)?;
    }
    let reg = Registry::default();
    // Compile the watches and move the cursor past the set-up before timing.
    while evaluate_batch(&store, &reg)?.1 {}
    let by = &users[0];
    for _ in 0..events {
        store.create_seizure(&synthetic_seizure(&mut r), by, None)?;
    }
    let t = Instant::now();
    let mut alerts = 0;
    loop {
        let (written, more) = evaluate_batch(&store, &reg)?;
        alerts += written.len();
        if !more {
            break;
        }
    }
    let took = t.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    Ok((took, alerts))
}

fn synthetic_seizure(r: &mut ChaCha8Rng) -> NewSeizure {
    let items = (0..r.random_range(1..=4))
        .map(|_| {
            let (make, model, caliber) = make_model(r);
            NewSeizureItem {
                kind: ItemKind::Firearm,
                quantity: 1,
                description: "rifle".into(),
                firearm: Some(NewFirearm {
                    serial: serial(r),
                    obliterated: false,
                    make,
                    model,
                    kind: FirearmType::Rifle,
                    caliber,
                    origin_country: "US".into(),
                    importer: None,
                    markings: None,
                }),
            }
        })
        .collect();
    let port = r.random_bool(0.4).then(|| pick(r, PORTS).to_string());
    NewSeizure {
        kind: if port.is_some() {
            SeizureKind::BorderInspection
        } else {
            SeizureKind::CrimeScene
        },
        occurred_at: chrono::Utc::now(),
        country: if port.is_some() {
            Country::US
        } else {
            Country::MX
        },
        state: pick(r, STATES).into(),
        municipality: "Bench".into(),
        port,
        conveyance: None,
        concealment: None,
        summary: "bench seizure".into(),
        items,
    }
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("fwc-bench-watches-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
