//! Joint cases over real HTTP: need-to-know on every case endpoint, note edits that never lose
//! a text, and notes in real time. Members and the audit trail are in `api::members`, the case
//! packet in `api::case_export`.

use super::harness::*;
use crate::support::cases::*;
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// What a user should get from one endpoint.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Ok(u16),
    /// 403 for lack of membership: the same answer as for a case that does not exist.
    NotMember,
    /// 403 for a member lacking a right (role or authorship); the message says which.
    Refused(&'static str),
}

#[tokio::test]
async fn every_case_endpoint_enforces_membership() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let seizure = ana.create_seizure(&sample_seizure(), "s").await.unwrap();
    // ana.us, eva.us, sam.us are members by agency (ATF Phoenix FD), luis.mx by agency (FGR),
    // rosa.mx by name only; ben.us (HSI El Paso) is not a member.
    let mut rosa = agency("FGE Chihuahua", Country::MX);
    rosa.user = Some("rosa.mx".into());
    let case = ana
        .create_case(
            &case_with("Matrix", vec![agency("FGR", Country::MX), rosa]),
            "c",
        )
        .await
        .unwrap();
    let n = ana.add_note(&case.id, &note("first"), "n").await.unwrap();

    let users = ["ana.us", "luis.mx", "rosa.mx", "sam.us", "ben.us"];
    for user in users {
        let member = user != "ben.us";
        for real in [true, false] {
            let id = if real {
                case.id.clone()
            } else {
                "CS-2099-9999".to_string()
            };
            for (method, path, body, expect) in endpoints(&ts, &id, &n.id, &seizure.id, user).await
            {
                let expect = if member && real {
                    expect
                } else {
                    Expect::NotMember
                };
                let (status, body) = call(&ts, user, method.clone(), &path, body).await;
                let msg = body["error"]["message"].as_str().unwrap_or_default();
                let ctx = format!("{user} {method} {path}: {status} {body}");
                match expect {
                    Expect::Ok(code) => assert_eq!(status.as_u16(), code, "{ctx}"),
                    Expect::NotMember => {
                        assert_eq!(status, StatusCode::FORBIDDEN, "{ctx}");
                        assert_eq!(
                            msg,
                            format!("Case {id} does not exist or you are not a member of it."),
                            "{ctx}"
                        );
                    }
                    Expect::Refused(why) => {
                        assert_eq!(status, StatusCode::FORBIDDEN, "{ctx}");
                        assert!(msg.contains(why) && !msg.contains(MEMBERSHIP_403), "{ctx}");
                    }
                }
            }
        }
    }
    // The non-member's attempts changed nothing: one note, at its member-made version.
    let notes = ana.notes(&case.id, &NoteQuery::default()).await.unwrap();
    assert!(notes.items.iter().all(|n| n.author != "ben.us"));
}

/// Every case endpoint with a valid request and what `user` gets from it as a member.
async fn endpoints(
    ts: &TestServer,
    id: &str,
    note_id: &str,
    seizure_id: &str,
    user: &str,
) -> Vec<(Method, String, Option<Value>, Expect)> {
    let supervisor = user == "sam.us";
    // Each member edits from the current version (each edit moves it on).
    let (_, current) = call(
        ts,
        "ana.us",
        Method::GET,
        &format!("/v1/cases/{id}/notes/{note_id}"),
        None,
    )
    .await;
    let version = current["version"].as_u64().unwrap_or(1);
    let c = format!("/v1/cases/{id}");
    let n = format!("{c}/notes/{note_id}");
    let by_role = |ok: u16| {
        if supervisor {
            Expect::Ok(ok)
        } else {
            Expect::Refused("Only a supervisor")
        }
    };
    vec![
        (Method::GET, c.clone(), None, Expect::Ok(200)),
        (
            Method::PATCH,
            c.clone(),
            Some(json!({"status": "open"})),
            Expect::Ok(200),
        ),
        (
            Method::POST,
            format!("{c}/links"),
            Some(json!({"kind": "seizure", "id": seizure_id})),
            Expect::Ok(201),
        ),
        (Method::GET, format!("{c}/notes"), None, Expect::Ok(200)),
        (
            Method::POST,
            format!("{c}/notes"),
            Some(json!({"body": format!("note by {user}")})),
            Expect::Ok(201),
        ),
        (Method::GET, n.clone(), None, Expect::Ok(200)),
        (
            Method::PUT,
            n.clone(),
            Some(json!({"body": format!("edited by {user}"), "version": version})),
            if user == "ana.us" {
                Expect::Ok(200)
            } else {
                Expect::Refused("Only the author")
            },
        ),
        (Method::GET, format!("{n}/history"), None, Expect::Ok(200)),
        (
            Method::POST,
            format!("{c}/members"),
            Some(json!({"agency": "HSI El Paso", "country": "US"})),
            by_role(201),
        ),
        (
            Method::DELETE,
            format!("{c}/members"),
            Some(json!({"agency": "HSI El Paso"})),
            by_role(200),
        ),
        (Method::GET, format!("{c}/audit"), None, by_role(200)),
    ]
}

