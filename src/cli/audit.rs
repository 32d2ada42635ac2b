//! `fwc audit verify` and `fwc audit export`: an auditor's tools over a server's database file.
//! Both open the file read-only, so checking the evidence never changes it.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand, ValueEnum};

use crate::server::store::postgres::PgStore;
use crate::server::store::sqlite::audit_chain::{self, Verdict};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the audit trail's hash chain and name the first row that does not fit.
    Verify(AuditVerifyArgs),
    /// Write the audit rows of a time window, with their hashes, for an auditor.
    Export(AuditExportArgs),
}

#[derive(Debug, Args)]
pub struct AuditVerifyArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db?sslmode=require`).
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct AuditExportArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db?sslmode=require`).
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: PathBuf,
    /// First instant included: RFC 3339 (`2026-03-01T00:00:00Z`) or a date (its start, UTC).
    #[arg(long, value_parser = parse_instant_from)]
    pub from: Option<DateTime<Utc>>,
    /// Last instant included: RFC 3339 or a date (its end, UTC).
    #[arg(long, value_parser = parse_instant_to)]
    pub to: Option<DateTime<Utc>>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: AuditFormat,
}

fn parse_instant(s: &str, end_of_day: bool) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is neither an RFC 3339 instant nor a YYYY-MM-DD date"))?;
    let time = if end_of_day {
        day.and_hms_opt(23, 59, 59)
    } else {
        day.and_hms_opt(0, 0, 0)
    };
    time.map(|t| t.and_utc())
        .ok_or_else(|| format!("{s:?} is not a valid date"))
}

pub(super) fn parse_instant_from(s: &str) -> Result<DateTime<Utc>, String> {
    parse_instant(s, false)
}

pub(super) fn parse_instant_to(s: &str) -> Result<DateTime<Utc>, String> {
    parse_instant(s, true)
}

/// Exit status: 0 when the chain is intact, 1 (with the broken row named) when not.
pub fn verify(args: AuditVerifyArgs) -> anyhow::Result<bool> {
    let verdict = match crate::server::store::pg_url(&args.db) {
        Some(url) => PgStore::open(url)?.verify_audit()?,
        None => audit_chain::verify_file(&args.db)?,
    };
    match verdict {
        Verdict::Intact { rows, head } => {
            println!("Audit trail intact: {rows} rows, chain head {head}.");
            Ok(true)
        }
        Verdict::Broken { row, reason } => {
            println!("Audit trail BROKEN at row {row}: {reason}.");
            Ok(false)
        }
    }
}

pub fn export(args: AuditExportArgs) -> anyhow::Result<()> {
    if let (Some(f), Some(t)) = (args.from, args.to)
        && f > t
    {
        anyhow::bail!("--from is after --to");
    }
    let AuditFormat::Jsonl = args.format;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let n = match crate::server::store::pg_url(&args.db) {
        Some(url) => PgStore::open(url)?.export_audit(args.from, args.to, &mut out)?,
        None => audit_chain::export(&args.db, args.from, args.to, &mut out)?,
    };
    drop(out);
    eprintln!("{n} audit rows exported.");
    Ok(())
}
