//! `fwc demo`: one command that shows everything — seeds the small synthetic dataset into the
//! user data dir if absent, starts the reference server on a free loopback port in this process,
//! and opens the console signed in as a demo user (an investigator unless `--role` says
//! otherwise). Quitting stops both.

use std::path::PathBuf;
use std::time::Duration;

use super::DemoArgs;
use crate::model::IssuedUser;
use crate::seed::{Scale, SeedConfig};
use crate::server::{RunningServer, ServerConfig, start};

/// The seed the demo database is generated from (its demo tokens derive from it).
pub const DEMO_SEED: u64 = 2026;

/// Where the demo keeps its database unless told otherwise.
pub fn default_data_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("org", "Firewall", "fwc")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            anyhow::anyhow!("cannot find a home directory for the demo data; pass --data-dir")
        })
}

/// A started demo: the server and the demo user to sign in as.
pub struct Demo {
    pub server: RunningServer,
    pub url: String,
    pub user: IssuedUser,
    pub data_dir: PathBuf,
}

/// Seeds (if needed) and starts the embedded server.
pub async fn start_demo(args: &DemoArgs) -> anyhow::Result<Demo> {
    let data_dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => default_data_dir()?,
    };
    std::fs::create_dir_all(&data_dir)?;
    let db = data_dir.join("demo.db");
    if args.fresh {
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            if p.exists() {
                std::fs::remove_file(&p)?;
            }
        }
    }
    if !db.exists() {
        let cfg = SeedConfig {
            scale: Scale::Small,
            seed: DEMO_SEED,
            as_of: chrono::Local::now().date_naive(),
        };
        let db2 = db.clone();
        tokio::task::spawn_blocking(move || super::seed::seed_into(&db2, &cfg)).await??;
    }
    let mut cfg = ServerConfig::new(db, ([127, 0, 0, 1], 0).into());
    cfg.trace_delay = Duration::from_secs(10);
    let server = start(cfg).await?;
    let url = format!("http://{}", server.addr);
    let (users, _) = crate::seed::users::demo_users(DEMO_SEED);
    let user = users
        .into_iter()
        .find(|u| u.role == args.role)
        .ok_or_else(|| anyhow::anyhow!("the demo data has no {}", args.role.as_str()))?;
    Ok(Demo {
        server,
        url,
        user,
        data_dir,
    })
}
