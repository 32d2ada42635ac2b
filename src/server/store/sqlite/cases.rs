//! Joint cases and notes, visible only to members (by user or by agency). A case the viewer may
//! not see gets the same answer whether or not it exists, so its existence does not leak.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, named_params, params};

use super::system::{emit, member_of};
use super::{Cursor, SqliteStore, from_ts, next_counter, page_limit, parse_enum, ts};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult, Written};

const CASE_COLS: &str = "c.id, c.title, c.status, c.lead_agency, c.created_at, c.last_activity";
/// Columns of a note (`FROM notes`, unaliased); the editor of the current version comes from its
/// history row, so a note edited by someone else before only the author could edit says so.
pub(super) const NOTE_COLS: &str =
    "id, case_id, author, author_agency, body, created_at, updated_at, version,
     CASE WHEN version > 1 THEN (SELECT h.author FROM note_history h
                                 WHERE h.note_id = notes.id AND h.version = notes.version) END";

impl SqliteStore {
    pub(super) fn list_cases_impl(&self, q: &CaseQuery, viewer: &User) -> StoreResult<Page<Case>> {
        let limit = page_limit(q.limit)?;
        let cursor = Cursor::decode_opt("cases", q.cursor.as_deref())?;
        let status = q.status.map(|s| s.as_str());
        let stage = q.prosecution.map(|s| s.as_str());
        let text =
            q.q.as_deref()
                .map(|t| format!("%{}%", t.trim()))
                .filter(|t| t.len() > 2);
        let sql = format!(
            "SELECT {CASE_COLS} FROM cases c WHERE {} AND (:status IS NULL OR c.status = :status)
               AND (:stage IS NULL OR coalesce((SELECT p.stage FROM case_prosecution p WHERE p.case_id = c.id), 'none') = :stage)
               AND (:text IS NULL OR c.title LIKE :text OR c.id LIKE :text)
               AND (:ckey IS NULL OR (c.last_activity, c.id) < (:ckey, :cid))
             ORDER BY c.last_activity DESC, c.id DESC LIMIT :limit",
            member_of("c.id")
        );
        self.read(|c| {
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map(
                named_params! {
                    ":viewer": viewer.name, ":agency": viewer.agency, ":country": viewer.country.as_str(), ":status": status, ":stage": stage, ":text": text,
                    ":ckey": cursor.as_ref().map(|c| c.key), ":cid": cursor.as_ref().map(|c| c.id.clone()),
                    ":limit": limit + 1,
                },
                row_to_case,
            )?;
            let mut items: Vec<Case> = rows.collect::<Result<_, _>>()?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items.last().map(|x| Cursor::new("cases", ts(x.last_activity), &x.id).encode())
            } else {
                None
            };
            for case in &mut items {
                fill_case(c, case)?;
            }
            Ok(Page { items, next_cursor })
        })
    }

    pub(super) fn get_case_impl(&self, id: &str, viewer: &User) -> StoreResult<Case> {
        self.read(|c| load_case(c, id, viewer))
    }

    pub(super) fn is_member_impl(&self, case_id: &str, viewer: &User) -> StoreResult<bool> {
        self.read(|c| is_member(c, case_id, viewer))
    }

    pub(super) fn create_case_impl(
        &self,
        new: &NewCase,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        self.idempotent_write(by, idem, "POST /v1/cases", |tx| {
            let now = chrono::Utc::now();
            let id = format!("CS-{}-{:04}", now.format("%Y"), next_counter(tx, "case")?);
            crate::server::store::audit_created(&id, Some(&id));
            tx.execute(
                "INSERT INTO cases(id, title, status, lead_agency, created_by, created_at, last_activity)
                 VALUES (?1, ?2, 'open', ?3, ?4, ?5, ?5)",
                params![id, new.title.trim(), by.agency, by.name, ts(now)],
            )?;
            let own = CaseMember { agency: by.agency.clone(), country: by.country, user: None };
            for m in &new.members {
                super::members::check_member(tx, m)?;
            }
            // Listing one's own agency again is harmless: the unique index keeps one row.
            for m in std::iter::once(&own).chain(new.members.iter()) {
                tx.execute(
                    "INSERT OR IGNORE INTO case_members(case_id, agency, country, user_name) VALUES (?1, ?2, ?3, ?4)",
                    params![id, m.agency, m.country.as_str(), m.user],
                )?;
            }
            let case = load_case(tx, &id, by)?;
            let ev = emit(tx, EventKind::CaseCreated, &id, Some(&id), &format!("Case {id} opened: {}", case.title))?;
            Ok((case, Some(ev)))
        })
    }

    pub(super) fn add_link_impl(
        &self,
        case_id: &str,
        link: &NewLink,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        self.idempotent_write(by, idem, &format!("POST /v1/cases/{case_id}/links"), |tx| {
            require_member(tx, case_id, by)?;
            let label = entity_label(tx, link)?;
            tx.execute(
                "INSERT OR IGNORE INTO case_links(case_id, kind, entity_id, label, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![case_id, link.kind.as_str(), link.id, label, by.name, ts(chrono::Utc::now())],
            )?;
            touch(tx, case_id)?;
            if link.kind == EntityKind::Seizure {
                tx.execute("UPDATE seizures SET status = 'linked' WHERE id = ?1 AND status != 'closed'", [&link.id])?;
            }
            let case = load_case(tx, case_id, by)?;
            let ev = emit(tx, EventKind::CaseUpdated, case_id, Some(case_id), &format!("{} linked to {case_id}", link.id))?;
            Ok((case, Some(ev)))
        })
    }
}

