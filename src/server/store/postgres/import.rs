//! Bulk import of generated records (the seed) with `COPY … FROM STDIN BINARY` (SQLite:
//! `sqlite/import.rs`, row by row with cached statements).
//!
//! Status (issue 13, unfinished): dealers, persons, seizures, firearms, traces and
//! multiple-sale reports are loaded here; users, casings, candidates, leads, cases and notes,
//! `meta`/counters, and the seed's entry point over either engine are still to come.

use tokio_postgres::types::Type;

use super::filter::Arg;
use super::{Db, ts};
use crate::model::{Firearm, ItemKind, Seizure, Trace};
use crate::server::store::{DealerRow, MultipleSaleRow, PersonRow, StoreError, StoreResult};

fn json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Internal(format!("cannot encode JSON: {e}")))
}

fn text(s: &str) -> Arg {
    Box::new(s.to_string())
}

fn opt(s: &Option<String>) -> Arg {
    Box::new(s.clone())
}

pub(super) fn copy_dealers(db: &Db<'_>, rows: &[DealerRow]) -> StoreResult<u64> {
    let rows: Vec<Vec<Arg>> = rows
        .iter()
        .map(|d| {
            vec![
                text(&d.license),
                text(&d.name),
                text(&d.city),
                text(&d.state),
                text(&d.kind),
            ]
        })
        .collect();
    db.copy_rows(
        "COPY dealers(license, name, city, state, kind) FROM STDIN BINARY",
        &[Type::TEXT; 5],
        &rows,
    )
}

pub(super) fn copy_persons(db: &Db<'_>, rows: &[PersonRow]) -> StoreResult<u64> {
    let rows: Vec<Vec<Arg>> = rows
        .iter()
        .map(|p| {
            vec![
                text(&p.id),
                text(&p.name),
                Box::new(p.birth_year.map(i64::from)) as Arg,
                opt(&p.city),
                opt(&p.state),
            ]
        })
        .collect();
    db.copy_rows(
        "COPY persons(id, name, birth_year, city, state) FROM STDIN BINARY",
        &[Type::TEXT, Type::TEXT, Type::INT8, Type::TEXT, Type::TEXT],
        &rows,
    )
}

/// `,firearm,magazine,`: the kinds present, in a fixed order, fenced by commas.
fn item_kinds(s: &Seizure) -> String {
    let mut out = String::from(",");
    for k in ItemKind::ALL {
        if s.items.iter().any(|i| i.kind == *k) {
            out.push_str(k.as_str());
            out.push(',');
        }
    }
    out
}

