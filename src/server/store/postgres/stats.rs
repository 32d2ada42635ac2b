//! The facts behind `/v1/stats` in one pass per table, and the cases a caller may see that
//! reached a prosecution stage of `charged` or later (SQLite: `sqlite/stats.rs`).

use super::PgStore;
use super::system::{member_of, viewer_params};
use crate::model::User;
use crate::server::stats::facts::*;
use crate::server::store::StoreResult;

impl PgStore {
    pub fn stats_facts_impl(&self) -> StoreResult<Facts> {
        self.read_long(|db| {
            let mut f = Facts::default();
            let rows = db.query(
                "SELECT t.submitted_at, t.completed_at, t.requesting_agency, s.country, s.state,
                        d.state, fa.type, fa.caliber, t.status, t.ttc_days,
                        (fa.origin_country = 'US' OR fa.importer IS NOT NULL)
                 FROM traces t JOIN firearms fa ON fa.id = t.firearm_id
                 LEFT JOIN seizures s ON s.id = t.seizure_id
                 LEFT JOIN dealers d ON d.license = t.dealer_license",
                &[],
            )?;
            for r in rows {
                let country = country_code(r.get::<_, Option<&str>>(3));
                let state: Option<&str> = r.get(4);
                let outcome = match r.get::<_, &str>(8) {
                    "completed" => Outcome::Reached,
                    "not_traceable" => Outcome::NotTraceable,
                    _ => Outcome::Pending,
                };
                let dealer_state: Option<&str> = r.get(5);
                let fact = TraceFact {
                    submitted: day_of(r.get(0)),
                    completed: r.get::<_, Option<i64>>(1).map_or(NO_DAY, day_of),
                    agency: f.agencies.id(r.get::<_, &str>(2)),
                    country,
                    mx_state: match (state, country) {
                        (Some(s), MX) => mx_state_index(s),
                        _ => u8::MAX,
                    },
                    us_state: match (dealer_state, outcome) {
                        (Some(s), Outcome::Reached) => f.us_states.id(s),
                        _ => NONE,
                    },
                    firearm_type: f.types.id(r.get::<_, &str>(6)),
                    caliber: f.calibers.id(r.get::<_, &str>(7)),
                    outcome,
                    ttc_days: r
                        .get::<_, Option<i64>>(9)
                        .and_then(|d| i32::try_from(d).ok())
                        .unwrap_or(-1),
                    us_sourced: r.get::<_, Option<bool>>(10).unwrap_or(false),
                };
                f.traces.push(fact);
            }
            let rows = db.query(
                "SELECT s.occurred_at, s.agency, s.country, s.port,
                        (SELECT count(*) FROM firearms fa WHERE fa.seizure_id = s.id)
                 FROM seizures s WHERE s.kind = 'border_inspection'",
                &[],
            )?;
            for r in rows {
                let port: Option<&str> = r.get(3);
                f.seizures.push(SeizureFact {
                    day: day_of(r.get(0)),
                    agency: f.agencies.id(r.get::<_, &str>(1)),
                    country: country_code(r.get::<_, Option<&str>>(2)),
                    port: port.map_or(NONE, |p| f.ports.id(p)),
                    firearms: u32::try_from(r.get::<_, i64>(4)).unwrap_or(u32::MAX),
                });
            }
            for r in db.query("SELECT created_at, decided_at, status FROM leads", &[])? {
                let pending = r.get::<_, &str>(2) == "pending";
                f.leads.push(LeadFact {
                    created: r.get(0),
                    decided: if pending { None } else { r.get(1) },
                });
            }
            Ok(f)
        })
    }

    pub fn indicted_cases_impl(&self, viewer: &User) -> StoreResult<Vec<IndictedCase>> {
        let sql = format!(
            "SELECT p.date, c.lead_agency,
                    (SELECT string_agg(DISTINCT m.country, ',') FROM case_members m WHERE m.case_id = c.id)
             FROM case_prosecution p JOIN cases c ON c.id = p.case_id
             WHERE p.stage IN ('charged', 'resolved') AND p.date IS NOT NULL AND {}",
            member_of("c.id", 1)
        );
        let [v, a, c] = viewer_params(viewer);
        self.read(|db| {
            let mut out = Vec::new();
            for r in db.query(&sql, &[&v, &a, &c])? {
                let date: String = r.get(0);
                let Ok(d) = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
                    continue;
                };
                let day = day_of(
                    d.and_hms_opt(0, 0, 0)
                        .unwrap_or_default()
                        .and_utc()
                        .timestamp(),
                );
                let countries: Option<String> = r.get(2);
                out.push(IndictedCase {
                    day,
                    lead_agency: r.get(1),
                    countries: country_codes(countries.as_deref()),
                });
            }
            Ok(out)
        })
    }
}
