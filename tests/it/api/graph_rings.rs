//! Suspected rings over HTTP on the small seed, graded against the rings the seed planted
//! (regenerated from the seed by `seed::planted`; the server never reads them): each listed
//! purchaser heads a different planted ring, its co-purchasers are of that same ring, and the
//! counts are the whole ring's. The server's trace ticker is frozen: it would answer the seed's
//! open traces with buyers of its own while the test reads (see `server_frozen`).

use std::collections::HashSet;

use super::harness::*;
use crate::support::cases::call;
use fwc::model::*;
use reqwest::{Method, StatusCode};

#[tokio::test]
async fn each_listed_purchaser_heads_a_different_planted_ring_with_its_own_co_purchasers() {
    let ts = server_frozen(seed_small_into).await;
    let planted = fwc::seed::planted(7, fwc::seed::Scale::Small);
    let ring_of = |id: &str| planted.rings.iter().position(|r| r.iter().any(|m| m == id));
    let (st, body) = call(
        &ts,
        "luis.mx",
        Method::GET,
        "/v1/graph/rings?kind=purchaser&limit=5",
        None,
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let rings: Vec<RingSuspect> = serde_json::from_value(body).unwrap();
    assert_eq!(rings.len(), planted.rings.len(), "{rings:#?}");
    let mut seen = HashSet::new();
    for r in &rings {
        let k = ring_of(&r.id).unwrap_or_else(|| panic!("{} is no planted buyer", r.id));
        assert!(seen.insert(k), "ring {k} listed twice: {rings:#?}");
        assert!(!r.co_purchasers.is_empty(), "{r:?}");
        // Guns of the lead alone, and of the whole ring (the graph also shows guns whose
        // trace is not completed; the score counts completed traces only).
        let (mut guns, mut lead) = (0, usize::MAX);
        for m in std::iter::once(&r.id).chain(&r.co_purchasers) {
            assert_eq!(ring_of(m), Some(k), "{m} counted with {}", r.id);
            let (_, hood) = call(
                &ts,
                "luis.mx",
                Method::GET,
                &format!("/v1/graph/neighbors?id={m}&limit=1000"),
                None,
            )
            .await;
            let hood: Neighborhood = serde_json::from_value(hood).unwrap();
            let n = hood
                .nodes
                .iter()
                .filter(|n| n.kind == NodeKind::Firearm)
                .count();
            if lead == usize::MAX {
                lead = n;
            }
            guns += n;
        }
        let traces = r.traces as usize;
        assert!(
            traces <= guns && traces > lead,
            "the ring's guns ({lead} of {guns}): {r:?}"
        );
        let co = r.factors.iter().find(|f| f.code == "co_purchasers");
        assert_eq!(
            co.map(|f| f.value),
            Some(r.co_purchasers.len() as f64),
            "{r:?}"
        );
        // The score is the sum of the points shown.
        let sum: f64 = r.factors.iter().map(|f| f.points).sum();
        assert!((sum - r.score).abs() < 0.2, "{r:?}");
    }
}
