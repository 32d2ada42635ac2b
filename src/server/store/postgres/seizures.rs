//! Seizures: the queue investigators work from (SQLite: `sqlite/seizures.rs`). Pages come
//! from the same `(column, occurred_at, id)` indexes, in the same order, with the same cursors.

use super::batch;
use super::filter::Filter;
use super::system::{emit, parse_enum, visible_case_ids_of};
use super::{Db, PgStore, from_ts, next_counter, ts};
use crate::model::*;
use crate::server::store::short_grams::{self, Lookup};
use crate::server::store::sqlite::{Cursor, page_limit};
use crate::server::store::{StoreError, StoreResult, Written, free_text};

const COLS: &str = "id, kind, status, occurred_at, country, state, municipality, port, agency, conveyance, \
                    concealment, summary, items_json, updated_at";

/// How a free-text page is read (see `store/free_text.rs` and `store/short_grams.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum TextRead {
    /// The planner may walk `seizures_time` in page order.
    Walk,
    /// The rows matching every condition are gathered first (from the trigram index,
    /// migration 4) and then sorted.
    Candidates,
    /// A gram's postings in page order (migration 9), each row rechecked unless the term is
    /// the gram.
    Postings(String),
    /// No seizure holds a gram of the term: nothing matches.
    Nothing,
}

