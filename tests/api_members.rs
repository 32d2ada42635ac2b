//! The member directory over real HTTP: who a supervisor can add to a case, in the very shape
//! `POST /v1/cases/{id}/members` takes, naming agencies and people but never cases.

mod common;

use fwc::api::ApiErrorKind;
use fwc::model::*;
use reqwest::StatusCode;

fn agency(name: &str, country: Country) -> CaseMember {
    CaseMember {
        agency: name.into(),
        country,
        user: None,
    }
}

fn user(name: &str, agency: &str, country: Country) -> CaseMember {
    CaseMember {
        agency: agency.into(),
        country,
        user: Some(name.into()),
    }
}

#[tokio::test]
async fn the_directory_lists_agencies_and_users_and_no_case() {
    let ts = common::server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(
            &NewCase {
                title: "Secret title".into(),
                members: vec![agency("SEDENA", Country::MX)],
            },
            "c",
        )
        .await
        .unwrap();

    let dir = ts.client("luis.mx").directory().await.unwrap();
    for expected in [
        agency("ATF Phoenix FD", Country::US),
        agency("FGR", Country::MX),
        // An agency known only from a membership is listed too, without saying where from.
        agency("SEDENA", Country::MX),
        user("sam.us", "ATF Phoenix FD", Country::US),
        user("rosa.mx", "FGE Chihuahua", Country::MX),
    ] {
        assert!(dir.contains(&expected), "{expected:?} missing from {dir:?}");
    }
    // Agencies first, each once; then users.
    let first_user = dir.iter().position(|m| m.user.is_some()).unwrap();
    assert!(dir[..first_user].iter().all(|m| m.user.is_none()));
    assert!(dir[first_user..].iter().all(|m| m.user.is_some()));
    let raw = ts
        .http()
        .get(ts.url("/v1/directory"))
        .bearer_auth(common::token("luis.mx"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !raw.contains(&case.id) && !raw.contains("Secret title"),
        "{raw}"
    );

    // Signed-in users only.
    let anon = ts.http().get(ts.url("/v1/directory")).send().await.unwrap();
    assert_eq!(anon.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_directory_entry_can_be_added_by_a_supervisor() {
    let ts = common::server().await;
    let sam = ts.client("sam.us");
    let case = sam
        .create_case(
            &NewCase {
                title: "Grows".into(),
                members: vec![],
            },
            "c",
        )
        .await
        .unwrap();
    let dir = sam.directory().await.unwrap();
    let mut members = case.members.clone();
    for (i, m) in dir.iter().enumerate() {
        if members.contains(m) {
            continue;
        }
        let after = sam.add_member(&case.id, m, &format!("k{i}")).await.unwrap();
        assert!(after.members.contains(m), "{m:?}");
        members = after.members;
    }
    // Adding the same entry again is a conflict, not a second membership.
    let err = sam
        .add_member(&case.id, &dir[0], "again")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::Conflict, "{err}");
}

#[tokio::test]
async fn the_contract_documents_the_directory() {
    let ts = common::server().await;
    let doc: serde_json::Value = ts
        .http()
        .get(ts.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["paths"]["/v1/directory"]["get"].is_object());
}
