//! Outcome statistics (`GET /v1/stats/…`): the initiative's three measures of success and the
//! aggregates behind them. Every answer is a count over records the caller may read: traces,
//! seizures and leads (every signed-in user reads those), and only the cases the caller is a
//! member of.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Country;

/// The 32 federal entities of Mexico with their ISO 3166-2 codes (without `MX-`), as the
/// seizure records name them. Every by-state answer lists all 32, zeros included, so a state
/// with no recovery is visibly zero rather than missing.
pub const MX_STATES: [(&str, &str); 32] = [
    ("AGU", "Aguascalientes"),
    ("BCN", "Baja California"),
    ("BCS", "Baja California Sur"),
    ("CAM", "Campeche"),
    ("CHP", "Chiapas"),
    ("CHH", "Chihuahua"),
    ("CMX", "Ciudad de México"),
    ("COA", "Coahuila"),
    ("COL", "Colima"),
    ("DUR", "Durango"),
    ("GUA", "Guanajuato"),
    ("GRO", "Guerrero"),
    ("HID", "Hidalgo"),
    ("JAL", "Jalisco"),
    ("MEX", "Estado de México"),
    ("MIC", "Michoacán"),
    ("MOR", "Morelos"),
    ("NAY", "Nayarit"),
    ("NLE", "Nuevo León"),
    ("OAX", "Oaxaca"),
    ("PUE", "Puebla"),
    ("QUE", "Querétaro"),
    ("ROO", "Quintana Roo"),
    ("SLP", "San Luis Potosí"),
    ("SIN", "Sinaloa"),
    ("SON", "Sonora"),
    ("TAB", "Tabasco"),
    ("TAM", "Tamaulipas"),
    ("TLA", "Tlaxcala"),
    ("VER", "Veracruz"),
    ("YUC", "Yucatán"),
    ("ZAC", "Zacatecas"),
];

/// Filters of every `GET /v1/stats/…` route. The window is `from`..=`to` (calendar days, UTC);
/// without them, the 90 days up to today. The previous period is the window of the same length
/// just before. `agency` is the seizing agency of a seizure and the requesting agency of a
/// trace; `country` is where the gun was seized or recovered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Exact agency name, e.g. `FGR Sonora`.
    pub agency: Option<String>,
    pub country: Option<Country>,
}

/// The window an answer covers (after defaults), and the previous one it is compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatsWindow {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
}

/// One measure: this window against the one before, and its monthly trend across both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Measure {
    pub current: u64,
    pub previous: u64,
    /// Month by month (`YYYY-MM`), oldest first, from the previous window's first month.
    pub trend: Vec<MonthCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MonthCount {
    /// `YYYY-MM`
    pub month: String,
    pub count: u64,
}

/// `GET /v1/stats/measures`: the initiative's three measures of success.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Measures {
    pub window: StatsWindow,
    /// Traces completed to a first retail purchaser (by completion date).
    pub traced_to_purchaser: Measure,
    /// Networks indicted: cases you are a member of that reached `charged` or later (by the date
    /// of their stage).
    pub networks_indicted: Measure,
    /// Southbound inspections at US ports that seized something (by date of seizure).
    pub southbound_seizures: Measure,
}

/// A labelled count, with its share of the whole it was taken from (0–1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Share {
    pub key: String,
    pub count: u64,
    pub share: f64,
}

/// Traces of guns recovered in one Mexican state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StateTraces {
    /// ISO 3166-2 code without `MX-`, e.g. `SON`.
    pub code: String,
    pub state: String,
    pub traces: u64,
    /// Of those, completed to a purchaser.
    pub reached: u64,
}

/// A trafficking corridor: where the gun was first sold (US state) → where it was recovered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Corridor {
    /// US state of the retail sale, postal code (`AZ`).
    pub from: String,
    /// Mexican state of recovery (`Sonora`).
    pub to: String,
    pub count: u64,
    /// Share of the traces that reached a purchaser and were recovered in Mexico.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MonthTraces {
    pub month: String,
    pub traces: u64,
    pub reached: u64,
}

/// Time-to-crime of traces that reached a purchaser, in years since the sale:
/// `<1`, `1-3`, `3-5`, `5-10`, `10-20`, `20+`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TtcHistogram {
    pub buckets: Vec<Share>,
    /// Share within one year and within three years (the trafficking indicator).
    pub within_1y: f64,
    pub within_3y: f64,
    pub mean_years: f64,
}

/// `GET /v1/stats/traces`: trace requests made in the window (by request date).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TraceStats {
    pub window: StatsWindow,
    pub traces: u64,
    /// Completed to a first retail purchaser.
    pub reached: u64,
    pub not_traceable: u64,
    /// Still with dealers.
    pub pending: u64,
    /// `reached / (reached + not_traceable)`: of the traces answered, how many reached a buyer.
    pub reached_share: f64,
    /// Share of traced guns made in or imported into the US.
    pub us_sourced_share: f64,
    pub per_month: Vec<MonthTraces>,
    /// All 32 Mexican states, most traces first.
    pub by_mx_state: Vec<StateTraces>,
    /// US state of the retail sale, of the traces that reached a purchaser.
    pub by_us_state: Vec<Share>,
    /// Ranked, at most 20.
    pub corridors: Vec<Corridor>,
    pub firearm_types: Vec<Share>,
    /// The 10 commonest calibres, then `other`.
    pub calibers: Vec<Share>,
    pub time_to_crime: TtcHistogram,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MonthSeizures {
    pub month: String,
    pub seizures: u64,
    pub firearms: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PortSeizures {
    pub port: String,
    pub seizures: u64,
    pub firearms: u64,
}

/// `GET /v1/stats/seizures`: southbound inspections at US ports in the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeizureStatsOut {
    pub window: StatsWindow,
    pub seizures: u64,
    pub firearms: u64,
    pub per_month: Vec<MonthSeizures>,
    /// Ports of entry, most seizures first.
    pub by_port: Vec<PortSeizures>,
}

/// `GET /v1/stats/leads`: the ballistic lead queue against the 24–48 h goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LeadStats {
    pub window: StatsWindow,
    /// Awaiting review now.
    pub pending: u64,
    /// Awaiting review for longer than the goal.
    pub overdue: u64,
    pub goal_hours: u32,
    /// Decided in the window.
    pub decided: u64,
    /// Median hours from the lead to its decision, of those decided in the window.
    pub median_hours_to_decision: Option<f64>,
    /// Share decided within the goal.
    pub within_goal: f64,
}

// Every string of an answer is cleaned before the console draws it.
crate::sanitize_fields!(MonthCount { month });
crate::sanitize_fields!(Measure { trend });
crate::sanitize_fields!(Measures {
    traced_to_purchaser,
    networks_indicted,
    southbound_seizures
});
crate::sanitize_fields!(Share { key });
crate::sanitize_fields!(StateTraces { code, state });
crate::sanitize_fields!(Corridor { from, to });
crate::sanitize_fields!(MonthTraces { month });
crate::sanitize_fields!(TtcHistogram { buckets });
crate::sanitize_fields!(TraceStats {
    per_month,
    by_mx_state,
    by_us_state,
    corridors,
    firearm_types,
    calibers,
    time_to_crime
});
crate::sanitize_fields!(MonthSeizures { month });
crate::sanitize_fields!(PortSeizures { port });
crate::sanitize_fields!(SeizureStatsOut { per_month, by_port });
crate::sanitize_fields!(LeadStats {});
