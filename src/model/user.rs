//! Users, agencies and roles.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Country;

/// What a user may do. Only an examiner confirms a ballistic hit; a supervisor manages case
/// membership and reads audit trails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Investigator,
    Examiner,
    Supervisor,
}

crate::string_enum!(Role { Investigator => "investigator", Examiner => "examiner", Supervisor => "supervisor" });

/// A signed-in user as the server sees them (`GET /v1/me`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub name: String,
    pub agency: String,
    pub country: Country,
    pub role: Role,
}

crate::sanitize_fields!(User { name, agency });

/// A user together with the token that was generated for them. Tokens are shown once, at
/// creation, and stored only as hashes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IssuedUser {
    pub name: String,
    pub agency: String,
    pub country: Country,
    pub role: Role,
    pub token: String,
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
