//! Who is on a case, and who may see its audit trail: both are for supervisors who are
//! themselves members. A non-member gets the same 403 whether or not the case exists.

use rusqlite::{Connection, OptionalExtension, params};

use super::cases::{load_case, read_case, require_member, touch};
use super::system::emit;
use super::{SqliteStore, parse_enum};
use crate::model::*;
use crate::server::store::{AuditEntry, StoreError, StoreResult, Written};

impl SqliteStore {
    /// Who can be made a member: every agency (from the user register and from existing
    /// memberships — a name only, never which case), then every registered user, by name.
    pub(super) fn directory_impl(&self) -> StoreResult<Vec<CaseMember>> {
        self.read(|c| {
            let mut out = Vec::new();
            let mut agencies = c.prepare_cached(
                "SELECT agency, country FROM users UNION SELECT agency, country FROM case_members \
                 ORDER BY 1, 2",
            )?;
            let rows = agencies.query_map([], |r| {
                Ok(CaseMember {
                    agency: r.get(0)?,
                    country: parse_enum(&r.get::<_, String>(1)?, Country::parse)?,
                    user: None,
                })
            })?;
            for m in rows {
                out.push(m?);
            }
            let mut users =
                c.prepare_cached("SELECT name, agency, country FROM users ORDER BY agency, name")?;
            let rows = users.query_map([], |r| {
                Ok(CaseMember {
                    user: Some(r.get(0)?),
                    agency: r.get(1)?,
                    country: parse_enum(&r.get::<_, String>(2)?, Country::parse)?,
                })
            })?;
            for m in rows {
                out.push(m?);
            }
            Ok(out)
        })
    }

    pub(super) fn add_member_impl(
        &self,
        case_id: &str,
        m: &CaseMember,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        let op = format!("POST /v1/cases/{case_id}/members");
        self.idempotent_write(by, idem, &op, |tx| {
            require_supervisor(tx, case_id, by, "change a case's members")?;
            check_member(tx, m)?;
            if member_exists(tx, case_id, &m.agency, m.user.as_deref())? {
                return Err(StoreError::Conflict(format!(
                    "{} is already a member of {case_id}.",
                    who(&m.agency, m.user.as_deref())
                )));
            }
            tx.execute(
                "INSERT INTO case_members(case_id, agency, country, user_name) VALUES (?1, ?2, ?3, ?4)",
                params![case_id, m.agency.trim(), m.country.as_str(), m.user],
            )?;
            touch(tx, case_id)?;
            let case = load_case(tx, case_id, by)?;
            let summary = format!(
                "{} added {} to {case_id}",
                by.name,
                who(&m.agency, m.user.as_deref())
            );
            let ev = emit(tx, EventKind::CaseUpdated, case_id, Some(case_id), &summary)?;
            Ok((case, Some(ev)))
        })
    }

    pub(super) fn remove_member_impl(
        &self,
        case_id: &str,
        m: &MemberRef,
        by: &User,
    ) -> StoreResult<Written<Case>> {
        self.write(|tx| {
            require_supervisor(tx, case_id, by, "change a case's members")?;
            let label = who(&m.agency, m.user.as_deref());
            if !member_exists(tx, case_id, &m.agency, m.user.as_deref())? {
                return Err(StoreError::NotFound(format!(
                    "Member {label} of case {case_id}"
                )));
            }
            let count: i64 = tx.query_row(
                "SELECT count(DISTINCT agency || '|' || country || '|' || IFNULL(user_name, ''))
                 FROM case_members WHERE case_id = ?1",
                [case_id],
                |r| r.get(0),
            )?;
            if count <= 1 {
                return Err(StoreError::Conflict(format!(
                    "{label} is the last member of {case_id}; add another member before removing it."
                )));
            }
            tx.execute(
                "DELETE FROM case_members WHERE case_id = ?1 AND agency = ?2 AND user_name IS ?3",
                params![case_id, m.agency, m.user],
            )?;
            touch(tx, case_id)?;
            // The supervisor may just have removed their own access; they still get the result.
            let case = read_case(tx, case_id)?;
            let summary = format!("{} removed {label} from {case_id}", by.name);
            let ev = emit(tx, EventKind::CaseUpdated, case_id, Some(case_id), &summary)?;
            Ok(Written {
                value: Some(case),
                events: vec![ev],
                replayed: None,
            })
        })
    }

    pub(super) fn case_audit_impl(
        &self,
        case_id: &str,
        viewer: &User,
        limit: u32,
    ) -> StoreResult<Vec<AuditEntry>> {
        self.read(|c| require_supervisor(c, case_id, viewer, "view a case's audit trail"))?;
        self.audit_for_entity_impl(case_id, limit)
    }
}

/// Membership first (so a non-member learns nothing about the case), then the role.
fn require_supervisor(c: &Connection, case_id: &str, by: &User, what: &str) -> StoreResult<()> {
    require_member(c, case_id, by)?;
    if by.role == Role::Supervisor {
        Ok(())
    } else {
        Err(StoreError::Forbidden(format!(
            "Only a supervisor can {what}."
        )))
    }
}

/// A member must be in the directory: its (agency, country) pair exactly as registered, and a
/// named user a known user of that agency. Anything else is refused naming it, so a typo can
/// neither grant nothing nor invent an agency that then shows in the directory.
pub(super) fn check_member(c: &Connection, m: &CaseMember) -> StoreResult<()> {
    let known: bool = c
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM users WHERE agency = ?1 AND country = ?2)
                 OR EXISTS(SELECT 1 FROM case_members WHERE agency = ?1 AND country = ?2)",
        )?
        .query_row(params![m.agency.trim(), m.country.as_str()], |r| r.get(0))?;
    if !known {
        return Err(StoreError::Invalid(format!(
            "there is no agency {:?} in {} in the directory",
            m.agency.trim(),
            m.country.as_str()
        )));
    }
    match &m.user {
        Some(name) => check_user(c, name, m),
        None => Ok(()),
    }
}

/// A named member must be a known user of the agency and country given, so a typo cannot
/// silently grant nothing (or the wrong person something).
fn check_user(c: &Connection, name: &str, m: &CaseMember) -> StoreResult<()> {
    let found = c
        .prepare_cached("SELECT agency, country FROM users WHERE name = ?1")?
        .query_row([name], |r| {
            Ok((
                r.get::<_, String>(0)?,
                parse_enum(&r.get::<_, String>(1)?, Country::parse)?,
            ))
        })
        .optional()?;
    match found {
        None => Err(StoreError::Invalid(format!(
            "there is no user named {name:?}"
        ))),
        Some((agency, country)) if agency != m.agency || country != m.country => {
            Err(StoreError::Invalid(format!(
                "{name} belongs to {agency} ({}), not {} ({})",
                country.as_str(),
                m.agency,
                m.country.as_str()
            )))
        }
        Some(_) => Ok(()),
    }
}

fn member_exists(
    c: &Connection,
    case_id: &str,
    agency: &str,
    user: Option<&str>,
) -> StoreResult<bool> {
    Ok(c
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM case_members WHERE case_id = ?1 AND agency = ?2 AND user_name IS ?3)",
        )?
        .query_row(params![case_id, agency.trim(), user], |r| r.get(0))?)
}

fn who(agency: &str, user: Option<&str>) -> String {
    match user {
        Some(u) => format!("{u} ({agency})"),
        None => agency.to_string(),
    }
}
