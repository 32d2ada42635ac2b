//! Bulk import of generated records (the seed) and the content digest that proves the seed is
//! deterministic.
//!
//! The large seed writes over a million firearms, so each batch is one transaction with cached
//! prepared statements: per-row transactions or re-parsed SQL would make it tens of times slower.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction, params};
use sha2::{Digest, Sha256};

use super::{SqliteStore, ts};
use crate::model::{Case, Firearm, ItemKind, Lead, Note, Seizure, Trace};
use crate::server::store::{
    CandidateRow, CaseRow, CasingRow, DealerRow, ImportBatch, MultipleSaleRow, PersonRow,
    StoreError, StoreResult, StoredUser,
};

/// Tables in the digest, each with the order that makes its row sequence stable. Audit,
/// idempotency and events are left out: they record activity, not content.
pub(crate) const HASHED_TABLES: &[(&str, &str)] = &[
    ("meta", "key"),
    // Users by what they are, not their secrets (random per seeding) nor their activity.
    ("users", "name"),
    ("seizures", "id"),
    ("dealers", "license"),
    ("persons", "id"),
    ("firearms", "id"),
    ("firearm_serials", "id, serial"),
    ("traces", "id"),
    ("multiple_sales", "id"),
    ("casings", "id"),
    ("casing_truth", "casing_id"),
    ("candidates", "casing_id, rank"),
    ("leads", "id"),
    ("cases", "id"),
    ("case_members", "case_id, agency, user_name"),
    ("case_links", "case_id, kind, entity_id"),
    ("case_prosecution", "case_id"),
    ("notes", "id"),
    ("note_history", "note_id, version"),
    ("counters", "name"),
];

impl SqliteStore {
    /// Writes the whole batch in one transaction: either all of it lands or none of it.
    pub(crate) fn import_batch(&self, b: &ImportBatch) -> StoreResult<()> {
        self.write(|tx| {
            insert_users(tx, &b.users)?;
            for (name, c) in &b.credentials {
                super::account_admin::put_credentials(tx, name, c)?;
            }
            insert_dealers(tx, &b.dealers)?;
            insert_persons(tx, &b.persons)?;
            insert_seizures(tx, &b.seizures)?;
            insert_firearms(tx, &b.firearms)?;
            insert_traces(tx, &b.traces)?;
            insert_multiple_sales(tx, &b.multiple_sales)?;
            insert_casings(tx, &b.casings)?;
            insert_candidates(tx, &b.candidates)?;
            insert_leads(tx, &b.leads)?;
            insert_cases(tx, &b.cases)?;
            Ok(())
        })
    }

