//! Failed authentications per client address: past [`FAILURES_PER_MINUTE`] in a minute, the
//! address is answered `429` with `Retry-After` — for sign-ins and bearer tokens alike — until
//! its oldest failure in the window is a minute old. Kept in memory: a brute-force run is
//! stopped where it arrives, in microseconds, without a database write per guess; the
//! per-account lockout (in the database) is what holds across restarts and nodes.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
