//! ETags on GET answers: a client that already has the current page sends `If-None-Match` and
//! gets a bodiless 304 — what a field office on a slow link needs most.

use axum::body::{Body, to_bytes};
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Largest body we buffer to hash (pages are bounded by the page limit well below this).
const MAX_HASHED: usize = 64 * 1024 * 1024;

pub async fn etag(req: Request<Body>, next: Next) -> Response {
    if req.method() != Method::GET || req.uri().path() == "/v1/events" {
        return next.run(req).await;
    }
    let inm = req.headers().get(header::IF_NONE_MATCH).cloned();
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_HASHED).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let tag = format!("\"{}\"", hex::encode(&Sha256::digest(&bytes)[..16]));
    let matches = inm.as_ref().and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.split(',')
            .map(str::trim)
            .any(|t| t == tag || t == "*" || t.strip_prefix("W/") == Some(tag.as_str()))
    });
    if let Ok(v) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, v);
    }
    parts.headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}
