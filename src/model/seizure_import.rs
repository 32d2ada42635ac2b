//! `POST /v1/seizures/import`: many seizures in one request and one transaction, each with its
//! own idempotency key, so a re-run of the same spreadsheet writes nothing new.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::NewSeizure;

/// Most seizures one import request may carry; a larger file is sent in several.
pub const IMPORT_BATCH_MAX: usize = 500;

/// One seizure of an import and its key: the same key (for the same user) is applied once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ImportRow {
    /// 1 to 100 characters; `fwc seizures import` uses a hash of the row's normalised content.
    pub key: String,
    pub seizure: NewSeizure,
}

/// `POST /v1/seizures/import`: 1 to 500 seizures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeizureImport {
    pub rows: Vec<ImportRow>,
}

/// What became of one row: the seizure's id, and whether this request recorded it (`false`:
/// its key had been imported before, and `id` is the seizure recorded then).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ImportOutcome {
    pub key: String,
    pub id: String,
    pub created: bool,
}

/// The answer to an import, one outcome per row in the order sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ImportResult {
    pub results: Vec<ImportOutcome>,
}
crate::sanitize_fields!(ImportOutcome { key, id });
crate::sanitize_fields!(ImportResult { results });
