//! Watches and alerts (`/v1/watches`, `/v1/alerts`): the caller's own, on the trace API's
//! server, which evaluates them.

use reqwest::Method;

use super::client::{Api, seg};
use super::{ApiClient, ApiError};
use crate::model::*;

impl ApiClient {
    pub async fn watches(&self) -> Result<Vec<Watch>, ApiError> {
        self.get(Api::Trace, "/v1/watches", &()).await
    }
    pub async fn create_watch(
        &self,
        new: &NewWatch,
        idempotency_key: &str,
    ) -> Result<Watch, ApiError> {
        self.send(
            Api::Trace,
            Method::POST,
            "/v1/watches",
            new,
            Some(idempotency_key),
        )
        .await
    }
    /// Renames, pauses or resumes a watch.
    pub async fn update_watch(&self, id: &str, upd: &WatchUpdate) -> Result<Watch, ApiError> {
        let path = format!("/v1/watches/{}", seg(id));
        self.send(Api::Trace, Method::PATCH, &path, upd, None).await
    }
    pub async fn delete_watch(&self, id: &str) -> Result<Watch, ApiError> {
        let path = format!("/v1/watches/{}", seg(id));
        self.send(Api::Trace, Method::DELETE, &path, &(), None)
            .await
    }
    /// Newest first; `unread: Some(true)` for the unread ones only.
    pub async fn alerts(&self, q: &AlertQuery) -> Result<Vec<Alert>, ApiError> {
        self.get(Api::Trace, "/v1/alerts", q).await
    }
    pub async fn mark_alert_read(&self, id: &str) -> Result<Alert, ApiError> {
        let path = format!("/v1/alerts/{}/read", seg(id));
        self.send(Api::Trace, Method::POST, &path, &(), None).await
    }
}
