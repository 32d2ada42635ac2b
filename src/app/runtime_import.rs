//! The runtime's half of a spreadsheet import (the Queue's `I`): reading and checking the file
//! off the UI thread, then sending its batches one after another, each answer reported as it
//! comes so the status bar can follow.

use std::path::{Path, PathBuf};

use tokio::sync::mpsc;

use super::action::Action;
use super::backend::{Backend, FetchError, FetchErrorKind};
use super::effect::Slot;
use super::import_job::{ImportFile, ImportProgress};
use super::reply::Data;
use super::runtime::answer;
use crate::model::SeizureImport;

/// Largest file the console reads (a 100,000-row spreadsheet is about 15 MB).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// `~/…` from the home directory, a relative path from `base` (where the console started).
pub fn resolve(base: &Path, typed: &str) -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => base.join(typed),
    }
}

/// Reads and checks the file; answers like a read of `slot`.
pub fn read(
    tx: mpsc::UnboundedSender<Action>,
    base: PathBuf,
    slot: Slot,
    generation: u64,
    typed: String,
) {
    tokio::task::spawn_blocking(move || {
        let path = resolve(&base, &typed);
        let result = check(&path).map(|plan| {
            Data::ImportChecked(Box::new(ImportFile {
                path: path.display().to_string(),
                plan,
            }))
        });
        answer(&tx, slot, generation, result);
    });
}

fn check(path: &Path) -> Result<crate::import::Plan, FetchError> {
    let refuse = |why: String| {
        FetchError::new(
            FetchErrorKind::Invalid,
            format!("cannot import {}: {why}", path.display()),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| refuse(e.to_string()))?;
    if !meta.is_file() {
        return Err(refuse("not a file".into()));
    }
    if meta.len() > MAX_BYTES {
        return Err(refuse(format!(
            "larger than {} MB (use `fwc seizures import`)",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| refuse(e.to_string()))?;
    crate::import::plan(&bytes, chrono::Utc::now()).map_err(refuse)
}

/// Sends the batches in order, reporting after each; stops at the first failure.
pub fn import<B: Backend>(
    backend: B,
    tx: mpsc::UnboundedSender<Action>,
    slot: Slot,
    generation: u64,
    batches: Vec<SeizureImport>,
) {
    tokio::spawn(async move {
        let mut progress = ImportProgress {
            total: batches.iter().map(|b| b.rows.len()).sum(),
            ..ImportProgress::default()
        };
        let report =
            |p: &ImportProgress| answer(&tx, slot, generation, Ok(Data::ImportProgress(p.clone())));
        for batch in batches {
            match backend.import_seizures(batch).await {
                Ok(result) => progress.add(&result),
                Err(e) => {
                    progress.failed = Some(e);
                    break;
                }
            }
            report(&progress);
        }
        progress.done = true;
        report(&progress);
    });
}
