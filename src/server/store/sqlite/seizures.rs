//! Seizures: the queue investigators work from.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::filter::Filter;

use super::system::{emit, visible_case_ids};
use super::{Cursor, SqliteStore, from_ts, next_counter, page_limit, parse_enum, ts};
use crate::model::*;
use crate::server::store::short_grams::{self, Lookup};
use crate::server::store::{StoreError, StoreResult, Written, free_text};

const COLS: &str = "id, kind, status, occurred_at, country, state, municipality, port, agency, conveyance, \
                    concealment, summary, items_json, updated_at";

/// How a free-text page is read (see `store/free_text.rs`): walking the time index, or
/// sorting the trigram index's candidates; a short term (`store/short_grams.rs`) from its
/// gram's postings in page order, or not at all when no seizure holds its gram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TextRead {
    Walk,
    Candidates,
    Postings(String),
    Nothing,
}

/// The page query for `q`: its filter, SQL and cursor list name. Each other filter pages from
/// a `(column, occurred_at, id)` index (migrations 1 and 10), so a page never walks or sorts
/// every seizure; free text is read as `read` says.
pub(super) fn seizures_query(
    q: &SeizureQuery,
    limit: u32,
    read: &TextRead,
) -> StoreResult<(Filter, String, String)> {
    let sort = q.sort.unwrap_or_default();
    let list = format!("seizures:{sort}");
    let cursor = Cursor::decode_opt(&list, q.cursor.as_deref())?;
    let mut f = Filter::default();
    if let Some(s) = q.status {
        f.cond("status = ?", Box::new(s.as_str()));
    }
    if let Some(k) = q.kind {
        f.cond("kind = ?", Box::new(k.as_str()));
    }
    if let Some(c) = q.country {
        f.cond("country = ?", Box::new(c.as_str()));
    }
    f.eq("agency", q.agency.as_deref());
    f.eq("state", q.state.as_deref());
    f.eq("port", q.port.as_deref());
    if let Some(i) = q.item {
        f.cond(
            "instr(item_kinds, ?) > 0",
            Box::new(format!(",{},", i.as_str())),
        );
    }
    if let Some(from) = q.from {
        f.cond("occurred_at >= ?", Box::new(ts(from)));
    }
    if let Some(t) = q.to {
        f.cond("occurred_at <= ?", Box::new(ts(t)));
    }
    let mut candidates = false;
    let postings = match read {
        TextRead::Postings(gram) => Some(gram),
        _ => None,
    };
    // A term of one or two characters is its gram: a seizure in its postings matches it.
    let exact = postings.is_some() && short_grams::term_is_gram(free_text::text(q));
    if let Some(text) = free_text::text(q).filter(|_| !exact) {
        f.cond(
            "(id LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\' OR state LIKE ? ESCAPE '\\' \
             OR municipality LIKE ? ESCAPE '\\' OR port LIKE ? ESCAPE '\\' OR agency LIKE ? ESCAPE '\\')",
            Box::new(free_text::like_pattern(text)),
        );
        // The trigram index (migration 12) gives the candidates; `LIKE` still decides.
        if let Some(all) = every_trigram(text).filter(|_| *read == TextRead::Candidates) {
            f.cond(
                "rowid IN (SELECT rowid FROM seizures_text WHERE seizures_text MATCH ?)",
                Box::new(all),
            );
            candidates = true;
        }
    }
    let (cmp, dir) = match sort {
        SeizureSort::Newest => ("<", "DESC"),
        SeizureSort::Oldest => (">", "ASC"),
    };
    if let Some(gram) = postings {
        f.cond("p.gram = ?", Box::new(gram.clone()));
    }
    let keys = short_grams::cursor_keys(postings.is_some());
    if let Some(c) = &cursor {
        f.cond2(
            &format!("{keys} {cmp} (?a, ?b)"),
            Box::new(c.key),
            Box::new(c.id.clone()),
        );
    }
    let order = format!("ORDER BY occurred_at {dir}, id {dir}");
    let sql = if postings.is_some() {
        // A gram's postings in page order (their primary key), each row tested by the other
        // filters (and `LIKE`, unless the term is the gram), until the page is full.
        format!(
            "SELECT {} FROM seizure_gram_postings p JOIN seizures s ON s.id = p.seizure {} \
             ORDER BY p.at {dir}, p.seizure {dir} LIMIT {}",
            free_text::qualified(COLS, "s"),
            f.where_sql(),
            limit + 1
        )
    } else if candidates {
        // Sort the candidates' keys alone, then read the page's whole rows: the sort does not
        // carry every candidate's items.
        format!(
            "SELECT {COLS} FROM seizures WHERE rowid IN \
             (SELECT rowid FROM seizures {} {order} LIMIT {}) {order}",
            f.where_sql(),
            limit + 1
        )
    } else {
        format!(
            "SELECT {COLS} FROM seizures {} {order} LIMIT {}",
            f.where_sql(),
            limit + 1
        )
    };
    Ok((f, sql, list))
}

