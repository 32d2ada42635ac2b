//! `fwc serve`: the reference server until SIGTERM or Ctrl-C; SIGHUP reloads its TLS
//! certificate.

use std::time::Duration;

use super::ServeArgs;
use crate::server::tls::TlsFiles;
use crate::server::{RunningServer, ServerConfig, start};

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
    cfg.tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(TlsFiles {
            cert: cert.clone(),
            key: key.clone(),
        }),
        _ => None,
    };
    cfg.trust_proxy = args.trust_proxy;
    cfg.sse_keepalive = Duration::from_secs(args.sse_keepalive);
    // The store blocks its thread (PostgreSQL's waits on a runtime of its own): off this one.
    let args = tokio::task::spawn_blocking(move || demo_guard(&args).map(|()| args)).await??;
    let hangup = catch_hangup();
    let server = start(cfg).await?;
    eprintln!(
        "fwc serve: listening on {} (database {}); OpenAPI at /openapi.json. Ctrl-C or SIGTERM stops it.",
        server.url(),
        crate::server::store::db_display(&args.db)
    );
    match server.tls() {
        Some(tls) => eprintln!(
            "fwc serve: TLS 1.2/1.3 with {} ({}); SIGHUP reloads it.",
            tls.files().cert.display(),
            tls.summary()
        ),
        None if !args.addr.ip().is_loopback() => eprintln!(
            "fwc serve: WARNING: plain HTTP on {}: sign-ins and case data cross the network unencrypted. \
             Serve TLS (--tls-cert/--tls-key) or put a TLS-terminating proxy in front (--trust-proxy).",
            args.addr
        ),
        None => {}
    }
    if args.trust_proxy {
        eprintln!(
            "fwc serve: --trust-proxy: the client address is the right-most X-Forwarded-For entry; \
             let only the proxy reach this port."
        );
    }
    tokio::select! {
        _ = shutdown_signal() => {}
        _ = reload_on_hangup(&server, hangup) => {}
    }
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

/// SIGHUP, caught from before the server says it listens (a reload asked for at once must not
/// meet the default action, which ends the process).
#[cfg(unix)]
type Hangup = Option<tokio::signal::unix::Signal>;
#[cfg(not(unix))]
type Hangup = Option<()>;

fn catch_hangup() -> Hangup {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        signal(SignalKind::hangup()).ok()
    }
    #[cfg(not(unix))]
    None
}

/// Reloads the TLS certificate on every SIGHUP, for ever: a renewed certificate is served
/// from the next handshake on, the listener and open connections untouched. A pair that does
/// not load is refused and the old one kept, saying why.
async fn reload_on_hangup(server: &RunningServer, hangup: Hangup) {
    #[cfg(unix)]
    if let Some(mut hup) = hangup {
        while hup.recv().await.is_some() {
            match server.tls().map(|t| t.reload()) {
                // One line each on stderr, not a log line as well: stderr is the log.
                Some(Ok(summary)) => {
                    eprintln!("fwc serve: SIGHUP: TLS certificate reloaded ({summary}).")
                }
                Some(Err(e)) => eprintln!(
                    "fwc serve: SIGHUP: the new TLS certificate was refused, the old one is still served: {e:#}"
                ),
                None => eprintln!("fwc serve: SIGHUP: plain HTTP, no certificate to reload."),
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (server, hangup);
    std::future::pending::<()>().await
}

/// Demo accounts have published secrets (`fwc seed` prints them): refuse to listen beyond this
/// machine while any exists, unless the operator says so — and then say it at every start.
fn demo_guard(args: &ServeArgs) -> anyhow::Result<()> {
    let store = crate::server::store::open(&args.db)?;
    let demo = store.demo_accounts()?;
    if demo == 0 {
        return Ok(());
    }
    if !args.addr.ip().is_loopback() && !args.allow_demo_accounts {
        anyhow::bail!(
            "{} holds {demo} demo account(s), whose secrets were printed when it was seeded: \
             fwc serve listens only on a loopback address while they exist (--addr 127.0.0.1:PORT). \
             Disable them (fwc user disable) or pass --allow-demo-accounts to listen on {} anyway.",
            crate::server::store::db_display(&args.db),
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
