//! `/v1/stats/…`: the initiative's measures of success and the aggregates behind them, for a
//! window of days (default the last 90), an agency and a country. Counts only: no record,
//! name or id leaves through them. Traces, seizures and leads are readable by every signed-in
//! user, so they are counted whole; cases only where the caller is a member.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use super::blocking;
use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::ApiQuery;
use crate::server::stats::aggregate::{self, Filter};
use crate::server::stats::facts::Facts;
use crate::server::stats::window;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/stats/measures", get(measures))
        .route("/v1/stats/traces", get(traces))
        .route("/v1/stats/seizures", get(seizures))
        .route("/v1/stats/leads", get(leads))
}

/// Checks the query, then counts with the facts as of the last write.
async fn counted<T: Send + 'static>(
    st: &AppState,
    q: StatsQuery,
    count: impl FnOnce(
        &dyn crate::server::store::Store,
        &Facts,
        Filter,
    ) -> crate::server::store::StoreResult<T>
    + Send
    + 'static,
) -> Result<T, ApiError> {
    let w = window(&q, chrono::Utc::now().date_naive())?;
    let cache = st.stats.clone();
    blocking(st, move |s| {
        let facts = cache.facts(s)?;
        let f = Filter::new(w, q.agency, q.country).resolve(&facts);
        count(s, &facts, f)
    })
    .await
}

/// The three measures — guns traced to a first buyer, networks indicted (your cases at
/// `charged` or later), southbound seizures — this window against the previous one, with a
/// monthly trend across both.
#[utoipa::path(get, path = "/v1/stats/measures", tag = "stats", params(StatsQuery),
    responses((status = 200, body = Measures), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn measures(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> Result<Json<Measures>, ApiError> {
    let out = counted(&st, q, move |s, facts, f| {
        let cases = s.indicted_cases(&u)?;
        Ok(aggregate::measures(facts, &cases, &f))
    })
    .await?;
    Ok(Json(out))
}

/// Trace requests made in the window: outcomes, per month, by Mexican state of recovery (all
/// 32), by US state of sale, by corridor, firearm type and calibre, time-to-crime.
#[utoipa::path(get, path = "/v1/stats/traces", tag = "stats", params(StatsQuery),
    responses((status = 200, body = TraceStats), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn traces(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> Result<Json<TraceStats>, ApiError> {
    let out = counted(&st, q, |_, facts, f| Ok(aggregate::traces(facts, &f))).await?;
    Ok(Json(out))
}

/// Southbound inspections at US ports in the window, per month and by port of entry.
#[utoipa::path(get, path = "/v1/stats/seizures", tag = "stats", params(StatsQuery),
    responses((status = 200, body = SeizureStatsOut), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn seizures(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> Result<Json<SeizureStatsOut>, ApiError> {
    let out = counted(&st, q, |_, facts, f| Ok(aggregate::seizures(facts, &f))).await?;
    Ok(Json(out))
}

/// The ballistic lead queue now (pending, overdue against the 48-hour goal) and the decisions
/// made in the window (median hours from lead to decision). Leads carry no agency or country:
/// those filters do not narrow them.
#[utoipa::path(get, path = "/v1/stats/leads", tag = "stats", params(StatsQuery),
    responses((status = 200, body = LeadStats), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn leads(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> Result<Json<LeadStats>, ApiError> {
    let now = chrono::Utc::now().timestamp();
    let out = counted(&st, q, move |_, facts, f| {
        Ok(aggregate::leads(facts, &f, now))
    })
    .await?;
    Ok(Json(out))
}
