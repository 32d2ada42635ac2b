//! `fwc demo`: one command that shows everything — seeds the small synthetic dataset into the
//! user data dir if absent (keeping the demo users' random secrets beside it), starts the
//! reference server on a free loopback port in this process, signs a demo user in with password
//! and TOTP code (an investigator unless `--role` says otherwise) and opens the console.
//! Quitting stops both. With `--tls` the server speaks HTTPS with a certificate signed by a CA
//! made for this run, which the console (and only this console) trusts.

use std::path::PathBuf;
use std::time::Duration;

use super::DemoArgs;
use crate::api::Transport;
use crate::model::IssuedUser;
use crate::seed::{Scale, SeedConfig};
use crate::server::demo_ca::DemoCa;
use crate::server::tls::TlsFiles;
use crate::server::{RunningServer, ServerConfig, start};

/// The seed the demo database is generated from (names, records; the secrets are random).
pub const DEMO_SEED: u64 = 2026;

/// Where the demo keeps its demo users' secrets, next to its database (mode 0600): `fwc demo`
/// signs in with them like any user, with password and TOTP code.
pub const ACCOUNTS_FILE: &str = "demo-accounts.json";

/// Where the demo keeps its database unless told otherwise.
pub fn default_data_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("org", "Firewall", "fwc")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            anyhow::anyhow!("cannot find a home directory for the demo data; pass --data-dir")
        })
}

/// A started demo: the server and the signed-in demo user's session.
pub struct Demo {
    pub server: RunningServer,
    pub url: String,
    /// The demo user's name.
    pub user: String,
    /// Their session token.
    pub token: String,
    pub data_dir: PathBuf,
    /// How the console reaches it (the throwaway CA with `--tls`).
    pub transport: Transport,
}

/// Seeds (if needed), starts the embedded server and signs the demo user in.
pub async fn start_demo(args: &DemoArgs) -> anyhow::Result<Demo> {
    let data_dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => default_data_dir()?,
    };
    std::fs::create_dir_all(&data_dir)?;
    let db = data_dir.join("demo.db");
    let accounts = data_dir.join(ACCOUNTS_FILE);
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
        let report =
            tokio::task::spawn_blocking(move || super::seed::seed_into(&db2, &cfg)).await??;
        super::session::write_private(
            &accounts,
            serde_json::to_string_pretty(&report.users)?.as_bytes(),
        )?;
    }
    let users: Vec<IssuedUser> = std::fs::read_to_string(&accounts)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "the demo database in {} was made before demo sign-ins were kept; start it anew with `fwc demo --fresh`",
                data_dir.display()
            )
        })?;
    let user = users
        .into_iter()
        .find(|u| u.role == args.role)
        .ok_or_else(|| anyhow::anyhow!("the demo data has no {}", args.role.as_str()))?;
    let mut cfg = ServerConfig::new(db, ([127, 0, 0, 1], 0).into());
    cfg.trace_delay = args.trace_delay.unwrap_or(Duration::from_secs(10));
    let mut transport = Transport::default();
    if args.tls {
        let (files, ca) = throwaway_tls(&data_dir.join("tls"))?;
        cfg.tls = Some(files);
        transport.ca_file = Some(ca);
    }
    let server = start(cfg).await?;
    let url = server.url();
    let session = super::session::sign_in_demo(
        &url,
        &user.name,
        &user.password,
        &user.totp_secret,
        &transport,
    )
    .await?;
    Ok(Demo {
        server,
        url,
        user: user.name,
        token: session.token,
        data_dir,
        transport,
    })
}

/// A new CA and a loopback server certificate signed by it, written to `dir` (the key readable
/// by its owner only), replacing the last run's: the server's files and the CA's.
fn throwaway_tls(dir: &std::path::Path) -> anyhow::Result<(TlsFiles, PathBuf)> {
    let ca = DemoCa::new("fwc demo CA (throwaway)")?;
    let cert = ca.server_cert("fwc demo server", rand::random::<u32>().into(), &[])?;
    std::fs::create_dir_all(dir)?;
    let files = TlsFiles {
        cert: dir.join("server-cert.pem"),
        key: dir.join("server-key.pem"),
    };
    let ca_file = dir.join("ca.pem");
    std::fs::write(&files.cert, cert.cert_pem)?;
    super::session::write_private(&files.key, cert.key_pem.as_bytes())?;
    std::fs::write(&ca_file, ca.cert_pem())?;
    Ok((files, ca_file))
}
