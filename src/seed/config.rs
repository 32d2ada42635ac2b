//! What to generate (scale, seed, as-of date) and what was generated.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::IssuedUser;

/// How much data to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A demo: about 5,000 firearms, seeded in seconds.
    Small,
    /// About 50,000 firearms.
    Medium,
    /// Benchmarks: at least 1,000,000 firearms.
    Large,
}

impl Scale {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "small" => Some(Scale::Small),
            "medium" => Some(Scale::Medium),
            "large" => Some(Scale::Large),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Small => "small",
            Scale::Medium => "medium",
            Scale::Large => "large",
        }
    }

    /// The firearm count the generator aims for (it stops at the first seizure past it).
    pub fn target_firearms(self) -> u64 {
        match self {
            Scale::Small => 5_000,
            Scale::Medium => 50_000,
            Scale::Large => 1_000_000,
        }
    }

    /// Synthetic FFLs: enough that a few over-represented dealers stand out.
    pub(crate) fn dealers(self) -> usize {
        match self {
            Scale::Small => 400,
            Scale::Medium => 1_500,
            Scale::Large => 6_000,
        }
    }

    /// Hidden crime guns behind the ballistic evidence.
    pub(crate) fn crime_guns(self) -> usize {
        match self {
            Scale::Small => 60,
            Scale::Medium => 250,
            Scale::Large => 1_200,
        }
    }

    /// Seeded cases.
    pub(crate) fn cases(self) -> usize {
        match self {
            Scale::Small => 15,
            Scale::Medium => 30,
            Scale::Large => 60,
        }
    }

    /// Straw-purchasing rings: about one per 1,000 firearms, at least five, so each ring's
    /// main buyer stands behind dozens of recovered guns at every scale.
    pub(crate) fn rings(self) -> usize {
        (self.target_firearms() as usize / 1_000).max(5)
    }
}

/// Everything that determines the generated data: the same config gives the same database.
#[derive(Debug, Clone)]
pub struct SeedConfig {
    pub scale: Scale,
    pub seed: u64,
    /// "Today" for the data: recent seizures and open queues are dated just before it.
    pub as_of: NaiveDate,
}

impl SeedConfig {
    /// The generator's "now": noon UTC on the as-of day. Nothing is dated after it.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.as_of
            .and_hms_opt(12, 0, 0)
            .unwrap_or_default()
            .and_utc()
    }
}

/// What `run` generated, including the demo users' tokens (shown once).
#[derive(Debug, Clone)]
pub struct SeedReport {
    pub users: Vec<IssuedUser>,
    pub seizures: u64,
    pub firearms: u64,
    pub traces: u64,
    pub casings: u64,
    pub cases: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_parse_by_name_and_grow() {
        assert_eq!(Scale::parse(" Large "), Some(Scale::Large));
        assert_eq!(Scale::parse("medium"), Some(Scale::Medium));
        assert_eq!(Scale::parse("huge"), None);
        for s in [Scale::Small, Scale::Medium, Scale::Large] {
            assert_eq!(Scale::parse(s.as_str()), Some(s));
        }
        assert!(Scale::Large.target_firearms() >= 1_000_000);
        assert!(Scale::Small.rings() >= 5 && Scale::Large.rings() > Scale::Medium.rings());
    }
}
