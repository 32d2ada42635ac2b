//! The request a store call serves, carried to its write transaction: the audit record (so an
//! acknowledged write always has its audit row in the same transaction) and the digest of the
//! request body (so an idempotent answer is kept with what produced it). Both travel through
//! thread-locals of the blocking thread the route runs the store call on.

use chrono::{DateTime, Utc};

/// One record for the audit trail.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    pub user: Option<String>,
    pub method: String,
    /// The route template the router matched (`/v1/cases/{id}/notes`); `None` when no route
    /// matched.
    pub route: Option<String>,
    /// The request path as sent (percent-encoding kept), cut to a bounded length.
    pub path: String,
    pub status: u16,
    /// The most specific id the route named, decoded and validated (`NT-…` for a note).
    pub entity_id: Option<String>,
    /// The case the request touched, when it touched one.
    pub case_id: Option<String>,
}

thread_local! {
    /// The audit record of the request a store call on this thread serves, if any (set by
    /// [`with_write_audit`]). A write transaction that commits carries it in the same
    /// transaction, so an acknowledged write always has its audit row.
    static WRITE_AUDIT: std::cell::RefCell<Option<std::sync::Arc<WriteAudit>>> =
        const { std::cell::RefCell::new(None) };
}

/// A request's audit record waiting for the write transaction that will carry it.
#[derive(Debug)]
pub struct WriteAudit {
    record: std::sync::Mutex<AuditRecord>,
    /// The status recorded in a committed write transaction, once one did.
    committed: std::sync::Mutex<Option<u16>>,
}

impl WriteAudit {
    /// `record.status` is the answer the write will get if it commits.
    pub fn new(record: AuditRecord) -> Self {
        WriteAudit {
            record: std::sync::Mutex::new(record),
            committed: std::sync::Mutex::new(None),
        }
    }

    /// The record as it stands (user and ids are filled in as the request is handled).
    pub fn record(&self) -> Option<AuditRecord> {
        self.record.lock().ok().map(|r| r.clone())
    }

    pub fn update(&self, f: impl FnOnce(&mut AuditRecord)) {
        if let Ok(mut r) = self.record.lock() {
            f(&mut r);
        }
    }

    /// The status a committed write recorded, if a write committed.
    pub fn committed(&self) -> Option<u16> {
        self.committed.lock().ok().and_then(|c| *c)
    }

    /// Called by the store after the transaction carrying the record committed.
    pub fn mark_committed(&self, status: u16) {
        if let Ok(mut c) = self.committed.lock() {
            *c = Some(status);
        }
    }
}

/// Runs a store call with the request's audit record in reach of its write transaction.
pub fn with_write_audit<T>(audit: Option<std::sync::Arc<WriteAudit>>, f: impl FnOnce() -> T) -> T {
    let before = WRITE_AUDIT.with(|w| w.replace(audit));
    let out = f();
    WRITE_AUDIT.with(|w| w.replace(before));
    out
}

thread_local! {
    /// The digest of the body of the request a store call on this thread serves, when the
    /// request carries an `Idempotency-Key` (set by [`with_request_digest`]).
    static REQUEST_DIGEST: std::cell::RefCell<Option<String>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs a store call knowing the digest of the request body it serves.
pub fn with_request_digest<T>(digest: Option<String>, f: impl FnOnce() -> T) -> T {
    let before = REQUEST_DIGEST.with(|d| d.replace(digest));
    let out = f();
    REQUEST_DIGEST.with(|d| d.replace(before));
    out
}

/// The digest of the body of the request the current store call serves.
pub fn request_digest() -> Option<String> {
    REQUEST_DIGEST.with(|d| d.borrow().clone())
}

/// Names the record a write created on the request's audit row (a new case or note has no id
/// in the path that created it); `case_id` also files the row in that case's trail.
pub fn audit_created(entity_id: &str, case_id: Option<&str>) {
    if let Some(a) = pending_write_audit() {
        a.update(|r| {
            r.entity_id = Some(entity_id.to_string());
            if let Some(c) = case_id {
                r.case_id = Some(c.to_string());
            }
        });
    }
}

/// The audit record the current store call's write must carry, unless one already did.
pub fn pending_write_audit() -> Option<std::sync::Arc<WriteAudit>> {
    WRITE_AUDIT
        .with(|w| w.borrow().clone())
        .filter(|a| a.committed().is_none())
}