#[tokio::test]
async fn concurrent_edits_of_one_note_keep_both_texts() {
    let ts = server().await;
    // The author edits the same note from two sessions — at her desk and in the field — both
    // starting from version 1 (only a note's author may edit it).
    let desk = ts.client("ana.us");
    let field = ts.client("ana.us");
    let case = desk
        .create_case(&case_with("Edits", vec![agency("FGR", Country::MX)]), "c")
        .await
        .unwrap();
    let n = desk
        .add_note(&case.id, &note("Buyer bought 6 rifles."), "n")
        .await
        .unwrap();
    assert_eq!(n.version, 1);
    let desk_text = "Buyer bought 6 rifles on 2 visits (desk).";
    let field_text = "Buyer bought 6 rifles; paid cash (field).";
    let from_v1 = |body: &str| NoteEdit {
        body: body.into(),
        version: 1,
    };
    let (desk_edit, field_edit) = (from_v1(desk_text), from_v1(field_text));
    let (a, b) = tokio::join!(
        desk.edit_note(&case.id, &n.id, &desk_edit, "e-desk"),
        field.edit_note(&case.id, &n.id, &field_edit, "e-field"),
    );
    // Exactly one wins; the other is told, with the winner's text, and overwrote nothing.
    let (won, lost, lost_text) = match (a.unwrap(), b.unwrap()) {
        (NoteSave::Saved(w), NoteSave::Conflict(c)) => (w, c, field_text),
        (NoteSave::Conflict(c), NoteSave::Saved(w)) => (w, c, desk_text),
        other => panic!("expected one save and one conflict, got {other:?}"),
    };
    assert_eq!(won.version, 2);
    assert_eq!(lost.error.code, "version_conflict");
    assert_eq!(lost.current, won);
    let winner_text = won.body.clone();
    assert_ne!(winner_text, lost_text);

    // The loser keeps their text: merged into version 3 from the version the conflict reported.
    let merged = format!("{winner_text}\n{lost_text}");
    let retry = NoteEdit {
        body: merged.clone(),
        version: lost.current.version,
    };
    match field
        .edit_note(&case.id, &n.id, &retry, "e-merge")
        .await
        .unwrap()
    {
        NoteSave::Saved(v3) => assert_eq!((v3.version, v3.body.as_str()), (3, merged.as_str())),
        other => panic!("merge was refused: {other:?}"),
    }
    // A retried request (same Idempotency-Key) is applied once, not reported as a conflict.
    match field
        .edit_note(&case.id, &n.id, &retry, "e-merge")
        .await
        .unwrap()
    {
        NoteSave::Saved(again) => assert_eq!(again.version, 3),
        other => panic!("replay was refused: {other:?}"),
    }

    // Anyone may also keep their wording as a note of their own.
    let luis = ts.client("luis.mx");
    luis.add_note(&case.id, &note("Compró 6 rifles."), "n-luis")
        .await
        .unwrap();

    // Every text survives: in the history and in the notes.
    let history = desk.note_history(&case.id, &n.id).await.unwrap();
    let bodies: Vec<&str> = history.iter().map(|h| h.body.as_str()).collect();
    assert_eq!(
        bodies,
        vec![
            "Buyer bought 6 rifles.",
            winner_text.as_str(),
            merged.as_str()
        ]
    );
    assert_eq!(
        history.iter().map(|h| h.version).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let notes = desk.notes(&case.id, &NoteQuery::default()).await.unwrap();
    let all: String = notes.items.iter().map(|n| n.body.clone()).collect();
    for text in [desk_text, field_text, "Compró 6 rifles."] {
        assert!(all.contains(text), "{text} lost");
    }
}

#[tokio::test]
async fn a_second_connected_member_receives_notes_and_edits_live() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let luis = ts.client("luis.mx");
    let case = ana
        .create_case(&case_with("Live", vec![agency("FGR", Country::MX)]), "c")
        .await
        .unwrap();
    // Connected from the log's start, so the subscription cannot miss what follows.
    let mut stream = Box::pin(luis.events(Some(0)));
    let n = ana
        .add_note(&case.id, &note("Vehículo cruzó por Nogales."), "n")
        .await
        .unwrap();
    let ev = next_event(&mut stream, EventKind::NoteAdded).await;
    assert_eq!(
        (ev.entity_id.as_str(), ev.case_id.as_deref()),
        (n.id.as_str(), Some(case.id.as_str()))
    );
    let seen = luis.note(&case.id, &ev.entity_id).await.unwrap();
    assert_eq!(seen.body, "Vehículo cruzó por Nogales.");

    let edit = NoteEdit {
        body: "Vehículo cruzó por Nogales el martes.".into(),
        version: 1,
    };
    ana.edit_note(&case.id, &n.id, &edit, "e").await.unwrap();
    let ev = next_event(&mut stream, EventKind::NoteEdited).await;
    assert_eq!(ev.entity_id, n.id);
    assert_eq!(luis.note(&case.id, &n.id).await.unwrap().version, 2);

    let upd = CaseUpdate {
        status: Some(CaseStatus::Dormant),
        ..CaseUpdate::default()
    };
    ana.update_case(&case.id, &upd, "u").await.unwrap();
    let ev = next_event(&mut stream, EventKind::CaseUpdated).await;
    assert_eq!(ev.case_id.as_deref(), Some(case.id.as_str()));
    assert_eq!(
        luis.case(&case.id).await.unwrap().status,
        CaseStatus::Dormant
    );
}

