//! `/v1/stats/…` over real HTTP: the default seed's aggregates show the published shapes within
//! tolerances, "networks indicted" counts only the caller's own cases, and bad filters are 4xx
//! JSON.

use super::harness::*;
use crate::support::cases::*;
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn get(ts: &TestServer, user: &str, path: &str) -> (StatusCode, Value) {
    call(ts, user, Method::GET, path, None).await
}

async fn trace_stats(ts: &TestServer, query: &str) -> TraceStats {
    let (st, v) = get(ts, "luis.mx", &format!("/v1/stats/traces?{query}")).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    serde_json::from_value(v).unwrap()
}

fn share(v: &[Share], key: &str) -> f64 {
    v.iter().find(|s| s.key == key).map_or(0.0, |s| s.share)
}

/// The seed's whole history (it is seeded as of 2026-11-25).
const ALL: &str = "from=2017-01-01&to=2026-11-25";

#[tokio::test]
async fn the_default_seed_shows_the_published_shapes() {
    let ts = server_with(seed_small_into).await;
    let all = trace_stats(&ts, ALL).await;
    assert!(all.traces > 1000, "{}", all.traces);
    // About a third of the answered traces reach a purchaser; ~70% of traced guns US-sourced.
    assert!(
        (0.30..0.40).contains(&all.reached_share),
        "{}",
        all.reached_share
    );
    assert!(
        (0.66..0.77).contains(&all.us_sourced_share),
        "{}",
        all.us_sourced_share
    );
    // Of traces reaching a purchaser, by state of sale: TX ≈ 43, AZ ≈ 22, CA ≈ 9, NM ≈ 3 %
    // (within 6–7 points: the window leaves out the seed's oldest traces).
    for (state, lo, hi) in [
        ("TX", 0.37, 0.49),
        ("AZ", 0.16, 0.29),
        ("CA", 0.06, 0.12),
        ("NM", 0.01, 0.06),
    ] {
        let s = share(&all.by_us_state, state);
        assert!((lo..hi).contains(&s), "{state} {s}");
    }
    assert_eq!(all.by_mx_state.len(), 32);
    assert!(all.per_month.len() > 12);
    assert_eq!(all.time_to_crime.buckets.len(), 6);
    assert!(all.time_to_crime.within_1y <= all.time_to_crime.within_3y);

    // Guns recovered in Mexico: handguns 50–63 %, rifles about a third, 9 mm ≈ 44 %.
    let mx = trace_stats(&ts, &format!("{ALL}&country=MX")).await;
    let handguns = share(&mx.firearm_types, "pistol") + share(&mx.firearm_types, "revolver");
    assert!((0.50..0.66).contains(&handguns), "handguns {handguns}");
    let rifles = share(&mx.firearm_types, "rifle");
    assert!((0.28..0.38).contains(&rifles), "rifles {rifles}");
    let nine = share(&mx.calibers, "9mm Luger");
    assert!((0.38..0.48).contains(&nine), "9 mm {nine}");
    // Leading corridors: AZ→Sonora, TX→Tamaulipas, TX→Nuevo León, then TX→Guanajuato/Chihuahua.
    let top: Vec<String> = mx
        .corridors
        .iter()
        .take(5)
        .map(|c| format!("{}>{}", c.from, c.to))
        .collect();
    let leading = [
        "AZ>Sonora",
        "TX>Tamaulipas",
        "TX>Nuevo León",
        "TX>Guanajuato",
        "TX>Chihuahua",
    ];
    assert!(leading[..3].contains(&top[0].as_str()), "{top:?}");
    assert!(
        top.iter().filter(|c| leading.contains(&c.as_str())).count() >= 4,
        "{top:?}"
    );
    let sonora = mx.by_mx_state.iter().position(|s| s.code == "SON").unwrap();
    assert!(
        sonora < 5,
        "Sonora among the top recovery states: {:?}",
        mx.by_mx_state
    );

    // Southbound inspections: by port and month; long guns stay a seizure pattern, not counted here.
    let (st, v) = get(&ts, "luis.mx", &format!("/v1/stats/seizures?{ALL}")).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let sz: SeizureStatsOut = serde_json::from_value(v).unwrap();
    assert!(sz.seizures > 0 && sz.firearms >= sz.seizures);
    assert_eq!(
        sz.by_port.iter().map(|p| p.seizures).sum::<u64>(),
        sz.seizures
    );
    let (st, v) = get(&ts, "luis.mx", "/v1/stats/leads").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let leads: LeadStats = serde_json::from_value(v).unwrap();
    assert_eq!(leads.goal_hours, 48);
    assert!(leads.overdue <= leads.pending);
}

