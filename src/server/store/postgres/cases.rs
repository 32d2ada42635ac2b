//! Joint cases, visible only to members (by user or by agency); a case the viewer may not see
//! gets the same answer whether or not it exists (SQLite: `sqlite/cases.rs`).

use super::batch;
use super::system::{emit, member_of, parse_enum, viewer_params};
use super::{Db, PgStore, from_ts, next_counter, ts};
use crate::model::*;
use crate::server::store::sqlite::{Cursor, page_limit};
use crate::server::store::{StoreError, StoreResult, Written};

const CASE_COLS: &str = "c.id, c.title, c.status, c.lead_agency, c.created_at, c.last_activity";

impl PgStore {
    pub fn list_cases_impl(&self, q: &CaseQuery, viewer: &User) -> StoreResult<Page<Case>> {
        let limit = page_limit(q.limit)?;
        let cursor = Cursor::decode_opt("cases", q.cursor.as_deref())?;
        let status = q.status.map(|s| s.as_str());
        let stage = q.prosecution.map(|s| s.as_str());
        // SQLite's LIKE ignores ASCII case; ILIKE does the same here.
        let text =
            q.q.as_deref()
                .map(|t| format!("%{}%", t.trim()))
                .filter(|t| t.len() > 2);
        let sql = format!(
            "SELECT {CASE_COLS} FROM cases c WHERE {} AND ($4::TEXT IS NULL OR c.status = $4)
               AND ($5::TEXT IS NULL OR coalesce((SELECT p.stage FROM case_prosecution p WHERE p.case_id = c.id), 'none') = $5)
               AND ($6::TEXT IS NULL OR c.title ILIKE $6 OR c.id ILIKE $6)
               AND ($7::BIGINT IS NULL OR (c.last_activity, c.id) < ($7, $8))
             ORDER BY c.last_activity DESC, c.id DESC LIMIT $9",
            member_of("c.id", 1)
        );
        let [v, a, c] = viewer_params(viewer);
        let (ckey, cid) = (
            cursor.as_ref().map(|c| c.key),
            cursor.as_ref().map(|c| c.id.clone()),
        );
        let lim = i64::from(limit) + 1;
        self.read(|db| {
            let mut items = db
                .query(
                    &sql,
                    &[&v, &a, &c, &status, &stage, &text, &ckey, &cid, &lim],
                )?
                .iter()
                .map(row_to_case)
                .collect::<StoreResult<Vec<_>>>()?;
            let next_cursor = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items
                    .last()
                    .map(|x| Cursor::new("cases", ts(x.last_activity), &x.id).encode())
            } else {
                None
            };
            fill_cases(db, &mut items)?;
            Ok(Page { items, next_cursor })
        })
    }

    pub fn get_case_impl(&self, id: &str, viewer: &User) -> StoreResult<Case> {
        self.read(|db| load_case(db, id, viewer))
    }

    pub fn is_member_impl(&self, case_id: &str, viewer: &User) -> StoreResult<bool> {
        self.read(|db| is_member(db, case_id, viewer))
    }

    pub fn create_case_impl(
        &self,
        new: &NewCase,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        self.idempotent_write(by, idem, "POST /v1/cases", |db| {
            let now = chrono::Utc::now();
            let id = format!("CS-{}-{:04}", now.format("%Y"), next_counter(db, "case")?);
            crate::server::store::audit_created(&id, Some(&id));
            db.execute(
                "INSERT INTO cases(id, title, status, lead_agency, created_by, created_at, last_activity)
                 VALUES ($1, $2, 'open', $3, $4, $5, $5)",
                &[&id, &new.title.trim(), &by.agency, &by.name, &ts(now)],
            )?;
            let own = CaseMember {
                agency: by.agency.clone(),
                country: by.country,
                user: None,
            };
            for m in &new.members {
                super::members::check_member(db, m)?;
            }
            // Listing one's own agency again is harmless: the unique index keeps one row.
            for m in std::iter::once(&own).chain(new.members.iter()) {
                db.execute(
                    "INSERT INTO case_members(case_id, agency, country, user_name) VALUES ($1, $2, $3, $4)
                     ON CONFLICT DO NOTHING",
                    &[&id, &m.agency, &m.country.as_str(), &m.user],
                )?;
            }
            let case = load_case(db, &id, by)?;
            let ev = emit(
                db,
                EventKind::CaseCreated,
                &id,
                Some(&id),
                &format!("Case {id} opened: {}", case.title),
            )?;
            Ok((case, Some(ev)))
        })
    }

    pub fn add_link_impl(
        &self,
        case_id: &str,
        link: &NewLink,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        self.idempotent_write(by, idem, &format!("POST /v1/cases/{case_id}/links"), |db| {
            require_member(db, case_id, by)?;
            let label = entity_label(db, link)?;
            db.execute(
                "INSERT INTO case_links(case_id, kind, entity_id, label, added_by, added_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                &[
                    &case_id,
                    &link.kind.as_str(),
                    &link.id,
                    &label,
                    &by.name,
                    &ts(chrono::Utc::now()),
                ],
            )?;
            touch(db, case_id)?;
            if link.kind == EntityKind::Seizure {
                db.execute(
                    "UPDATE seizures SET status = 'linked' WHERE id = $1 AND status != 'closed'",
                    &[&link.id],
                )?;
            }
            let case = load_case(db, case_id, by)?;
            let ev = emit(
                db,
                EventKind::CaseUpdated,
                case_id,
                Some(case_id),
                &format!("{} linked to {case_id}", link.id),
            )?;
            Ok((case, Some(ev)))
        })
    }

    pub fn update_case_impl(
        &self,
        case_id: &str,
        upd: &CaseUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        self.idempotent_write(by, idem, &format!("PATCH /v1/cases/{case_id}"), |db| {
            require_member(db, case_id, by)?;
            if let Some(title) = &upd.title {
                db.execute(
                    "UPDATE cases SET title = $2 WHERE id = $1",
                    &[&case_id, &title.trim()],
                )?;
            }
            if let Some(status) = upd.status {
                db.execute(
                    "UPDATE cases SET status = $2 WHERE id = $1",
                    &[&case_id, &status.as_str()],
                )?;
            }
            touch(db, case_id)?;
            let case = read_case(db, case_id)?;
            let what = match (&upd.title, upd.status) {
                (Some(_), Some(s)) => format!("renamed and set to {s}"),
                (Some(_), None) => "renamed".to_string(),
                (None, Some(s)) => format!("set to {s}"),
                (None, None) => "touched".to_string(),
            };
            let ev = emit(
                db,
                EventKind::CaseUpdated,
                case_id,
                Some(case_id),
                &format!("{case_id} {what} by {}", by.name),
            )?;
            Ok((case, Some(ev)))
        })
    }
}