impl SqliteStore {
    pub(super) fn update_case_impl(
        &self,
        case_id: &str,
        upd: &CaseUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        self.idempotent_write(by, idem, &format!("PATCH /v1/cases/{case_id}"), |tx| {
            require_member(tx, case_id, by)?;
            if let Some(title) = &upd.title {
                tx.execute(
                    "UPDATE cases SET title = ?2 WHERE id = ?1",
                    params![case_id, title.trim()],
                )?;
            }
            if let Some(status) = upd.status {
                tx.execute(
                    "UPDATE cases SET status = ?2 WHERE id = ?1",
                    params![case_id, status.as_str()],
                )?;
            }
            touch(tx, case_id)?;
            let case = read_case(tx, case_id)?;
            let what = match (&upd.title, upd.status) {
                (Some(_), Some(s)) => format!("renamed and set to {s}"),
                (Some(_), None) => "renamed".to_string(),
                (None, Some(s)) => format!("set to {s}"),
                (None, None) => "touched".to_string(),
            };
            let ev = emit(
                tx,
                EventKind::CaseUpdated,
                case_id,
                Some(case_id),
                &format!("{case_id} {what} by {}", by.name),
            )?;
            Ok((case, Some(ev)))
        })
    }
}

pub(super) fn is_member(c: &Connection, case_id: &str, viewer: &User) -> StoreResult<bool> {
    let sql = format!(
        "SELECT EXISTS(SELECT 1 FROM cases WHERE id = :case AND {})",
        member_of(":case")
    );
    Ok(c.prepare_cached(&sql)?.query_row(
        named_params! {":case": case_id, ":viewer": viewer.name, ":agency": viewer.agency, ":country": viewer.country.as_str()},
        |r| r.get(0),
    )?)
}

pub(super) fn require_member(c: &Connection, case_id: &str, viewer: &User) -> StoreResult<()> {
    if is_member(c, case_id, viewer)? {
        Ok(())
    } else {
        Err(StoreError::Forbidden(format!(
            "Case {case_id} does not exist or you are not a member of it."
        )))
    }
}

pub(super) fn load_case(c: &Connection, id: &str, viewer: &User) -> StoreResult<Case> {
    require_member(c, id, viewer)?;
    read_case(c, id)
}

/// The case with its members, links and note count, without a membership check: only for a
/// caller that has already checked (or that has just removed its own membership).
pub(super) fn read_case(c: &Connection, id: &str) -> StoreResult<Case> {
    let mut case = c
        .prepare_cached(&format!("SELECT {CASE_COLS} FROM cases c WHERE c.id = ?1"))?
        .query_row([id], row_to_case)
        .optional()?
        .ok_or_else(|| {
            StoreError::Forbidden(format!(
                "Case {id} does not exist or you are not a member of it."
            ))
        })?;
    fill_case(c, &mut case)?;
    Ok(case)
}

