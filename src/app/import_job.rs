//! A spreadsheet import as the console runs it (the Queue's `I`): what the runtime answers to
//! [`Effect::ReadImport`](super::effect::Effect::ReadImport) and
//! [`Effect::Import`](super::effect::Effect::Import). Reading the file, checking it and sending
//! it are effects; the Queue only decides.

use crate::import::Plan;
use crate::model::ImportResult;

use super::backend::FetchError;

/// A file read and checked ([`crate::import::plan`]), nothing sent yet.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFile {
    /// The path as resolved (relative paths from where the console was started).
    pub path: String,
    pub plan: Plan,
}

/// How far an import has gone: reported after each batch, and once more at the end.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportProgress {
    /// Seizures answered so far, of `total`.
    pub sent: usize,
    pub total: usize,
    /// Recorded by this import / imported before (not written again).
    pub created: usize,
    pub existing: usize,
    /// Every batch is answered, or `failed`.
    pub done: bool,
    /// Why the import stopped (what was answered before stays recorded).
    pub failed: Option<FetchError>,
}

impl ImportProgress {
    /// Adds one batch's answer.
    pub fn add(&mut self, result: &ImportResult) {
        self.sent += result.results.len();
        for r in &result.results {
            if r.created {
                self.created += 1;
            } else {
                self.existing += 1;
            }
        }
    }
}
