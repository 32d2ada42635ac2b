//! Outcome statistics: the facts are read once into memory ([`facts`]) and counted per request
//! ([`aggregate`]). The copy in memory is rebuilt when the event log has moved on (every write
//! emits an event), so an answer is never older than the last committed write; a burst of
//! requests after a write rebuilds it once (the others wait on the same lock).

pub mod aggregate;
pub mod facts;

use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDate};

use crate::model::{StatsQuery, StatsWindow};
use crate::server::error::ApiError;
use crate::server::store::{Store, StoreResult};

/// The facts as of one event id.
#[derive(Default)]
pub struct StatsCache {
    slot: Mutex<Option<(i64, Arc<facts::Facts>)>>,
}

impl StatsCache {
    /// The facts for the database as it is now, read again only if something was written.
    pub fn facts(&self, store: &dyn Store) -> StoreResult<Arc<facts::Facts>> {
        let version = store.last_event_id()?;
        let mut slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((v, f)) = slot.as_ref()
            && *v == version
        {
            return Ok(f.clone());
        }
        let f = Arc::new(store.stats_facts()?);
        *slot = Some((version, f.clone()));
        Ok(f)
    }
}

/// Longest window accepted (ten years and a bit): the monthly series stays a screenful.
const MAX_DAYS: i64 = 3_700;
/// Window when none is given: the 90 days up to today.
const DEFAULT_DAYS: i64 = 90;

/// Checks the filters and resolves the window and the previous one of the same length.
pub fn window(q: &StatsQuery, today: NaiveDate) -> Result<StatsWindow, ApiError> {
    let to = q.to.unwrap_or(today);
    let from = q.from.unwrap_or(to - Duration::days(DEFAULT_DAYS - 1));
    if from > to {
        return Err(ApiError::invalid("from must not be after to"));
    }
    let len = (to - from).num_days() + 1;
    if len > MAX_DAYS {
        return Err(ApiError::invalid(format!(
            "the window from..to must be at most {MAX_DAYS} days"
        )));
    }
    if let Some(a) = &q.agency
        && (a.trim().is_empty() || a.chars().count() > 120 || a.chars().any(char::is_control))
    {
        return Err(ApiError::invalid(
            "agency must be 1–120 characters without control characters",
        ));
    }
    let previous_to = from - Duration::days(1);
    let previous_from = previous_to - Duration::days(len - 1);
    Ok(StatsWindow {
        from,
        to,
        previous_from,
        previous_to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_window_defaults_to_90_days_and_the_previous_one_matches_it() {
        let w = window(&StatsQuery::default(), d(2026, 11, 29)).unwrap();
        assert_eq!((w.from, w.to), (d(2026, 9, 1), d(2026, 11, 29)));
        assert_eq!(
            (w.previous_from, w.previous_to),
            (d(2026, 6, 3), d(2026, 8, 31))
        );
        let q = StatsQuery {
            from: Some(d(2026, 1, 1)),
            to: Some(d(2026, 1, 31)),
            ..StatsQuery::default()
        };
        let w = window(&q, d(2026, 11, 29)).unwrap();
        assert_eq!(
            (w.previous_from, w.previous_to),
            (d(2025, 12, 1), d(2025, 12, 31))
        );
    }

    #[test]
    fn bad_filters_are_refused() {
        let today = d(2026, 11, 29);
        let q = |from, to, agency: Option<&str>| StatsQuery {
            from,
            to,
            agency: agency.map(str::to_string),
            country: None,
        };
        assert!(window(&q(Some(d(2026, 2, 1)), Some(d(2026, 1, 1)), None), today).is_err());
        assert!(window(&q(Some(d(2000, 1, 1)), Some(d(2026, 1, 1)), None), today).is_err());
        assert!(window(&q(None, None, Some(" ")), today).is_err());
        assert!(window(&q(None, None, Some("FGR\u{1b}[2J")), today).is_err());
        assert!(window(&q(None, None, Some("FGR Sonora")), today).is_ok());
    }
}
