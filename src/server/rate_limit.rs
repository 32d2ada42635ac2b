//! The per-user request rate (`fwc serve --rate-limit N`: N requests a second, bursts of 2N).
//!
//! One node (SQLite) counts in memory (governor's keyed GCRA). Nodes that share a store
//! (PostgreSQL) share one token bucket per user in the database, so N nodes allow the rate
//! once, not N times. Asking the database on every request would add a round trip to each, so
//! a node takes tokens in *leases*: one statement takes up to [`lease_size`] tokens from the
//! user's bucket, and the node spends them from memory. Every token a node spends came out of
//! the shared bucket, so the nodes together never pass the rate plus the burst; a lease left
//! unspent lapses after [`LEASE_TTL`] (the user gets a little less, never more). A user whose
//! bucket is empty is refused from memory until a token can have come back (1/N s), so a
//! client hammering past its limit costs the database at most N statements a second per node.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::ApiError;
use super::store::Store;

/// How long a node may keep tokens it took and has not spent.
pub const LEASE_TTL: Duration = Duration::from_secs(1);
/// Users remembered before lapsed entries are swept.
const SWEEP_AT: usize = 4096;

/// Tokens one lease takes: a tenth of a second's rate (at least 1, at most 50), so a busy user
/// costs a node about ten statements a second, and the tokens held unspent across the nodes
/// stay a small share of the burst.
pub fn lease_size(per_second: u32) -> u32 {
    (per_second / 10).clamp(1, 50)
}

/// The limit a server applies (see the module docs).
pub enum RateLimit {
    Off,
    /// One node: memory is the whole truth.
    Local(DefaultKeyedRateLimiter<String>),
    /// Nodes over one store: a bucket per user in the store, spent through leases.
    Shared(Shared),
}

pub struct Shared {
    per_second: u32,
    burst: u32,
    leases: Mutex<HashMap<String, Lease>>,
}

/// What a node holds of one user's bucket.
#[derive(Debug, Clone, Copy)]
struct Lease {
    /// Tokens taken and not yet spent.
    left: u32,
    /// When the unspent ones lapse.
    until: Instant,
    /// The bucket was found empty: refuse from memory until then.
    empty_until: Option<Instant>,
}

/// What memory alone says about a request.
#[derive(Debug, PartialEq)]
enum Local {
    Spent,
    Refused,
    AskStore,
}

impl RateLimit {
    /// `per_second` requests per user with bursts of twice that; 0 turns the limit off.
    /// `shared`: several nodes serve the store.
    pub fn new(per_second: u32, shared: bool) -> RateLimit {
        let Some(n) = NonZeroU32::new(per_second) else {
            return RateLimit::Off;
        };
        let burst = n.saturating_mul(NonZeroU32::new(2).unwrap_or(NonZeroU32::MIN));
        if shared {
            RateLimit::Shared(Shared {
                per_second,
                burst: burst.get(),
                leases: Mutex::new(HashMap::new()),
            })
        } else {
            RateLimit::Local(RateLimiter::keyed(Quota::per_second(n).allow_burst(burst)))
        }
    }

    /// Whether `user` may make one more request now (it is counted if so).
    pub async fn allow(&self, store: &Arc<dyn Store>, user: &str) -> Result<bool, ApiError> {
        match self {
            RateLimit::Off => Ok(true),
            RateLimit::Local(l) => Ok(l.check_key(&user.to_string()).is_ok()),
            RateLimit::Shared(s) => s.allow(store, user).await,
        }
    }
}

impl Shared {
    async fn allow(&self, store: &Arc<dyn Store>, user: &str) -> Result<bool, ApiError> {
        match self.spend_leased(user, Instant::now()) {
            Local::Spent => return Ok(true),
            Local::Refused => return Ok(false),
            Local::AskStore => {}
        }
        let (s, name) = (store.clone(), user.to_string());
        let (rate, burst, want) = (self.per_second, self.burst, lease_size(self.per_second));
        let got = tokio::task::spawn_blocking(move || s.take_rate_tokens(&name, rate, burst, want))
            .await??
            // A store that serves one node has no shared bucket: this limiter is not used there.
            .unwrap_or(want);
        Ok(self.took(user, got, Instant::now()))
    }

    /// Spends a leased token if one is left, or says why not.
    fn spend_leased(&self, user: &str, now: Instant) -> Local {
        let Ok(mut leases) = self.leases.lock() else {
            return Local::AskStore;
        };
        let Some(l) = leases.get_mut(user) else {
            return Local::AskStore;
        };
        if l.left > 0 && now < l.until {
            l.left -= 1;
            return Local::Spent;
        }
        if l.empty_until.is_some_and(|t| now < t) {
            return Local::Refused;
        }
        Local::AskStore
    }

    /// Records `got` tokens just taken from the store; spends one if there is one.
    fn took(&self, user: &str, got: u32, now: Instant) -> bool {
        let Ok(mut leases) = self.leases.lock() else {
            return got > 0;
        };
        if leases.len() >= SWEEP_AT {
            leases.retain(|_, l| now < l.until || l.empty_until.is_some_and(|t| now < t));
        }
        let l = leases.entry(user.to_string()).or_insert(Lease {
            left: 0,
            until: now,
            empty_until: None,
        });
        if now >= l.until {
            l.left = 0;
        }
        if got == 0 {
            // One token comes back every 1/rate s.
            let wait = Duration::from_secs_f64(1.0 / f64::from(self.per_second.max(1)));
            l.empty_until = Some(now + wait);
            return false;
        }
        // Concurrent requests may each have taken a lease: keep every token.
        l.left = l.left.saturating_add(got - 1);
        l.until = now + LEASE_TTL;
        l.empty_until = None;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(rate: u32) -> Shared {
        match RateLimit::new(rate, true) {
            RateLimit::Shared(s) => s,
            _ => panic!("not shared"),
        }
    }

    #[test]
    fn a_lease_is_spent_spend_leased_then_the_store_is_asked_again() {
        let s = shared(100);
        let t = Instant::now();
        assert_eq!(s.spend_leased("ana", t), Local::AskStore);
        assert!(s.took("ana", lease_size(100), t));
        for _ in 1..lease_size(100) {
            assert_eq!(s.spend_leased("ana", t), Local::Spent);
        }
        assert_eq!(s.spend_leased("ana", t), Local::AskStore);
        assert_eq!(s.spend_leased("luis", t), Local::AskStore);
    }

    #[test]
    fn unspent_tokens_lapse_and_an_empty_bucket_is_refused_spend_leased_for_a_while() {
        let s = shared(10);
        let t = Instant::now();
        assert!(s.took("ana", 2, t));
        assert_eq!(s.spend_leased("ana", t), Local::Spent);
        assert!(s.took("ana", 2, t));
        assert_eq!(s.spend_leased("ana", t + LEASE_TTL), Local::AskStore);
        assert!(!s.took("ana", 0, t + LEASE_TTL));
        assert_eq!(s.spend_leased("ana", t + LEASE_TTL), Local::Refused);
        let later = t + LEASE_TTL + Duration::from_millis(100);
        assert_eq!(s.spend_leased("ana", later), Local::AskStore);
    }

    #[test]
    fn leases_are_a_tenth_of_the_rate_within_bounds() {
        assert_eq!(lease_size(1), 1);
        assert_eq!(lease_size(200), 20);
        assert_eq!(lease_size(100_000), 50);
        assert!(matches!(RateLimit::new(0, true), RateLimit::Off));
        assert!(matches!(RateLimit::new(5, false), RateLimit::Local(_)));
    }
}