#[tokio::test]
async fn networks_indicted_counts_only_the_callers_cases() {
    let ts = server().await;
    let pat = CaseMember {
        agency: "USAO District of Arizona".into(),
        country: Country::US,
        user: Some("pat.us".into()),
    };
    let case = ts
        .client("ana.us")
        .create_case(&case_with("Phoenix straw ring", vec![pat]), "s1")
        .await
        .unwrap();
    let today = chrono::Utc::now().date_naive().to_string();
    let (st, body) = call(
        &ts,
        "pat.us",
        Method::PUT,
        &format!("/v1/cases/{}/prosecution", case.id),
        Some(json!({"stage": "charged", "office": "USAO District of Arizona", "date": today, "defendants": 3})),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let indicted = |v: &Value| v["networks_indicted"]["current"].as_u64().unwrap();
    for (user, seen) in [("pat.us", 1), ("ana.us", 1), ("luis.mx", 0), ("ben.us", 0)] {
        let (st, v) = get(&ts, user, "/v1/stats/measures").await;
        assert_eq!(st, StatusCode::OK, "{v}");
        assert_eq!(indicted(&v), seen, "{user}: {v}");
    }
    // The agency and country filters narrow it too.
    let (_, v) = get(&ts, "ana.us", "/v1/stats/measures?country=MX").await;
    assert_eq!(indicted(&v), 0, "{v}");
    let (_, v) = get(
        &ts,
        "ana.us",
        "/v1/stats/measures?agency=ATF%20Phoenix%20FD",
    )
    .await;
    assert_eq!(indicted(&v), 1, "{v}");
    // A write is counted at once: a new southbound seizure shows in the current window.
    let (_, before) = get(&ts, "ben.us", "/v1/stats/measures").await;
    let before = before["southbound_seizures"]["current"].as_u64().unwrap();
    ts.client("ben.us")
        .create_seizure(&sample_seizure(), "s2")
        .await
        .unwrap();
    let (_, after) = get(&ts, "ben.us", "/v1/stats/measures").await;
    assert_eq!(
        after["southbound_seizures"]["current"].as_u64().unwrap(),
        before + 1,
        "{after}"
    );
}

#[tokio::test]
async fn bad_filters_are_4xx_json_and_a_token_is_needed() {
    let ts = server().await;
    for (path, want) in [
        ("/v1/stats/traces?from=yesterday", StatusCode::BAD_REQUEST),
        ("/v1/stats/traces?country=XX", StatusCode::BAD_REQUEST),
        (
            "/v1/stats/measures?from=2026-02-01&to=2026-01-01",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v1/stats/seizures?from=2000-01-01&to=2026-01-01",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v1/stats/leads?agency=%20",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v1/stats/traces?agency=FGR%1B%5B2J",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let (st, v) = get(&ts, "ana.us", path).await;
        assert_eq!(st, want, "{path}: {v}");
        assert!(v["error"]["code"].is_string(), "{path}: {v}");
        assert!(v["error"]["message"].is_string(), "{path}: {v}");
    }
    let resp = ts
        .http()
        .get(ts.url("/v1/stats/measures"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
}
