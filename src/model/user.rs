//! Users, agencies and roles.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Country;

/// What a user may do. Only an examiner confirms a ballistic hit; a supervisor manages case
/// membership and reads audit trails; a prosecutor reads the cases they are a member of and
/// records prosecution stages and notes, but requests no traces, changes no seizures and decides
/// no leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Investigator,
    Examiner,
    Supervisor,
    Prosecutor,
    /// Reviews casings' correlation lists and marks leads for examiners (NIBIN's correlation
    /// reviewer); confirms no hits.
    Technician,
}

crate::string_enum!(Role { Investigator => "investigator", Examiner => "examiner", Supervisor => "supervisor", Prosecutor => "prosecutor", Technician => "technician" });

impl Role {
    /// Prosecutors work cases; the evidence workflow (trace requests, seizure changes, lead
    /// decisions) belongs to investigators, examiners and supervisors.
    pub fn works_evidence(self) -> bool {
        self != Role::Prosecutor
    }

    /// Who records a case's prosecution stage.
    pub fn records_prosecution(self) -> bool {
        matches!(self, Role::Supervisor | Role::Prosecutor)
    }

    /// Who marks a correlation candidate as a lead after reviewing the list.
    pub fn marks_leads(self) -> bool {
        matches!(self, Role::Technician | Role::Examiner)
    }
}

/// A signed-in user as the server sees them (`GET /v1/me`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub name: String,
    pub agency: String,
    pub country: Country,
    pub role: Role,
}

crate::sanitize_fields!(User { name, agency });

/// A demo user with the secrets `fwc seed` made for them at random: a machine token, and the
/// password and TOTP secret (base32) to sign in with. Shown once, at seeding; the store keeps
/// the token and password only as hashes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IssuedUser {
    pub name: String,
    pub agency: String,
    pub country: Country,
    pub role: Role,
    pub token: String,
    pub password: String,
    pub totp_secret: String,
}

/// `GET /v1/health`: no authentication needed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub version: String,
    /// Always true for the reference server's seeded data: the records are synthetic.
    pub synthetic_data: bool,
    pub api_version: String,
}

crate::sanitize_fields!(Health {
    status,
    version,
    api_version
});
