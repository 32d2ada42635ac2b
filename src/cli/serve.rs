//! `fwc serve`: the reference server until SIGTERM or Ctrl-C.

use std::time::Duration;

use super::ServeArgs;
use crate::server::{ServerConfig, start};

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let mut cfg = ServerConfig::new(args.db.clone(), args.addr);
    cfg.trace_delay = Duration::from_secs(args.trace_delay);
    cfg.rate_limit = args.rate_limit;
    cfg.sessions = crate::server::auth::SessionPolicy {
        length: chrono::Duration::hours(i64::from(args.session_hours)),
        idle_s: args.idle_minutes * 60,
        lockout: chrono::Duration::minutes(i64::from(args.lockout_minutes)),
        ..Default::default()
    };
    cfg.banner = match &args.banner_file {
        Some(f) => Some(crate::server::routes::banner::read_banner_file(f)?),
        None => None,
    };
    demo_guard(&args)?;
    let server = start(cfg).await?;
    eprintln!(
        "fwc serve: listening on http://{} (database {}); OpenAPI at /openapi.json. Ctrl-C or SIGTERM stops it.",
        server.addr,
        args.db.display()
    );
    shutdown_signal().await;
    eprintln!("fwc serve: shutting down…");
    server.shutdown().await?;
    eprintln!("fwc serve: stopped cleanly.");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Demo accounts have published secrets (`fwc seed` prints them): refuse to listen beyond this
/// machine while any exists, unless the operator says so — and then say it at every start.
fn demo_guard(args: &ServeArgs) -> anyhow::Result<()> {
    use crate::server::store::Store;
    let store = crate::server::store::sqlite::SqliteStore::open(&args.db)?;
    let demo = store.demo_accounts()?;
    if demo == 0 {
        return Ok(());
    }
    if !args.addr.ip().is_loopback() && !args.allow_demo_accounts {
        anyhow::bail!(
            "{} holds {demo} demo account(s), whose secrets were printed when it was seeded: \
             fwc serve listens only on a loopback address while they exist (--addr 127.0.0.1:PORT). \
             Disable them (fwc user disable) or pass --allow-demo-accounts to listen on {} anyway.",
            args.db.display(),
            args.addr
        );
    }
    eprintln!(
        "fwc serve: WARNING: {demo} demo account(s) with published secrets can sign in to this server{}.",
        if args.addr.ip().is_loopback() {
            String::new()
        } else {
            format!(
                " from other machines ({}, --allow-demo-accounts)",
                args.addr
            )
        }
    );
    Ok(())
}
