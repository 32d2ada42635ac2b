//! LISTEN on a dedicated connection: how a node hears that another node committed something.
//!
//! The pool's connections come and go and each runs one transaction at a time, so a
//! notification could arrive on any of them, or on none that is being read. One connection
//! of its own, outside the pool, LISTENs for the whole life of the server and reconnects when
//! the database goes away; each notification wakes a [`Notify`]. The notification carries no
//! data on purpose: what changed is read from the tables (the event log stays the source of
//! truth), so a notification lost while reconnecting costs nothing but the wait for the next
//! look at the log (the follower also looks on a timer, more often while not listening).

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::sync::{Notify, watch};
use tokio_postgres::AsyncMessage;

use crate::server::store::StoreResult;

/// The channel every commit that appends to the event log notifies (`pg_notify` in the
/// writing transaction: PostgreSQL delivers it only once that transaction commits).
pub const EVENTS: &str = "fwc_events";

/// Pause before connecting again after the connection failed or dropped.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);

/// Listens on `channel` of the database at `url` until `stop` turns true, waking `wake` on
/// every notification and once after each (re)connection (anything committed while not
/// listening must be looked for). `up` tells whether a LISTEN is in place right now.
pub async fn follow(
    url: String,
    channel: &'static str,
    wake: Arc<Notify>,
    up: watch::Sender<bool>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            r = listen_once(&url, channel, &wake, &up) => {
                up.send_replace(false);
                if let Err(e) = r {
                    tracing::warn!("LISTEN {channel}: {e}; connecting again in {RECONNECT_AFTER:?}");
                }
            }
        }
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            _ = tokio::time::sleep(RECONNECT_AFTER) => {}
        }
    }
}

/// One connection's life: connect, LISTEN, wake on each notification until it drops.
async fn listen_once(
    url: &str,
    channel: &str,
    wake: &Notify,
    up: &watch::Sender<bool>,
) -> StoreResult<()> {
    let (config, tls) = super::connection_parts(url)?;
    let (client, mut conn) = config.connect(tls).await?;
    // The connection must be polled for the LISTEN to complete and for notifications to come
    // in; both happen in this one stream.
    let mut messages = futures_util::stream::poll_fn(move |cx| conn.poll_message(cx));
    let sql = format!("LISTEN {channel}");
    {
        let listen = client.batch_execute(&sql);
        tokio::pin!(listen);
        loop {
            tokio::select! {
                r = &mut listen => {
                    r?;
                    up.send_replace(true);
                    wake.notify_one();
                    break;
                }
                m = messages.next() => match m {
                    Some(Ok(AsyncMessage::Notification(_))) => wake.notify_one(),
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return Err(e.into()),
                    None => return Ok(()),
                },
            }
        }
    }
    while let Some(m) = messages.next().await {
        if let AsyncMessage::Notification(_) = m? {
            wake.notify_one();
        }
    }
    // `client` lives until here: dropping it would close the connection.
    drop(client);
    Ok(())
}
