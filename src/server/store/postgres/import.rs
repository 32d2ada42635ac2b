//! Bulk import of generated records (the seed) with `COPY … FROM STDIN BINARY` (SQLite:
//! `sqlite/import.rs`, row by row with cached statements).
//!
//! Every table of an [`ImportBatch`] is loaded here; a batch is one write transaction.

use tokio_postgres::types::Type;

use super::filter::Arg;
use super::{Db, PgStore, ts};
use crate::model::{Case, Firearm, ItemKind, Lead, Note, Seizure, Trace};
use crate::server::store::{
    CandidateRow, CaseRow, CasingRow, DealerRow, ImportBatch, MultipleSaleRow, PersonRow,
    StoreError, StoreResult, StoredUser,
};

impl PgStore {
    /// Writes the whole batch in one transaction: either all of it lands or none of it.
    pub fn import_batch(&self, b: &ImportBatch) -> StoreResult<()> {
        self.write_unbounded(|db| {
            insert_users(db, &b.users)?;
            for (name, c) in &b.credentials {
                super::accounts::put_credentials(db, name, c)?;
            }
            copy_dealers(db, &b.dealers)?;
            copy_persons(db, &b.persons)?;
            copy_seizures(db, &b.seizures)?;
            copy_firearms(db, &b.firearms)?;
            copy_traces(db, &b.traces)?;
            copy_multiple_sales(db, &b.multiple_sales)?;
            copy_casings(db, &b.casings)?;
            copy_candidates(db, &b.candidates)?;
            copy_leads(db, &b.leads)?;
            insert_cases(db, &b.cases)?;
            Ok(())
        })
    }

    /// Sets `meta` keys and id counters (so ids issued later continue after the seeded ones).
    pub fn import_meta_and_counters(
        &self,
        meta: &[(String, String)],
        counters: &[(String, i64)],
    ) -> StoreResult<()> {
        self.write(|db| {
            for (k, v) in meta {
                db.execute(
                    "INSERT INTO meta(key, value) VALUES ($1, $2)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    &[k, v],
                )?;
            }
            for (k, v) in counters {
                db.execute(
                    "INSERT INTO counters(name, value) VALUES ($1, $2)
                     ON CONFLICT(name) DO UPDATE SET value = GREATEST(counters.value, excluded.value)",
                    &[k, v],
                )?;
            }
            Ok(())
        })
    }

    /// True when the database holds no seeded content yet (seeding twice would clash on ids).
    pub fn is_empty_for_import(&self) -> StoreResult<bool> {
        self.read(|db| {
            let n: i64 = db
                .query_one(
                    "SELECT (SELECT count(*) FROM seizures) + (SELECT count(*) FROM firearms) + (SELECT count(*) FROM users)",
                    &[],
                )?
                .get(0);
            Ok(n == 0)
        })
    }

    /// A `meta` value the seed left (`seed`, `scale`, `as_of`): what the benches grade against.
    pub fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        self.read(|db| {
            Ok(db
                .query_opt("SELECT value FROM meta WHERE key = $1", &[&key])?
                .map(|r| r.get(0)))
        })
    }

    /// Readies a bulk load: the short-gram index is deferred (its trigger keeps nothing) and
    /// built in one pass at the end, not batch by batch.
    pub fn bulk_load_begin(&self) -> StoreResult<()> {
        self.write(|db| db.batch("UPDATE seizure_gram_index SET deferred = true"))
    }

    /// Ends a bulk load: the short-gram index built from every seizure, and fresh planner
    /// statistics for the tables COPY filled.
    pub fn bulk_load_end(&self) -> StoreResult<()> {
        self.write_unbounded(|db| {
            super::short_grams::rebuild(db)?;
            db.batch("ANALYZE")
        })
    }
}

