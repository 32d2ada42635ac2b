//! The API's own JSON, as the server sent it, for `fwc … --json`: a script asked for the wire
//! document, so it is passed through (JSON's escaping keeps control characters out of the
//! output); tables and CSV use the typed, sanitised records instead.

use reqwest::Method;
use serde::Serialize;

use super::client::Api;
use super::{ApiClient, ApiError};

/// Paths under `/v1/cases` belong to the case API, the rest to the trace API.
fn api_of(path: &str) -> Api {
    if path.starts_with("/v1/cases") {
        Api::Case
    } else {
        Api::Trace
    }
}

impl ApiClient {
    /// The API's own JSON for a GET, as the server sent it (not sanitised): for `fwc … --json`,
    /// where a script wants the wire document and JSON's escaping keeps control characters
    /// out of the output. Paths under `/v1/cases` go to the case API, the rest to the trace API.
    pub async fn get_value<Q>(&self, path: &str, query: &Q) -> Result<serde_json::Value, ApiError>
    where
        Q: Serialize + ?Sized,
    {
        let api = api_of(path);
        let base = self.base(api).to_string();
        let body = self.get_bytes(api, path, query).await?;
        serde_json::from_slice(&body).map_err(|e| ApiError::decode(&base, e))
    }

    /// A POST answered with the API's own JSON (not sanitised), for `fwc … --json` writes;
    /// retried like [`Self::send`] when it carries an idempotency key.
    pub async fn post_value<B>(
        &self,
        path: &str,
        body: &B,
        key: Option<&str>,
    ) -> Result<serde_json::Value, ApiError>
    where
        B: Serialize + ?Sized,
    {
        self.send_value(Method::POST, path, body, key).await
    }

    /// A DELETE answered with the API's own JSON (the record as it was), for `fwc … rm`.
    pub async fn delete_value(&self, path: &str) -> Result<serde_json::Value, ApiError> {
        self.send_value(Method::DELETE, path, &(), None).await
    }

    async fn send_value<B>(
        &self,
        method: Method,
        path: &str,
        body: &B,
        key: Option<&str>,
    ) -> Result<serde_json::Value, ApiError>
    where
        B: Serialize + ?Sized,
    {
        let api = api_of(path);
        let base = self.base(api).to_string();
        let bytes = self.send_bytes(api, method, path, body, key).await?;
        serde_json::from_slice(&bytes).map_err(|e| ApiError::decode(&base, e))
    }
}
