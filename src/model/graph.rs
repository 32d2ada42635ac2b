//! The link graph behind one seizure: nodes (firearms, purchasers, dealers, seizures, casings,
//! cases), the links between them, shortest paths and suspected rings.
//!
//! Links are what an investigator's link chart draws: firearm–purchaser and firearm–dealer (from
//! a completed trace), firearm–seizure, seizure–case (and anything else a case links), casing–
//! firearm and casing–seizure, and casing–casing by a confirmed ballistic hit. Case nodes reach only
//! the case's members (need-to-know).

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Seizure,
    Firearm,
    Person,
    Dealer,
    Casing,
    Case,
}
crate::string_enum!(NodeKind { Seizure => "seizure", Firearm => "firearm", Person => "person", Dealer => "dealer", Casing => "casing", Case => "case" });

/// What a link means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Firearm → its first retail purchaser (a completed trace).
    BoughtBy,
    /// Firearm → the dealer that sold it.
    SoldBy,
    /// Firearm → the seizure it was recovered in.
    RecoveredIn,
    /// Case → a linked seizure, firearm, person, dealer or casing.
    InCase,
    /// Casing → the firearm it was test-fired from, or the seizure it was found at.
    FiredBy,
    FoundAt,
    /// Casing ↔ casing: a confirmed ballistic hit (same gun).
    SameGun,
}
crate::string_enum!(LinkKind { BoughtBy => "bought_by", SoldBy => "sold_by", RecoveredIn => "recovered_in", InCase => "in_case", FiredBy => "fired_by", FoundAt => "found_at", SameGun => "same_gun" });

/// Investigative flags on a node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NodeFlags {
    /// A firearm with a time-to-crime under 3 years, or a person/dealer behind one.
    pub short_ttc: bool,
    /// Named in a multiple-sale report (3310.4 / 3310.12).
    pub multiple_sale: bool,
    /// Fired at several scenes: a casing (or the gun behind it) tied to others by confirmed hits.
    pub multi_scene: bool,
    /// Linked to a case the caller is a member of.
    pub in_case: bool,
}

/// One node of the link graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GraphNode {
    /// The entity's id: `SZ-…`, `FA-…`, `P-…`, a dealer licence, `BC-…`, `CS-…`.
    pub id: String,
    pub kind: NodeKind,
    /// A short human label (serial and model, a name, a place).
    pub label: String,
    /// Hops from the root (neighbours), or position along a path.
    pub depth: u32,
    /// How many links the node has in all (what expanding it would show), when known.
    pub degree: u32,
    pub flags: NodeFlags,
}
crate::sanitize_fields!(GraphNode { id, label });

/// One link between two nodes (by id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GraphEdge {
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
}
crate::sanitize_fields!(GraphEdge { from, to });

/// `GET /v1/graph/neighbors`: the nodes within `depth` links of `root`, breadth first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Neighborhood {
    /// The node the id resolved to (a trace id resolves to its firearm, a lead to its casing, a
    /// serial `#ABC123` to the firearm bearing it).
    pub root: String,
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// True when `limit` cut the answer short.
    pub truncated: bool,
}
crate::sanitize_fields!(Neighborhood { root, nodes, edges });

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NeighborQuery {
    /// Any entity id: seizure, firearm, trace, `#serial`, purchaser `P-…`, dealer licence,
    /// casing, lead or case.
    pub id: String,
    /// 1–3 (default 1).
    #[param(minimum = 1, maximum = 3)]
    pub depth: Option<u32>,
    /// Most nodes to return, 1–1000 (default 200).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
}

/// One path between two nodes: the nodes in order and the links between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GraphPath {
    pub nodes: Vec<GraphNode>,
    /// `edges[i]` joins `nodes[i]` and `nodes[i + 1]`.
    pub edges: Vec<GraphEdge>,
}
crate::sanitize_fields!(GraphPath { nodes, edges });

/// `GET /v1/graph/paths`: up to `k` shortest paths (all of the same, shortest length).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PathSet {
    pub from: String,
    pub to: String,
    /// Empty when no path of at most `max_hops` links exists.
    pub paths: Vec<GraphPath>,
    /// Nodes the search looked at (how much of the graph it had to touch).
    pub visited: u32,
}
crate::sanitize_fields!(PathSet { from, to, paths });

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PathQuery {
    pub from: String,
    pub to: String,
    /// 1–6 (default 6).
    #[param(minimum = 1, maximum = 6)]
    pub max_hops: Option<u32>,
    /// 1–10 (default 3).
    #[param(minimum = 1, maximum = 10)]
    pub k: Option<u32>,
}

/// Which kind of suspected ring to rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RingKind {
    /// Straw purchasers: one buyer behind many recovered guns.
    Purchaser,
    /// Diverting stores: a dealer over-represented in traces with short time-to-crime.
    Dealer,
}
crate::string_enum!(RingKind { Purchaser => "purchaser", Dealer => "dealer" });

/// One factor that put a suspect on the list, with its weight in the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RingFactor {
    /// `traced_guns`, `recovered_in_mexico`, `short_ttc`, `under_one_year`, `multiple_sales`,
    /// `few_dealers`, `co_purchasers`, `one_corridor`, `over_represented`.
    pub code: String,
    /// The measured value (a count, a share or a ratio).
    pub value: f64,
    /// Points this factor added to the score.
    pub points: f64,
}
crate::sanitize_fields!(RingFactor { code });

/// A suspected straw purchaser or diverting dealer. A purchaser stands for a suspected ring:
/// the buyer behind the most guns together with the co-purchasers linked to them (guns
/// recovered in the same seizure, or two or more of the same dealers), and the counts and
/// factors are over the guns of all of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RingSuspect {
    /// Purchaser `P-…` or dealer licence.
    pub id: String,
    pub kind: RingKind,
    pub label: String,
    /// Completed traces leading to this suspect (and its co-purchasers).
    pub traces: u32,
    /// Of those, recovered in Mexico.
    pub recovered_in_mexico: u32,
    /// Mean time-to-crime in days.
    pub mean_ttc_days: Option<i64>,
    /// The corridor most of the guns took, e.g. `TX → Tamaulipas`.
    pub top_corridor: Option<String>,
    pub score: f64,
    pub factors: Vec<RingFactor>,
    /// The co-purchasers `P-…` counted with a purchaser, most guns first (none for dealers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_purchasers: Vec<String>,
}
crate::sanitize_fields!(RingSuspect {
    id,
    label,
    top_corridor,
    factors,
    co_purchasers
});

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RingQuery {
    /// `purchaser` (default) or `dealer`.
    pub kind: Option<RingKind>,
    /// 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}
