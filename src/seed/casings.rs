//! Turns the seed's shootings and test fires into casings with synthetic toolmark images, and
//! correlates them so the lead queue starts populated. (Owned by the ballistics work.)

use super::plan::{Shooting, TestFire};
use crate::model::Lead;
use crate::server::store::{CandidateRow, CasingRow};

/// Casings, correlation candidates and leads for the plan, deterministic in `seed`.
pub fn casings_for(
    _shootings: &[Shooting],
    _test_fires: &[TestFire],
    _seed: u64,
) -> (Vec<CasingRow>, Vec<CandidateRow>, Vec<Lead>) {
    (Vec::new(), Vec::new(), Vec::new())
}
