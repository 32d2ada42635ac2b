//! Membership is exact: one row per member, the last member stays, members must be in the
//! directory as registered, and an agency membership is the (agency, country) pair.

use super::harness::*;
use crate::support::cases::*;
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn listing_ones_own_agency_again_cannot_leave_a_case_without_members() {
    let ts = server().await;
    let sam = ts.client("sam.us");
    let case = sam
        .create_case(
            &case_with("Twice", vec![agency("ATF Phoenix FD", Country::US)]),
            "c",
        )
        .await
        .unwrap();
    assert_eq!(case.members.len(), 1, "{:?}", case.members);
    let path = format!("/v1/cases/{}/members", case.id);
    let (status, body) = call(
        &ts,
        "sam.us",
        Method::DELETE,
        &path,
        Some(json!({"agency": "ATF Phoenix FD"})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("last member")
    );
    let still = sam.case(&case.id).await.unwrap();
    assert_eq!(still.members.len(), 1);
}

#[tokio::test]
async fn made_up_agencies_and_users_are_refused_by_name() {
    let ts = server().await;
    let sam = ts.client("sam.us");
    let case = sam
        .create_case(&case_with("Real", vec![]), "c")
        .await
        .unwrap();
    let path = format!("/v1/cases/{}/members", case.id);
    let bad = [
        (json!({"agency": "Nobody", "country": "US"}), "Nobody"),
        (json!({"agency": "FGRR", "country": "MX"}), "FGRR"),
        (
            json!({"agency": "FGR", "country": "MX", "user": "ghost"}),
            "ghost",
        ),
        // The right name in the wrong country is not that agency.
        (json!({"agency": "FGR", "country": "US"}), "FGR"),
    ];
    for (member, name) in &bad {
        let (status, body) = call(&ts, "sam.us", Method::POST, &path, Some(member.clone())).await;
        assert!(status.is_client_error(), "{member} → {status}");
        let msg = body["error"]["message"].as_str().unwrap_or("");
        assert!(msg.contains(name), "{member} → {msg}");
        let new = json!({"title": "Invented", "members": [member]});
        let (status, body) = call(&ts, "sam.us", Method::POST, "/v1/cases", Some(new)).await;
        assert!(
            status.is_client_error(),
            "new case with {member} → {status}"
        );
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains(name)
        );
    }
    let dir = sam.directory().await.unwrap();
    for name in ["Nobody", "FGRR", "ghost"] {
        assert!(
            !dir.iter()
                .any(|m| m.agency == name || m.user.as_deref() == Some(name)),
            "{name} is in the directory"
        );
    }
}

#[tokio::test]
async fn an_agency_membership_is_for_that_agency_in_that_country_only() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("US only", vec![]), "c")
        .await
        .unwrap();
    // A row naming "FGR" in the US, as an older server accepted: it must not open the case to
    // the Mexican FGR's users.
    sql(
        &ts,
        &format!(
            "INSERT INTO case_members(case_id, agency, country, user_name) VALUES ('{}', 'FGR', 'US', NULL)",
            case.id
        ),
    );
    let (status, body) = call(
        &ts,
        "luis.mx",
        Method::GET,
        &format!("/v1/cases/{}", case.id),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let listed = ts
        .client("luis.mx")
        .cases(&CaseQuery::default())
        .await
        .unwrap();
    assert!(listed.items.iter().all(|c| c.id != case.id));
}