    /// Readies the writer for a bulk load: a page cache large enough to hold the hot parts of
    /// the secondary indexes (serials, purchasers, dealers), whose random-order inserts
    /// otherwise dominate a million-firearm seed, and no fsync or frequent checkpoints while
    /// loading: a seed interrupted by a crash is simply run again into a new file.
    pub(crate) fn bulk_load_begin(&self) -> StoreResult<()> {
        let conn = self.writer_conn()?;
        conn.pragma_update(None, "cache_size", -262_144)?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "wal_autocheckpoint", 20_000)?;
        drop(conn);
        // The short-gram index is built once at the end, not batch by batch.
        self.write(|tx| Ok(super::grams::defer(tx)?))
    }

    /// Ends a bulk load: merges the serial index's segments into one (partial-serial search
    /// then reads one b-tree), refreshes planner statistics, writes everything back to the
    /// main file with an fsync, and restores the normal settings.
    pub(crate) fn bulk_load_end(&self) -> StoreResult<()> {
        {
            let conn = self.writer_conn()?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.pragma_update(None, "wal_autocheckpoint", 1_000)?;
            conn.pragma_update(None, "cache_size", -32_000)?;
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO firearm_serials(firearm_serials) VALUES ('optimize')",
                [],
            )?;
            super::grams::rebuild(tx)?;
            Ok(())
        })?;
        self.write(|tx| Ok(tx.execute_batch("PRAGMA optimize;")?))?;
        self.checkpoint_impl()
    }

    /// Sets `meta` keys and id counters (so ids issued later continue after the seeded ones).
    pub(crate) fn import_meta_and_counters(
        &self,
        meta: &[(String, String)],
        counters: &[(String, i64)],
    ) -> StoreResult<()> {
        self.write(|tx| {
            let mut m = tx.prepare_cached(
                "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )?;
            for (k, v) in meta {
                m.execute(params![k, v])?;
            }
            let mut c = tx.prepare_cached(
                "INSERT INTO counters(name, value) VALUES (?1, ?2) \
                 ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)",
            )?;
            for (k, v) in counters {
                c.execute(params![k, v])?;
            }
            Ok(())
        })
    }

    /// True when the database holds no seeded content yet (seeding twice would clash on ids).
    pub(crate) fn is_empty_for_import(&self) -> StoreResult<bool> {
        self.read(|c| {
            let n: i64 = c.query_row(
                "SELECT (SELECT count(*) FROM seizures) + (SELECT count(*) FROM firearms) + (SELECT count(*) FROM users)",
                [],
                |r| r.get(0),
            )?;
            Ok(n == 0)
        })
    }

    /// SHA-256 over every content table's rows in primary-key order, hex-encoded.
    pub(crate) fn content_hash_impl(&self) -> StoreResult<String> {
        self.read(|c| {
            let mut h = Sha256::new();
            for (table, order) in HASHED_TABLES {
                h.update(b"\x00table:");
                h.update(table.as_bytes());
                let cols = if *table == "users" {
                    "name, agency, country, role, created_at, disabled_at, demo"
                } else {
                    "*"
                };
                let mut stmt =
                    c.prepare(&format!("SELECT {cols} FROM {table} ORDER BY {order}"))?;
                let cols = stmt.column_count();
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    h.update(b"\x01");
                    for i in 0..cols {
                        hash_value(&mut h, row.get_ref(i)?);
                    }
                }
            }
            Ok(hex::encode(h.finalize()))
        })
    }
}

/// Feeds one value with a type tag and length, so `("ab","c")` and `("a","bc")` differ.
fn hash_value(h: &mut Sha256, v: ValueRef<'_>) {
    match v {
        ValueRef::Null => h.update(b"N"),
        ValueRef::Integer(i) => {
            h.update(b"I");
            h.update(i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            h.update(b"R");
            h.update(f.to_bits().to_le_bytes());
        }
        ValueRef::Text(t) => {
            h.update(b"T");
            h.update((t.len() as u64).to_le_bytes());
            h.update(t);
        }
        ValueRef::Blob(b) => {
            h.update(b"B");
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Internal(format!("cannot encode JSON: {e}")))
}

fn insert_users(tx: &Transaction<'_>, rows: &[StoredUser]) -> StoreResult<()> {
    // Every seeded user is a demo account (`fwc serve` refuses a public address while any is).
    let mut s = tx.prepare_cached(
        "INSERT INTO users(name, agency, country, role, created_at, demo) VALUES (?1, ?2, ?3, ?4, ?5, 1)",
    )?;
    let mut t = tx.prepare_cached(
        "INSERT INTO api_tokens(token_hash, user_name, label, role, created_at) VALUES (?1, ?2, 'demo', ?3, ?4)",
    )?;
    // Seeded users are dated at the seed's as-of day (not the wall clock) so the digest is stable.
    let created: i64 = tx
        .query_row("SELECT value FROM meta WHERE key = 'as_of'", [], |r| {
            r.get::<_, String>(0)
        })
        .ok()
        .and_then(|v| chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    for u in rows {
        let x = &u.user;
        s.execute(params![
            x.name,
            x.agency,
            x.country.as_str(),
            x.role.as_str(),
            created
        ])?;
        t.execute(params![u.token_hash, x.name, x.role.as_str(), created])?;
    }
    Ok(())
}

fn insert_dealers(tx: &Transaction<'_>, rows: &[DealerRow]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO dealers(license, name, city, state, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for d in rows {
        s.execute(params![d.license, d.name, d.city, d.state, d.kind])?;
    }
    Ok(())
}

fn insert_persons(tx: &Transaction<'_>, rows: &[PersonRow]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO persons(id, name, birth_year, city, state) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for p in rows {
        s.execute(params![p.id, p.name, p.birth_year, p.city, p.state])?;
    }
    Ok(())
}

/// `,firearm,magazine,`: the kinds present, in a fixed order, fenced by commas so
/// `LIKE '%,magazine,%'` filters without false matches.
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

fn insert_seizures(tx: &Transaction<'_>, rows: &[Seizure]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO seizures(id, kind, status, occurred_at, country, state, municipality, port, agency, \
         conveyance, concealment, summary, items_json, item_kinds, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for z in rows {
        s.execute(params![
            z.id,
            z.kind.as_str(),
            z.status.as_str(),
            ts(z.occurred_at),
            z.country.as_str(),
            z.state,
            z.municipality,
            z.port,
            z.agency,
            z.conveyance,
            z.concealment,
            z.summary,
            json(&z.items)?,
            item_kinds(z),
            ts(z.updated_at),
        ])?;
    }
    if super::grams::deferred(tx)? {
        return Ok(());
    }
    let added: Vec<_> = rows
        .iter()
        .map(|z| {
            let grams = super::grams::of(
                &z.id,
                &z.summary,
                &z.state,
                &z.municipality,
                z.port.as_deref(),
                &z.agency,
            );
            (ts(z.occurred_at), z.id.as_str(), grams)
        })
        .collect();
    super::grams::add(tx, &added)?;
    Ok(())
}

