//! `POST /v1/seizures/import`: a batch of seizures with per-row keys (`fwc seizures import`).

use reqwest::Method;

use super::client::Api;
use super::{ApiClient, ApiError};
use crate::model::{ImportResult, SeizureImport};

impl ApiClient {
    /// Records a batch; safe to retry, since each row carries its own key.
    pub async fn import_seizures(&self, batch: &SeizureImport) -> Result<ImportResult, ApiError> {
        // The rows' keys make the request idempotent; the header key lets the client retry it.
        let key = format!(
            "import-{}",
            batch.rows.first().map(|r| r.key.as_str()).unwrap_or("")
        );
        self.send(
            Api::Trace,
            Method::POST,
            "/v1/seizures/import",
            batch,
            Some(&key),
        )
        .await
    }
}
