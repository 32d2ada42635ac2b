//! Failed authentications per client address: past [`FAILURES_PER_MINUTE`] in a minute, the
//! address is answered `429` with `Retry-After` — for sign-ins and bearer tokens alike — until
//! its oldest failure in the window is a minute old.
//!
//! Counted in memory first: a brute-force run is stopped where it arrives, in microseconds,
//! without a database read per request. On a store several nodes share (PostgreSQL) each
//! failure is also counted in the database (`auth_failures`, one row per failure, swept once
//! out of the window) and the node adopts every node's count for that address from the
//! answer, so an address throttled on one node is throttled on all: a sign-in (which reads
//! the database anyway) asks the shared count before the password is checked; a bad bearer
//! token on a node that had not yet seen the address is answered `429` instead of `401` once
//! the shared count is past the allowance, and from then on that node refuses the address from
//! memory. Nodes compare wall-clock times, so their clocks must agree (NTP). The per-account
//! lockout is in the database on both engines.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::AppState;
use super::store::StoreResult;

/// Failed authentications an address may make in [`WINDOW`].
pub const FAILURES_PER_MINUTE: usize = 20;
/// The sliding window failures are counted in.
pub const WINDOW: Duration = Duration::from_secs(60);
/// Addresses remembered before old ones are swept (a scan of many addresses cannot grow the
/// map without bound).
const MAX_ADDRESSES: usize = 100_000;

/// Recent failure times per address.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl Throttle {
    /// How long the address must wait, if it is over the limit now.
    pub fn retry_after(&self, addr: IpAddr, now: Instant) -> Option<Duration> {
        let mut map = self.failures.lock().ok()?;
        let q = map.get_mut(&addr)?;
        prune(q, now);
        if q.len() < FAILURES_PER_MINUTE {
            return None;
        }
        let oldest = *q.front()?;
        Some(WINDOW.saturating_sub(now.saturating_duration_since(oldest)))
    }

    /// Counts one failed authentication from `addr`.
    pub fn failed(&self, addr: IpAddr, now: Instant) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        if map.len() >= MAX_ADDRESSES {
            map.retain(|_, q| {
                prune(q, now);
                !q.is_empty()
            });
        }
        let q = map.entry(addr).or_default();
        prune(q, now);
        q.push_back(now);
        // Only the newest FAILURES_PER_MINUTE matter to the answer.
        while q.len() > FAILURES_PER_MINUTE {
            q.pop_front();
        }
    }
}

impl Throttle {
    /// Replaces what this node knows of `addr` with every node's failures, given as how long
    /// ago each happened.
    pub fn adopt(&self, addr: IpAddr, ages: impl IntoIterator<Item = Duration>, now: Instant) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        let mut times: Vec<Instant> = ages
            .into_iter()
            .filter(|age| *age < WINDOW)
            .filter_map(|age| now.checked_sub(age))
            .collect();
        times.sort();
        let skip = times.len().saturating_sub(FAILURES_PER_MINUTE);
        map.insert(addr, times.into_iter().skip(skip).collect());
    }
}

/// Whether `ip` must wait before its credentials are looked at: this node's count, then, when
/// `ask_store`, every node's (on a shared store; the call is cheap on SQLite, which answers
/// `None`). A database error leaves this node's count in charge.
pub async fn retry_after_everywhere(
    st: &AppState,
    ip: IpAddr,
    ask_store: bool,
) -> Option<Duration> {
    let now = Instant::now();
    if let Some(wait) = st.auth.throttle.retry_after(ip, now) {
        return Some(wait);
    }
    if !ask_store {
        return None;
    }
    let (store, addr, (now_ms, since_ms)) = (st.store.clone(), ip.to_string(), window_ms());
    let limit = FAILURES_PER_MINUTE as u32 + 1;
    let shared =
        tokio::task::spawn_blocking(move || store.shared_auth_failures(&addr, since_ms, limit));
    adopt_shared(st, ip, shared.await, now_ms, now)?;
    st.auth.throttle.retry_after(ip, now)
}

/// Counts a failed authentication from `ip` here and, on a shared store, where every node
/// sees it. `Some(wait)` when the address was already past its allowance counting every
/// node's failures: the caller answers `429` instead of `401`.
pub async fn failed_everywhere(st: &AppState, ip: IpAddr) -> Option<Duration> {
    let now = Instant::now();
    st.auth.throttle.failed(ip, now);
    let (store, addr, (now_ms, since_ms)) = (st.store.clone(), ip.to_string(), window_ms());
    let limit = FAILURES_PER_MINUTE as u32 + 1;
    let shared = tokio::task::spawn_blocking(move || {
        store.shared_auth_failure(&addr, now_ms, since_ms, limit)
    });
    let counted = adopt_shared(st, ip, shared.await, now_ms, now)?;
    if counted > FAILURES_PER_MINUTE {
        st.auth.throttle.retry_after(ip, now)
    } else {
        None
    }
}

type Shared = Result<StoreResult<Option<Vec<i64>>>, tokio::task::JoinError>;

/// Takes the shared failure times into this node's count; how many there were (`None` on a
/// store that serves one node, or when the database could not answer).
fn adopt_shared(
    st: &AppState,
    ip: IpAddr,
    shared: Shared,
    now_ms: i64,
    now: Instant,
) -> Option<usize> {
    let times = match shared {
        Ok(Ok(times)) => times?,
        Ok(Err(e)) => {
            tracing::warn!("the shared failed-authentication count is unavailable: {e}");
            return None;
        }
        Err(e) => {
            tracing::warn!("the shared failed-authentication count failed: {e}");
            return None;
        }
    };
    let ages = times
        .iter()
        .map(|t| Duration::from_millis(u64::try_from(now_ms - t).unwrap_or(0)));
    st.auth.throttle.adopt(ip, ages, now);
    Some(times.len())
}

/// Now and the start of the window, in Unix milliseconds (the shared rows' clock).
fn window_ms() -> (i64, i64) {
    let now = chrono::Utc::now().timestamp_millis();
    (now, now - WINDOW.as_millis() as i64)
}

fn prune(q: &mut VecDeque<Instant>, now: Instant) {
    while q
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
    {
        q.pop_front();
    }
}

/// `Retry-After` in whole seconds, rounded up (never 0: "now" would invite an immediate retry).
pub fn retry_after_secs(d: Duration) -> u64 {
    (d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twenty_first_failure_in_a_minute_is_throttled_until_the_first_ages_out() {
        let t = Throttle::default();
        let a: IpAddr = [127, 0, 0, 1].into();
        let b: IpAddr = [127, 0, 0, 2].into();
        let t0 = Instant::now();
        for i in 0..FAILURES_PER_MINUTE as u64 {
            assert_eq!(t.retry_after(a, t0 + Duration::from_secs(i)), None);
            t.failed(a, t0 + Duration::from_secs(i));
        }
        let now = t0 + Duration::from_secs(25);
        assert_eq!(t.retry_after(a, now), Some(Duration::from_secs(35)));
        assert_eq!(
            t.retry_after(b, now),
            None,
            "another address is not affected"
        );
        // A minute after the first failure, one more may be tried.
        assert_eq!(t.retry_after(a, t0 + WINDOW), None);
        assert_eq!(retry_after_secs(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_secs(35)), 35);
    }
}