#[tokio::test]
async fn note_bodies_are_stored_composed_whichever_way_they_were_typed() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("Acentos", vec![]), "c")
        .await
        .unwrap();
    // "Revisión" with the accent as a combining mark, as text pasted from some programs is.
    let decomposed = "Revisio\u{301}n del arma\nsegunda li\u{301}nea";
    let composed = "Revisión del arma\nsegunda línea";
    let n = ana
        .add_note(&case.id, &note(decomposed), "n")
        .await
        .unwrap();
    assert_eq!(n.body, composed);
    let raw = call(
        &ts,
        "ana.us",
        Method::GET,
        &format!("/v1/cases/{}/notes/{}", case.id, n.id),
        None,
    )
    .await
    .1;
    assert_eq!(
        raw["body"],
        json!(composed),
        "stored composed, not only shown so"
    );
    let edit = NoteEdit {
        body: format!("{decomposed} (corregido)"),
        version: n.version,
    };
    let NoteSave::Saved(e) = ana.edit_note(&case.id, &n.id, &edit, "e").await.unwrap() else {
        panic!("no conflict expected");
    };
    assert_eq!(e.body, format!("{composed} (corregido)"));
}

#[tokio::test]
async fn notes_since_gives_what_is_new_or_edited() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("Since", vec![]), "c")
        .await
        .unwrap();
    let first = ana.add_note(&case.id, &note("one"), "n1").await.unwrap();
    ana.add_note(&case.id, &note("two"), "n2").await.unwrap();
    let epoch = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    assert_eq!(ana.notes_since(&case.id, epoch).await.unwrap().len(), 2);
    let later = chrono::Utc::now() + chrono::Duration::days(1);
    assert!(ana.notes_since(&case.id, later).await.unwrap().is_empty());
    let edit = NoteEdit {
        body: "one, corrected".into(),
        version: 1,
    };
    let NoteSave::Saved(edited) = ana
        .edit_note(&case.id, &first.id, &edit, "e")
        .await
        .unwrap()
    else {
        panic!("edit refused")
    };
    let since = ana.notes_since(&case.id, edited.updated_at).await.unwrap();
    assert!(
        since
            .iter()
            .any(|n| n.id == first.id && n.body == "one, corrected")
    );
}

#[tokio::test]
async fn the_contract_documents_the_case_endpoints() {
    let ts = server().await;
    let doc: Value = ts
        .http()
        .get(ts.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, methods) in [
        ("/v1/cases/{id}", &["get", "patch"][..]),
        ("/v1/cases/{id}/notes/{note_id}", &["get", "put"][..]),
        ("/v1/cases/{id}/notes/{note_id}/history", &["get"][..]),
        ("/v1/cases/{id}/members", &["post", "delete"][..]),
        ("/v1/cases/{id}/audit", &["get"][..]),
    ] {
        for m in methods {
            assert!(doc["paths"][path][m].is_object(), "{m} {path} undocumented");
        }
    }
    for schema in [
        "NoteEdit",
        "NoteConflict",
        "NoteVersion",
        "CaseUpdate",
        "MemberRef",
        "AuditEntry",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
}
