//! `PUT /v1/cases/{id}/prosecution`: where a case stands with prosecutors — recorded by
//! supervisors and prosecutors who are members; an event and an audit record like every write.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::put;

use super::super::{blocking, written};
use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::{ApiJson, ApiPath, IdempotencyKey};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/cases/{id}/prosecution", put(set))
}

/// Checks that the fields fit the stage: `none` carries nothing; from `referred` on an office and
/// a date (not in the future); `charged` and `resolved` also the number of defendants.
pub fn check(u: &ProsecutionUpdate, today: chrono::NaiveDate) -> Result<(), ApiError> {
    use ProsecutionStage::*;
    if u.stage == None {
        if u.office.is_some() || u.date.is_some() || u.defendants.is_some() {
            return Err(ApiError::invalid(
                "stage none takes no office, date or defendants",
            ));
        }
        return Ok(());
    }
    let office = u.office.as_deref().map(str::trim).unwrap_or("");
    if office.is_empty() || office.chars().count() > 120 {
        return Err(ApiError::invalid(
            "office must be 1–120 characters from stage referred on",
        ));
    }
    if office.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            "office must not contain control characters",
        ));
    }
    match u.date {
        Option::None => return Err(ApiError::invalid("date is required from stage referred on")),
        Some(d) if d > today => return Err(ApiError::invalid("date must not be in the future")),
        Some(_) => {}
    }
    match (u.stage, u.defendants) {
        (Charged | Resolved, Option::None) => Err(ApiError::invalid(
            "defendants is required for charged and resolved",
        )),
        (_, Some(n)) if !(1..=500).contains(&n) => {
            Err(ApiError::invalid("defendants must be 1–500"))
        }
        _ => Ok(()),
    }
}

/// Records the prosecution stage (supervisors and prosecutors who are members; 403 otherwise,
/// the same whether or not the case exists).
#[utoipa::path(put, path = "/v1/cases/{id}/prosecution", tag = "cases", request_body = ProsecutionUpdate,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = Case), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn set(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiPath(id): ApiPath<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(upd): ApiJson<ProsecutionUpdate>,
) -> Result<Response, ApiError> {
    check(&upd, chrono::Utc::now().date_naive())?;
    let w = blocking(&st, move |s| {
        s.set_prosecution(&id, &upd, &u, key.as_deref())
    })
    .await?;
    written(&st, w, StatusCode::OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn upd(
        stage: ProsecutionStage,
        office: Option<&str>,
        date: Option<(i32, u32, u32)>,
        n: Option<u32>,
    ) -> ProsecutionUpdate {
        ProsecutionUpdate {
            stage,
            office: office.map(str::to_string),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            defendants: n,
        }
    }

    #[test]
    fn each_stage_needs_its_fields() {
        use ProsecutionStage::*;
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let usao = Some("USAO District of Arizona");
        assert!(check(&upd(None, Option::None, Option::None, Option::None), today).is_ok());
        assert!(check(&upd(None, usao, Option::None, Option::None), today).is_err());
        assert!(
            check(
                &upd(Referred, usao, Some((2026, 3, 1)), Option::None),
                today
            )
            .is_ok()
        );
        assert!(
            check(
                &upd(Referred, Option::None, Some((2026, 3, 1)), Option::None),
                today
            )
            .is_err()
        );
        assert!(
            check(
                &upd(Referred, usao, Some((2027, 3, 1)), Option::None),
                today
            )
            .is_err()
        );
        assert!(check(&upd(Charged, usao, Some((2026, 3, 1)), Option::None), today).is_err());
        assert!(
            check(
                &upd(Charged, Some("FGR"), Some((2026, 3, 1)), Some(4)),
                today
            )
            .is_ok()
        );
        assert!(check(&upd(Resolved, usao, Some((2026, 3, 1)), Some(0)), today).is_err());
        assert!(
            check(
                &upd(Charged, Some("FGR\u{1b}[2J"), Some((2026, 3, 1)), Some(2)),
                today
            )
            .is_err()
        );
    }
}