pub(super) fn copy_seizures(db: &Db<'_>, rows: &[Seizure]) -> StoreResult<u64> {
    let rows = rows
        .iter()
        .map(|z| {
            Ok(vec![
                text(&z.id),
                text(z.kind.as_str()),
                text(z.status.as_str()),
                Box::new(ts(z.occurred_at)) as Arg,
                text(z.country.as_str()),
                text(&z.state),
                text(&z.municipality),
                opt(&z.port),
                text(&z.agency),
                opt(&z.conveyance),
                opt(&z.concealment),
                text(&z.summary),
                Box::new(json(&z.items)?) as Arg,
                Box::new(item_kinds(z)) as Arg,
                Box::new(ts(z.updated_at)) as Arg,
            ])
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let mut types = vec![Type::TEXT; 15];
    types[3] = Type::INT8;
    types[14] = Type::INT8;
    db.copy_rows(
        "COPY seizures(id, kind, status, occurred_at, country, state, municipality, port, agency, \
         conveyance, concealment, summary, items_json, item_kinds, updated_at) FROM STDIN BINARY",
        &types,
        &rows,
    )
}

/// Firearms, numbered in the order given (`seq`: SQLite's trigram-table rowid, the order
/// partial serial matches page in) after those already stored.
pub(super) fn copy_firearms(db: &Db<'_>, rows: &[Firearm]) -> StoreResult<u64> {
    let first: i64 = db
        .query_one("SELECT COALESCE(MAX(seq), 0) FROM firearms", &[])?
        .get(0);
    let rows: Vec<Vec<Arg>> = rows
        .iter()
        .zip(first + 1..)
        .map(|(f, seq)| {
            vec![
                text(&f.id),
                Box::new(f.serial.to_uppercase()) as Arg,
                Box::new(i64::from(f.obliterated)) as Arg,
                text(&f.make),
                text(&f.model),
                text(f.kind.as_str()),
                text(&f.caliber),
                text(&f.origin_country),
                opt(&f.importer),
                opt(&f.markings),
                opt(&f.seizure_id),
                opt(&f.trace_id),
                Box::new(ts(f.recovered_at)) as Arg,
                Box::new(seq) as Arg,
            ]
        })
        .collect();
    let mut types = vec![Type::TEXT; 14];
    types[2] = Type::INT8;
    types[12] = Type::INT8;
    types[13] = Type::INT8;
    db.copy_rows(
        "COPY firearms(id, serial, obliterated, make, model, type, caliber, origin_country, importer, \
         markings, seizure_id, trace_id, recovered_at, seq) FROM STDIN BINARY",
        &types,
        &rows,
    )
}

pub(super) fn copy_traces(db: &Db<'_>, rows: &[Trace]) -> StoreResult<u64> {
    let rows = rows
        .iter()
        .map(|t| {
            Ok(vec![
                text(&t.id),
                text(&t.firearm_id),
                opt(&t.seizure_id),
                text(t.status.as_str()),
                text(t.priority.as_str()),
                opt(&t.justification),
                text(&t.crime_code),
                text(&t.requesting_agency),
                opt(&t.case_number),
                Box::new(ts(t.submitted_at)) as Arg,
                Box::new(t.completed_at.map(ts)) as Arg,
                Box::new(t.failure_reason.map(|r| r.as_str().to_string())) as Arg,
                Box::new(json(&t.chain)?) as Arg,
                opt(&t.dealer_license),
                opt(&t.purchaser_id),
                Box::new(t.purchase_date.map(|d| d.format("%Y-%m-%d").to_string())) as Arg,
                Box::new(t.recovery_date.format("%Y-%m-%d").to_string()) as Arg,
                text(&t.recovery_place),
                Box::new(t.time_to_crime_days) as Arg,
                text(&t.make),
                text(&t.model),
                text(&t.caliber),
            ])
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let mut types = vec![Type::TEXT; 22];
    types[9] = Type::INT8;
    types[10] = Type::INT8;
    types[18] = Type::INT8;
    db.copy_rows(
        "COPY traces(id, firearm_id, seizure_id, status, priority, justification, crime_code, \
         requesting_agency, case_number, submitted_at, completed_at, failure_reason, chain_json, \
         dealer_license, purchaser_id, purchase_date, recovery_date, recovery_place, ttc_days, \
         fw_make, fw_model, fw_caliber) FROM STDIN BINARY",
        &types,
        &rows,
    )
}

pub(super) fn copy_multiple_sales(db: &Db<'_>, rows: &[MultipleSaleRow]) -> StoreResult<u64> {
    let rows: Vec<Vec<Arg>> = rows
        .iter()
        .map(|m| {
            vec![
                text(&m.id),
                text(&m.form),
                text(&m.purchaser_id),
                text(&m.dealer_license),
                Box::new(m.date.format("%Y-%m-%d").to_string()) as Arg,
                Box::new(i64::from(m.count)) as Arg,
            ]
        })
        .collect();
    let mut types = vec![Type::TEXT; 6];
    types[5] = Type::INT8;
    db.copy_rows(
        "COPY multiple_sales(id, form, purchaser_id, dealer_license, date, count) FROM STDIN BINARY",
        &types,
        &rows,
    )
}
