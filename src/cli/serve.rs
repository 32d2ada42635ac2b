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
