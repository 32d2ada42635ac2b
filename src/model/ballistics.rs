//! Ballistic evidence: casings with their image signature, correlation candidates and leads.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CasingSource {
    /// Recovered at a crime scene.
    Scene,
    /// Test-fired in a lab from a seized firearm.
    TestFire,
}
crate::string_enum!(CasingSource { Scene => "scene", TestFire => "test_fire" });

/// A cartridge casing entered into the ballistic database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Casing {
    /// e.g. `BC-000123`
    pub id: String,
    pub source: CasingSource,
    /// Incident (crime scene) identifier, e.g. `INC-MX-CHH-00042`.
    pub incident_id: String,
    pub caliber_class: String,
    pub recovered_at: DateTime<Utc>,
    pub acquired_at: DateTime<Utc>,
    pub place: String,
    pub seizure_id: Option<String>,
    /// For test fires: the firearm that fired it.
    pub firearm_id: Option<String>,
    pub case_ids: Vec<String>,
    /// Image side in pixels (the image is `size`×`size`, 8-bit greyscale).
    pub image_size: u32,
    /// Base64 of the raw greyscale pixels, row-major. Present on `GET /v1/ballistics/casings/{id}`,
    /// omitted from lists to keep pages small.
    pub image: Option<String>,
}
crate::sanitize_fields!(Casing {
    id,
    incident_id,
    caliber_class,
    place,
    seizure_id,
    firearm_id,
    case_ids,
    image
});

/// `POST /v1/ballistics/casings`: acquire a new casing (its image is correlated at once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewCasing {
    pub source: CasingSource,
    pub incident_id: String,
    pub caliber_class: String,
    pub recovered_at: DateTime<Utc>,
    pub place: String,
    pub seizure_id: Option<String>,
    pub firearm_id: Option<String>,
    pub image_size: u32,
    /// Base64 of `image_size`² greyscale bytes.
    pub image: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    Pending,
    Confirmed,
    Excluded,
    Inconclusive,
}
crate::string_enum!(LeadStatus { Pending => "pending", Confirmed => "confirmed", Excluded => "excluded", Inconclusive => "inconclusive" });

/// Per-marking similarity scores, each in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema, Default)]
pub struct MarkScores {
    pub breech_face: f32,
    pub firing_pin: f32,
    pub combined: f32,
}

/// A correlation candidate above the lead threshold, awaiting or after review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Lead {
    /// e.g. `BL-000123`
    pub id: String,
    /// The newly acquired casing.
    pub casing_id: String,
    /// The stored casing it correlated with.
    pub candidate_id: String,
    pub rank: u32,
    pub scores: MarkScores,
    /// Best alignment found: rotation in degrees and shift in pixels.
    pub rotation_deg: f32,
    pub shift_x: i32,
    pub shift_y: i32,
    pub status: LeadStatus,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub comment: Option<String>,
    pub caliber_class: String,
    /// Who marked it from the correlation list (a technician or examiner), with why; both
    /// `null` for a lead filed automatically above the high-confidence score.
    #[serde(default)]
    pub marked_by: Option<String>,
    #[serde(default)]
    pub mark_comment: Option<String>,
}
crate::sanitize_fields!(Lead {
    id,
    casing_id,
    candidate_id,
    decided_by,
    comment,
    caliber_class,
    marked_by,
    mark_comment
});

/// Filters for `GET /v1/ballistics/casings`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct CasingQuery {
    pub caliber_class: Option<String>,
    pub incident_id: Option<String>,
    pub seizure_id: Option<String>,
    pub source: Option<CasingSource>,
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Sort order for the lead queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LeadSort {
    /// Highest combined score first.
    #[default]
    Score,
    /// Oldest first (most overdue).
    Age,
}
crate::string_enum!(LeadSort { Score => "score", Age => "age" });

/// Filters for `GET /v1/ballistics/leads`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct LeadQuery {
    pub status: Option<LeadStatus>,
    pub casing_id: Option<String>,
    pub sort: Option<LeadSort>,
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Leads older than this many hours without a decision are overdue.
pub const LEAD_OVERDUE_HOURS: i64 = 48;

/// An examiner's or reviewer's decision on a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The same firearm fired both casings: the lead becomes a hit (examiners only).
    Confirm,
    Exclude,
    Inconclusive,
}
crate::string_enum!(Decision { Confirm => "confirm", Exclude => "exclude", Inconclusive => "inconclusive" });

impl Decision {
    pub fn status(self) -> LeadStatus {
        match self {
            Decision::Confirm => LeadStatus::Confirmed,
            Decision::Exclude => LeadStatus::Excluded,
            Decision::Inconclusive => LeadStatus::Inconclusive,
        }
    }
}

/// `POST /v1/ballistics/leads/{id}/decision`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LeadDecision {
    pub decision: Decision,
    pub comment: Option<String>,
}

/// Casings tied together by confirmed hits: one firearm behind several incidents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Cluster {
    /// The casing asked about.
    pub casing_id: String,
    /// Every casing in the cluster, oldest recovery first (images omitted).
    pub casings: Vec<Casing>,
    /// The confirmed leads that link them.
    pub hits: Vec<Lead>,
}
crate::sanitize_fields!(Cluster {
    casing_id,
    casings,
    hits
});