fn fill_case(c: &Connection, case: &mut Case) -> StoreResult<()> {
    let mut st = c.prepare_cached(
        "SELECT agency, country, user_name FROM case_members WHERE case_id = ?1 ORDER BY country DESC, agency, user_name",
    )?;
    case.members = st
        .query_map([&case.id], |r| {
            Ok(CaseMember {
                agency: r.get(0)?,
                country: parse_enum(&r.get::<_, String>(1)?, Country::parse)?,
                user: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut st = c.prepare_cached("SELECT kind, entity_id, label FROM case_links WHERE case_id = ?1 ORDER BY added_at, entity_id")?;
    case.links = st
        .query_map([&case.id], |r| {
            Ok(CaseLink {
                kind: parse_enum(&r.get::<_, String>(0)?, EntityKind::parse)?,
                id: r.get(1)?,
                label: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    case.note_count = c
        .prepare_cached("SELECT count(*) FROM notes WHERE case_id = ?1")?
        .query_row([&case.id], |r| r.get(0))?;
    case.prosecution = super::prosecution::read(c, &case.id)?;
    Ok(())
}

pub(super) fn touch(tx: &Transaction<'_>, case_id: &str) -> StoreResult<()> {
    tx.execute(
        "UPDATE cases SET last_activity = ?2 WHERE id = ?1",
        params![case_id, ts(chrono::Utc::now())],
    )?;
    Ok(())
}

/// A short label for a linked entity; refuses ids that do not exist.
fn entity_label(c: &Connection, link: &NewLink) -> StoreResult<String> {
    let sql = match link.kind {
        EntityKind::Seizure => {
            "SELECT id || ' · ' || COALESCE(port, municipality) || ', ' || state FROM seizures WHERE id = ?1"
        }
        EntityKind::Firearm => {
            "SELECT make || ' ' || model || ' · ' || serial FROM firearms WHERE id = ?1"
        }
        EntityKind::Trace => {
            "SELECT t.id || ' · ' || f.serial || ' · ' || t.status FROM traces t JOIN firearms f ON f.id = t.firearm_id WHERE t.id = ?1"
        }
        EntityKind::Casing => {
            "SELECT id || ' · ' || caliber_class || ' · ' || incident_id FROM casings WHERE id = ?1"
        }
        EntityKind::Lead => {
            "SELECT id || ' · ' || casing_id || ' ↔ ' || candidate_id FROM leads WHERE id = ?1"
        }
        EntityKind::Person => "SELECT name FROM persons WHERE id = ?1",
        EntityKind::Dealer => "SELECT name || ' (' || state || ')' FROM dealers WHERE license = ?1",
    };
    c.query_row(sql, [&link.id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Invalid(format!("{} {} does not exist", link.kind, link.id)))
}

fn row_to_case(r: &Row<'_>) -> rusqlite::Result<Case> {
    Ok(Case {
        id: r.get(0)?,
        title: r.get(1)?,
        status: parse_enum(&r.get::<_, String>(2)?, CaseStatus::parse)?,
        lead_agency: r.get(3)?,
        members: Vec::new(),
        links: Vec::new(),
        created_at: from_ts(r.get(4)?),
        last_activity: from_ts(r.get(5)?),
        note_count: 0,
        prosecution: Prosecution::default(),
    })
}

pub(super) fn row_to_note(r: &Row<'_>) -> rusqlite::Result<Note> {
    let edited_by: Option<String> = r.get(8)?;
    let updated_at = from_ts(r.get(6)?);
    Ok(Note {
        id: r.get(0)?,
        case_id: r.get(1)?,
        author: r.get(2)?,
        author_agency: r.get(3)?,
        body: r.get(4)?,
        created_at: from_ts(r.get(5)?),
        updated_at,
        version: r.get(7)?,
        edited_at: edited_by.as_ref().map(|_| updated_at),
        edited_by,
    })
}
