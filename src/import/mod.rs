//! Reading a spreadsheet of seizures (CSV) into the seizures `POST /v1/seizures/import` takes,
//! with a validation report that names the row and the column of every problem. Pure: bytes
//! in, a plan out — `fwc seizures import` and the console's import preview show the same.
//!
//! One row is one seizure, or one gun of a seizure: rows with the same `ref` are one event
//! (their event columns must agree). Rows are numbered as a spreadsheet shows them: the header
//! is row 1. Each seizure's idempotency key is a hash of its normalised content, so sending the
//! same file again records nothing new.

pub mod columns;
mod values;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

pub use columns::Column;
use values::Cells;

use crate::model::{
    Country, FirearmType, IMPORT_BATCH_MAX, ImportRow, ItemKind, NewFirearm, NewSeizure,
    NewSeizureItem, SeizureImport, SeizureKind,
};

/// A problem with one cell (or a whole row: `column` is then empty).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The column's header as the file writes it.
    pub column: String,
    pub message: String,
}

/// A seizure ready to send, with the rows it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub rows: Vec<usize>,
    pub key: String,
    pub seizure: NewSeizure,
}

/// What a file would import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Data rows read (the header not counted).
    pub rows: usize,
    /// The seizures of the valid rows.
    pub seizures: Vec<Planned>,
    /// Every problem found, in row order.
    pub problems: Vec<Problem>,
}

impl Plan {
    /// Rows with at least one problem.
    pub fn invalid_rows(&self) -> usize {
        let mut rows: Vec<usize> = self.problems.iter().map(|p| p.row).collect();
        rows.sort_unstable();
        rows.dedup();
        rows.len()
    }

    pub fn firearms(&self) -> usize {
        self.seizures
            .iter()
            .flat_map(|s| &s.seizure.items)
            .filter(|i| i.kind == ItemKind::Firearm)
            .count()
    }
}

/// Bytes of JSON a batch may carry: under the server's 256 KiB body limit, with room to spare.
const BATCH_BYTES: usize = 200 * 1024;

/// The planned seizures in batches of at most [`IMPORT_BATCH_MAX`] rows and [`BATCH_BYTES`]
/// of JSON, in order: what `POST /v1/seizures/import` takes one request at a time.
pub fn batches(plan: &Plan) -> Vec<&[Planned]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, p) in plan.seizures.iter().enumerate() {
        let size = serde_json::to_vec(&p.seizure).map_or(0, |v| v.len()) + p.key.len() + 32;
        if i > start && (i - start >= IMPORT_BATCH_MAX || bytes + size > BATCH_BYTES) {
            out.push(&plan.seizures[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < plan.seizures.len() {
        out.push(&plan.seizures[start..]);
    }
    out
}

/// One import request's body: the batch's seizures, each with its content key.
pub fn request(batch: &[Planned]) -> SeizureImport {
    SeizureImport {
        rows: batch
            .iter()
            .map(|p| ImportRow {
                key: p.key.clone(),
                seizure: p.seizure.clone(),
            })
            .collect(),
    }
}

/// Every request of a plan, in order (see [`batches`]).
pub fn requests(plan: &Plan) -> Vec<SeizureImport> {
    batches(plan).into_iter().map(request).collect()
}

/// Reads a CSV file's bytes. `Err` only when the file cannot be read as CSV at all or has
/// no header row; every other problem is in the plan, with its row and column.
pub fn plan(bytes: &[u8], now: DateTime<Utc>) -> Result<Plan, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| format!("the header row cannot be read: {e}"))?
        .clone();
    if headers.iter().all(str::is_empty) {
        return Err("the file has no header row".into());
    }
    let mut plan = Plan::default();
    let mut by_col: HashMap<Column, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        match Column::from_header(h) {
            Some(c) if by_col.contains_key(&c) => plan.problems.push(Problem {
                row: 1,
                column: h.to_string(),
                message: format!("a second {} column", c.name()),
            }),
            Some(c) => {
                by_col.insert(c, i);
            }
            None => plan.problems.push(Problem {
                row: 1,
                column: h.to_string(),
                message: "unknown column (see `fwc seizures import --help` for the names)".into(),
            }),
        }
    }
    for required in [Column::OccurredAt, Column::State] {
        if !by_col.contains_key(&required) {
            plan.problems.push(Problem {
                row: 1,
                column: required.name().into(),
                message: "a required column is missing".into(),
            });
        }
    }
    // Header problems make every row's reading doubtful: report them alone.
    if !plan.problems.is_empty() {
        plan.rows = reader.records().count();
        return Ok(plan);
    }
    let mut groups: BTreeMap<String, Vec<(usize, values::Row)>> = BTreeMap::new();
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    for (i, rec) in reader.records().enumerate() {
        let row = i + 2;
        plan.rows += 1;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                plan.problems.push(Problem {
                    row,
                    column: String::new(),
                    message: format!("not readable as CSV: {e}"),
                });
                continue;
            }
        };
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let cells = Cells::new(&rec, &headers, &by_col, row);
        let normalised: Vec<String> = rec.iter().map(columns::fold).collect();
        if let Some(first) = seen.get(&normalised) {
            plan.problems.push(Problem {
                row,
                column: String::new(),
                message: format!("duplicate of row {first}"),
            });
            continue;
        }
        seen.insert(normalised, row);
        match values::read_row(&cells, now) {
            Ok(r) => {
                let group = r.reference.clone().unwrap_or_else(|| format!("\u{0}{row}"));
                groups.entry(group).or_default().push((row, r));
            }
            Err(mut problems) => plan.problems.append(&mut problems),
        }
    }
    for (_, rows) in groups {
        match merge(rows, &headers, &by_col) {
            Ok(p) => plan.seizures.push(p),
            Err(mut problems) => plan.problems.append(&mut problems),
        }
    }
    plan.problems.sort_by_key(|p| p.row);
    plan.seizures.sort_by_key(|s| s.rows.first().copied());
    Ok(plan)
}