pub(super) fn is_member(db: &Db<'_>, case_id: &str, viewer: &User) -> StoreResult<bool> {
    let sql = format!(
        "SELECT EXISTS(SELECT 1 FROM cases WHERE id = $1 AND {})",
        member_of("$1", 2)
    );
    let [v, a, c] = viewer_params(viewer);
    Ok(db.query_one(&sql, &[&case_id, &v, &a, &c])?.get(0))
}

pub(super) fn require_member(db: &Db<'_>, case_id: &str, viewer: &User) -> StoreResult<()> {
    if is_member(db, case_id, viewer)? {
        Ok(())
    } else {
        Err(StoreError::Forbidden(format!(
            "Case {case_id} does not exist or you are not a member of it."
        )))
    }
}

pub(super) fn load_case(db: &Db<'_>, id: &str, viewer: &User) -> StoreResult<Case> {
    require_member(db, id, viewer)?;
    read_case(db, id)
}

/// The case with its members, links and note count, without a membership check: only for a
/// caller that has already checked (or that has just removed its own membership).
pub(super) fn read_case(db: &Db<'_>, id: &str) -> StoreResult<Case> {
    let mut case = db
        .query_opt(
            &format!("SELECT {CASE_COLS} FROM cases c WHERE c.id = $1"),
            &[&id],
        )?
        .map(|r| row_to_case(&r))
        .transpose()?
        .ok_or_else(|| {
            StoreError::Forbidden(format!(
                "Case {id} does not exist or you are not a member of it."
            ))
        })?;
    fill_cases(db, std::slice::from_mut(&mut case))?;
    Ok(case)
}