/// Seeded users are demo accounts dated at the seed's as-of day (not the wall clock).
fn insert_users(db: &Db<'_>, rows: &[StoredUser]) -> StoreResult<()> {
    let created: i64 = db
        .query_opt("SELECT value FROM meta WHERE key = 'as_of'", &[])?
        .and_then(|r| chrono::NaiveDate::parse_from_str(r.get(0), "%Y-%m-%d").ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    for u in rows {
        let x = &u.user;
        db.execute(
            "INSERT INTO users(name, agency, country, role, created_at, demo) VALUES ($1, $2, $3, $4, $5, 1)",
            &[&x.name, &x.agency, &x.country.as_str(), &x.role.as_str(), &created],
        )?;
        db.execute(
            "INSERT INTO api_tokens(token_hash, user_name, label, role, created_at) VALUES ($1, $2, 'demo', $3, $4)",
            &[&u.token_hash, &x.name, &x.role.as_str(), &created],
        )?;
    }
    Ok(())
}

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

fn copy_casings(db: &Db<'_>, rows: &[CasingRow]) -> StoreResult<()> {
    let casings: Vec<Vec<Arg>> = rows
        .iter()
        .map(|r| {
            let c = &r.casing;
            vec![
                text(&c.id),
                text(c.source.as_str()),
                text(&c.incident_id),
                text(&c.caliber_class),
                Box::new(ts(c.recovered_at)) as Arg,
                Box::new(ts(c.acquired_at)) as Arg,
                text(&c.place),
                opt(&c.seizure_id),
                opt(&c.firearm_id),
                Box::new(i64::from(c.image_size)) as Arg,
                Box::new(r.image.clone()) as Arg,
                // Correlated at acquisition, as in SQLite's import.
                Box::new(ts(c.acquired_at)) as Arg,
                Box::new(r.reviewed.as_ref().map(|(at, _)| ts(*at))) as Arg,
                Box::new(r.reviewed.as_ref().map(|(_, by)| by.clone())) as Arg,
            ]
        })
        .collect();
    let mut types = vec![Type::TEXT; 14];
    for i in [4, 5, 9, 11, 12] {
        types[i] = Type::INT8;
    }
    types[10] = Type::BYTEA;
    db.copy_rows(
        "COPY casings(id, source, incident_id, caliber_class, recovered_at, acquired_at, place,          seizure_id, firearm_id, image_size, image, correlated_at, reviewed_at, reviewed_by) FROM STDIN BINARY",
        &types,
        &casings,
    )?;
    let truth: Vec<Vec<Arg>> = rows
        .iter()
        .filter_map(|r| {
            r.gun_key
                .as_ref()
                .map(|k| vec![text(&r.casing.id), text(k)])
        })
        .collect();
    db.copy_rows(
        "COPY casing_truth(casing_id, gun_key) FROM STDIN BINARY",
        &[Type::TEXT, Type::TEXT],
        &truth,
    )?;
    Ok(())
}

fn copy_candidates(db: &Db<'_>, rows: &[CandidateRow]) -> StoreResult<u64> {
    let rows: Vec<Vec<Arg>> = rows
        .iter()
        .map(|c| {
            let e = c.cells;
            vec![
                text(&c.casing_id),
                text(&c.candidate_id),
                Box::new(i64::from(c.rank)) as Arg,
                Box::new(f64::from(c.scores.breech_face)) as Arg,
                Box::new(f64::from(c.scores.firing_pin)) as Arg,
                Box::new(f64::from(c.scores.combined)) as Arg,
                Box::new(f64::from(c.rotation_deg)) as Arg,
                Box::new(i64::from(c.shift_x)) as Arg,
                Box::new(i64::from(c.shift_y)) as Arg,
                Box::new(e.map(|e| i64::from(e.agreeing))) as Arg,
                Box::new(e.map(|e| i64::from(e.usable))) as Arg,
                Box::new(e.map(|e| f64::from(e.score))) as Arg,
                Box::new(e.map(|e| e.false_match_rate)) as Arg,
            ]
        })
        .collect();
    let f = Type::FLOAT8;
    let i = Type::INT8;
    db.copy_rows(
        "COPY candidates(casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg,          shift_x, shift_y, agreeing_cells, usable_cells, cell_score, false_match_rate) FROM STDIN BINARY",
        &[
            Type::TEXT,
            Type::TEXT,
            i.clone(),
            f.clone(),
            f.clone(),
            f.clone(),
            f.clone(),
            i.clone(),
            i.clone(),
            i.clone(),
            i,
            f.clone(),
            f,
        ],
        &rows,
    )
}

fn copy_leads(db: &Db<'_>, rows: &[Lead]) -> StoreResult<u64> {
    let rows: Vec<Vec<Arg>> = rows
        .iter()
        .map(|l| {
            vec![
                text(&l.id),
                text(&l.casing_id),
                text(&l.candidate_id),
                Box::new(i64::from(l.rank)) as Arg,
                Box::new(f64::from(l.scores.breech_face)) as Arg,
                Box::new(f64::from(l.scores.firing_pin)) as Arg,
                Box::new(f64::from(l.scores.combined)) as Arg,
                Box::new(f64::from(l.rotation_deg)) as Arg,
                Box::new(i64::from(l.shift_x)) as Arg,
                Box::new(i64::from(l.shift_y)) as Arg,
                text(l.status.as_str()),
                Box::new(ts(l.created_at)) as Arg,
                Box::new(l.decided_at.map(ts)) as Arg,
                opt(&l.decided_by),
                opt(&l.comment),
                text(&l.caliber_class),
                opt(&l.marked_by),
                opt(&l.mark_comment),
            ]
        })
        .collect();
    let mut types = vec![Type::TEXT; 18];
    for i in [3, 8, 9, 11, 12] {
        types[i] = Type::INT8;
    }
    types[4..8].fill(Type::FLOAT8);
    db.copy_rows(
        "COPY leads(id, casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg,          shift_x, shift_y, status, created_at, decided_at, decided_by, comment, caliber_class, marked_by,          mark_comment) FROM STDIN BINARY",
        &types,
        &rows,
    )
}

fn insert_cases(db: &Db<'_>, rows: &[CaseRow]) -> StoreResult<()> {
    for r in rows {
        insert_case(db, &r.case, &r.created_by)?;
        super::prosecution::store(db, &r.case.id, &r.case.prosecution)?;
        insert_notes(db, &r.notes)?;
    }
    Ok(())
}

/// A case with its members and links; links are attributed to the creator at creation time.
fn insert_case(db: &Db<'_>, c: &Case, created_by: &str) -> StoreResult<()> {
    db.execute(
        "INSERT INTO cases(id, title, status, lead_agency, created_by, created_at, last_activity)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &c.id,
            &c.title,
            &c.status.as_str(),
            &c.lead_agency,
            &created_by,
            &ts(c.created_at),
            &ts(c.last_activity),
        ],
    )?;
    for x in &c.members {
        db.execute(
            "INSERT INTO case_members(case_id, agency, country, user_name) VALUES ($1, $2, $3, $4)",
            &[&c.id, &x.agency, &x.country.as_str(), &x.user],
        )?;
    }
    for x in &c.links {
        db.execute(
            "INSERT INTO case_links(case_id, kind, entity_id, label, added_by, added_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &c.id,
                &x.kind.as_str(),
                &x.id,
                &x.label,
                &created_by,
                &ts(c.created_at),
            ],
        )?;
    }
    Ok(())
}

/// Notes (numbered in the order given, as SQLite's rowid) and their first history entry.
fn insert_notes(db: &Db<'_>, rows: &[Note]) -> StoreResult<()> {
    for n in rows {
        db.execute(
            "INSERT INTO notes(id, case_id, author, author_agency, body, created_at, updated_at, version, seq)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT COALESCE(MAX(seq), 0) + 1 FROM notes))",
            &[
                &n.id,
                &n.case_id,
                &n.author,
                &n.author_agency,
                &n.body,
                &ts(n.created_at),
                &ts(n.updated_at),
                &i64::from(n.version),
            ],
        )?;
        db.execute(
            "INSERT INTO note_history(note_id, version, body, author, at) VALUES ($1, $2, $3, $4, $5)",
            &[
                &n.id,
                &i64::from(n.version),
                &n.body,
                &n.author,
                &ts(n.created_at),
            ],
        )?;
    }
    Ok(())
}
