//! The audit trail's hash chain, the same on every engine: what a row's hash covers, how a
//! chain is walked, and how rows are exported. Each engine stores the rows and gives them ids
//! (`sqlite::audit_chain`, `postgres::audit_chain`); `fwc audit verify` reads either.

use std::io::Write;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{AuditRecord, StoreError, StoreResult};
use crate::server::store::sqlite::ts;

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a row's hash covers, in a fixed order (serialised as a JSON array).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Content {
    pub at: i64,
    pub user: Option<String>,
    pub method: String,
    pub route: Option<String>,
    pub path: String,
    pub status: u16,
    pub entity_id: Option<String>,
    pub case_id: Option<String>,
}

impl Content {
    pub(crate) fn of(r: &AuditRecord) -> Content {
        Content {
            at: ts(r.at),
            user: r.user.clone(),
            method: r.method.clone(),
            route: r.route.clone(),
            path: r.path.clone(),
            status: r.status,
            entity_id: r.entity_id.clone(),
            case_id: r.case_id.clone(),
        }
    }
}

pub(crate) fn content_hash(prev: &str, c: &Content) -> String {
    let fields = (
        c.at,
        &c.user,
        &c.method,
        &c.route,
        &c.path,
        c.status,
        &c.entity_id,
        &c.case_id,
    );
    let json = serde_json::to_string(&fields).unwrap_or_default();
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(json.as_bytes());
    hex::encode(h.finalize())
}

/// One stored row, as `verify` and `export` read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user: Option<String>,
    pub method: String,
    pub route: Option<String>,
    pub path: String,
    pub status: u16,
    pub entity_id: Option<String>,
    pub case_id: Option<String>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

impl ChainRow {
    pub(crate) fn content(&self) -> Content {
        Content {
            at: ts(self.at),
            user: self.user.clone(),
            method: self.method.clone(),
            route: self.route.clone(),
            path: self.path.clone(),
            status: self.status,
            entity_id: self.entity_id.clone(),
            case_id: self.case_id.clone(),
        }
    }
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every row fits the chain; `rows` were checked and the last hash is `head`.
    Intact { rows: u64, head: String },
    /// The first row that does not fit, and why.
    Broken { row: i64, reason: String },
}

/// The chain walked a row at a time, so a long chain is read a row or a page at a time, never
/// whole (the national service's trail holds a row for every request ever answered): each
/// row's `prev_hash` must be the hash before it and its `hash` the hash of its content; a row
/// removed from the end is caught by the highest id the engine ever gave ([`Walk::end`]).
pub(crate) struct Walk {
    prev: String,
    last_id: i64,
    rows: u64,
}

impl Default for Walk {
    fn default() -> Self {
        Walk {
            prev: GENESIS.to_string(),
            last_id: 0,
            rows: 0,
        }
    }
}

impl Walk {
    /// The id of the last row that fitted (0 before the first).
    pub(crate) fn last_id(&self) -> i64 {
        self.last_id
    }

    /// Checks the next row; `Some` is the verdict on the first row that does not fit.
    pub(crate) fn step(&mut self, row: &ChainRow) -> Option<Verdict> {
        let broken = |reason: &str| {
            Some(Verdict::Broken {
                row: row.id,
                reason: reason.to_string(),
            })
        };
        if row.id != self.last_id + 1 {
            return Some(Verdict::Broken {
                row: self.last_id + 1,
                reason: format!(
                    "row {} is missing (the next row present is {})",
                    self.last_id + 1,
                    row.id
                ),
            });
        }
        match (&row.prev_hash, &row.hash) {
            (None, _) | (_, None) => return broken("the row carries no chain hashes"),
            (Some(p), _) if *p != self.prev => {
                return broken("its prev_hash is not the hash of the row before it");
            }
            (_, Some(h)) if *h != content_hash(&self.prev, &row.content()) => {
                return broken("its content does not match its hash (the row was altered)");
            }
            (_, Some(h)) => self.prev = h.clone(),
        }
        self.last_id = row.id;
        self.rows += 1;
        None
    }

    /// The verdict once every row was walked.
    pub(crate) fn end(self, highest: Option<i64>) -> Verdict {
        if let Some(seq) = highest.filter(|s| *s > self.last_id) {
            return Verdict::Broken {
                row: self.last_id + 1,
                reason: format!(
                    "rows {} to {seq} were removed from the end",
                    self.last_id + 1
                ),
            };
        }
        Verdict::Intact {
            rows: self.rows,
            head: self.prev,
        }
    }
}

/// Writes a row as a JSON line (one object per row, with its hashes, so an auditor can check
/// them against a copy of the chain).
pub(crate) fn write_line(row: &ChainRow, out: &mut dyn Write) -> StoreResult<()> {
    let line = serde_json::to_string(row).map_err(|e| StoreError::Internal(e.to_string()))?;
    writeln!(out, "{line}").map_err(|e| StoreError::Internal(e.to_string()))
}