/// The page query for `q`: its filter, SQL and cursor list name, read as `read` says (see
/// [`text_read`]).
fn seizures_query(
    q: &SeizureQuery,
    limit: u32,
    read: &TextRead,
) -> StoreResult<(Filter, String, String)> {
    let candidates = *read == TextRead::Candidates;
    let postings = match read {
        TextRead::Postings(gram) => Some(gram),
        _ => None,
    };
    let sort = q.sort.unwrap_or_default();
    let list = format!("seizures:{sort}");
    let cursor = Cursor::decode_opt(&list, q.cursor.as_deref())?;
    let mut f = Filter::default();
    f.eq("status", q.status.map(|s| s.as_str()));
    f.eq("kind", q.kind.map(|k| k.as_str()));
    f.eq("country", q.country.map(|c| c.as_str()));
    f.eq("agency", q.agency.as_deref());
    f.eq("state", q.state.as_deref());
    f.eq("port", q.port.as_deref());
    if let Some(i) = q.item {
        f.cond(
            "strpos(item_kinds, ?) > 0",
            Box::new(format!(",{},", i.as_str())),
        );
    }
    if let Some(from) = q.from {
        f.cond("occurred_at >= ?", Box::new(ts(from)));
    }
    if let Some(t) = q.to {
        f.cond("occurred_at <= ?", Box::new(ts(t)));
    }
    // A term of one or two characters is its gram: a seizure in its postings matches it, and
    // without a test per row the planner reads the postings in order (with one, it expected to
    // read thousands and planned a parallel scan: 16 ms for `ot` against 1.2 ms).
    let exact = postings.is_some() && short_grams::term_is_gram(free_text::text(q));
    if let Some(text) = free_text::text(q).filter(|_| !exact) {
        if candidates || postings.is_some() || text.contains(JOIN) {
            // SQLite's LIKE ignores ASCII case; ILIKE does the same here, and the trigram
            // index answers it.
            f.cond(
                "(id ILIKE ? OR summary ILIKE ? OR state ILIKE ? OR municipality ILIKE ? \
                 OR port ILIKE ? OR agency ILIKE ?)",
                Box::new(free_text::like_pattern(text)),
            );
        } else {
            // The same test, cheaper for each walked row: the six columns joined by a
            // character the text lacks, lowered once (`lower` under the C collation folds
            // ASCII alone, as ILIKE on these C columns does) and searched once (~25% less
            // per walked row in `EXPLAIN ANALYZE` on the large seed).
            f.cond(
                &format!(
                    "strpos(lower(concat_ws(E'\\x{:02x}', id, summary, state, municipality, \
                     port, agency) COLLATE \"C\"), ?) > 0",
                    JOIN as u32
                ),
                Box::new(text.to_ascii_lowercase()),
            );
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
    let n = limit + 1;
    let sql = if postings.is_some() {
        // A gram's postings in page order (their primary key), each row tested by the other
        // filters (and `ILIKE`, unless the term is the gram), until the page is full.
        format!(
            "SELECT {} FROM seizure_gram_postings p JOIN seizures s ON s.id = p.seizure {} \
             ORDER BY p.at {dir}, p.seizure {dir} LIMIT {n}",
            free_text::qualified(COLS, "s"),
            f.where_sql()
        )
    } else if candidates {
        // A materialized CTE has no order to keep: the planner gathers the matches from the
        // trigram index (a bitmap) instead of walking the time index past them. Only their
        // keys are sorted; the page's whole rows are read after.
        format!(
            "WITH m AS MATERIALIZED (SELECT occurred_at, id FROM seizures {}) \
             SELECT {COLS} FROM seizures WHERE id IN (SELECT id FROM m {order} LIMIT {n}) {order}",
            f.where_sql()
        )
    } else {
        format!(
            "SELECT {COLS} FROM seizures {} {order} LIMIT {n}",
            f.where_sql()
        )
    };
    Ok((f, sql, list))
}

/// Joins the six searched columns for a walk's test: a control character no seizure's text is
/// expected to hold (a term holding it is tested column by column).
const JOIN: char = '\u{1f}';

/// How the free text of `q` is read: from the trigram candidates or by a walk of the time
/// index (see `store/free_text.rs`). PostgreSQL's planner weighs the two itself but prices a
/// walked row's six `ILIKE`s far below what they cost (it walked 37k rows, 80 ms, for
/// `rifle`), so its estimates of the matches and of the rows are weighed here instead. A term
/// without three letters or digits in a row gives pg_trgm no trigram (its index would be read
/// whole): the short-gram index decides (`store/short_grams.rs`).
fn text_read(db: &Db<'_>, q: &SeizureQuery, limit: u32) -> StoreResult<TextRead> {
    let Some(text) = free_text::text(q) else {
        return Ok(TextRead::Walk);
    };
    let run = text
        .chars()
        .fold((0, 0), |(run, best), c| {
            let run = if c.is_ascii_alphanumeric() {
                run + 1
            } else {
                0
            };
            (run, best.max(run))
        })
        .1;
    if run < 3 {
        return Ok(match super::short_grams::lookup(db, text)? {
            Lookup::Absent => TextRead::Nothing,
            Lookup::Postings(gram) => TextRead::Postings(gram),
            Lookup::Common => TextRead::Walk,
        });
    }
    // The estimate of the `ILIKE`s (pg_trgm's statistics), not of the walk's joined test.
    let (f, _, _) = seizures_query(q, limit, &TextRead::Candidates)?;
    let matches = planned_rows(&f.query(
        db,
        &format!("EXPLAIN SELECT 1 FROM seizures {}", f.where_sql()),
    )?);
    let rows = planned_rows(&db.query("EXPLAIN SELECT 1 FROM seizures", &[])?);
    Ok(if free_text::walk_wins(matches, rows, limit) {
        TextRead::Walk
    } else {
        TextRead::Candidates
    })
}

/// The planner's row estimate of a plan's top node (`… rows=N width=…` in its first line).
fn planned_rows(plan: &[tokio_postgres::Row]) -> u64 {
    plan.first()
        .and_then(|r| r.try_get::<_, String>(0).ok())
        .and_then(|line| {
            let rest = &line[line.find(" rows=")? + 6..];
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

impl PgStore {
    pub fn list_seizures_impl(
        &self,
        q: &SeizureQuery,
        viewer: &User,
    ) -> StoreResult<Page<Seizure>> {
        let limit = page_limit(q.limit)?;
        // Free text may read many rows: long work, kept off the connections of list pages.
        let free_text = free_text::text(q).is_some();
        let run = |db: &Db<'_>| {
            let read = text_read(db, q, limit)?;
            let (f, sql, list) = seizures_query(q, limit, &read)?;
            if read == TextRead::Nothing {
                return Ok(Page::empty());
            }
            let mut items = f
                .query(db, &sql)?
                .iter()
                .map(row_to_seizure)
                .collect::<StoreResult<Vec<_>>>()?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items
                    .last()
                    .map(|s| Cursor::new(&list, ts(s.occurred_at), &s.id).encode())
            } else {
                None
            };
            fill_links(db, &mut items, viewer)?;
            Ok(Page { items, next_cursor })
        };
        if free_text {
            self.read_long(run)
        } else {
            self.read(run)
        }
    }

    pub fn get_seizure_impl(&self, id: &str, viewer: &User) -> StoreResult<Seizure> {
        self.read(|db| load(db, id, viewer))
    }

    pub fn seizure_stats_impl(&self) -> StoreResult<SeizureStats> {
        self.read(|db| {
            let mut by_status = db
                .query("SELECT status, count(*) FROM seizures GROUP BY status", &[])?
                .iter()
                .map(|r| {
                    Ok(StatusCount {
                        status: parse_enum(r.get(0), TriageStatus::parse)?,
                        count: u64::try_from(r.get::<_, i64>(1)).unwrap_or(0),
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            by_status.sort_by_key(|s| TriageStatus::ALL.iter().position(|x| *x == s.status));
            Ok(SeizureStats {
                total: by_status.iter().map(|s| s.count).sum(),
                by_status,
            })
        })
    }

    pub fn update_seizure_impl(
        &self,
        id: &str,
        upd: &SeizureUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Seizure>> {
        self.idempotent_write(by, idem, &format!("PATCH /v1/seizures/{id}"), |db| {
            let n = db.execute(
                "UPDATE seizures SET status = $1, updated_at = $2 WHERE id = $3",
                &[&upd.status.as_str(), &ts(chrono::Utc::now()), &id],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("seizure {id}")));
            }
            let s = load(db, id, by)?;
            let ev = emit(
                db,
                EventKind::SeizureUpdated,
                id,
                None,
                &format!("{id} is now {}", upd.status),
            )?;
            Ok((s, Some(ev)))
        })
    }

    pub fn create_seizure_impl(
        &self,
        new: &NewSeizure,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Seizure>> {
        self.idempotent_write(by, idem, "POST /v1/seizures", |db| {
            let (id, ev) = insert_seizure(db, new, by)?;
            Ok((load(db, &id, by)?, Some(ev)))
        })
    }
}

/// Records `new` for `by`'s agency inside the caller's transaction: its firearms get records,
/// and a `seizure_created` event is logged. Returns the new id and the event. Shared by
/// `POST /v1/seizures` and the bulk import (as in SQLite).
pub(super) fn insert_seizure(
    db: &Db<'_>,
    new: &NewSeizure,
    by: &User,
) -> StoreResult<(String, Event)> {
    let id = format!("SZ-{:06}", next_counter(db, "seizure")?);
    let mut items = Vec::with_capacity(new.items.len());
    for it in &new.items {
        let firearm_id = match &it.firearm {
            Some(f) => Some(super::firearms::insert_new_firearm(
                db,
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
    db.execute(
        &format!(
            "INSERT INTO seizures({COLS}, item_kinds)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
        ),
        &[
            &id,
            &new.kind.as_str(),
            &TriageStatus::New.as_str(),
            &ts(new.occurred_at),
            &new.country.as_str(),
            &new.state,
            &new.municipality,
            &new.port,
            &by.agency,
            &new.conveyance,
            &new.concealment,
            &new.summary,
            &items_json,
            &ts(chrono::Utc::now()),
            &kinds,
        ],
    )?;
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
    let ev = emit(db, EventKind::SeizureCreated, &id, None, &summary)?;
    Ok((id, ev))
}

fn load(db: &Db<'_>, id: &str, viewer: &User) -> StoreResult<Seizure> {
    let mut s = db
        .query_opt(
            &format!("SELECT {COLS} FROM seizures WHERE id = $1"),
            &[&id],
        )?
        .map(|r| row_to_seizure(&r))
        .transpose()?
        .ok_or_else(|| StoreError::NotFound(format!("seizure {id}")))?;
    fill_links(db, std::slice::from_mut(&mut s), viewer)?;
    Ok(s)
}

/// Traces spawned by each seizure, and the cases it is linked to that the viewer may know
/// of: one statement each for the whole page.
fn fill_links(db: &Db<'_>, items: &mut [Seizure], viewer: &User) -> StoreResult<()> {
    let ids = batch::ids(items, |s| &s.id);
    let mut traces = batch::grouped(
        db,
        "SELECT seizure_id, id FROM traces WHERE seizure_id = ANY($1) ORDER BY seizure_id, id",
        &ids,
        &[],
        |r| Ok(r.get(1)),
    )?;
    let mut cases = visible_case_ids_of(db, &ids, viewer)?;
    for s in items {
        s.trace_ids = traces.remove(&s.id).unwrap_or_default();
        s.case_ids = cases.remove(&s.id).unwrap_or_default();
    }
    Ok(())
}

fn row_to_seizure(r: &tokio_postgres::Row) -> StoreResult<Seizure> {
    let items: Vec<SeizureItem> = serde_json::from_str(r.get(12))
        .map_err(|e| StoreError::Internal(format!("stored seizure items: {e}")))?;
    Ok(Seizure {
        id: r.get(0),
        kind: parse_enum(r.get(1), SeizureKind::parse)?,
        status: parse_enum(r.get(2), TriageStatus::parse)?,
        occurred_at: from_ts(r.get(3)),
        country: parse_enum(r.get(4), Country::parse)?,
        state: r.get(5),
        municipality: r.get(6),
        port: r.get(7),
        agency: r.get(8),
        conveyance: r.get(9),
        concealment: r.get(10),
        summary: r.get(11),
        items,
        trace_ids: Vec::new(),
        case_ids: Vec::new(),
        updated_at: from_ts(r.get(13)),
    })
}