fn insert_firearms(tx: &Transaction<'_>, rows: &[Firearm]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO firearms(id, serial, obliterated, make, model, type, caliber, origin_country, importer, \
         markings, seizure_id, trace_id, recovered_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut fts = tx.prepare_cached("INSERT INTO firearm_serials(serial, id) VALUES (?1, ?2)")?;
    for f in rows {
        let serial = f.serial.to_uppercase();
        s.execute(params![
            f.id,
            serial,
            f.obliterated,
            f.make,
            f.model,
            f.kind.as_str(),
            f.caliber,
            f.origin_country,
            f.importer,
            f.markings,
            f.seizure_id,
            f.trace_id,
            ts(f.recovered_at),
        ])?;
        fts.execute(params![serial, f.id])?;
    }
    Ok(())
}

fn insert_traces(tx: &Transaction<'_>, rows: &[Trace]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO traces(id, firearm_id, seizure_id, status, priority, justification, crime_code, \
         requesting_agency, case_number, submitted_at, completed_at, failure_reason, chain_json, dealer_license, \
         purchaser_id, purchase_date, recovery_date, recovery_place, ttc_days, requested_by, \
         fw_make, fw_model, fw_caliber) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, NULL, \
         ?20, ?21, ?22)",
    )?;
    for t in rows {
        s.execute(params![
            t.id,
            t.firearm_id,
            t.seizure_id,
            t.status.as_str(),
            t.priority.as_str(),
            t.justification,
            t.crime_code,
            t.requesting_agency,
            t.case_number,
            ts(t.submitted_at),
            t.completed_at.map(ts),
            t.failure_reason.map(|r| r.as_str()),
            json(&t.chain)?,
            t.dealer_license,
            t.purchaser_id,
            t.purchase_date.map(|d| d.format("%Y-%m-%d").to_string()),
            t.recovery_date.format("%Y-%m-%d").to_string(),
            t.recovery_place,
            t.time_to_crime_days,
            t.make,
            t.model,
            t.caliber,
        ])?;
    }
    Ok(())
}

fn insert_multiple_sales(tx: &Transaction<'_>, rows: &[MultipleSaleRow]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO multiple_sales(id, form, purchaser_id, dealer_license, date, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for m in rows {
        s.execute(params![
            m.id,
            m.form,
            m.purchaser_id,
            m.dealer_license,
            m.date.format("%Y-%m-%d").to_string(),
            m.count
        ])?;
    }
    Ok(())
}

