//! `fwc seed`: fills a new database with deterministic synthetic data.

use std::io::Write;
use std::time::Instant;

use super::{ScaleArg, SeedArgs};
use crate::model::IssuedUser;
use crate::seed::{Scale, SeedConfig, SeedReport, run_with_progress};
use crate::server::store::postgres::PgStore;
use crate::server::store::sqlite::SqliteStore;

impl From<ScaleArg> for Scale {
    fn from(s: ScaleArg) -> Self {
        match s {
            ScaleArg::Small => Scale::Small,
            ScaleArg::Medium => Scale::Medium,
            ScaleArg::Large => Scale::Large,
        }
    }
}

pub fn run(args: SeedArgs) -> anyhow::Result<()> {
    let cfg = SeedConfig {
        scale: args.scale.into(),
        seed: args.seed,
        as_of: args
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let started = Instant::now();
    let report = seed_into(&args.db, &cfg)?;
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            users: &'a [IssuedUser],
        }
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&Out {
                users: &report.users
            })?
        )
    } else {
        print_report(&mut out, &report, &cfg, started.elapsed().as_secs_f64())
    };
    match written {
        // A reader that stopped early (`| head`) is not an error: the data are seeded.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Seeds `db` (which must be new or empty), with a progress bar on a terminal for the medium
/// and large scales (`fwc seed`, and the benches that seed their database first).
pub fn seed_into(db: &std::path::Path, cfg: &SeedConfig) -> anyhow::Result<SeedReport> {
    let bar = match cfg.scale {
        Scale::Small => indicatif::ProgressBar::hidden(),
        _ => super::progress::bar(0, "seeding seizures"),
    };
    let progress = |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let report = match crate::server::store::pg_url(db) {
        Some(url) => run_with_progress(cfg, &PgStore::open(url)?, &progress),
        None => run_with_progress(cfg, &SqliteStore::open(db)?, &progress),
    };
    bar.finish_and_clear();
    report
}

fn print_report(
    out: &mut impl Write,
    r: &SeedReport,
    cfg: &SeedConfig,
    secs: f64,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Seeded SYNTHETIC data (scale {}, seed {}, as of {}) in {secs:.1}s: {} seizures, {} firearms, {} traces, {} casings, {} cases.",
        cfg.scale.as_str(),
        cfg.seed,
        cfg.as_of,
        r.seizures,
        r.firearms,
        r.traces,
        r.casings,
        r.cases
    )?;
    writeln!(
        out,
        "Names, serials, dealers and people are generated; none is a real record.\n"
    )?;
    writeln!(
        out,
        "Demo users (random secrets, shown here only; --json gives them to scripts):"
    )?;
    for u in &r.users {
        writeln!(
            out,
            "  {:<20} {:<16} {}  {:<12} password {}  TOTP secret {}  token {}",
            u.name,
            u.agency,
            u.country.as_str(),
            u.role.as_str(),
            u.password,
            u.totp_secret,
            u.token
        )?;
    }
    Ok(())
}
