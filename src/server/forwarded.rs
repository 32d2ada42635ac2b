//! `fwc serve --trust-proxy`: behind a reverse proxy that terminates TLS, every connection
//! comes from the proxy, so throttling failed sign-ins per address would throttle everybody at
//! once. With the flag, the client address is the right-most `X-Forwarded-For` entry — the one
//! the proxy itself appended; entries to its left were written by the client and prove
//! nothing. Without the flag the header is ignored: anybody can send it.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

use super::wire::PeerAddr;

/// Replaces the connection's peer address by the proxy's word for the client, when it gave
/// a readable one; otherwise the proxy's own address stays (the safe side: one shared
/// allowance).
pub async fn client_from_proxy(mut req: Request, next: Next) -> Response {
    if let Some(ip) = rightmost_forwarded(req.headers()) {
        let port = req
            .extensions()
            .get::<ConnectInfo<PeerAddr>>()
            .map_or(0, |c| c.0.0.port());
        req.extensions_mut()
            .insert(ConnectInfo(PeerAddr(SocketAddr::new(ip, port))));
    }
    next.run(req).await
}

/// The last address of the last `X-Forwarded-For` header (a port after it is allowed).
pub fn rightmost_forwarded(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().next_back()?;
    let entry = last.to_str().ok()?.rsplit(',').next()?.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_the_right_most_hop_counts() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        assert_eq!(
            rightmost_forwarded(&headers(&["203.0.113.7"])),
            ip("203.0.113.7")
        );
        // A client's own header is kept on the left by the proxy: it is not believed.
        assert_eq!(
            rightmost_forwarded(&headers(&["1.2.3.4, 198.51.100.9"])),
            ip("198.51.100.9")
        );
        assert_eq!(
            rightmost_forwarded(&headers(&["1.2.3.4", "2001:db8::1"])),
            ip("2001:db8::1")
        );
        assert_eq!(
            rightmost_forwarded(&headers(&["198.51.100.9:4711"])),
            ip("198.51.100.9")
        );
        assert_eq!(
            rightmost_forwarded(&headers(&["[2001:db8::2]:443"])),
            ip("2001:db8::2")
        );
        assert_eq!(rightmost_forwarded(&headers(&["1.2.3.4, unknown"])), None);
        assert_eq!(rightmost_forwarded(&HeaderMap::new()), None);
    }
}
