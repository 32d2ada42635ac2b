//! The link graph over real HTTP on a seeded database: neighbours, shortest paths between a
//! seizure and a planted straw purchaser, the ranked rings, bad input as 4xx, and need-to-know
//! (case nodes only for members; a non-member's 403 reads the same whether or not the case exists).

use super::harness::*;
use crate::support::cases::*;
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;

async fn get(ts: &TestServer, user: &str, path: &str) -> (StatusCode, Value) {
    call(ts, user, Method::GET, path, None).await
}

fn ids(v: &Value, kind: &str) -> Vec<String> {
    v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == kind)
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

/// The top-ranked suspected straw purchaser and one seizure holding a gun they bought.
async fn top_ring_and_a_seizure(ts: &TestServer) -> (String, String) {
    let (st, rings) = get(ts, "luis.mx", "/v1/graph/rings?kind=purchaser&limit=10").await;
    assert_eq!(st, StatusCode::OK, "{rings}");
    let rings: Vec<RingSuspect> = serde_json::from_value(rings).unwrap();
    let top = &rings[0];
    assert!(top.traces >= 3, "{top:?}");
    assert!(top.factors.iter().any(|f| f.code == "short_ttc"), "{top:?}");
    assert!(rings.windows(2).all(|w| w[0].score >= w[1].score));
    let (st, hood) = get(
        ts,
        "luis.mx",
        &format!("/v1/graph/neighbors?id={}&depth=2", top.id),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{hood}");
    let seizure = ids(&hood, "seizure")
        .into_iter()
        .next()
        .expect("a seizure at depth 2");
    (top.id.clone(), seizure)
}

#[tokio::test]
async fn a_seizure_leads_to_its_straw_purchaser_by_the_shortest_paths() {
    let ts = server_with(seed_small_into).await;
    let (buyer, seizure) = top_ring_and_a_seizure(&ts).await;

    let (st, one) = get(&ts, "luis.mx", &format!("/v1/graph/neighbors?id={buyer}")).await;
    assert_eq!(st, StatusCode::OK);
    let hood: Neighborhood = serde_json::from_value(one).unwrap();
    assert_eq!(hood.root, buyer);
    assert_eq!(hood.nodes[0].id, buyer);
    assert!(hood.nodes[0].flags.short_ttc, "{:?}", hood.nodes[0]);
    // Its guns — and the cases the caller is a member of that name this buyer.
    assert!(
        hood.nodes[1..]
            .iter()
            .all(|n| n.depth == 1 && (n.kind == NodeKind::Firearm || n.kind == NodeKind::Case))
    );
    assert!(hood.nodes.iter().any(|n| n.kind == NodeKind::Firearm));
    // Its degree counts every link expanding it shows, the caller's cases included.
    assert_eq!(
        hood.nodes[0].degree as usize,
        hood.nodes.len() - 1,
        "{hood:?}"
    );
    assert!(
        hood.edges
            .iter()
            .all(|e| (e.kind == LinkKind::BoughtBy || e.kind == LinkKind::InCase) && e.to == buyer)
    );

    let (st, set) = get(
        &ts,
        "luis.mx",
        &format!("/v1/graph/paths?from={seizure}&to={buyer}"),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{set}");
    let set: PathSet = serde_json::from_value(set).unwrap();
    assert!(!set.paths.is_empty() && set.paths.len() <= 3, "{set:?}");
    let len = set.paths[0].edges.len();
    assert_eq!(len, 2, "seizure → firearm → purchaser");
    for p in &set.paths {
        assert_eq!(p.edges.len(), len, "all of the shortest length");
        assert_eq!(p.nodes.first().unwrap().id, seizure);
        assert_eq!(p.nodes.last().unwrap().id, buyer);
        for (i, e) in p.edges.iter().enumerate() {
            let (a, b) = (&p.nodes[i].id, &p.nodes[i + 1].id);
            assert!(
                (&e.from == a && &e.to == b) || (&e.from == b && &e.to == a),
                "{e:?} joins {a} and {b}"
            );
        }
    }
    // A trace id stands for its firearm; a longer question still finds the way.
    let (_, hood) = get(
        &ts,
        "luis.mx",
        &format!("/v1/graph/neighbors?id={seizure}&depth=3&limit=1000"),
    )
    .await;
    let far = ids(&hood, "person").into_iter().find(|p| p != &buyer);
    if let Some(other) = far {
        let (st, set) = get(
            &ts,
            "luis.mx",
            &format!("/v1/graph/paths?from={buyer}&to={other}&max_hops=6&k=2"),
        )
        .await;
        assert_eq!(st, StatusCode::OK);
        let set: PathSet = serde_json::from_value(set).unwrap();
        assert!(!set.paths.is_empty() && set.paths.len() <= 2);
    }
    let (st, dealers) = get(&ts, "luis.mx", "/v1/graph/rings?kind=dealer&limit=5").await;
    assert_eq!(st, StatusCode::OK);
    let dealers: Vec<RingSuspect> = serde_json::from_value(dealers).unwrap();
    assert_eq!(dealers.len(), 5);
    assert!(
        dealers[0]
            .factors
            .iter()
            .any(|f| f.code == "over_represented")
    );
}

#[tokio::test]
async fn case_nodes_reach_only_members_and_a_403_does_not_tell_whether_a_case_exists() {
    let ts = server_with(seed_small_into).await;
    let (_, seizure) = top_ring_and_a_seizure(&ts).await;
    // ben.us (HSI El Paso) opens a case of his own agency only and links the seizure.
    let ben = ts.client("ben.us");
    let case = ben
        .create_case(&case_with("Secret ring case", vec![]), "g1")
        .await
        .unwrap();
    let link = serde_json::json!({"kind": "seizure", "id": seizure});
    let (st, _) = call(
        &ts,
        "ben.us",
        Method::POST,
        &format!("/v1/cases/{}/links", case.id),
        Some(link),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED);

    let (_, mine) = get(&ts, "ben.us", &format!("/v1/graph/neighbors?id={seizure}")).await;
    assert!(ids(&mine, "case").contains(&case.id), "{mine}");
    let root = &mine["nodes"][0];
    assert_eq!(root["flags"]["in_case"], true);
    let (_, theirs) = get(&ts, "luis.mx", &format!("/v1/graph/neighbors?id={seizure}")).await;
    // luis.mx (FGR) sees the seeded cases FGR is a member of, never ben's.
    assert!(!ids(&theirs, "case").contains(&case.id), "{theirs}");
    assert!(!theirs.to_string().contains("Secret ring case"));

    let (st, from_case) = get(
        &ts,
        "ben.us",
        &format!("/v1/graph/neighbors?id={}", case.id),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert!(ids(&from_case, "seizure").contains(&seizure));
    for path in [
        format!("/v1/graph/neighbors?id={}", case.id),
        format!("/v1/graph/paths?from={}&to={seizure}", case.id),
    ] {
        let (st, real) = get(&ts, "luis.mx", &path).await;
        let (st2, none) = get(&ts, "luis.mx", &path.replace(&case.id, "CS-2026-9999")).await;
        assert_eq!((st, st2), (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN));
        assert!(
            real["error"]["message"]
                .as_str()
                .unwrap()
                .contains(MEMBERSHIP_403)
        );
        assert_eq!(
            real["error"]["message"]
                .as_str()
                .unwrap()
                .replace(&case.id, "X"),
            none["error"]["message"]
                .as_str()
                .unwrap()
                .replace("CS-2026-9999", "X")
        );
    }
}

#[tokio::test]
async fn bad_graph_questions_are_clear_4xx_answers() {
    let ts = server_with(seed_small_into).await;
    for (path, want) in [
        (
            "/v1/graph/neighbors?id=SZ-000001&depth=4",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v1/graph/neighbors?id=SZ-000001&depth=0",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v1/graph/neighbors?id=SZ-000001&limit=0",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("/v1/graph/neighbors?id=SZ-999999", StatusCode::NOT_FOUND),
        (
            "/v1/graph/neighbors?id=%1B%5B2J%07evil",
            StatusCode::NOT_FOUND,
        ),
        (
            "/v1/graph/paths?from=SZ-000001&to=SZ-000001",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v1/graph/paths?from=SZ-000001&to=SZ-000002&max_hops=7",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v1/graph/paths?from=SZ-000001&to=SZ-000002&k=0",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("/v1/graph/rings?limit=0", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let (st, body) = get(&ts, "luis.mx", path).await;
        assert_eq!(st, want, "{path}: {body}");
        assert!(body["error"]["code"].is_string(), "{path}: {body}");
    }
    for path in [
        "/v1/graph/neighbors",
        "/v1/graph/rings?kind=cartel",
        "/v1/graph/neighbors?id=SZ-000001&depth=x",
    ] {
        let (st, body) = get(&ts, "luis.mx", path).await;
        assert!(st.is_client_error(), "{path}: {st}");
        assert!(body["error"]["code"].is_string(), "{path}: {body}");
    }
    let resp = ts
        .http()
        .get(ts.url("/v1/graph/rings"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
}
