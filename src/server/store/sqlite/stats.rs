//! Reads the facts behind `/v1/stats` in one pass per table (see `server::stats::facts`), and
//! the cases a caller may see that reached a prosecution stage of `charged` or later.

use rusqlite::named_params;

use super::SqliteStore;
use super::system::member_of;
use crate::model::User;
use crate::server::stats::facts::*;
use crate::server::store::StoreResult;

impl SqliteStore {
    pub(super) fn stats_facts_impl(&self) -> StoreResult<Facts> {
        self.read_long(|c| {
            let mut f = Facts::default();
            let mut st = c.prepare(
                "SELECT t.submitted_at, t.completed_at, t.requesting_agency, s.country, s.state,
                        d.state, fa.type, fa.caliber, t.status, t.ttc_days,
                        (fa.origin_country = 'US' OR fa.importer IS NOT NULL)
                 FROM traces t JOIN firearms fa ON fa.id = t.firearm_id
                 LEFT JOIN seizures s ON s.id = t.seizure_id
                 LEFT JOIN dealers d ON d.license = t.dealer_license",
            )?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let country = country_code(r.get::<_, Option<String>>(3)?.as_deref());
                let state: Option<String> = r.get(4)?;
                let outcome = match r.get::<_, String>(8)?.as_str() {
                    "completed" => Outcome::Reached,
                    "not_traceable" => Outcome::NotTraceable,
                    _ => Outcome::Pending,
                };
                let dealer_state: Option<String> = r.get(5)?;
                let fact = TraceFact {
                    submitted: day_of(r.get(0)?),
                    completed: r.get::<_, Option<i64>>(1)?.map_or(NO_DAY, day_of),
                    agency: f.agencies.id(&r.get::<_, String>(2)?),
                    country,
                    mx_state: match (&state, country) {
                        (Some(s), MX) => mx_state_index(s),
                        _ => u8::MAX,
                    },
                    us_state: match (dealer_state, outcome) {
                        (Some(s), Outcome::Reached) => f.us_states.id(&s),
                        _ => NONE,
                    },
                    firearm_type: f.types.id(&r.get::<_, String>(6)?),
                    caliber: f.calibers.id(&r.get::<_, String>(7)?),
                    outcome,
                    ttc_days: r
                        .get::<_, Option<i64>>(9)?
                        .and_then(|d| i32::try_from(d).ok())
                        .unwrap_or(-1),
                    us_sourced: r.get(10)?,
                };
                f.traces.push(fact);
            }
            let mut st = c.prepare(
                "SELECT s.occurred_at, s.agency, s.country, s.port,
                        (SELECT count(*) FROM firearms fa WHERE fa.seizure_id = s.id)
                 FROM seizures s WHERE s.kind = 'border_inspection'",
            )?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let port: Option<String> = r.get(3)?;
                f.seizures.push(SeizureFact {
                    day: day_of(r.get(0)?),
                    agency: f.agencies.id(&r.get::<_, String>(1)?),
                    country: country_code(r.get::<_, Option<String>>(2)?.as_deref()),
                    port: port.map_or(NONE, |p| f.ports.id(&p)),
                    firearms: r.get(4)?,
                });
            }
            let mut st = c.prepare("SELECT created_at, decided_at, status FROM leads")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let pending = r.get::<_, String>(2)? == "pending";
                f.leads.push(LeadFact {
                    created: r.get(0)?,
                    decided: if pending { None } else { r.get(1)? },
                });
            }
            Ok(f)
        })
    }

    pub(super) fn indicted_cases_impl(&self, viewer: &User) -> StoreResult<Vec<IndictedCase>> {
        let sql = format!(
            "SELECT p.date, c.lead_agency,
                    (SELECT group_concat(DISTINCT m.country) FROM case_members m WHERE m.case_id = c.id)
             FROM case_prosecution p JOIN cases c ON c.id = p.case_id
             WHERE p.stage IN ('charged', 'resolved') AND p.date IS NOT NULL AND {}",
            member_of("c.id")
        );
        self.read(|c| {
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map(
                named_params! {":viewer": viewer.name, ":agency": viewer.agency, ":country": viewer.country.as_str()},
                |r| {
                    let date: String = r.get(0)?;
                    let countries: Option<String> = r.get(2)?;
                    Ok((date, r.get::<_, String>(1)?, countries))
                },
            )?;
            let mut out = Vec::new();
            for row in rows {
                let (date, lead_agency, countries) = row?;
                let Ok(d) = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
                    continue;
                };
                let day = day_of(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp());
                out.push(IndictedCase {
                    day,
                    lead_agency,
                    countries: country_codes(countries.as_deref()),
                });
            }
            Ok(out)
        })
    }
}
