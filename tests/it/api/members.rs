//! Case members and the audit trail over real HTTP: only supervisors who are members manage
//! members and read the trail (reads included), live notes follow membership, and the directory
//! lists who can be added — in the very shape `POST /v1/cases/{id}/members` takes, naming
//! agencies and people but never cases.

use super::harness::*;
use std::time::Duration;

use crate::support::cases::*;
use fwc::api::{ApiClient, ApiErrorKind};
use fwc::model::*;
use reqwest::{Method, StatusCode};

fn user(name: &str, agency: &str, country: Country) -> CaseMember {
    CaseMember {
        agency: agency.into(),
        country,
        user: Some(name.into()),
    }
}

#[tokio::test]
async fn the_directory_lists_agencies_and_users_and_no_case() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(
            &NewCase {
                title: "Secret title".into(),
                members: vec![agency("FGE Chihuahua", Country::MX)],
            },
            "c",
        )
        .await
        .unwrap();

    let dir = ts.client("luis.mx").directory().await.unwrap();
    for expected in [
        agency("ATF Phoenix FD", Country::US),
        agency("FGR", Country::MX),
        agency("FGE Chihuahua", Country::MX),
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
        .bearer_auth(token("luis.mx"))
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
    let ts = server().await;
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
    let ts = server().await;
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

#[tokio::test]
async fn only_member_supervisors_manage_members() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let sam = ts.client("sam.us");
    let luis = ts.client("luis.mx");
    let case = ana
        .create_case(&case_with("Members", vec![]), "c")
        .await
        .unwrap();
    let fgr = agency("FGR", Country::MX);

    // An investigator member may not; a supervisor member may.
    let err = ana.add_member(&case.id, &fgr, "m0").await.unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::Forbidden);
    assert!(err.message.contains("Only a supervisor"), "{err}");
    assert_eq!(
        luis.case(&case.id).await.unwrap_err().kind,
        ApiErrorKind::Forbidden
    );
    let after = sam.add_member(&case.id, &fgr, "m1").await.unwrap();
    assert!(after.members.contains(&fgr));
    assert_eq!(luis.case(&case.id).await.unwrap().id, case.id);
    // Twice is a conflict; a named user must exist in the agency given.
    let dup = sam.add_member(&case.id, &fgr, "m2").await.unwrap_err();
    assert_eq!(dup.kind, ApiErrorKind::Conflict);
    let wrong = CaseMember {
        user: Some("rosa.mx".into()),
        ..fgr.clone()
    };
    let err = sam.add_member(&case.id, &wrong, "m3").await.unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::Invalid, "{err}");

    // Removal (query form here) takes FGR's access away again.
    let (status, _) = call(
        &ts,
        "sam.us",
        Method::DELETE,
        &format!("/v1/cases/{}/members?agency=FGR", case.id),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        luis.case(&case.id).await.unwrap_err().kind,
        ApiErrorKind::Forbidden
    );
    // The last member cannot be removed.
    let last = MemberRef {
        agency: "ATF Phoenix FD".into(),
        user: None,
    };
    let err = sam.remove_member(&case.id, &last).await.unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::Conflict, "{err}");
    assert_eq!(sam.case(&case.id).await.unwrap().members.len(), 1);

    // A supervisor who is not a member gets the same 403 as anyone else outside the case.
    let hsi = ts
        .client("ben.us")
        .create_case(&case_with("HSI only", vec![]), "h")
        .await
        .unwrap();
    let err = sam.add_member(&hsi.id, &fgr, "m4").await.unwrap_err();
    assert!(err.message.contains(MEMBERSHIP_403), "{err}");
    let err = sam
        .case_audit(&hsi.id, &AuditQuery::default())
        .await
        .unwrap_err();
    assert!(err.message.contains(MEMBERSHIP_403), "{err}");
}

