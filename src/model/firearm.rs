//! Firearms recovered or seized, and the serial search over them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FirearmType {
    Pistol,
    Revolver,
    Rifle,
    Shotgun,
    MachineGun,
}
crate::string_enum!(FirearmType { Pistol => "pistol", Revolver => "revolver", Rifle => "rifle", Shotgun => "shotgun", MachineGun => "machine_gun" });

/// A firearm record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Firearm {
    /// e.g. `FA-0001234`
    pub id: String,
    /// As read; obliterated serials may be partial, with `?` for unreadable characters.
    pub serial: String,
    /// The serial was filed or ground off (possibly partly restored by a lab).
    pub obliterated: bool,
    pub make: String,
    pub model: String,
    #[serde(rename = "type")]
    pub kind: FirearmType,
    pub caliber: String,
    /// Country of manufacture (ISO 3166 alpha-2).
    pub origin_country: String,
    /// Importer, for firearms not made in the US.
    pub importer: Option<String>,
    pub markings: Option<String>,
    pub seizure_id: Option<String>,
    /// The most recent trace of this firearm.
    pub trace_id: Option<String>,
    pub recovered_at: DateTime<Utc>,
}
crate::sanitize_fields!(Firearm {
    id,
    serial,
    make,
    model,
    caliber,
    origin_country,
    importer,
    markings,
    seizure_id,
    trace_id
});

/// Filters for `GET /v1/firearms`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct FirearmQuery {
    /// Serial search: exact (`ABC123`), prefix (`ABC*`) or partial with wildcards, where `*`
    /// matches any run of characters and `?` exactly one (`*12?45*`). Case-insensitive.
    pub serial: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub caliber: Option<String>,
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<FirearmType>,
    pub seizure_id: Option<String>,
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}