/// Members, links, note counts and prosecution of each case of a page: one statement each.
/// SQLite sorts NULL before every value, PostgreSQL after: nullable sort keys say
/// `NULLS FIRST` so both engines list the same order.
fn fill_cases(db: &Db<'_>, cases: &mut [Case]) -> StoreResult<()> {
    let ids = batch::ids(cases, |c| &c.id);
    let mut members = batch::grouped(
        db,
        "SELECT case_id, agency, country, user_name FROM case_members WHERE case_id = ANY($1)
         ORDER BY case_id, country DESC, agency, user_name NULLS FIRST",
        &ids,
        &[],
        |r| {
            Ok(CaseMember {
                agency: r.get(1),
                country: parse_enum(r.get(2), Country::parse)?,
                user: r.get(3),
            })
        },
    )?;
    let mut links = batch::grouped(
        db,
        "SELECT case_id, kind, entity_id, label FROM case_links WHERE case_id = ANY($1)
         ORDER BY case_id, added_at, entity_id",
        &ids,
        &[],
        |r| {
            Ok(CaseLink {
                kind: parse_enum(r.get(1), EntityKind::parse)?,
                id: r.get(2),
                label: r.get(3),
            })
        },
    )?;
    let mut notes = batch::grouped(
        db,
        "SELECT case_id, count(*) FROM notes WHERE case_id = ANY($1) GROUP BY case_id",
        &ids,
        &[],
        |r| Ok(r.get::<_, i64>(1)),
    )?;
    let mut prosecution = super::prosecution::read_of(db, &ids)?;
    for case in cases {
        case.members = members.remove(&case.id).unwrap_or_default();
        case.links = links.remove(&case.id).unwrap_or_default();
        let n = notes.remove(&case.id).and_then(|v| v.first().copied());
        case.note_count = u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX);
        case.prosecution = prosecution.remove(&case.id).unwrap_or_default();
    }
    Ok(())
}

pub(super) fn touch(db: &Db<'_>, case_id: &str) -> StoreResult<()> {
    db.execute(
        "UPDATE cases SET last_activity = $2 WHERE id = $1",
        &[&case_id, &ts(chrono::Utc::now())],
    )?;
    Ok(())
}

/// A short label for a linked entity; refuses ids that do not exist.
fn entity_label(db: &Db<'_>, link: &NewLink) -> StoreResult<String> {
    let sql = match link.kind {
        EntityKind::Seizure => {
            "SELECT id || ' · ' || COALESCE(port, municipality) || ', ' || state FROM seizures WHERE id = $1"
        }
        EntityKind::Firearm => {
            "SELECT make || ' ' || model || ' · ' || serial FROM firearms WHERE id = $1"
        }
        EntityKind::Trace => {
            "SELECT t.id || ' · ' || f.serial || ' · ' || t.status FROM traces t JOIN firearms f ON f.id = t.firearm_id WHERE t.id = $1"
        }
        EntityKind::Casing => {
            "SELECT id || ' · ' || caliber_class || ' · ' || incident_id FROM casings WHERE id = $1"
        }
        EntityKind::Lead => {
            "SELECT id || ' · ' || casing_id || ' ↔ ' || candidate_id FROM leads WHERE id = $1"
        }
        EntityKind::Person => "SELECT name FROM persons WHERE id = $1",
        EntityKind::Dealer => "SELECT name || ' (' || state || ')' FROM dealers WHERE license = $1",
    };
    db.query_opt(sql, &[&link.id])?
        .map(|r| r.get(0))
        .ok_or_else(|| StoreError::Invalid(format!("{} {} does not exist", link.kind, link.id)))
}

fn row_to_case(r: &tokio_postgres::Row) -> StoreResult<Case> {
    Ok(Case {
        id: r.get(0),
        title: r.get(1),
        status: parse_enum(r.get(2), CaseStatus::parse)?,
        lead_agency: r.get(3),
        members: Vec::new(),
        links: Vec::new(),
        created_at: from_ts(r.get(4)),
        last_activity: from_ts(r.get(5)),
        note_count: 0,
        prosecution: Prosecution::default(),
    })
}
