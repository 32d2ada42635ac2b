//! Deterministic synthetic data: the same seed and as-of date always give the same database.

pub mod casings;
pub mod plan;
