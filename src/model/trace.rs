//! Trace requests and results: following a firearm to its first retail purchaser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TraceStatus {
    Submitted,
    InProgress,
    Completed,
    NotTraceable,
}
crate::string_enum!(TraceStatus { Submitted => "submitted", InProgress => "in_progress", Completed => "completed", NotTraceable => "not_traceable" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TracePriority {
    Routine,
    Urgent,
}
crate::string_enum!(TracePriority { Routine => "routine", Urgent => "urgent" });

/// Why a trace could not reach a purchaser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotTraceableReason {
    ObliteratedSerial,
    MissingSerial,
    InsufficientDescription,
    Pre1968,
    DealerRecordsIncomplete,
    DealerOutOfBusiness,
    ForeignNoImporter,
}
crate::string_enum!(NotTraceableReason {
    ObliteratedSerial => "obliterated_serial",
    MissingSerial => "missing_serial",
    InsufficientDescription => "insufficient_description",
    Pre1968 => "pre_1968",
    DealerRecordsIncomplete => "dealer_records_incomplete",
    DealerOutOfBusiness => "dealer_out_of_business",
    ForeignNoImporter => "foreign_no_importer",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChainRole {
    Manufacturer,
    Importer,
    Distributor,
    Dealer,
    Purchaser,
}
crate::string_enum!(ChainRole { Manufacturer => "manufacturer", Importer => "importer", Distributor => "distributor", Dealer => "dealer", Purchaser => "purchaser" });

/// One step of the distribution chain, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ChainLink {
    pub role: ChainRole,
    pub name: String,
    /// FFL licence number for dealers and distributors; person id for the purchaser.
    pub reference: Option<String>,
    /// US state (dealers, purchaser) or country (manufacturer, importer).
    pub location: Option<String>,
    /// Date the firearm passed this step (sale date for the dealer → purchaser step).
    pub date: Option<NaiveDate>,
}
crate::sanitize_fields!(ChainLink {
    name,
    reference,
    location
});

/// A multiple-sale report linked to the purchase (a straw-purchasing signal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MultipleSale {
    /// `3310.4` (handguns) or `3310.12` (rifles, border states).
    pub form: String,
    pub date: NaiveDate,
    /// Number of firearms on the report.
    pub count: u32,
    pub dealer_license: String,
}
crate::sanitize_fields!(MultipleSale {
    form,
    dealer_license
});

/// A trace request and, once answered, its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Trace {
    /// e.g. `TR-2026-0001234`
    pub id: String,
    pub firearm_id: String,
    pub serial: String,
    pub make: String,
    pub model: String,
    pub caliber: String,
    pub status: TraceStatus,
    pub priority: TracePriority,
    pub justification: Option<String>,
    pub crime_code: String,
    pub requesting_agency: String,
    pub case_number: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub failure_reason: Option<NotTraceableReason>,
    pub chain: Vec<ChainLink>,
    pub dealer_license: Option<String>,
    pub dealer_name: Option<String>,
    pub dealer_state: Option<String>,
    pub purchaser_id: Option<String>,
    pub purchaser_name: Option<String>,
    pub purchase_date: Option<NaiveDate>,
    pub recovery_date: NaiveDate,
    pub recovery_place: String,
    /// Days from first retail sale to recovery.
    pub time_to_crime_days: Option<i64>,
    pub multiple_sales: Vec<MultipleSale>,
    pub seizure_id: Option<String>,
}
crate::sanitize_fields!(Trace {
    id,
    firearm_id,
    serial,
    make,
    model,
    caliber,
    justification,
    crime_code,
    requesting_agency,
    case_number,
    chain,
    dealer_license,
    dealer_name,
    dealer_state,
    purchaser_id,
    purchaser_name,
    recovery_place,
    multiple_sales,
    seizure_id
});

/// Time-to-crime under this many days is a classic trafficking indicator (about 3 years).
pub const SHORT_TTC_DAYS: i64 = 3 * 365;

impl Trace {
    pub fn short_ttc(&self) -> bool {
        self.time_to_crime_days.is_some_and(|d| d < SHORT_TTC_DAYS)
    }
}

/// `POST /v1/traces`: an eTrace-style request for one seized firearm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TraceRequest {
    pub firearm_id: String,
    pub priority: TracePriority,
    /// Required when priority is `urgent`.
    pub justification: Option<String>,
    /// NCIC-style crime code, e.g. `5212` (weapon offence), 1–8 characters.
    pub crime_code: String,
    pub case_number: Option<String>,
}

/// Filters for `GET /v1/traces`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct TraceQuery {
    pub status: Option<TraceStatus>,
    /// Serial search with the same syntax as `/v1/firearms?serial=`.
    pub serial: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub caliber: Option<String>,
    pub purchaser_id: Option<String>,
    pub dealer_license: Option<String>,
    pub firearm_id: Option<String>,
    pub seizure_id: Option<String>,
    /// Only traces whose time-to-crime is under 3 years.
    pub short_ttc: Option<bool>,
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}
