//! Correlation lists on PostgreSQL: the shared statements of
//! [`crate::server::store::correlations`] in this engine's read and write transactions.

use chrono::{DateTime, Utc};

use super::PgStore;
use crate::model::*;
use crate::server::store::correlations as shared;
use crate::server::store::{Correlated, StoreResult, Written};

impl PgStore {
    pub fn queued_casings_impl(&self, limit: u32) -> StoreResult<Vec<(String, String)>> {
        self.read(|db| shared::queued_casings(db, limit))
    }

    pub fn save_correlation_impl(&self, k: &Correlated) -> StoreResult<Vec<Event>> {
        self.write(|db| shared::save_correlation(db, k))
    }

    pub fn correlations_impl(
        &self,
        casing_id: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<CorrelationList> {
        self.read(|db| shared::correlations(db, casing_id, limit, now))
    }

    pub fn reviews_impl(
        &self,
        q: &ReviewQuery,
        now: DateTime<Utc>,
    ) -> StoreResult<Page<ReviewItem>> {
        self.read(|db| shared::reviews(db, q, now))
    }

    pub fn mark_lead_impl(
        &self,
        casing_id: &str,
        candidate_id: &str,
        m: &LeadMark,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Lead>> {
        let op = shared::mark_op(casing_id, candidate_id);
        self.idempotent_write(by, idem, &op, |db| {
            shared::mark_lead(db, casing_id, candidate_id, m, by)
        })
    }
}
