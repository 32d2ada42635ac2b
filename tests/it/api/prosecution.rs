//! Prosecution stages on cases over real HTTP: supervisors and prosecutors who are members record
//! them (an event and an audit record like every write), anyone else gets 403, prosecutors stay
//! out of the evidence workflow, and the case list filters by stage.

use super::harness::*;
use crate::support::cases::*;
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

fn pat() -> CaseMember {
    CaseMember {
        agency: "USAO District of Arizona".into(),
        country: Country::US,
        user: Some("pat.us".into()),
    }
}

fn charged() -> serde_json::Value {
    json!({"stage": "charged", "office": "USAO District of Arizona", "date": "2026-03-02", "defendants": 4})
}

#[tokio::test]
async fn supervisors_and_prosecutors_who_are_members_record_the_stage() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("Phoenix straw ring", vec![pat()]), "p1")
        .await
        .unwrap();
    assert_eq!(case.prosecution.stage, ProsecutionStage::None);
    let path = format!("/v1/cases/{}/prosecution", case.id);

    // An investigator member may not; a prosecutor who is not a member gets the membership 403.
    let (st, body) = call(&ts, "ana.us", Method::PUT, &path, Some(charged())).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
    let other = ts
        .client("luis.mx")
        .create_case(&case_with("FGR only", vec![]), "p2")
        .await
        .unwrap();
    let (st, body) = call(
        &ts,
        "pat.us",
        Method::PUT,
        &format!("/v1/cases/{}/prosecution", other.id),
        Some(charged()),
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains(MEMBERSHIP_403)
    );

    let (st, body) = call(&ts, "pat.us", Method::PUT, &path, Some(json!({"stage": "referred", "office": "USAO District of Arizona", "date": "2026-02-01"}))).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let (st, body) = call(&ts, "sam.us", Method::PUT, &path, Some(charged())).await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let case: Case = serde_json::from_value(body).unwrap();
    assert_eq!(case.prosecution.stage, ProsecutionStage::Charged);
    assert_eq!(case.prosecution.defendants, Some(4));
    assert_eq!(case.prosecution.updated_by.as_deref(), Some("sam.us"));

    // Filter by stage; the prosecutor reads the case and writes notes like any member.
    let (_, list) = call(
        &ts,
        "pat.us",
        Method::GET,
        "/v1/cases?prosecution=charged",
        None,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
    let (_, none) = call(
        &ts,
        "pat.us",
        Method::GET,
        "/v1/cases?prosecution=resolved",
        None,
    )
    .await;
    assert!(none["items"].as_array().unwrap().is_empty());
    let (st, _) = call(
        &ts,
        "pat.us",
        Method::POST,
        &format!("/v1/cases/{}/notes", case.id),
        Some(json!({"body": "Indictment returned."})),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED);

    // Audited like every write: the supervisor's trail shows the stage changes (the audit queue
    // is written in batches, so poll until they land).
    let trail_path = format!("/v1/cases/{}/audit?limit=200", case.id);
    let mut puts = 0;
    for _ in 0..100 {
        let (st, trail) = call(&ts, "sam.us", Method::GET, &trail_path, None).await;
        assert_eq!(st, StatusCode::OK, "{trail}");
        let entries: Vec<AuditEntry> = serde_json::from_value(trail).unwrap();
        puts = entries
            .iter()
            .filter(|e| e.method == "PUT" && e.path.ends_with("/prosecution") && e.status == 200)
            .count();
        if puts >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(puts, 2, "both stage changes are in the audit trail");
}

#[tokio::test]
async fn a_stage_without_its_fields_is_refused() {
    let ts = server().await;
    let case = ts
        .client("sam.us")
        .create_case(&case_with("Case", vec![]), "p3")
        .await
        .unwrap();
    let path = format!("/v1/cases/{}/prosecution", case.id);
    for body in [
        json!({"stage": "charged", "office": "FGR", "date": "2026-03-02"}),
        json!({"stage": "referred", "date": "2026-03-02"}),
        json!({"stage": "referred", "office": "FGR", "date": "2999-01-01"}),
        json!({"stage": "none", "office": "FGR"}),
        json!({"stage": "indicted-maybe"}),
        json!({"stage": "resolved", "office": "FGR", "date": "2026-03-02", "defendants": 0}),
    ] {
        let (st, resp) = call(&ts, "sam.us", Method::PUT, &path, Some(body.clone())).await;
        assert!(st.is_client_error(), "{body}: {st}");
        assert!(resp["error"]["code"].is_string(), "{body}: {resp}");
    }
}

#[tokio::test]
async fn prosecutors_request_no_traces_change_no_seizures_and_decide_no_leads() {
    let ts = server().await;
    let seizure = ts
        .client("ana.us")
        .create_seizure(&sample_seizure(), "s1")
        .await
        .unwrap();
    for (method, path, body) in [
        (
            Method::POST,
            "/v1/seizures".to_string(),
            serde_json::to_value(sample_seizure()).unwrap(),
        ),
        (
            Method::PATCH,
            format!("/v1/seizures/{}", seizure.id),
            json!({"status": "in_review"}),
        ),
        (
            Method::POST,
            "/v1/traces".to_string(),
            json!({"firearm_id": "FA-0000001", "priority": "routine", "crime_code": "5212"}),
        ),
        (
            Method::POST,
            "/v1/ballistics/leads/BL-000001/decision".to_string(),
            json!({"decision": "exclude", "comment": "no"}),
        ),
    ] {
        let (st, resp) = call(&ts, "pat.us", method.clone(), &path, Some(body)).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{method} {path}: {resp}");
        assert!(
            resp["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("Prosecutors cannot")
        );
    }
}
