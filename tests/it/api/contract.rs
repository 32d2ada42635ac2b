//! The OpenAPI document is complete: every `$ref` resolves, every operation documents the
//! answers any request can get, and the low-level answers the fuzzer found are fixed.

use super::harness::*;
use reqwest::StatusCode;
use serde_json::Value;

async fn document(ts: &TestServer) -> Value {
    ts.http()
        .get(ts.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Every `$ref` string anywhere under `v`, with where it was found.
fn refs(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref" {
                    if let Some(r) = x.as_str() {
                        out.push((at.to_string(), r.to_string()));
                    }
                } else {
                    refs(x, &format!("{at}/{k}"), out);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                refs(x, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn every_ref_resolves_and_every_operation_documents_its_statuses() {
    let ts = server().await;
    let doc = document(&ts).await;
    let mut found = Vec::new();
    refs(&doc, "", &mut found);
    assert!(!found.is_empty());
    for (at, r) in &found {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{at}: unexpected $ref {r}"));
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{at}: $ref {r} does not resolve"
        );
    }
    let paths = doc["paths"].as_object().unwrap();
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let public = path == "/v1/health" || path == "/openapi.json" || path == "/v1/banner";
            let mut must = vec!["400", "422", "500"];
            if !public {
                must.extend(["401", "429", "503"]);
            }
            if op.get("requestBody").is_some() {
                must.extend(["413", "415"]);
            }
            for code in must {
                assert!(
                    responses.contains_key(code),
                    "{method} {path} does not document {code}"
                );
            }
            // Paged lists accept limit 1..=1000, as documented.
            if let Some(params) = op["parameters"].as_array() {
                for p in params.iter().filter(|p| p["name"] == "limit") {
                    assert_eq!(p["schema"]["minimum"], 1, "{method} {path} limit");
                }
            }
        }
    }
    assert!(
        doc["paths"]["/v1/events"]["get"]["responses"]["200"]["content"]["text/event-stream"]
            .is_object(),
        "/v1/events is not declared text/event-stream"
    );
}

/// What the server's checks accept is in the document, so a generated client or a fuzzer sends
/// what the server takes: id and key patterns, cursor and text formats, every error code.
#[tokio::test]
async fn the_document_states_the_input_formats_and_every_error_code() {
    let ts = server().await;
    let doc = document(&ts).await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let s = &p["schema"];
                let at = format!("{method} {path} {}", p["name"]);
                if p["in"] == "path" {
                    assert_eq!(s["pattern"], "^[A-Za-z0-9._-]+$", "{at}");
                    assert_eq!(s["maxLength"], 64, "{at}");
                }
                if p["name"] == "Idempotency-Key" {
                    assert_eq!(s["type"], "string", "{at}");
                    assert_eq!(s["maxLength"], 128, "{at}");
                }
                if p["name"] == "cursor" {
                    assert_eq!(s["minLength"], 1, "{at}");
                }
                if s["format"] == "date-time" {
                    assert!(s["pattern"].is_string(), "{at}");
                }
            }
        }
    }
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["NewNote"]["properties"]["body"]["minLength"], 1);
    assert_eq!(schemas["NewSeizure"]["properties"]["items"]["minItems"], 1);
    let codes = schemas["ErrorDetail"]["properties"]["code"]["description"]
        .as_str()
        .unwrap();
    for code in fwc::model::ERROR_CODES {
        assert!(codes.contains(&format!("`{code}`")), "{code} not listed");
    }
    let sse = &doc["paths"]["/v1/events"]["get"]["responses"]["200"]["content"]["text/event-stream"]
        ["schema"];
    assert_eq!(
        sse["properties"]["event"]["$ref"],
        "#/components/schemas/EventKind"
    );
}

#[tokio::test]
async fn low_level_answers_are_json_and_ids_are_bounded() {
    let ts = server().await;
    // A lowercase scheme is the same scheme.
    let lower = ts
        .http()
        .get(ts.url("/v1/me"))
        .header("authorization", format!("bearer {}", token("ana.us")))
        .send()
        .await
        .unwrap();
    assert_eq!(lower.status(), StatusCode::OK);
    // A 5,000-character id is refused, in JSON, without being echoed back.
    let long = "S".repeat(5000);
    let resp = ts
        .http()
        .get(ts.url(&format!("/v1/seizures/{long}")))
        .bearer_auth(token("ana.us"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.unwrap();
    let msg = body["error"]["message"].as_str().unwrap_or_default();
    assert!(!msg.is_empty() && !msg.contains(&long[..100]), "{msg}");
}
