//! Extractors whose rejections are JSON errors that say what was wrong with the request.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, RawPathParams, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// A JSON body. Malformed JSON, wrong types and missing fields are 400/422 with the reason.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rej) => Err(json_rejection(rej)),
        }
    }
}

fn json_rejection(rej: JsonRejection) -> ApiError {
    use axum::http::StatusCode;
    match rej {
        JsonRejection::JsonDataError(e) => ApiError::invalid(format!(
            "The JSON body does not fit the schema: {}",
            e.body_text()
        )),
        JsonRejection::JsonSyntaxError(e) => {
            ApiError::bad_request(format!("The body is not valid JSON: {}", e.body_text()))
        }
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as JSON with Content-Type: application/json.",
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "The request body is too large.",
        ),
        other => {
            ApiError::bad_request(format!("The body could not be read: {}", other.body_text()))
        }
    }
}

/// Query-string parameters; unknown enum values and bad numbers are a 400 with the reason.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(ApiQuery(v)),
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => Err(ApiError::bad_request(
                format!("Bad query parameter: {}", e.body_text()),
            )),
            Err(e) => Err(ApiError::bad_request(e.body_text())),
        }
    }
}

/// A path parameter (an id), checked for sane length and characters.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // Ids are checked before use, so a hostile id (5,000 characters, control codes) is
        // neither echoed back nor stored; the answer does not repeat it.
        if let Ok(raw) = RawPathParams::from_request_parts(parts, state).await {
            for (name, value) in &raw {
                if !super::validate::path_id(value) {
                    return Err(ApiError::bad_request(format!(
                        "Bad path parameter {name}: an id is 1 to {} letters, digits, '-', '_' or '.'.",
                        super::validate::MAX_PATH_ID
                    )));
                }
            }
        }
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(ApiPath(v)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => Err(ApiError::bad_request(
                format!("Bad path parameter: {}", e.body_text()),
            )),
            Err(e) => Err(ApiError::bad_request(e.body_text())),
        }
    }
}

/// The optional `Idempotency-Key` header: a retried write carrying it is applied once.
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(v) = parts.headers.get("idempotency-key") else {
            return Ok(IdempotencyKey(None));
        };
        let s = v.to_str().map_err(|_| {
            ApiError::bad_request("The Idempotency-Key header must be printable ASCII.")
        })?;
        if s.is_empty() || s.len() > 128 || !s.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ApiError::bad_request(
                "The Idempotency-Key must be 1 to 128 printable ASCII characters.",
            ));
        }
        Ok(IdempotencyKey(Some(s.to_string())))
    }
}
