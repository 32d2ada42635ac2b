//! Correlation lists: every acquired casing's ranked candidates, stored so that a technician
//! (or an examiner) reviews the list after a side-by-side look and marks the candidates worth
//! an examiner's microscope as leads — the NIBIN workflow, whatever the scores.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{LeadStatus, MarkScores};

/// Hours from a casing's acquisition within which its correlation list should be reviewed
/// (the programme's 24–48 hours from recovery to lead).
pub const REVIEW_DUE_HOURS: i64 = 48;

/// Where a casing's correlation list stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorrelationState {
    /// Acquired; waiting in the correlation queue (the list is empty until it is ranked).
    Queued,
    /// Ranked; no one has reviewed it yet.
    Unreviewed,
    /// A technician or examiner marked a lead from it.
    Reviewed,
}
crate::string_enum!(CorrelationState { Queued => "queued", Unreviewed => "unreviewed", Reviewed => "reviewed" });

/// One ranked candidate of a correlation list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CorrelationCandidate {
    /// The stored casing it correlated with.
    pub candidate_id: String,
    /// 1-based, by the whole-image combined score.
    pub rank: u32,
    pub scores: MarkScores,
    /// Breech-face cells that registered on the pair's rotation, of the query's usable cells
    /// (`null` for lists ranked before cell evidence was recorded).
    pub agreeing_cells: Option<u32>,
    pub usable_cells: Option<u32>,
    /// The cell matcher's combined score over the usable cells only.
    pub cell_score: Option<f32>,
    /// Estimated share of comparisons with casings of *another* gun scoring at least
    /// `cell_score` with that many usable cells (from the measured different-gun distribution).
    pub false_match_rate: Option<f64>,
    /// Best alignment of the candidate's image onto the casing's: degrees and pixels.
    pub rotation_deg: f32,
    pub shift_x: i32,
    pub shift_y: i32,
    /// The lead filed for this pair, if any (automatic or marked), and its status.
    pub lead_id: Option<String>,
    pub lead_status: Option<LeadStatus>,
}
crate::sanitize_fields!(CorrelationCandidate {
    candidate_id,
    lead_id
});

/// `GET /v1/ballistics/casings/{id}/correlations`: the casing's ranked list and its review clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CorrelationList {
    pub casing_id: String,
    pub incident_id: String,
    pub caliber_class: String,
    pub acquired_at: DateTime<Utc>,
    /// `acquired_at` + 48 hours.
    pub due_at: DateTime<Utc>,
    /// Unreviewed (or still queued) past `due_at`.
    pub overdue: bool,
    pub state: CorrelationState,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewed_by: Option<String>,
    /// Best first, at most `limit`.
    pub candidates: Vec<CorrelationCandidate>,
}
crate::sanitize_fields!(CorrelationList {
    casing_id,
    incident_id,
    caliber_class,
    reviewed_by,
    candidates
});

/// `?limit=` of a correlation list (1–100, default 10).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct CorrelationQuery {
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// One casing in the "Correlations to review" queue (a casing whose list is empty — the first
/// of its calibre class — has nothing to review and is not queued).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReviewItem {
    pub casing_id: String,
    pub incident_id: String,
    pub caliber_class: String,
    pub place: String,
    pub acquired_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    /// Candidates in its list, and the best combined score among them.
    pub candidates: u32,
    pub best_score: Option<f32>,
}
crate::sanitize_fields!(ReviewItem {
    casing_id,
    incident_id,
    caliber_class,
    place
});

/// Paging of `GET /v1/ballistics/reviews` (oldest acquisition first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// `POST /v1/ballistics/casings/{id}/correlations/{candidate}/lead`: why this candidate is a lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LeadMark {
    /// Required: what the side-by-side look showed.
    pub comment: String,
}

/// When a list acquired at `acquired_at` is due, and whether it is overdue at `now`.
pub fn review_clock(
    acquired_at: DateTime<Utc>,
    reviewed: bool,
    now: DateTime<Utc>,
) -> (DateTime<Utc>, bool) {
    let due = acquired_at + chrono::Duration::hours(REVIEW_DUE_HOURS);
    (due, !reviewed && now > due)
}