/// Polls the audit view until `done` holds (audit records are written in batches, so a request
/// shows up shortly after its answer). Bounded by a timeout, never by a guessed delay.
async fn audit_until(
    sam: &ApiClient,
    case_id: &str,
    done: impl Fn(&[AuditEntry]) -> bool,
) -> Vec<AuditEntry> {
    // Every poll is itself audited: polling flat out would push the entries looked for out of
    // the newest-first window before the batch writer flushed them. Hence a pause between polls
    // (not a guess at the flush time: the bound is the timeout) and the largest window.
    let q = AuditQuery { limit: Some(1000) };
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let trail = sam.case_audit(case_id, &q).await.unwrap();
            if done(&trail) {
                return trail;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("audit entries in time")
}

#[tokio::test]
async fn supervisors_see_the_case_audit_trail_including_reads() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let sam = ts.client("sam.us");
    let case = ana
        .create_case(&case_with("Audited", vec![]), "c")
        .await
        .unwrap();
    ana.add_note(&case.id, &note("seen"), "n").await.unwrap();
    ana.notes(&case.id, &NoteQuery::default()).await.unwrap();
    let _ = ts.client("luis.mx").case(&case.id).await.unwrap_err();

    let notes_path = format!("/v1/cases/{}/notes", case.id);
    let audit_path = format!("/v1/cases/{}/audit", case.id);
    let trail = audit_until(&sam, &case.id, |t| {
        t.iter().any(|e| e.method == "GET" && e.path == notes_path)
            && t.iter().any(|e| e.user.as_deref() == Some("luis.mx"))
            && t.iter().any(|e| e.path == audit_path)
    })
    .await;
    let read = trail
        .iter()
        .find(|e| e.method == "GET" && e.path == notes_path)
        .unwrap();
    assert_eq!(read.user.as_deref(), Some("ana.us"));
    assert_eq!(read.status, 200);
    assert_eq!(read.entity_id.as_deref(), Some(case.id.as_str()));
    let denied = trail
        .iter()
        .find(|e| e.user.as_deref() == Some("luis.mx"))
        .unwrap();
    assert_eq!(denied.status, 403);
    // Newest first; the supervisor's own reading of the trail is on it.
    assert!(trail.windows(2).all(|w| w[0].id > w[1].id));
    assert!(
        trail
            .iter()
            .any(|e| e.path == audit_path && e.user.as_deref() == Some("sam.us"))
    );
    // Investigators and examiners who are members may not read it.
    for user in ["ana.us", "eva.us"] {
        let err = ts
            .client(user)
            .case_audit(&case.id, &AuditQuery::default())
            .await
            .unwrap_err();
        assert!(err.message.contains("Only a supervisor"), "{err}");
    }
}

#[tokio::test]
async fn live_notes_follow_membership_changes() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let sam = ts.client("sam.us");
    let luis = ts.client("luis.mx");
    let fgr = agency("FGR", Country::MX);
    let marker = ana
        .create_case(&case_with("Always joint", vec![fgr.clone()]), "m")
        .await
        .unwrap();
    let case = ana
        .create_case(&case_with("Private first", vec![]), "c")
        .await
        .unwrap();
    let mut stream = Box::pin(luis.events(Some(0)));
    let mut mark = 0;
    // Adds a note to the always-visible case and waits for it: everything before it has been
    // judged by luis's stream, delivered or not. Returns what was delivered on the way.
    let mut sync = async |stream: &mut _| {
        mark += 1;
        let n = ana
            .add_note(
                &marker.id,
                &note(&format!("marker {mark}")),
                &format!("mk{mark}"),
            )
            .await
            .unwrap();
        let mut seen = Vec::new();
        loop {
            let ev = next_event(stream, EventKind::NoteAdded).await;
            if ev.entity_id == n.id {
                return seen;
            }
            seen.push(ev.entity_id);
        }
    };

    let hidden = ana
        .add_note(&case.id, &note("before FGR"), "a")
        .await
        .unwrap();
    assert!(!sync(&mut stream).await.contains(&hidden.id));
    sam.add_member(&case.id, &fgr, "add").await.unwrap();
    let shared = ana
        .add_note(&case.id, &note("with FGR"), "b")
        .await
        .unwrap();
    assert!(sync(&mut stream).await.contains(&shared.id));
    sam.remove_member(
        &case.id,
        &MemberRef {
            agency: "FGR".into(),
            user: None,
        },
    )
    .await
    .unwrap();
    let after = ana
        .add_note(&case.id, &note("after FGR"), "c2")
        .await
        .unwrap();
    assert!(!sync(&mut stream).await.contains(&after.id));
}
