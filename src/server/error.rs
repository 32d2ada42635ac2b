//! Every failure becomes `{"error":{"code":"…","message":"…"}}` with a 4xx status when the
//! client can fix it — never a bare 500 page or a panic.

use axum::Json;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::store::StoreError;
use crate::model::{ErrorBody, ErrorDetail};

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
    }
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => ApiError::not_found(format!("{what} was not found.")),
            StoreError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, "conflict", m),
            StoreError::Invalid(m) => ApiError::invalid(m),
            StoreError::Forbidden(m) => ApiError::forbidden(m),
            StoreError::KeyReused(m) => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                m,
            ),
            StoreError::BadCursor => ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_cursor",
                "The cursor is not valid for this list; start again without it.",
            ),
            StoreError::Busy(m) => {
                tracing::warn!("store time limit: {m}");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", m)
            }
            StoreError::Internal(m) => {
                tracing::error!("store error: {m}");
                ApiError::internal("The server could not complete the request; it has been logged.")
            }
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> Self {
        tracing::error!("request task failed: {e}");
        ApiError::internal("The server could not complete the request; it has been logged.")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // Codes are a stable list clients word; a new one must be added there (and worded).
        debug_assert!(
            crate::model::ERROR_CODES.contains(&self.code),
            "error code {:?} is not in model::ERROR_CODES",
            self.code
        );
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

/// Rewrites error answers produced outside our handlers (unknown route, wrong method, body too
/// large, framework rejections) into the JSON error shape.
pub async fn json_errors(req: Request<Body>, next: Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return resp;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => (
            "not_found",
            "There is no such API path. See /openapi.json.".to_string(),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "That method is not allowed on this path.".to_string(),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => {
            ("too_large", "The request body is too large.".to_string())
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "Send the body as JSON with Content-Type: application/json.".to_string(),
        ),
        StatusCode::TOO_MANY_REQUESTS => {
            ("rate_limited", "Too many requests; slow down.".to_string())
        }
        s if s.is_server_error() => (
            "internal",
            "The server could not complete the request; it has been logged.".to_string(),
        ),
        s => (
            "bad_request",
            format!("The request was not accepted ({}).", s.as_u16()),
        ),
    };
    let mut out = ApiError::new(status, code, message).into_response();
    if let Some(v) = resp.headers().get(header::RETRY_AFTER) {
        out.headers_mut().insert(header::RETRY_AFTER, v.clone());
    }
    out.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out
}
