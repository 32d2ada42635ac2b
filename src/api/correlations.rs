//! Correlation lists and their review: a casing's ranked candidates, the queue of lists to
//! review, and marking a candidate as a lead. Answers are sanitised by the client's decoding.

use reqwest::Method;

use super::client::{Api, ApiClient, seg};
use super::error::ApiError;
use crate::model::{
    CorrelationList, CorrelationQuery, Lead, LeadMark, Page, ReviewItem, ReviewQuery,
};

impl ApiClient {
    pub async fn correlations(
        &self,
        casing_id: &str,
        limit: Option<u32>,
    ) -> Result<CorrelationList, ApiError> {
        let path = format!("/v1/ballistics/casings/{}/correlations", seg(casing_id));
        self.get(Api::Trace, &path, &CorrelationQuery { limit })
            .await
    }

    pub async fn reviews(&self, q: &ReviewQuery) -> Result<Page<ReviewItem>, ApiError> {
        self.get(Api::Trace, "/v1/ballistics/reviews", q).await
    }

    pub async fn mark_lead(
        &self,
        casing_id: &str,
        candidate_id: &str,
        comment: &str,
        idempotency_key: &str,
    ) -> Result<Lead, ApiError> {
        let path = format!(
            "/v1/ballistics/casings/{}/correlations/{}/lead",
            seg(casing_id),
            seg(candidate_id)
        );
        let body = LeadMark {
            comment: comment.to_string(),
        };
        self.send(
            Api::Trace,
            Method::POST,
            &path,
            &body,
            Some(idempotency_key),
        )
        .await
    }
}
