//! One node at a time does the work that must have one doer (ranking the correlation queue):
//! the node whose dedicated connection holds a session-level advisory lock. PostgreSQL lets the
//! lock go when that connection ends — the node stopped, was killed, or lost the network — and
//! another node's next try takes it: election without a coordinator beyond the database.

use std::time::Duration;

use tokio::sync::watch;

use crate::server::store::StoreResult;

/// The correlator's lock ("fwcc" in ASCII; the write lock is "fwc").
pub const CORRELATOR: i64 = 0x66_77_63_63;

/// How often a node that is not the leader tries to become it (and how soon after a failed
/// connection it tries again): the longest a queue may wait for a new leader.
pub const TRY_EVERY: Duration = Duration::from_secs(1);

/// Keeps trying to hold `key` on the database at `url` until `stop`; `leader` tells whether
/// this node holds it now.
pub async fn contend(
    url: String,
    key: i64,
    leader: watch::Sender<bool>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            r = hold_once(&url, key, &leader) => {
                leader.send_replace(false);
                if let Err(e) = r {
                    tracing::warn!("leader lock {key:#x}: {e}; trying again in {TRY_EVERY:?}");
                }
            }
        }
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            _ = tokio::time::sleep(TRY_EVERY) => {}
        }
    }
}

/// One connection's life: try the lock every [`TRY_EVERY`] until it is held, then keep the
/// connection (and with it the lock) until it drops.
async fn hold_once(url: &str, key: i64, leader: &watch::Sender<bool>) -> StoreResult<()> {
    let (config, tls) = super::connection_parts(url)?;
    let (client, conn) = config.connect(tls).await?;
    let driver = tokio::spawn(conn);
    loop {
        let held: bool = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&key])
            .await?
            .get(0);
        if held {
            leader.send_replace(true);
            break;
        }
        if driver.is_finished() {
            return Ok(());
        }
        tokio::time::sleep(TRY_EVERY).await;
    }
    // Held until the connection ends; `client` must live as long.
    let ended = driver.await;
    drop(client);
    match ended {
        Ok(r) => Ok(r?),
        Err(e) => Err(crate::server::store::StoreError::Internal(format!(
            "leader connection task: {e}"
        ))),
    }
}
