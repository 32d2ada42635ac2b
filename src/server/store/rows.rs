//! Rows the store takes in or hands back that are not wire types: stored idempotent answers,
//! and what the seed and bulk loads write (persons, dealers, casings, cases, candidates).

use chrono::{DateTime, NaiveDate, Utc};

use super::{Credentials, StoredUser};
use crate::model::*;

/// A stored answer to a POST made with an `Idempotency-Key`.
#[derive(Debug, Clone)]
pub struct IdempotentReply {
    pub status: u16,
    pub body: String,
}

/// A purchaser or other person (synthetic).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub birth_year: Option<i32>,
    pub city: Option<String>,
    pub state: Option<String>,
}

/// A Federal Firearms Licensee (synthetic).
#[derive(Debug, Clone, PartialEq)]
pub struct DealerRow {
    pub license: String,
    pub name: String,
    pub city: String,
    pub state: String,
    /// e.g. `01` dealer, `02` pawnbroker, `07` manufacturer.
    pub kind: String,
}

/// A multiple-sale report row.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipleSaleRow {
    pub id: String,
    pub form: String,
    pub purchaser_id: String,
    pub dealer_license: String,
    pub date: NaiveDate,
    pub count: u32,
}

/// A casing with its raw image and the hidden ground truth (seed only).
#[derive(Debug, Clone)]
pub struct CasingRow {
    pub casing: Casing,
    pub image: Vec<u8>,
    /// When and by whom its correlation list was reviewed (`None`: waiting for review).
    pub reviewed: Option<(DateTime<Utc>, String)>,
    /// Which synthetic gun fired it; stored apart and never read by the correlation engine.
    pub gun_key: Option<String>,
}

/// A case with its creator, members, links and notes, for bulk import.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub case: Case,
    pub created_by: String,
    pub notes: Vec<Note>,
}

/// A batch of generated records, written in one transaction by [`Store::import`].
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    pub users: Vec<StoredUser>,
    /// Sign-in factors of some of `users`, by name.
    pub credentials: Vec<(String, Credentials)>,
    pub dealers: Vec<DealerRow>,
    pub persons: Vec<PersonRow>,
    pub seizures: Vec<Seizure>,
    pub firearms: Vec<Firearm>,
    pub traces: Vec<Trace>,
    pub multiple_sales: Vec<MultipleSaleRow>,
    pub casings: Vec<CasingRow>,
    pub cases: Vec<CaseRow>,
    pub candidates: Vec<CandidateRow>,
    pub leads: Vec<Lead>,
}

/// A casing being acquired: stored at once, correlated later by the queue's worker.
#[derive(Debug, Clone)]
pub struct Acquisition {
    pub casing: NewCasing,
    pub image: Vec<u8>,
}

/// A queued casing's correlation, as the worker hands it to the store.
#[derive(Debug, Clone)]
pub struct Correlated {
    pub casing_id: String,
    pub descriptor: Vec<u8>,
    /// Ranked candidates; `casing_id` is filled in by the store.
    pub candidates: Vec<CandidateRow>,
    /// Ranks (1-based) of the candidates filed as leads automatically.
    pub automatic: Vec<u32>,
}

/// One ranked correlation candidate for a casing (the whole list is stored; some also become
/// leads).
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateRow {
    pub casing_id: String,
    pub candidate_id: String,
    pub rank: u32,
    pub scores: MarkScores,
    pub rotation_deg: f32,
    pub shift_x: i32,
    pub shift_y: i32,
    /// What the cell matcher saw in the pair (`None` when it was not run).
    pub cells: Option<crate::ballistics::CellEvidence>,
}
