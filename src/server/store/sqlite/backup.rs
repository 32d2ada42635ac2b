//! `fwc backup`: a consistent copy of a live database through SQLite's online backup API.
//!
//! Copying the file with `cp` while a server writes can tear a page or miss the WAL; the
//! backup API reads every page inside one read transaction instead, so the copy is the
//! database as of one commit. In WAL mode a reader never blocks the writer, so the server keeps
//! answering while the copy is made.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::server::store::{StoreError, StoreResult};

/// What a finished backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub pages: i64,
    pub bytes: u64,
    /// Schema version (migrations applied) of the copy.
    pub schema_version: i64,
}

/// Copies the database at `db` to `out`. The copy is written beside `out` under a temporary
/// name and renamed into place only once it is complete and checked, so a failed or
/// interrupted backup never leaves a half-written file where the last good backup was.
pub fn backup_file(db: &Path, out: &Path, force: bool) -> StoreResult<BackupSummary> {
    if !db.is_file() {
        return Err(StoreError::NotFound(format!("database {}", db.display())));
    }
    if out.exists() {
        if same_file(db, out) {
            return Err(StoreError::Invalid(format!(
                "{} is the database itself: choose another --out",
                out.display()
            )));
        }
        if !force {
            return Err(StoreError::Conflict(format!(
                "{} already exists: pass --force to overwrite it",
                out.display()
            )));
        }
    }
    let src = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(Duration::from_secs(5))?;
    let schema_version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if schema_version == 0 {
        return Err(StoreError::Invalid(format!(
            "{} is not an fwc database (no schema)",
            db.display()
        )));
    }
    let partial = partial_path(out);
    let _ = std::fs::remove_file(&partial);
    let copied = copy_pages(&src, &partial).and_then(|pages| {
        check(&partial)?;
        Ok(pages)
    });
    let pages = match copied {
        Ok(p) => p,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, out).map_err(|e| {
        StoreError::Internal(format!("cannot move the copy to {}: {e}", out.display()))
    })?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(BackupSummary {
        pages,
        bytes,
        schema_version,
    })
}

/// Copies every page in one step: one read transaction, so one consistent snapshot (a step
/// per few pages would restart whenever the server commits, and might never finish under a
/// steady write load). `Busy`/`Locked` only happen while another connection holds an exclusive
/// lock (a checkpoint truncating the WAL): wait for it and try again, for a minute at most.
const WAIT: Duration = Duration::from_millis(20);
const MAX_WAITS: u32 = 3000;

fn copy_pages(src: &Connection, partial: &Path) -> StoreResult<i64> {
    let mut dst = Connection::open(partial)?;
    let pages = {
        let backup = Backup::new(src, &mut dst)?;
        let mut waits = 0;
        while backup.step(-1)? != StepResult::Done {
            waits += 1;
            if waits > MAX_WAITS {
                return Err(StoreError::Internal(
                    "the database stayed locked for a minute: try again".into(),
                ));
            }
            std::thread::sleep(WAIT);
        }
        i64::from(backup.progress().pagecount)
    };
    // The copy is a plain file: fold any WAL it has into it before it is moved.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| StoreError::from(e))?;
    Ok(pages)
}

/// A quick structural check of the copy (page and index consistency) before it replaces
/// anything.
fn check(path: &Path) -> StoreResult<()> {
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let verdict: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Internal(format!(
            "the copy failed its check: {verdict}"
        )))
    }
}

fn partial_path(out: &Path) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    out.with_file_name(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
