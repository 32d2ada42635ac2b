//! `fwc seizures import FILE.csv [--dry-run] [--skip-invalid]`: a field office's spreadsheet
//! into the seizure queue. The file is read and checked here ([`crate::import`]) before
//! anything is sent; nothing is written on `--dry-run` or while any row is invalid (unless
//! `--skip-invalid`); the rest goes in batches to `POST /v1/seizures/import`, each seizure with
//! a key from its content, so running the same file again writes nothing new.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::ConsoleArgs;
use super::out::{Exit, exit, json_text};
use crate::import::{Plan, plan};
use crate::model::ImportResult;

/// The column set, for `--help` (the README has the same table).
pub const COLUMNS_HELP: &str = "\
Columns (a header row; English or Spanish names, any case, accents optional):
  occurred_at | fecha          required: YYYY-MM-DD, YYYY-MM-DD HH:MM (UTC) or RFC 3339
  state | estado               required: a Mexican state (name or ISO code) or TX, AZ, CA, NM
  municipality | municipio     required unless a port is given
  port | puerto                port of entry (required for a border inspection)
  kind | tipo                  border_inspection|crime_scene|operation (inspección, operativo…);
                               default: border_inspection with a port, else crime_scene
  country | pais               US or MX (default: the state's)
  conveyance | transporte, concealment | ocultamiento, summary | resumen
  ref | referencia             rows with the same ref are one seizure (one row per gun)
  serial | serie, make | marca, model | modelo, type | tipo_de_arma (pistol, rifle…),
  caliber | calibre, origin | origen (2 letters), importer | importador, obliterated | borrado
                               one firearm; make, model, type, caliber and origin required
  magazines | cargadores, ammunition | cartuchos, parts | piezas     counts
Rows are numbered as a spreadsheet shows them (the header is row 1).";

#[derive(Debug, Args)]
#[command(after_help = COLUMNS_HELP)]
pub struct ImportArgs {
    /// The CSV file (UTF-8).
    pub file: PathBuf,
    /// Check the file and show what would be imported; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid rows even when others are invalid (they are listed, not sent).
    #[arg(long)]
    pub skip_invalid: bool,
    /// The validation report and the summary as one JSON document.
    #[arg(long)]
    pub json: bool,
}

/// What happened, for the summary and `--json`.
#[derive(Debug, Default, serde::Serialize)]
struct Summary {
    rows: usize,
    invalid_rows: usize,
    seizures: usize,
    firearms: usize,
    created: usize,
    already_imported: usize,
    dry_run: bool,
    written: bool,
    problems: Vec<crate::import::Problem>,
}

pub async fn run(a: ImportArgs, console: ConsoleArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&a.file).map_err(|e| Exit {
        code: exit::OTHER,
        message: format!("cannot read {}: {e}", a.file.display()),
    })?;
    let plan = plan(&bytes, chrono::Utc::now()).map_err(|e| Exit {
        code: exit::INVALID,
        message: format!("{}: {e}", a.file.display()),
    })?;
    let mut summary = Summary {
        rows: plan.rows,
        invalid_rows: plan.invalid_rows(),
        seizures: plan.seizures.len(),
        firearms: plan.firearms(),
        dry_run: a.dry_run,
        problems: plan.problems.clone(),
        ..Summary::default()
    };
    let blocked = !plan.problems.is_empty() && !a.skip_invalid;
    if !a.json {
        report(&plan, &a)?;
    }
    if !a.dry_run && !blocked && !plan.seizures.is_empty() {
        let client = super::remote::connect(&console).await?;
        let (created, existing) = send(&client, &plan).await?;
        summary.created = created;
        summary.already_imported = existing;
        summary.written = true;
    }
    finish(&summary, &a)?;
    if blocked {
        return Err(Exit {
            code: exit::INVALID,
            message: format!(
                "nothing was written: {} row(s) have problems (fix them, or --skip-invalid to import the {} valid seizure(s))",
                summary.invalid_rows, summary.seizures
            ),
        }
        .into());
    }
    Ok(())
}

/// Every problem, one line each, then what the valid rows hold.
fn report(plan: &Plan, a: &ImportArgs) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for p in &plan.problems {
        let column = crate::model::text::clean(&p.column);
        if column.is_empty() {
            writeln!(
                out,
                "row {}: {}",
                p.row,
                crate::model::text::clean(&p.message)
            )?;
        } else {
            writeln!(
                out,
                "row {}, column {column}: {}",
                p.row,
                crate::model::text::clean(&p.message)
            )?;
        }
    }
    if a.dry_run {
        for s in plan.seizures.iter().take(20) {
            let rows: Vec<String> = s.rows.iter().map(ToString::to_string).collect();
            writeln!(
                out,
                "would record: row {}  {}  {}  {}, {}  {} item line(s)",
                rows.join("+"),
                s.seizure.occurred_at.format("%Y-%m-%d %H:%M"),
                s.seizure.kind,
                s.seizure.port.as_deref().unwrap_or(&s.seizure.municipality),
                s.seizure.state,
                s.seizure.items.len()
            )?;
        }
        if plan.seizures.len() > 20 {
            writeln!(out, "… and {} more", plan.seizures.len() - 20)?;
        }
    }
    Ok(())
}

fn finish(s: &Summary, a: &ImportArgs) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", json_text(&serde_json::to_value(s)?)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} row(s) read, {} invalid; {} seizure(s) with {} firearm(s) valid.",
        s.rows, s.invalid_rows, s.seizures, s.firearms
    )?;
    if s.written {
        writeln!(
            out,
            "Imported: {} new seizure(s); {} already imported before (not written again).",
            s.created, s.already_imported
        )?;
    } else if s.dry_run {
        writeln!(out, "Dry run: nothing was written.")?;
    }
    Ok(())
}

/// Sends the planned seizures in batches; a progress bar on stderr when it is a terminal.
pub async fn send(client: &crate::api::ApiClient, plan: &Plan) -> anyhow::Result<(usize, usize)> {
    let bar = super::progress::bar(plan.seizures.len() as u64, "importing");
    let (mut created, mut existing) = (0, 0);
    for body in crate::import::requests(plan) {
        let result: ImportResult = client.import_seizures(&body).await.map_err(|e| {
            bar.abandon();
            anyhow::Error::new(e).context(format!(
                "the import stopped after {} seizure(s) (run it again: what was written is not written twice)",
                created + existing
            ))
        })?;
        for r in &result.results {
            if r.created {
                created += 1;
            } else {
                existing += 1;
            }
        }
        bar.inc(body.rows.len() as u64);
    }
    bar.finish_and_clear();
    Ok((created, existing))
}
