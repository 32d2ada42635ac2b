//! Seizures: southbound border finds at US ports of entry and recoveries in Mexican states.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Country;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeizureKind {
    /// Southbound inspection at a US port of entry.
    BorderInspection,
    /// Recovery at a crime scene in Mexico.
    CrimeScene,
    /// Recovery during an operation (raid, checkpoint) in Mexico.
    Operation,
}
crate::string_enum!(SeizureKind { BorderInspection => "border_inspection", CrimeScene => "crime_scene", Operation => "operation" });

/// Where a seizure stands in the work queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TriageStatus {
    New,
    InReview,
    TracesRequested,
    Linked,
    Closed,
}
crate::string_enum!(TriageStatus { New => "new", InReview => "in_review", TracesRequested => "traces_requested", Linked => "linked", Closed => "closed" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Firearm,
    Part,
    Magazine,
    Ammunition,
}
crate::string_enum!(ItemKind { Firearm => "firearm", Part => "part", Magazine => "magazine", Ammunition => "ammunition" });

/// One line of a seizure's inventory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeizureItem {
    pub kind: ItemKind,
    pub quantity: u32,
    pub description: String,
    /// Set for firearms: the firearm record created for it.
    pub firearm_id: Option<String>,
}
crate::sanitize_fields!(SeizureItem {
    description,
    firearm_id
});

/// A seizure or recovery event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Seizure {
    /// e.g. `SZ-000123`
    pub id: String,
    pub kind: SeizureKind,
    pub status: TriageStatus,
    pub occurred_at: DateTime<Utc>,
    pub country: Country,
    /// Mexican state (for recoveries) or US state of the port (for border inspections).
    pub state: String,
    /// Municipality (MX) or city of the port (US).
    pub municipality: String,
    /// Port of entry name for border inspections, e.g. `Laredo`.
    pub port: Option<String>,
    pub agency: String,
    pub conveyance: Option<String>,
    pub concealment: Option<String>,
    pub summary: String,
    pub items: Vec<SeizureItem>,
    pub trace_ids: Vec<String>,
    pub case_ids: Vec<String>,
    pub updated_at: DateTime<Utc>,
}
crate::sanitize_fields!(Seizure {
    id,
    state,
    municipality,
    port,
    agency,
    conveyance,
    concealment,
    summary,
    items,
    trace_ids,
    case_ids
});

impl Seizure {
    /// Number of firearms among the items.
    pub fn firearm_count(&self) -> u32 {
        self.items
            .iter()
            .filter(|i| i.kind == ItemKind::Firearm)
            .map(|i| i.quantity)
            .sum()
    }
    /// Where it happened, in one short phrase.
    pub fn place(&self) -> String {
        match &self.port {
            Some(p) => format!("{p}, {}", self.state),
            None => format!("{}, {}", self.municipality, self.state),
        }
    }
}

/// Sort order for seizure lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeizureSort {
    #[default]
    Newest,
    Oldest,
}
crate::string_enum!(SeizureSort { Newest => "newest", Oldest => "oldest" });

/// Filters for `GET /v1/seizures`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct SeizureQuery {
    /// Triage status, e.g. `new`.
    pub status: Option<TriageStatus>,
    pub kind: Option<SeizureKind>,
    pub country: Option<Country>,
    /// Agency name, exact.
    pub agency: Option<String>,
    /// Mexican or US state name, exact.
    pub state: Option<String>,
    /// Port of entry, exact.
    pub port: Option<String>,
    /// Only seizures with at least one item of this kind.
    pub item: Option<ItemKind>,
    /// Earliest occurrence (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Latest occurrence (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// Free text matched against id, summary, place and agency.
    pub q: Option<String>,
    pub sort: Option<SeizureSort>,
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Per-status counts for the queue header (`GET /v1/seizures/stats`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeizureStats {
    pub total: u64,
    pub by_status: Vec<StatusCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatusCount {
    pub status: TriageStatus,
    pub count: u64,
}

/// `PATCH /v1/seizures/{id}`: change triage status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeizureUpdate {
    pub status: TriageStatus,
}

/// A firearm as entered with a new seizure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewFirearm {
    /// May be partial for obliterated serials, with `?` for unreadable characters.
    pub serial: String,
    #[serde(default)]
    pub obliterated: bool,
    pub make: String,
    pub model: String,
    #[serde(rename = "type")]
    pub kind: crate::model::FirearmType,
    pub caliber: String,
    /// ISO 3166 alpha-2 country of manufacture.
    pub origin_country: String,
    pub importer: Option<String>,
    pub markings: Option<String>,
}

/// One inventory line of a new seizure. Firearm lines carry the firearm's description and
/// always have quantity 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewSeizureItem {
    pub kind: ItemKind,
    pub quantity: u32,
    pub description: String,
    pub firearm: Option<NewFirearm>,
}

/// `POST /v1/seizures`: log a new seizure (a border find or a recovery). The agency is the
/// caller's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewSeizure {
    pub kind: SeizureKind,
    pub occurred_at: DateTime<Utc>,
    pub country: Country,
    pub state: String,
    pub municipality: String,
    pub port: Option<String>,
    pub conveyance: Option<String>,
    pub concealment: Option<String>,
    pub summary: String,
    pub items: Vec<NewSeizureItem>,
}

impl crate::model::text::Sanitize for SeizureStats {
    /// Counts and enums only: nothing to clean.
    fn sanitize(&mut self) {}
}
