//! Deterministic synthetic data: the same seed and as-of date always give the same database.
//!
//! The generator plans the world first (dealers, straw-purchasing rings, the timeline of
//! seizures, the hidden crime guns behind the ballistic evidence), then walks the seizures in
//! time order and writes them in bounded batches, and finally adds casings and cases, which
//! refer back to what was generated. Everything draws from one ChaCha8 stream seeded by
//! `seed`, and every date is relative to `as_of`.

mod cases;
pub mod casings;
mod catalog;
mod config;
mod corridors;
mod dist;
mod firearms;
mod generate;
mod geography;
mod names;
mod notes;
pub mod plan;
mod samples;
mod seizures;
pub use seizures::transport_vocabulary;
mod shootings;
mod timeline;
mod traces;
pub mod users;
mod world;

#[cfg(test)]
mod tests;

use rand::SeedableRng;

pub use config::{Scale, SeedConfig, SeedReport};

use crate::server::store::postgres::PgStore;
use crate::server::store::sqlite::SqliteStore;
use crate::server::store::{ImportBatch, StoreResult};
use dist::SeedRng;
use generate::Gen;

/// Firearms per import batch: large enough to amortise the transaction, small enough that the
/// large scale runs in bounded memory.
const BATCH_FIREARMS: usize = 20_000;

/// Where a seed is written: either engine's bulk load (SQLite: cached inserts; PostgreSQL:
/// COPY), each batch one transaction.
pub trait Target {
    /// True when the database holds no seeded content yet (seeding twice would clash on ids).
    fn is_empty_for_import(&self) -> StoreResult<bool>;
    fn bulk_load_begin(&self) -> StoreResult<()>;
    fn bulk_load_end(&self) -> StoreResult<()>;
    fn import_meta_and_counters(
        &self,
        meta: &[(String, String)],
        counters: &[(String, i64)],
    ) -> StoreResult<()>;
    fn import_batch(&self, b: &ImportBatch) -> StoreResult<()>;
}

impl Target for SqliteStore {
    fn is_empty_for_import(&self) -> StoreResult<bool> {
        SqliteStore::is_empty_for_import(self)
    }
    fn bulk_load_begin(&self) -> StoreResult<()> {
        SqliteStore::bulk_load_begin(self)
    }
    fn bulk_load_end(&self) -> StoreResult<()> {
        SqliteStore::bulk_load_end(self)
    }
    fn import_meta_and_counters(
        &self,
        meta: &[(String, String)],
        counters: &[(String, i64)],
    ) -> StoreResult<()> {
        SqliteStore::import_meta_and_counters(self, meta, counters)
    }
    fn import_batch(&self, b: &ImportBatch) -> StoreResult<()> {
        SqliteStore::import_batch(self, b)
    }
}

impl Target for PgStore {
    fn is_empty_for_import(&self) -> StoreResult<bool> {
        PgStore::is_empty_for_import(self)
    }
    fn bulk_load_begin(&self) -> StoreResult<()> {
        PgStore::bulk_load_begin(self)
    }
    fn bulk_load_end(&self) -> StoreResult<()> {
        PgStore::bulk_load_end(self)
    }
    fn import_meta_and_counters(
        &self,
        meta: &[(String, String)],
        counters: &[(String, i64)],
    ) -> StoreResult<()> {
        PgStore::import_meta_and_counters(self, meta, counters)
    }
    fn import_batch(&self, b: &ImportBatch) -> StoreResult<()> {
        PgStore::import_batch(self, b)
    }
}

/// Generates the configured world and imports it into `store`, which must be empty.
pub fn run(cfg: &SeedConfig, store: &impl Target) -> anyhow::Result<SeedReport> {
    run_with_progress(cfg, store, &|_, _| {})
}

/// [`run`], telling `progress(done, total)` how many planned seizures are written (the long
/// part of a large seed), for `fwc seed`'s progress bar.
pub fn run_with_progress(
    cfg: &SeedConfig,
    store: &impl Target,
    progress: &dyn Fn(u64, u64),
) -> anyhow::Result<SeedReport> {
    if !store.is_empty_for_import()? {
        anyhow::bail!("the database already holds data; seed into a new database file");
    }
    store.bulk_load_begin()?;
    let out = generate_into(cfg, store, progress);
    // Restore durable settings whether or not generation succeeded.
    let end = store.bulk_load_end();
    let report = out?;
    end?;
    Ok(report)
}

