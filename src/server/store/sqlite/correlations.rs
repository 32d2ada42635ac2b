//! Correlation lists on SQLite: the shared statements of
//! [`crate::server::store::correlations`] in this engine's read and write transactions.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::SqliteStore;
use crate::model::*;
use crate::server::store::correlations as shared;
use crate::server::store::{Correlated, StoreResult, Written};

impl SqliteStore {
    pub(super) fn queued_casings_impl(&self, limit: u32) -> StoreResult<Vec<(String, String)>> {
        self.read(|c| shared::queued_casings(c, limit))
    }

    pub(super) fn save_correlation_impl(&self, k: &Correlated) -> StoreResult<Vec<Event>> {
        self.write(|tx| shared::save_correlation(tx as &Connection, k))
    }

    pub(super) fn correlations_impl(
        &self,
        casing_id: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<CorrelationList> {
        self.read(|c| shared::correlations(c, casing_id, limit, now))
    }

    pub(super) fn reviews_impl(
        &self,
        q: &ReviewQuery,
        now: DateTime<Utc>,
    ) -> StoreResult<Page<ReviewItem>> {
        self.read(|c| shared::reviews(c, q, now))
    }

    pub(super) fn mark_lead_impl(
        &self,
        casing_id: &str,
        candidate_id: &str,
        m: &LeadMark,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Lead>> {
        let op = shared::mark_op(casing_id, candidate_id);
        self.idempotent_write(by, idem, &op, |tx| {
            shared::mark_lead(tx as &Connection, casing_id, candidate_id, m, by)
        })
    }
}
