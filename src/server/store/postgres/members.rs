//! Who is on a case, and who may see its audit trail: both for supervisors who are themselves
//! members; a non-member gets the same 403 whether or not the case exists (SQLite:
//! `sqlite/members.rs`).

use super::cases::{load_case, read_case, require_member, touch};
use super::system::{emit, parse_enum};
use super::{Db, PgStore};
use crate::model::*;
use crate::server::store::{AuditEntry, StoreError, StoreResult, Written};

impl PgStore {
    /// Who can be made a member: every agency (from the user register and from existing
    /// memberships — a name only, never which case), then every registered user, by name.
    pub fn directory_impl(&self) -> StoreResult<Vec<CaseMember>> {
        self.read(|db| {
            let mut out = db
                .query(
                    "SELECT agency, country FROM users UNION SELECT agency, country FROM case_members \
                     ORDER BY 1, 2",
                    &[],
                )?
                .iter()
                .map(|r| {
                    Ok(CaseMember {
                        agency: r.get(0),
                        country: parse_enum(r.get(1), Country::parse)?,
                        user: None,
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            for r in db.query(
                "SELECT name, agency, country FROM users ORDER BY agency, name",
                &[],
            )? {
                out.push(CaseMember {
                    user: Some(r.get(0)),
                    agency: r.get(1),
                    country: parse_enum(r.get(2), Country::parse)?,
                });
            }
            Ok(out)
        })
    }

    pub fn add_member_impl(
        &self,
        case_id: &str,
        m: &CaseMember,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>> {
        let op = format!("POST /v1/cases/{case_id}/members");
        self.idempotent_write(by, idem, &op, |db| {
            require_supervisor(db, case_id, by, "change a case's members")?;
            check_member(db, m)?;
            if member_exists(db, case_id, &m.agency, m.user.as_deref())? {
                return Err(StoreError::Conflict(format!(
                    "{} is already a member of {case_id}.",
                    who(&m.agency, m.user.as_deref())
                )));
            }
            db.execute(
                "INSERT INTO case_members(case_id, agency, country, user_name) VALUES ($1, $2, $3, $4)",
                &[&case_id, &m.agency.trim(), &m.country.as_str(), &m.user],
            )?;
            touch(db, case_id)?;
            let case = load_case(db, case_id, by)?;
            let summary = format!(
                "{} added {} to {case_id}",
                by.name,
                who(&m.agency, m.user.as_deref())
            );
            let ev = emit(db, EventKind::CaseUpdated, case_id, Some(case_id), &summary)?;
            Ok((case, Some(ev)))
        })
    }

    pub fn remove_member_impl(
        &self,
        case_id: &str,
        m: &MemberRef,
        by: &User,
    ) -> StoreResult<Written<Case>> {
        self.write(|db| {
            require_supervisor(db, case_id, by, "change a case's members")?;
            let label = who(&m.agency, m.user.as_deref());
            if !member_exists(db, case_id, &m.agency, m.user.as_deref())? {
                return Err(StoreError::NotFound(format!(
                    "Member {label} of case {case_id}"
                )));
            }
            let count: i64 = db
                .query_one(
                    "SELECT count(DISTINCT agency || '|' || country || '|' || COALESCE(user_name, ''))
                     FROM case_members WHERE case_id = $1",
                    &[&case_id],
                )?
                .get(0);
            if count <= 1 {
                return Err(StoreError::Conflict(format!(
                    "{label} is the last member of {case_id}; add another member before removing it."
                )));
            }
            db.execute(
                "DELETE FROM case_members WHERE case_id = $1 AND agency = $2
                   AND user_name IS NOT DISTINCT FROM $3",
                &[&case_id, &m.agency, &m.user],
            )?;
            touch(db, case_id)?;
            // The supervisor may just have removed their own access; they still get the result.
            let case = read_case(db, case_id)?;
            let summary = format!("{} removed {label} from {case_id}", by.name);
            let ev = emit(db, EventKind::CaseUpdated, case_id, Some(case_id), &summary)?;
            Ok(Written {
                value: Some(case),
                events: vec![ev],
                replayed: None,
            })
        })
    }

    pub fn case_audit_impl(
        &self,
        case_id: &str,
        viewer: &User,
        limit: u32,
    ) -> StoreResult<Vec<AuditEntry>> {
        self.read(|db| require_supervisor(db, case_id, viewer, "view a case's audit trail"))?;
        self.audit_for_entity_impl(case_id, limit)
    }
}

/// Membership first (so a non-member learns nothing about the case), then the role.
fn require_supervisor(db: &Db<'_>, case_id: &str, by: &User, what: &str) -> StoreResult<()> {
    require_member(db, case_id, by)?;
    if by.role == Role::Supervisor {
        Ok(())
    } else {
        Err(StoreError::Forbidden(format!(
            "Only a supervisor can {what}."
        )))
    }
}

/// A member must be in the directory: its (agency, country) pair exactly as registered, and a
/// named user a known user of that agency.
pub(super) fn check_member(db: &Db<'_>, m: &CaseMember) -> StoreResult<()> {
    let known: bool = db
        .query_one(
            "SELECT EXISTS(SELECT 1 FROM users WHERE agency = $1 AND country = $2)
                 OR EXISTS(SELECT 1 FROM case_members WHERE agency = $1 AND country = $2)",
            &[&m.agency.trim(), &m.country.as_str()],
        )?
        .get(0);
    if !known {
        return Err(StoreError::Invalid(format!(
            "there is no agency {:?} in {} in the directory",
            m.agency.trim(),
            m.country.as_str()
        )));
    }
    match &m.user {
        Some(name) => check_user(db, name, m),
        None => Ok(()),
    }
}

/// A named member must be a known user of the agency and country given, so a typo cannot
/// silently grant nothing (or the wrong person something).
fn check_user(db: &Db<'_>, name: &str, m: &CaseMember) -> StoreResult<()> {
    let found = db
        .query_opt(
            "SELECT agency, country FROM users WHERE name = $1",
            &[&name],
        )?
        .map(|r| {
            Ok::<_, StoreError>((r.get::<_, String>(0), parse_enum(r.get(1), Country::parse)?))
        })
        .transpose()?;
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
    db: &Db<'_>,
    case_id: &str,
    agency: &str,
    user: Option<&str>,
) -> StoreResult<bool> {
    Ok(db
        .query_one(
            "SELECT EXISTS(SELECT 1 FROM case_members WHERE case_id = $1 AND agency = $2
               AND user_name IS NOT DISTINCT FROM $3)",
            &[&case_id, &agency.trim(), &user],
        )?
        .get(0))
}

fn who(agency: &str, user: Option<&str>) -> String {
    match user {
        Some(u) => format!("{u} ({agency})"),
        None => agency.to_string(),
    }
}
