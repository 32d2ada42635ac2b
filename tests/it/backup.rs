//! `fwc backup`: a copy taken while the database is being written is whole (its audit chain
//! verifies, it holds every row committed before the copy began), and an existing file is
//! replaced only with `--force`.

use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::Utc;
use fwc::server::store::sqlite::SqliteStore;
use fwc::server::store::sqlite::audit_chain::{self, Verdict};
use fwc::server::store::{AuditRecord, Store};

fn backup(db: &std::path::Path, out: &std::path::Path, force: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fwc"));
    cmd.arg("backup").arg("--db").arg(db).arg("--out").arg(out);
    if force {
        cmd.arg("--force");
    }
    cmd.output().unwrap()
}

fn succeeded(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "fwc backup failed: {err}");
}

fn record(n: u64) -> AuditRecord {
    AuditRecord {
        at: Utc::now(),
        user: Some("ana.us".into()),
        method: "POST".into(),
        route: Some("/v1/cases".into()),
        path: format!("/v1/cases?n={n}"),
        status: 201,
        entity_id: None,
        case_id: None,
    }
}

fn audit_rows(db: &std::path::Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn backup_of_a_database_being_written_is_whole_and_overwrites_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let out = dir.path().join("copy.db");
    let store = Arc::new(SqliteStore::open(&db).unwrap());
    // A writer appends chained audit rows, one transaction each, until told to stop.
    let stop = Arc::new(AtomicBool::new(false));
    let (started_tx, started) = std::sync::mpsc::channel();
    let writer = {
        let (store, stop) = (store.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                store.audit(&[record(n)]).unwrap();
                n += 1;
                if n == 200 {
                    started_tx.send(()).unwrap();
                }
            }
            n
        })
    };
    started.recv().unwrap();
    let before = audit_rows(&db);
    let first = backup(&db, &out, false);
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    succeeded(&first);
    assert!(String::from_utf8_lossy(&first.stdout).contains("Backup written"));
    let copied = audit_rows(&out);
    assert!(
        copied >= before && copied <= written as i64,
        "the copy holds {copied} rows; {before} were committed before it began, {written} in all"
    );
    let verdict = audit_chain::verify_file(&out).unwrap();
    assert!(matches!(verdict, Verdict::Intact { .. }), "{verdict:?}");
    // An existing file stays untouched without --force.
    let again = backup(&db, &out, false);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(audit_rows(&out), copied);
    // With --force the copy is replaced by a newer one.
    let forced = backup(&db, &out, true);
    succeeded(&forced);
    assert_eq!(audit_rows(&out), written as i64);
    // The copy is a database a server opens, holding what the live one holds.
    assert_eq!(
        SqliteStore::open(&out).unwrap().content_hash().unwrap(),
        store.content_hash().unwrap()
    );
    // The database itself is never an --out, even with --force.
    let onto_itself = backup(&db, &db, true);
    assert!(!onto_itself.status.success());
    assert_eq!(audit_rows(&db), written as i64);
    assert!(!dir.path().join("copy.db.partial").exists());
}

#[test]
fn backup_refuses_a_missing_database_and_a_file_that_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("copy.db");
    let missing = backup(&dir.path().join("nope.db"), &out, false);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not found"));
    let empty = dir.path().join("empty.db");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE t(x)")
        .unwrap();
    let not_fwc = backup(&empty, &out, false);
    assert!(!not_fwc.status.success());
    assert!(String::from_utf8_lossy(&not_fwc.stderr).contains("not an fwc database"));
    assert!(!out.exists());
}
