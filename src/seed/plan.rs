//! What the seed's world generator hands to the ballistic part of the seed: who shot where with
//! which hidden gun, and which seized guns were test-fired. Kept apart so each side can change
//! its internals freely.

use chrono::{DateTime, Utc};

/// A shooting at a crime scene: one or more casings were recovered.
#[derive(Debug, Clone)]
pub struct Shooting {
    /// e.g. `INC-MX-CHH-00042`
    pub incident_id: String,
    /// The hidden gun that fired (ground truth; several shootings share a gun by design).
    pub gun_key: String,
    /// e.g. `9mm`, `7.62x39`, `5.56/.223`, `.38 Super`
    pub caliber_class: String,
    pub at: DateTime<Utc>,
    pub place: String,
    /// The seizure the scene's recovery was logged under, when there is one.
    pub seizure_id: Option<String>,
    /// Casings recovered at the scene from this gun.
    pub casings: u32,
}

/// A seized firearm that a lab test-fired, so its casing can be matched to earlier scenes.
#[derive(Debug, Clone)]
pub struct TestFire {
    pub gun_key: String,
    pub firearm_id: String,
    pub seizure_id: Option<String>,
    pub caliber_class: String,
    pub at: DateTime<Utc>,
    pub place: String,
}