/// How to read the free text of `q` (see `store/free_text.rs`): the trigram candidates are
/// counted up to the number past which the walk wins, so counting costs little either way.
/// Under three characters there is no trigram: the short-gram index decides.
pub(super) fn text_read(c: &Connection, q: &SeizureQuery, limit: u32) -> StoreResult<TextRead> {
    let Some(text) = free_text::text(q) else {
        return Ok(TextRead::Walk);
    };
    let Some(grams) = every_trigram(text) else {
        return Ok(match super::grams::lookup(c, text)? {
            Lookup::Absent => TextRead::Nothing,
            Lookup::Postings(gram) => TextRead::Postings(gram),
            Lookup::Common => TextRead::Walk,
        });
    };
    let rows: i64 = c
        .prepare_cached("SELECT coalesce(max(rowid), 0) FROM seizures")?
        .query_row([], |r| r.get(0))?;
    let rows = u64::try_from(rows).unwrap_or(0);
    let cap = free_text::candidates_worth_counting(rows, limit);
    let counted: i64 = c
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM seizures_text WHERE seizures_text MATCH ?1 LIMIT ?2)",
        )?
        .query_row(params![grams, i64::try_from(cap).unwrap_or(i64::MAX)], |r| {
            r.get(0)
        })?;
    Ok(
        if free_text::walk_wins(u64::try_from(counted).unwrap_or(0), rows, limit) {
            TextRead::Walk
        } else {
            TextRead::Candidates
        },
    )
}

/// An FTS5 query for the rows holding every trigram of `text` (`"abc" AND "bcd" …`, each a
/// quoted literal), or `None` under three characters. The index keeps no positions (`detail =
/// none`), so it cannot match the phrase itself: this asks for a superset, which the `LIKE`
/// beside it narrows to the answer.
fn every_trigram(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut grams: Vec<String> = chars
        .windows(3)
        .map(|w| format!("\"{}\"", w.iter().collect::<String>().replace('"', "\"\"")))
        .collect();
    grams.sort();
    grams.dedup();
    (!grams.is_empty()).then(|| grams.join(" AND "))
}

impl SqliteStore {
    pub(super) fn list_seizures_impl(
        &self,
        q: &SeizureQuery,
        viewer: &User,
    ) -> StoreResult<Page<Seizure>> {
        let limit = page_limit(q.limit)?;
        let free_text = free_text::text(q).is_some();
        // Free text may read many rows: long work, kept off the readers of list pages.
        let run = |c: &Connection| {
            let read = text_read(c, q, limit)?;
            let (f, sql, list) = seizures_query(q, limit, &read)?;
            if read == TextRead::Nothing {
                return Ok(Page::empty());
            }
            let mut items = f.query(c, &sql, row_to_seizure)?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items
                    .last()
                    .map(|s| Cursor::new(&list, ts(s.occurred_at), &s.id).encode())
            } else {
                None
            };
            for s in &mut items {
                fill_links(c, s, viewer)?;
            }
            Ok(Page { items, next_cursor })
        };
        if free_text {
            self.read_long(run)
        } else {
            self.read(run)
        }
    }

    pub(super) fn get_seizure_impl(&self, id: &str, viewer: &User) -> StoreResult<Seizure> {
        self.read(|c| load(c, id, viewer))
    }

    pub(super) fn seizure_stats_impl(&self) -> StoreResult<SeizureStats> {
        self.read(|c| {
            let mut st =
                c.prepare_cached("SELECT status, count(*) FROM seizures GROUP BY status")?;
            let rows = st.query_map([], |r| {
                Ok(StatusCount {
                    status: parse_enum(&r.get::<_, String>(0)?, TriageStatus::parse)?,
                    count: r.get(1)?,
                })
            })?;
            let mut by_status: Vec<StatusCount> = rows.collect::<Result<_, _>>()?;
            by_status.sort_by_key(|s| TriageStatus::ALL.iter().position(|x| *x == s.status));
            Ok(SeizureStats {
                total: by_status.iter().map(|s| s.count).sum(),
                by_status,
            })
        })
    }

    pub(super) fn update_seizure_impl(
        &self,
        id: &str,
        upd: &SeizureUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Seizure>> {
        self.idempotent_write(by, idem, &format!("PATCH /v1/seizures/{id}"), |tx| {
            let n = tx.execute(
                "UPDATE seizures SET status = ?1, updated_at = strftime('%s','now') WHERE id = ?2",
                params![upd.status.as_str(), id],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("seizure {id}")));
            }
            let s = load(tx, id, by)?;
            let ev = emit(
                tx,
                EventKind::SeizureUpdated,
                id,
                None,
                &format!("{id} is now {}", upd.status),
            )?;
            Ok((s, Some(ev)))
        })
    }

    pub(super) fn create_seizure_impl(
        &self,
        new: &NewSeizure,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Seizure>> {
        self.idempotent_write(by, idem, "POST /v1/seizures", |tx| {
            let (id, ev) = insert_seizure(tx, new, by)?;
            Ok((load(tx, &id, by)?, Some(ev)))
        })
    }
}

