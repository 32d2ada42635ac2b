//! Background work of the reference server.

use std::time::Duration;

use super::AppState;

/// Moves traces along their lifecycle once a second and announces the changes.
pub async fn advance_traces(state: AppState, delay: Duration) {
    let delay = chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::seconds(20));
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        let store = state.store.clone();
        match tokio::task::spawn_blocking(move || store.advance_traces(chrono::Utc::now(), delay))
            .await
        {
            Ok(Ok(events)) => events.into_iter().for_each(|e| state.publish(Some(e))),
            Ok(Err(e)) => tracing::error!("advancing traces failed: {e}"),
            Err(e) => tracing::error!("trace task failed: {e}"),
        }
    }
}
