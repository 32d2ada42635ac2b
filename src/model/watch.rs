//! Watches and alerts (`/v1/watches`, `/v1/alerts`): a saved condition a user owns, evaluated by
//! the server on every committed change, and the alerts its firings leave for the owner — so an
//! investigator is told when a gun from a dealer turns up instead of polling for it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Country, EventKind, ItemKind, SeizureKind};

/// What a watch looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WatchKind {
    /// A serial or serial pattern (`ABC123`, `ABC*`, `*12?45*`, as in the firearm search).
    Serial,
    /// A firearm record (`FA-…`).
    Firearm,
    /// A purchaser (`PR-…`), named by a completed trace.
    Purchaser,
    /// A dealer licence, named by a completed trace.
    Dealer,
    /// `MAKE`, `MAKE/MODEL` or `MAKE/MODEL/CALIBRE` (case-insensitive).
    Model,
    /// A casing: a new lead or a confirmed hit touching it.
    Casing,
    /// The casings linked to this casing by confirmed hits: a lead or hit touching any of them.
    Cluster,
    /// A case (any change: notes, links, members, status); only for its members.
    Case,
    /// New seizures matching the Queue's filter terms (`filter`, not `value`).
    Seizures,
}
crate::string_enum!(WatchKind {
    Serial => "serial",
    Firearm => "firearm",
    Purchaser => "purchaser",
    Dealer => "dealer",
    Model => "model",
    Casing => "casing",
    Cluster => "cluster",
    Case => "case",
    Seizures => "seizures",
});

/// The Queue's filter terms a `seizures` watch matches new seizures on; every term given must
/// hold (terms left out match anything). Names as in the Queue's `/` filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeizureFilter {
    /// Port of entry, exact (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    /// State name, exact (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Agency name, exact (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SeizureKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// At least one item of this kind (`items` is accepted too).
    #[serde(default, alias = "items", skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemKind>,
}
crate::sanitize_fields!(SeizureFilter {
    port,
    state,
    agency
});

impl SeizureFilter {
    /// True when no term is set (such a filter would match every seizure).
    pub fn is_empty(&self) -> bool {
        *self == SeizureFilter::default()
    }
}

/// `POST /v1/watches`: `{"name","kind","value"}`, or `{"name","kind":"seizures","filter":{…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewWatch {
    /// What the owner calls it (1–80 characters).
    pub name: String,
    pub kind: WatchKind,
    /// The id, licence, serial pattern or `MAKE/MODEL/CALIBRE` watched (every kind but
    /// `seizures`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The Queue's filter terms (`seizures` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<SeizureFilter>,
}

/// `PATCH /v1/watches/{id}`: rename, pause or resume.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WatchUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A paused watch does not fire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
}

/// A saved watch, as its owner sees it (nobody else does).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Watch {
    /// e.g. `WA-0000042`
    pub id: String,
    pub name: String,
    pub kind: WatchKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<SeizureFilter>,
    pub paused: bool,
    pub created_at: DateTime<Utc>,
    /// How many alerts it has left.
    pub fired: u64,
}
crate::sanitize_fields!(Watch {
    id,
    name,
    value,
    filter
});

/// One firing of a watch, for its owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Alert {
    /// e.g. `AL-0000042`
    pub id: String,
    pub watch_id: String,
    /// The watch's name when it fired.
    pub watch_name: String,
    /// The change that fired it.
    pub event_kind: EventKind,
    /// The record to open: a seizure, trace, lead or note id.
    pub entity_id: String,
    /// The case the change belongs to (the owner is a member of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    pub at: DateTime<Utc>,
    /// A short human summary of the change.
    pub summary: String,
    pub read: bool,
}
crate::sanitize_fields!(Alert {
    id,
    watch_id,
    watch_name,
    entity_id,
    case_id,
    summary
});

/// `GET /v1/alerts`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertQuery {
    /// `true`: only unread alerts; `false`: only read ones; absent: both.
    pub unread: Option<bool>,
    /// At most this many, newest first (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
}

/// The per-user limits on watches (answered with 422 past them).
pub const MAX_WATCHES_PER_USER: u32 = 200;
/// Longest watch name.
pub const MAX_WATCH_NAME: usize = 80;
/// Longest watch value (a serial pattern is at most 40).
pub const MAX_WATCH_VALUE: usize = 120;