/// Records `new` for `by`'s agency inside the caller's transaction: its firearms get records,
/// and a `seizure_created` event is logged. Returns the new id and the event. Shared by
/// `POST /v1/seizures` and the bulk import.
pub(super) fn insert_seizure(
    tx: &rusqlite::Transaction<'_>,
    new: &NewSeizure,
    by: &User,
) -> StoreResult<(String, crate::model::Event)> {
    let id = format!("SZ-{:06}", next_counter(tx, "seizure")?);
    let now = chrono::Utc::now();
    let mut items = Vec::with_capacity(new.items.len());
    for it in &new.items {
        let firearm_id = match &it.firearm {
            Some(f) => Some(super::firearms::insert_new_firearm(
                tx,
                f,
                &id,
                new.occurred_at,
            )?),
            None => None,
        };
        items.push(SeizureItem {
            kind: it.kind,
            quantity: if it.firearm.is_some() { 1 } else { it.quantity },
            description: it.description.clone(),
            firearm_id,
        });
    }
    let kinds: String = items
        .iter()
        .fold(",".to_string(), |acc, i| format!("{acc}{},", i.kind));
    let items_json =
        serde_json::to_string(&items).map_err(|e| StoreError::Internal(e.to_string()))?;
    tx.prepare_cached(&format!(
        "INSERT INTO seizures({COLS}, item_kinds) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    ))?
    .execute(params![
        id, new.kind.as_str(), TriageStatus::New.as_str(), ts(new.occurred_at), new.country.as_str(),
        new.state, new.municipality, new.port, by.agency, new.conveyance, new.concealment,
        new.summary, items_json, ts(now), kinds
    ])?;
    let grams = super::grams::of(
        &id,
        &new.summary,
        &new.state,
        &new.municipality,
        new.port.as_deref(),
        &by.agency,
    );
    super::grams::add(tx, &[(ts(new.occurred_at), &id, grams)])?;
    let firearms: u32 = items
        .iter()
        .filter(|i| i.kind == ItemKind::Firearm)
        .map(|i| i.quantity)
        .sum();
    let place = match &new.port {
        Some(p) => format!("{p}, {}", new.state),
        None => format!("{}, {}", new.municipality, new.state),
    };
    let summary = format!("New seizure {id}: {firearms} firearm(s) at {place}");
    let ev = emit(tx, EventKind::SeizureCreated, &id, None, &summary)?;
    Ok((id, ev))
}

fn load(c: &Connection, id: &str, viewer: &User) -> StoreResult<Seizure> {
    let mut s = c
        .prepare_cached(&format!("SELECT {COLS} FROM seizures WHERE id = ?1"))?
        .query_row([id], row_to_seizure)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("seizure {id}")))?;
    fill_links(c, &mut s, viewer)?;
    Ok(s)
}

/// Traces spawned by the seizure, and the cases it is linked to that the viewer may know of.
fn fill_links(c: &Connection, s: &mut Seizure, viewer: &User) -> StoreResult<()> {
    let mut st = c.prepare_cached("SELECT id FROM traces WHERE seizure_id = ?1 ORDER BY id")?;
    s.trace_ids = st
        .query_map([&s.id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    s.case_ids = visible_case_ids(c, &s.id, viewer)?;
    Ok(())
}

fn row_to_seizure(r: &Row<'_>) -> rusqlite::Result<Seizure> {
    let items_json: String = r.get(12)?;
    let items: Vec<SeizureItem> = serde_json::from_str(&items_json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Seizure {
        id: r.get(0)?,
        kind: parse_enum(&r.get::<_, String>(1)?, SeizureKind::parse)?,
        status: parse_enum(&r.get::<_, String>(2)?, TriageStatus::parse)?,
        occurred_at: from_ts(r.get(3)?),
        country: parse_enum(&r.get::<_, String>(4)?, Country::parse)?,
        state: r.get(5)?,
        municipality: r.get(6)?,
        port: r.get(7)?,
        agency: r.get(8)?,
        conveyance: r.get(9)?,
        concealment: r.get(10)?,
        summary: r.get(11)?,
        items,
        trace_ids: Vec::new(),
        case_ids: Vec::new(),
        updated_at: from_ts(r.get(13)?),
    })
}
