//! The outcome statistics (`/v1/stats/…`): counts for the Outcomes pane.

use super::client::Api;
use super::{ApiClient, ApiError};
use crate::model::*;

impl ApiClient {
    pub async fn stats_measures(&self, q: &StatsQuery) -> Result<Measures, ApiError> {
        self.get(Api::Trace, "/v1/stats/measures", q).await
    }
    pub async fn stats_traces(&self, q: &StatsQuery) -> Result<TraceStats, ApiError> {
        self.get(Api::Trace, "/v1/stats/traces", q).await
    }
    pub async fn stats_seizures(&self, q: &StatsQuery) -> Result<SeizureStatsOut, ApiError> {
        self.get(Api::Trace, "/v1/stats/seizures", q).await
    }
    pub async fn stats_leads(&self, q: &StatsQuery) -> Result<LeadStats, ApiError> {
        self.get(Api::Trace, "/v1/stats/leads", q).await
    }
}