fn insert_casings(tx: &Transaction<'_>, rows: &[CasingRow]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO casings(id, source, incident_id, caliber_class, recovered_at, acquired_at, place, seizure_id, \
         firearm_id, image_size, image, descriptor, correlated_at, reviewed_at, reviewed_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, ?6, ?12, ?13)",
    )?;
    let mut truth =
        tx.prepare_cached("INSERT INTO casing_truth(casing_id, gun_key) VALUES (?1, ?2)")?;
    for r in rows {
        let c = &r.casing;
        s.execute(params![
            c.id,
            c.source.as_str(),
            c.incident_id,
            c.caliber_class,
            ts(c.recovered_at),
            ts(c.acquired_at),
            c.place,
            c.seizure_id,
            c.firearm_id,
            c.image_size,
            r.image,
            r.reviewed.as_ref().map(|(at, _)| ts(*at)),
            r.reviewed.as_ref().map(|(_, by)| by),
        ])?;
        if let Some(key) = &r.gun_key {
            truth.execute(params![c.id, key])?;
        }
    }
    Ok(())
}

fn insert_candidates(tx: &Transaction<'_>, rows: &[CandidateRow]) -> StoreResult<()> {
    for c in rows {
        crate::server::store::correlations::insert_candidate(tx as &Connection, &c.casing_id, c)?;
    }
    Ok(())
}

fn insert_leads(tx: &Transaction<'_>, rows: &[Lead]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO leads(id, casing_id, candidate_id, rank, breech_face, firing_pin, combined, rotation_deg, \
         shift_x, shift_y, status, created_at, decided_at, decided_by, comment, caliber_class, marked_by, mark_comment) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    for l in rows {
        s.execute(params![
            l.id,
            l.casing_id,
            l.candidate_id,
            l.rank,
            f64::from(l.scores.breech_face),
            f64::from(l.scores.firing_pin),
            f64::from(l.scores.combined),
            f64::from(l.rotation_deg),
            l.shift_x,
            l.shift_y,
            l.status.as_str(),
            ts(l.created_at),
            l.decided_at.map(ts),
            l.decided_by,
            l.comment,
            l.caliber_class,
            l.marked_by,
            l.mark_comment,
        ])?;
    }
    Ok(())
}

fn insert_cases(tx: &Transaction<'_>, rows: &[CaseRow]) -> StoreResult<()> {
    for r in rows {
        insert_case(tx, &r.case, &r.created_by)?;
        super::prosecution::store(tx, &r.case.id, &r.case.prosecution)?;
        insert_notes(tx, &r.notes)?;
    }
    Ok(())
}

/// A case with its members and links; links are attributed to the creator at creation time.
fn insert_case(tx: &Transaction<'_>, c: &Case, created_by: &str) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO cases(id, title, status, lead_agency, created_by, created_at, last_activity) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    s.execute(params![
        c.id,
        c.title,
        c.status.as_str(),
        c.lead_agency,
        created_by,
        ts(c.created_at),
        ts(c.last_activity)
    ])?;
    let mut m = tx.prepare_cached(
        "INSERT INTO case_members(case_id, agency, country, user_name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for x in &c.members {
        m.execute(params![c.id, x.agency, x.country.as_str(), x.user])?;
    }
    let mut l = tx.prepare_cached(
        "INSERT INTO case_links(case_id, kind, entity_id, label, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for x in &c.links {
        l.execute(params![
            c.id,
            x.kind.as_str(),
            x.id,
            x.label,
            created_by,
            ts(c.created_at)
        ])?;
    }
    Ok(())
}

/// Notes and their first history entry (version 1 is the body as written).
fn insert_notes(tx: &Transaction<'_>, rows: &[Note]) -> StoreResult<()> {
    let mut s = tx.prepare_cached(
        "INSERT INTO notes(id, case_id, author, author_agency, body, created_at, updated_at, version) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut h = tx.prepare_cached(
        "INSERT INTO note_history(note_id, version, body, author, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for n in rows {
        s.execute(params![
            n.id,
            n.case_id,
            n.author,
            n.author_agency,
            n.body,
            ts(n.created_at),
            ts(n.updated_at),
            n.version
        ])?;
        h.execute(params![n.id, n.version, n.body, n.author, ts(n.created_at)])?;
    }
    Ok(())
}
