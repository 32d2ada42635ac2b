//! Where a case stands with prosecutors: what "networks indicted" is counted from.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The prosecution stage of a case: none → referred → charged (or indicted) → resolved.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProsecutionStage {
    #[default]
    None,
    /// Referred to a prosecuting office.
    Referred,
    /// Charged by complaint or information, or indicted by a grand jury (US); "vinculación a
    /// proceso" after charges (MX).
    Charged,
    /// Ended: plea, verdict or dismissal.
    Resolved,
}
crate::string_enum!(ProsecutionStage { None => "none", Referred => "referred", Charged => "charged", Resolved => "resolved" });

/// A case's prosecution record. `stage: none` carries no other field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Prosecution {
    pub stage: ProsecutionStage,
    /// The prosecuting office: a US Attorney's Office, the FGR or a state prosecutor.
    pub office: Option<String>,
    /// When the case reached this stage.
    pub date: Option<NaiveDate>,
    /// Defendants charged (charged and resolved stages).
    pub defendants: Option<u32>,
    /// Who recorded it, and when.
    pub updated_by: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}
crate::sanitize_fields!(Prosecution { office, updated_by });

/// `PUT /v1/cases/{id}/prosecution`: supervisors and prosecutors who are members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProsecutionUpdate {
    pub stage: ProsecutionStage,
    /// Required from `referred` on (1–120 characters).
    pub office: Option<String>,
    /// Required from `referred` on; not in the future.
    pub date: Option<NaiveDate>,
    /// Required for `charged` and `resolved` (1–500).
    pub defendants: Option<u32>,
}
