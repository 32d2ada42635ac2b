//! Every class of bad input gets a 4xx JSON error, and the server keeps serving.

use super::harness::*;
use reqwest::StatusCode;
use serde_json::Value;

async fn expect_error(resp: reqwest::Response, status: StatusCode, code: &str) {
    assert_eq!(resp.status(), status, "wrong status");
    let ct = resp
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(ct.starts_with("application/json"), "content-type {ct}");
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["error"]["code"], code, "body {v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
}

#[tokio::test]
async fn bad_input_is_a_json_4xx_and_the_server_survives() {
    let ts = server().await;
    let http = ts.http();
    let tok = token("ana.us");
    let post = |path: &str, body: &str| {
        http.post(ts.url(path))
            .bearer_auth(&tok)
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
    };
    // malformed JSON
    expect_error(
        post("/v1/traces", "{not json").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "bad_request",
    )
    .await;
    // wrong types / missing fields
    expect_error(
        post("/v1/traces", r#"{"firearm_id": 12}"#).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    expect_error(
        post(
            "/v1/traces",
            r#"{"firearm_id":"FA-1","priority":"whenever","crime_code":"1"}"#,
        )
        .await
        .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    // oversize field
    let long = "x".repeat(20_001);
    expect_error(
        post("/v1/cases", &format!(r#"{{"title":"{long}"}}"#))
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    // oversize body
    let huge = format!(r#"{{"title":"{}"}}"#, "y".repeat(1024 * 1024));
    expect_error(
        post("/v1/cases", &huge).await.unwrap(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
    )
    .await;
    // unknown referenced id
    expect_error(
        post(
            "/v1/traces",
            r#"{"firearm_id":"FA-9999999","priority":"routine","crime_code":"5212"}"#,
        )
        .await
        .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    // urgent without justification
    expect_error(
        post(
            "/v1/traces",
            r#"{"firearm_id":"FA-1","priority":"urgent","crime_code":"5212"}"#,
        )
        .await
        .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    // wrong content type
    let r = http
        .post(ts.url("/v1/cases"))
        .bearer_auth(&tok)
        .body("title=x")
        .send()
        .await
        .unwrap();
    expect_error(
        r,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;

    let get = |path: &str| http.get(ts.url(path)).bearer_auth(&tok).send();
    // unknown ids
    for path in [
        "/v1/seizures/SZ-999999",
        "/v1/firearms/FA-0000000",
        "/v1/traces/TR-1900-0000001",
        "/v1/ballistics/leads/BL-1",
    ] {
        expect_error(get(path).await.unwrap(), StatusCode::NOT_FOUND, "not_found").await;
    }
    // bad cursors: garbage, and a cursor from another list
    expect_error(
        get("/v1/seizures?cursor=%%%").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "bad_cursor",
    )
    .await;
    expect_error(
        get("/v1/seizures?cursor=bm9wZQ").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "bad_cursor",
    )
    .await;
    expect_error(
        get("/v1/firearms?cursor=c2VpenVyZXM6bmV3ZXN0fDF8U1otMQ")
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
        "bad_cursor",
    )
    .await;
    // bad query values
    expect_error(
        get("/v1/seizures?status=lost").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "bad_request",
    )
    .await;
    expect_error(
        get("/v1/seizures?limit=0").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    expect_error(
        get("/v1/seizures?limit=100000").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    expect_error(
        get("/v1/firearms?serial=AB%5B1%5D").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    // bad Last-Event-ID
    let r = http
        .get(ts.url("/v1/events"))
        .bearer_auth(&tok)
        .header("Last-Event-ID", "yesterday")
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::BAD_REQUEST, "bad_request").await;
    // bad tokens
    let r = http
        .get(ts.url("/v1/seizures"))
        .bearer_auth("forged")
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let r = http
        .get(ts.url("/v1/seizures"))
        .header("Authorization", "Basic Zm9vOmJhcg==")
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::UNAUTHORIZED, "unauthorized").await;
    // unknown path and wrong method
    expect_error(
        get("/v1/nothing-here").await.unwrap(),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let r = http
        .delete(ts.url("/v1/seizures"))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;

    // …and the server still serves.
    let h = ts.client("ana.us").health().await.unwrap();
    assert_eq!(h.status, "ok");
    assert!(
        ts.client("ana.us")
            .seizures(&Default::default())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn every_request_is_audited() {
    let ts = server().await;
    let c = ts.client("ana.us");
    let s = c.create_seizure(&sample_seizure(), "a1").await.unwrap();
    c.seizure(&s.id).await.unwrap();
    let _ = ts
        .http()
        .get(ts.url(&format!("/v1/seizures/{}", s.id)))
        .send()
        .await
        .unwrap(); // 401
    let db = ts.db.clone();
    ts.server.shutdown().await.unwrap(); // drains the audit queue
    let trail = blocking(|| store(&db).audit_for_entity(&s.id, 10)).unwrap();
    assert!(
        trail
            .iter()
            .any(|a| a.user.as_deref() == Some("ana.us") && a.method == "GET" && a.status == 200)
    );
    assert!(trail.iter().any(|a| a.user.is_none() && a.status == 401));
}

#[tokio::test]
async fn a_client_over_its_rate_gets_429_json_and_others_are_unaffected() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    add_users(&path);
    let mut cfg = fwc::server::ServerConfig::new(path, ([127, 0, 0, 1], 0).into());
    cfg.rate_limit = 2; // 2/s, bursts of 4
    let server = fwc::server::start(cfg).await.unwrap();
    let base = format!("http://{}", server.addr);
    let http = reqwest::Client::new();
    let mut limited = None;
    for _ in 0..20 {
        let r = http
            .get(format!("{base}/v1/me"))
            .bearer_auth(token("ana.us"))
            .send()
            .await
            .unwrap();
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("no 429 after 20 quick requests");
    assert_eq!(r.headers().get("retry-after").unwrap(), "1");
    expect_error(r, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    let other = http
        .get(format!("{base}/v1/me"))
        .bearer_auth(token("luis.mx"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);
    server.shutdown().await.unwrap();
}