fn generate_into(
    cfg: &SeedConfig,
    store: &impl Target,
    progress: &dyn Fn(u64, u64),
) -> anyhow::Result<SeedReport> {
    store.import_meta_and_counters(&meta(cfg), &[])?;
    let now = cfg.now();
    let mut rng = SeedRng::seed_from_u64(cfg.seed);
    let world = world::World::generate(&mut rng, cfg.scale.dealers(), cfg.scale.rings(), now);
    let skels = timeline::plan(&mut rng, cfg.scale.target_firearms(), now);
    let ballistic = shootings::plan(&mut rng, &skels, cfg.scale.crime_guns(), now);

    let (issued, stored, credentials) = users::demo_users()?;
    let first = ImportBatch {
        users: stored,
        credentials,
        dealers: world.dealer_rows(),
        persons: world.ring_persons.clone(),
        ..ImportBatch::default()
    };
    store.import_batch(&first)?;

    let mut g = Gen::new(rng, now, world);
    write_seizures(store, &mut g, &skels, &ballistic, progress)?;

    let (casings, candidates, leads) =
        casings::casings_for(&ballistic.shootings, &g.test_fires, cfg.seed);
    let input = cases::CaseInput {
        world: &g.world,
        samples: &g.samples,
        shootings: &ballistic.shootings,
        test_fires: &g.test_fires,
        casings: &casings,
        leads: &leads,
        now,
    };
    let (case_rows, notes) = cases::generate(&mut g.rng, &input, cfg.scale.cases());
    let report = SeedReport {
        users: issued,
        seizures: g.seizures,
        firearms: g.firearms_issued,
        traces: g.traces,
        casings: casings.len() as u64,
        cases: case_rows.len() as u64,
    };
    let counters = counters(&g, &casings, &leads, case_rows.len(), notes);
    store.import_batch(&ImportBatch {
        casings,
        candidates,
        leads,
        cases: case_rows,
        ..ImportBatch::default()
    })?;
    store.import_meta_and_counters(&[], &counters)?;
    Ok(report)
}

/// Walks the planned seizures in time order, writing a batch every [`BATCH_FIREARMS`].
fn write_seizures(
    store: &impl Target,
    g: &mut Gen,
    skels: &[timeline::Skel],
    ballistic: &shootings::BallisticPlan,
    progress: &dyn Fn(u64, u64),
) -> anyhow::Result<()> {
    let total = skels.len() as u64;
    for (i, skel) in skels.iter().enumerate() {
        if i % 256 == 0 {
            progress(i as u64, total);
        }
        let forced = ballistic.forced.get(&i).map_or(&[][..], Vec::as_slice);
        let casings = ballistic.scene_casings.get(&i).copied().unwrap_or(0);
        g.seizure(i, skel, forced, casings);
        if g.batch.firearms.len() >= BATCH_FIREARMS {
            store.import_batch(&std::mem::take(&mut g.batch))?;
        }
    }
    store.import_batch(&std::mem::take(&mut g.batch))?;
    progress(total, total);
    Ok(())
}

/// Counter values so that ids issued by the server continue after the seeded ones.
fn counters(
    g: &Gen,
    casings: &[crate::server::store::CasingRow],
    leads: &[crate::model::Lead],
    cases: usize,
    notes: u64,
) -> Vec<(String, i64)> {
    let casing = max_number(casings.iter().map(|c| c.casing.id.as_str()));
    let lead = max_number(leads.iter().map(|l| l.id.as_str()));
    [
        ("seizure", g.seizures as i64),
        ("firearm", g.firearms_issued as i64),
        ("trace", g.ids.trace as i64),
        ("person", g.world.persons_issued as i64),
        ("multiple_sale", g.ids.multiple_sale as i64),
        ("casing", casing),
        ("lead", lead),
        ("case", cases as i64),
        ("note", notes as i64),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The structure the seed planted, regenerated from the seed alone: the straw-purchasing rings
/// (each ring's member ids, main buyer first) and the over-represented dealers' licences. Ground
/// truth for `fwc bench graph` only — it is never stored where the server could read it.
pub struct Planted {
    pub rings: Vec<Vec<String>>,
    pub hot_dealers: Vec<String>,
}

pub fn planted(seed: u64, scale: Scale) -> Planted {
    // The world is the first thing drawn from the stream (see `generate_into`), and which people
    // and dealers it plants does not depend on the as-of date.
    let mut rng = SeedRng::seed_from_u64(seed);
    let now = chrono::Utc::now();
    let w = world::World::generate(&mut rng, scale.dealers(), scale.rings(), now);
    Planted {
        rings: w
            .rings
            .iter()
            .map(|r| r.members.iter().map(|m| m.id.clone()).collect())
            .collect(),
        hot_dealers: w
            .hot
            .iter()
            .map(|&d| w.dealers[d].license.clone())
            .collect(),
    }
}

/// A stable digest of the database's content (users, records, cases, counters; not audit or
/// events): equal for two seeds with the same config, so determinism can be checked from the CLI.
pub fn content_hash(store: &SqliteStore) -> anyhow::Result<String> {
    Ok(store.content_hash_impl()?)
}

/// Marks the database as synthetic and records how it was made.
fn meta(cfg: &SeedConfig) -> Vec<(String, String)> {
    vec![
        ("synthetic".into(), "true".into()),
        ("seed".into(), cfg.seed.to_string()),
        ("as_of".into(), cfg.as_of.format("%Y-%m-%d").to_string()),
        ("scale".into(), cfg.scale.as_str().into()),
    ]
}

/// The largest numeric suffix among ids like `BC-000123` (0 when there are none).
fn max_number<'a>(ids: impl Iterator<Item = &'a str>) -> i64 {
    ids.filter_map(|id| id.rsplit('-').next()?.parse::<i64>().ok())
        .max()
        .unwrap_or(0)
}
