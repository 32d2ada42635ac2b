//! `/v1/graph`: the link graph behind a seizure — neighbours, shortest paths and suspected rings.
//! Every user may read it; case nodes (and the links through them) reach only the case's members.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use super::blocking;
use crate::model::*;
use crate::server::AppState;
use crate::server::auth::AuthUser;
use crate::server::error::ApiError;
use crate::server::extract::ApiQuery;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/graph/neighbors", get(neighbors))
        .route("/v1/graph/paths", get(paths))
        .route("/v1/graph/rings", get(rings))
}

/// The entity's links, breadth first to `depth` hops. A trace id stands for its firearm, a lead
/// for its casing, `#SERIAL` for the firearm bearing it. A case the caller is not a member of
/// answers 403 whether or not it exists.
#[utoipa::path(get, path = "/v1/graph/neighbors", tag = "graph", params(NeighborQuery),
    responses((status = 200, body = Neighborhood), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn neighbors(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiQuery(q): ApiQuery<NeighborQuery>,
) -> Result<Json<Neighborhood>, ApiError> {
    Ok(Json(
        blocking(&st, move |s| s.graph_neighbors(&q, &u)).await?,
    ))
}

/// Up to `k` shortest paths (all of the shortest length, at most `max_hops` links) between two
/// entities; an empty list when none is that short.
#[utoipa::path(get, path = "/v1/graph/paths", tag = "graph", params(PathQuery),
    responses((status = 200, body = PathSet), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn paths(
    State(st): State<AppState>,
    AuthUser(u): AuthUser,
    ApiQuery(q): ApiQuery<PathQuery>,
) -> Result<Json<PathSet>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.graph_paths(&q, &u)).await?))
}

/// Suspected straw purchasers (`kind=purchaser`) or diverting dealers (`kind=dealer`), highest
/// score first, each with the factors that put it there.
#[utoipa::path(get, path = "/v1/graph/rings", tag = "graph", params(RingQuery),
    responses((status = 200, body = Vec<RingSuspect>), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rings(
    State(st): State<AppState>,
    _u: AuthUser,
    ApiQuery(q): ApiQuery<RingQuery>,
) -> Result<Json<Vec<RingSuspect>>, ApiError> {
    Ok(Json(blocking(&st, move |s| s.graph_rings(&q)).await?))
}
