//! The facts the outcome statistics are counted from: one compact row per trace, per
//! southbound seizure and per ballistic lead, held in memory (about 24 bytes a trace: the large
//! seed's 828,681 traces take some 20 MB). Counting a filtered window over them is a linear scan
//! in Rust (a few milliseconds), where the same GROUP BYs in SQLite join four tables per trace.
//!
//! Strings are interned once (`Names`), so a fact is plain numbers.

use std::collections::HashMap;

/// Interned strings: a fact stores the index.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pub names: Vec<String>,
    index: HashMap<String, u16>,
}

impl Names {
    /// The index of `s`, added if new. Past `u16::MAX - 1` names everything else is one bucket.
    pub fn id(&mut self, s: &str) -> u16 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = u16::try_from(self.names.len())
            .unwrap_or(NONE - 1)
            .min(NONE - 1);
        if usize::from(i) == self.names.len() {
            self.names.push(s.to_string());
            self.index.insert(s.to_string(), i);
        }
        i
    }
    pub fn find(&self, s: &str) -> Option<u16> {
        self.index.get(s).copied()
    }
    pub fn name(&self, i: u16) -> &str {
        self.names.get(usize::from(i)).map_or("", String::as_str)
    }
}

/// "No value" for an interned field.
pub const NONE: u16 = u16::MAX;
/// "No day" (a trace not completed yet).
pub const NO_DAY: i32 = i32::MIN;

/// Where a trace stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pending,
    Reached,
    NotTraceable,
}

/// Country of seizure or recovery: 0 US, 1 MX, 2 unknown.
pub type CountryCode = u8;
pub const US: CountryCode = 0;
pub const MX: CountryCode = 1;
pub const NO_COUNTRY: CountryCode = 2;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TraceFact {
    /// Days since 1970-01-01 (UTC) of the request and of the completion.
    pub submitted: i32,
    pub completed: i32,
    pub agency: u16,
    pub country: CountryCode,
    /// Index into `model::MX_STATES`, or `u8::MAX` when not recovered in Mexico.
    pub mx_state: u8,
    /// Dealer's state (interned in `us_states`), for traces that reached a sale.
    pub us_state: u16,
    pub firearm_type: u16,
    pub caliber: u16,
    pub outcome: Outcome,
    /// Time-to-crime in days, when known.
    pub ttc_days: i32,
    pub us_sourced: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeizureFact {
    pub day: i32,
    pub agency: u16,
    pub country: CountryCode,
    pub port: u16,
    pub firearms: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeadFact {
    /// Seconds since the epoch.
    pub created: i64,
    /// `None` while pending.
    pub decided: Option<i64>,
}

/// A case the caller may see that reached `charged` or later, with the day of that stage.
#[derive(Debug, Clone, PartialEq)]
pub struct IndictedCase {
    pub day: i32,
    pub lead_agency: String,
    /// Countries of its members.
    pub countries: Vec<CountryCode>,
}

/// Everything counted, as of one state of the database.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub agencies: Names,
    pub us_states: Names,
    pub types: Names,
    pub calibers: Names,
    pub ports: Names,
    pub traces: Vec<TraceFact>,
    pub seizures: Vec<SeizureFact>,
    pub leads: Vec<LeadFact>,
}

/// Days since the epoch of a Unix time in seconds.
pub fn day_of(secs: i64) -> i32 {
    i32::try_from(secs.div_euclid(86_400)).unwrap_or(0)
}

pub fn country_code(s: Option<&str>) -> CountryCode {
    match s {
        Some("US") => US,
        Some("MX") => MX,
        _ => NO_COUNTRY,
    }
}

/// The countries of a comma-separated list (a case's members), each once, in code order: the
/// same whichever order the database aggregated them in.
pub fn country_codes(list: Option<&str>) -> Vec<CountryCode> {
    let mut codes: Vec<CountryCode> = list
        .unwrap_or_default()
        .split(',')
        .map(|c| country_code(Some(c)))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The index of a Mexican state by the name the records use, or `u8::MAX`.
pub fn mx_state_index(name: &str) -> u8 {
    crate::model::MX_STATES
        .iter()
        .position(|(_, n)| *n == name)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}
