//! The link graph: neighbours, shortest paths and suspected rings. Every answer goes through the
//! client's decoding, which sanitises node ids and labels, edge ends, factor codes and corridors
//! before anything can reach the terminal.

use super::client::{Api, ApiClient};
use super::error::ApiError;
use crate::model::{NeighborQuery, Neighborhood, PathQuery, PathSet, RingQuery, RingSuspect};

impl ApiClient {
    pub async fn graph_neighbors(&self, q: &NeighborQuery) -> Result<Neighborhood, ApiError> {
        self.get(Api::Trace, "/v1/graph/neighbors", q).await
    }
    pub async fn graph_paths(&self, q: &PathQuery) -> Result<PathSet, ApiError> {
        self.get(Api::Trace, "/v1/graph/paths", q).await
    }
    pub async fn graph_rings(&self, q: &RingQuery) -> Result<Vec<RingSuspect>, ApiError> {
        self.get(Api::Trace, "/v1/graph/rings", q).await
    }
}
