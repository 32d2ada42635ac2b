//! Authentication and need-to-know over real HTTP.

use super::harness::*;
use fwc::api::ApiErrorKind;
use fwc::model::*;
use reqwest::StatusCode;

#[tokio::test]
async fn no_token_is_401_and_health_needs_none() {
    let ts = server().await;
    let http = ts.http();
    for path in [
        "/v1/seizures",
        "/v1/firearms",
        "/v1/traces",
        "/v1/ballistics/casings",
        "/v1/ballistics/leads",
        "/v1/cases",
        "/v1/events",
        "/v1/me",
    ] {
        let r = http.get(ts.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    assert_eq!(
        http.get(ts.url("/v1/health"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        http.get(ts.url("/openapi.json"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let me = ts.client("luis.mx").me().await.unwrap();
    assert_eq!(
        (me.agency.as_str(), me.country, me.role),
        ("FGR", Country::MX, Role::Investigator)
    );
}

#[tokio::test]
async fn another_agencys_private_case_is_403_without_leaking_existence() {
    let ts = server().await;
    let us = ts.client("ana.us");
    let mx = ts.client("luis.mx");
    let case = us
        .create_case(
            &NewCase {
                title: "Phoenix straw ring".into(),
                members: vec![],
            },
            "c1",
        )
        .await
        .unwrap();
    us.add_note(
        &case.id,
        &NewNote {
            body: "Buyer P-000123 bought 14 rifles".into(),
        },
        "n1",
    )
    .await
    .unwrap();

    // A colleague of the same agency sees it (agency membership).
    assert!(ts.client("sam.us").case(&case.id).await.is_ok());
    // Another agency does not: 403 for the case, its notes and its links …
    for err in [
        mx.case(&case.id).await.unwrap_err(),
        mx.notes(&case.id, &NoteQuery::default()).await.unwrap_err(),
        mx.add_note(
            &case.id,
            &NewNote {
                body: "hola".into(),
            },
            "n2",
        )
        .await
        .unwrap_err(),
        mx.add_link(
            &case.id,
            &NewLink {
                kind: EntityKind::Person,
                id: "P-1".into(),
            },
            "l1",
        )
        .await
        .unwrap_err(),
    ] {
        assert_eq!(err.kind, ApiErrorKind::Forbidden, "{err}");
    }
    // … the same answer as for a case that does not exist …
    let ghost = mx.case("CS-1999-9999").await.unwrap_err();
    assert_eq!(ghost.kind, ApiErrorKind::Forbidden);
    assert_eq!(
        ghost.message.replace("CS-1999-9999", "X"),
        mx.case(&case.id)
            .await
            .unwrap_err()
            .message
            .replace(&case.id, "X")
    );
    // … and it is not listed.
    assert!(
        mx.cases(&CaseQuery::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(
        us.cases(&CaseQuery::default()).await.unwrap().items.len(),
        1
    );

    // A joint case with FGR as member is visible to FGR.
    let joint = us
        .create_case(
            &NewCase {
                title: "Joint: Sonora corridor".into(),
                members: vec![CaseMember {
                    agency: "FGR".into(),
                    country: Country::MX,
                    user: None,
                }],
            },
            "c2",
        )
        .await
        .unwrap();
    let seen = mx.case(&joint.id).await.unwrap();
    assert_eq!(seen.countries(), vec![Country::US, Country::MX]);
}

#[tokio::test]
async fn case_links_on_seizures_are_only_shown_to_members() {
    let ts = server().await;
    let us = ts.client("ana.us");
    let s = us.create_seizure(&sample_seizure(), "s1").await.unwrap();
    let case = us
        .create_case(
            &NewCase {
                title: "Private".into(),
                members: vec![],
            },
            "c1",
        )
        .await
        .unwrap();
    us.add_link(
        &case.id,
        &NewLink {
            kind: EntityKind::Seizure,
            id: s.id.clone(),
        },
        "l1",
    )
    .await
    .unwrap();
    assert_eq!(
        us.seizure(&s.id).await.unwrap().case_ids,
        vec![case.id.clone()]
    );
    assert!(
        ts.client("luis.mx")
            .seizure(&s.id)
            .await
            .unwrap()
            .case_ids
            .is_empty()
    );
}