/// One seizure from the rows of one `ref` (or a single row), which must agree on the event.
fn merge(
    rows: Vec<(usize, values::Row)>,
    headers: &csv::StringRecord,
    by_col: &HashMap<Column, usize>,
) -> Result<Planned, Vec<Problem>> {
    let Some((first_row, first)) = rows.first() else {
        return Err(Vec::new());
    };
    let mut problems = Vec::new();
    let mut items: Vec<NewSeizureItem> = Vec::new();
    for (row, r) in &rows {
        if let Some(col) = first.event_differs(r) {
            let header = by_col
                .get(&col)
                .and_then(|i| headers.get(*i))
                .unwrap_or(col.name());
            problems.push(Problem {
                row: *row,
                column: header.to_string(),
                message: format!("differs from row {first_row} of the same ref"),
            });
        }
        items.extend(r.items.iter().cloned());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let items = combine_counts(items);
    let summary = first
        .summary
        .clone()
        .unwrap_or_else(|| default_summary(&items));
    let seizure = NewSeizure {
        kind: first.kind,
        occurred_at: first.occurred_at,
        country: first.country,
        state: first.state.clone(),
        municipality: first.municipality.clone(),
        port: first.port.clone(),
        conveyance: first.conveyance.clone(),
        concealment: first.concealment.clone(),
        summary,
        items,
    };
    Ok(Planned {
        rows: rows.iter().map(|(r, _)| *r).collect(),
        key: key_of(&seizure),
        seizure,
    })
}

/// Magazines, rounds and parts of a seizure's rows added up into one line each.
fn combine_counts(items: Vec<NewSeizureItem>) -> Vec<NewSeizureItem> {
    let mut out: Vec<NewSeizureItem> = Vec::new();
    for it in items {
        match out
            .iter_mut()
            .find(|o| it.firearm.is_none() && o.firearm.is_none() && o.kind == it.kind)
        {
            Some(o) => o.quantity = o.quantity.saturating_add(it.quantity),
            None => out.push(it),
        }
    }
    out
}

fn default_summary(items: &[NewSeizureItem]) -> String {
    let count = |k: ItemKind| -> u32 {
        items
            .iter()
            .filter(|i| i.kind == k)
            .map(|i| i.quantity)
            .sum()
    };
    format!(
        "Imported from a spreadsheet: {} firearm(s), {} magazine(s), {} round(s), {} part(s)",
        count(ItemKind::Firearm),
        count(ItemKind::Magazine),
        count(ItemKind::Ammunition),
        count(ItemKind::Part)
    )
}

/// `csv-` and the first 32 hex digits of SHA-256 over the seizure's JSON (fields in a fixed
/// order, values normalised by reading): the same event gives the same key on every run.
pub fn key_of(s: &NewSeizure) -> String {
    let json = serde_json::to_vec(s).unwrap_or_default();
    let hex = hex::encode(Sha256::digest(&json));
    format!("csv-{}", &hex[..32])
}

/// The description of a firearm line, as the seed words them: type, calibre, make and model.
fn firearm_line(f: NewFirearm) -> NewSeizureItem {
    NewSeizureItem {
        kind: ItemKind::Firearm,
        quantity: 1,
        description: format!("{}, {}, {} {}", f.kind.as_str(), f.caliber, f.make, f.model),
        firearm: Some(f),
    }
}

/// Where the seizure kinds and firearm types are named in both languages.
fn kind_of(s: &str) -> Option<SeizureKind> {
    match columns::fold(s).as_str() {
        "border_inspection"
        | "border"
        | "inspection"
        | "inspeccion"
        | "inspeccion_fronteriza"
        | "revision_fronteriza" => Some(SeizureKind::BorderInspection),
        "crime_scene" | "scene" | "lugar_de_los_hechos" | "escena" | "escena_del_crimen" => {
            Some(SeizureKind::CrimeScene)
        }
        "operation" | "operativo" | "operacion" => Some(SeizureKind::Operation),
        _ => None,
    }
}

fn firearm_type_of(s: &str) -> Option<FirearmType> {
    match columns::fold(s).as_str() {
        "pistol" | "pistola" => Some(FirearmType::Pistol),
        "revolver" => Some(FirearmType::Revolver),
        "rifle" | "fusil" => Some(FirearmType::Rifle),
        "shotgun" | "escopeta" => Some(FirearmType::Shotgun),
        "machine_gun" | "ametralladora" => Some(FirearmType::MachineGun),
        _ => None,
    }
}

fn country_of(s: &str) -> Option<Country> {
    match columns::fold(s).as_str() {
        "us" | "usa" | "eua" | "eeuu" | "estados_unidos" | "united_states" => Some(Country::US),
        "mx" | "mex" | "mexico" => Some(Country::MX),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
