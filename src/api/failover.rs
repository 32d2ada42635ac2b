//! Several addresses of one service (config `server = ["https://a…", "https://b…"]`): the
//! client keeps the list and the index of the node it talks to. A request that cannot reach
//! the active node — no connection, or the link cut before an answer; never a 4xx/5xx, which
//! is the service's word — moves the client to the next address, in order and round again,
//! and is tried there at once when it is safe to send twice: a GET, or a write carrying an
//! `Idempotency-Key` (the nodes share the stored answers, so the write happens once). A write
//! without a key is not repeated; the next request goes to the new node. The console's status
//! bar shows the node in use.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::client::{Api, ApiClient};
use super::error::{ApiError, ApiErrorKind};

/// The service's addresses in the order to try them, and the one in use.
#[derive(Debug, Default)]
pub(super) struct Nodes {
    urls: Vec<String>,
    active: AtomicUsize,
}

impl Nodes {
    pub(super) fn new(urls: Vec<String>) -> Self {
        Nodes {
            urls,
            active: AtomicUsize::new(0),
        }
    }

    /// Whether there is somewhere to fail over to.
    pub(super) fn several(&self) -> bool {
        self.urls.len() > 1
    }

    /// The node in use: its index and address (`None` without a list).
    pub(super) fn active(&self) -> Option<(usize, &str)> {
        let i = self.active.load(Ordering::SeqCst) % self.urls.len().max(1);
        self.urls.get(i).map(|u| (i, u.as_str()))
    }

    /// Node `from` could not be reached: the next one becomes active, unless another request
    /// moved on already.
    pub(super) fn failed(&self, from: usize) {
        if self.several() {
            let next = (from + 1) % self.urls.len();
            let _ = self
                .active
                .compare_exchange(from, next, Ordering::SeqCst, Ordering::SeqCst);
        }
    }
}

/// Whether `e` means no answer came from the node (so another node may give one).
pub(super) fn unreachable(e: &ApiError) -> bool {
    e.status.is_none() && matches!(e.kind, ApiErrorKind::Unreachable | ApiErrorKind::Timeout)
}

impl ApiClient {
    /// The node the client talks to now, when the service has several addresses.
    pub fn active_node(&self) -> Option<String> {
        let nodes = &self.inner.nodes;
        nodes
            .several()
            .then(|| nodes.active().map(|(_, u)| u.to_string()))?
    }

    /// Runs `attempt` (given the base URL to use) up to `attempts` times: an unreachable node
    /// hands over to the next address at once (every address once per call), other transient
    /// failures back off 250 ms, 500 ms, …; with `attempts` = 1 nothing is repeated, but an
    /// unreachable node still hands over for the next request.
    pub(super) async fn on_nodes<T, F, Fut>(
        &self,
        api: Api,
        attempts: u32,
        mut attempt: F,
    ) -> Result<T, ApiError>
    where
        F: FnMut(String) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let nodes = &self.inner.nodes;
        let mut hops = 0;
        let mut tries = 0;
        let mut delay = Duration::from_millis(250);
        loop {
            let (node, base) = self.endpoint(api);
            let err = match attempt(base).await {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            if unreachable(&err) && nodes.several() {
                if let Some(i) = node {
                    nodes.failed(i);
                }
                if attempts > 1 && hops + 1 < nodes.urls.len() {
                    hops += 1;
                    continue;
                }
            }
            tries += 1;
            if !err.is_transient() || tries >= attempts {
                return Err(err);
            }
            tokio::time::sleep(delay).await;
            delay *= 2;
        }
    }

    /// The base URL for `api` now, and the node's index when the service has several.
    pub(super) fn endpoint(&self, api: Api) -> (Option<usize>, String) {
        let nodes = &self.inner.nodes;
        if nodes.several()
            && let Some((i, url)) = nodes.active()
        {
            return (Some(i), url.to_string());
        }
        (None, self.configured(api).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_node_hands_over_to_the_next_once_and_round_again() {
        let n = Nodes::new(vec![
            "http://a".into(),
            "http://b".into(),
            "http://c".into(),
        ]);
        assert_eq!(n.active(), Some((0, "http://a")));
        n.failed(0);
        // A second request that saw node 0 fail does not skip node 1.
        n.failed(0);
        assert_eq!(n.active(), Some((1, "http://b")));
        n.failed(1);
        n.failed(2);
        assert_eq!(n.active(), Some((0, "http://a")));
        let one = Nodes::new(vec!["http://a".into()]);
        one.failed(0);
        assert!(!one.several());
        assert_eq!(one.active(), Some((0, "http://a")));
    }
}
