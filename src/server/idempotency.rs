//! What an `Idempotency-Key` promises: the same key with the same request gets the first answer
//! again; the same key with a different request is refused (`422 idempotency_key_reused`) instead
//! of silently answering something the client did not ask for.
//!
//! The body is only readable before the handler's JSON extractor consumes it, so this middleware
//! reads it first (the body limit still applies), keeps a digest of it for the request, and hands
//! the same bytes on. The store compares the digest with the one kept beside the stored answer.

use axum::body::{Body, Bytes};
use axum::extract::FromRequest;
use axum::http::{Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::error::ApiError;

tokio::task_local! {
    /// The digest of the body of the request this task serves, when it carries a key.
    static DIGEST: String;
}

/// The digest of the current request's body, if it carries an `Idempotency-Key`.
pub fn current() -> Option<String> {
    DIGEST.try_with(Clone::clone).ok()
}

/// Digests the body of every request that carries an `Idempotency-Key`.
pub async fn digest(req: Request<Body>, next: Next) -> Response {
    if !req.headers().contains_key("idempotency-key") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match Bytes::from_request(Request::new(body), &()).await {
        Ok(b) => b,
        Err(rej) if rej.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "The request body is too large.",
            )
            .into_response();
        }
        Err(rej) => {
            return ApiError::bad_request(format!(
                "The body could not be read: {}",
                rej.body_text()
            ))
            .into_response();
        }
    };
    let d = body_digest(&bytes);
    let req = Request::from_parts(parts, Body::from(bytes));
    DIGEST.scope(d, next.run(req)).await
}

/// SHA-256 of the body in a canonical form: JSON re-serialised (so spacing does not make two
/// equal requests differ), anything else as sent.
pub fn body_digest(bytes: &[u8]) -> String {
    let canonical = serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| serde_json::to_vec(&v).ok());
    hex::encode(Sha256::digest(canonical.as_deref().unwrap_or(bytes)))
}

#[cfg(test)]
mod tests {
    use super::body_digest;

    #[test]
    fn spacing_does_not_change_the_digest_but_content_does() {
        assert_eq!(
            body_digest(br#"{"body":"a"}"#),
            body_digest(b"{ \"body\" : \"a\" }")
        );
        assert_ne!(
            body_digest(br#"{"body":"a"}"#),
            body_digest(br#"{"body":"b"}"#)
        );
        assert_ne!(body_digest(b"not json"), body_digest(b"not  json"));
    }
}
