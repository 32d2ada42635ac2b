//! Joint cases over real HTTP: need-to-know on every case endpoint, note edits that never lose
//! a text, supervisor-only members and audit trail, notes in real time, and the case packet.

mod common;

use std::time::Duration;

use futures_util::StreamExt;
use fwc::api::{ApiClient, ApiErrorKind};
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A request as a user; the answer's status and JSON body (Null when there is none).
async fn call(
    ts: &common::TestServer,
    user: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut rb = ts
        .http()
        .request(method, ts.url(path))
        .bearer_auth(common::token(user));
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let resp = rb.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn case_with(title: &str, members: Vec<CaseMember>) -> NewCase {
    NewCase {
        title: title.into(),
        members,
    }
}

fn agency(name: &str, country: Country) -> CaseMember {
    CaseMember {
        agency: name.into(),
        country,
        user: None,
    }
}

fn note(body: &str) -> NewNote {
    NewNote { body: body.into() }
}

/// What a user should get from one endpoint.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Ok(u16),
    /// 403 for lack of membership: the same answer as for a case that does not exist.
    NotMember,
    /// 403 for a member lacking a right (role or authorship); the message says which.
    Refused(&'static str),
}

const MEMBERSHIP_403: &str = "does not exist or you are not a member of it";

#[tokio::test]
async fn every_case_endpoint_enforces_membership() {
    let ts = common::server().await;
    let ana = ts.client("ana.us");
    let seizure = ana
        .create_seizure(&common::sample_seizure(), "s")
        .await
        .unwrap();
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
    ts: &common::TestServer,
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
            Expect::Ok(200),
        ),
        (Method::GET, format!("{n}/history"), None, Expect::Ok(200)),
        (
            Method::POST,
            format!("{c}/members"),
            Some(json!({"agency": "CBP Laredo", "country": "US"})),
            by_role(201),
        ),
        (
            Method::DELETE,
            format!("{c}/members"),
            Some(json!({"agency": "CBP Laredo"})),
            by_role(200),
        ),
        (Method::GET, format!("{c}/audit"), None, by_role(200)),
    ]
}

#[tokio::test]
async fn concurrent_edits_of_one_note_keep_both_texts() {
    let ts = common::server().await;
    // Two members of a joint case — the author in Phoenix and a colleague at the FGR — both
    // start editing the same note from version 1.
    let desk = ts.client("ana.us");
    let field = ts.client("luis.mx");
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
async fn only_member_supervisors_manage_members() {
    let ts = common::server().await;
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
    let ts = common::server().await;
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

async fn next_event<S: futures_util::Stream<Item = Result<Event, fwc::api::ApiError>> + Unpin>(
    s: &mut S,
    kind: EventKind,
) -> Event {
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match s.next().await {
                Some(Ok(ev)) if ev.kind == kind => return ev,
                Some(_) => continue,
                None => panic!("stream ended"),
            }
        }
    })
    .await
    .expect("event in time")
}

#[tokio::test]
async fn a_second_connected_member_receives_notes_and_edits_live() {
    let ts = common::server().await;
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
async fn notes_since_gives_what_is_new_or_edited() {
    let ts = common::server().await;
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

/// A case with linked evidence of every kind the packet expands, and a few notes.
async fn case_with_evidence(ts: &common::TestServer) -> (Case, ApiClient) {
    let ana = ts.client("ana.us");
    let seizure = ana
        .create_seizure(&common::sample_seizure(), "s")
        .await
        .unwrap();
    let firearm_id = seizure.items[0].firearm_id.clone().unwrap();
    let trace = ana
        .submit_trace(
            &TraceRequest {
                firearm_id,
                priority: TracePriority::Routine,
                justification: None,
                crime_code: "5212".into(),
                case_number: None,
            },
            "t",
        )
        .await
        .unwrap();
    let case = ana
        .create_case(&case_with("Export", vec![agency("FGR", Country::MX)]), "c")
        .await
        .unwrap();
    for (kind, id) in [
        (EntityKind::Seizure, &seizure.id),
        (EntityKind::Trace, &trace.id),
    ] {
        let link = NewLink {
            kind,
            id: id.clone(),
        };
        ana.add_link(&case.id, &link, &format!("l-{id}"))
            .await
            .unwrap();
    }
    ana.add_note(
        &case.id,
        &note("Rifles in door panels.\n\n- 2 rifles\n- 12 magazines"),
        "n1",
    )
    .await
    .unwrap();
    ts.client("luis.mx")
        .add_note(
            &case.id,
            &note("Serie coincide con aseguramiento en Sonora."),
            "n2",
        )
        .await
        .unwrap();
    (ana.case(&case.id).await.unwrap(), ana)
}

#[tokio::test]
async fn the_case_packet_round_trips_its_notes() {
    let ts = common::server().await;
    let (case, ana) = case_with_evidence(&ts).await;
    let notes = ana
        .notes(&case.id, &NoteQuery::default())
        .await
        .unwrap()
        .items;
    assert_eq!(notes.len(), 2);

    let packet = fwc::export::build_packet(&ana, &case.id).await.unwrap();
    assert_eq!(packet.notes, notes);
    assert_eq!(packet.seizures.len(), 1);
    assert_eq!(
        packet.traces.len(),
        1,
        "the linked trace, once, though its seizure names it too"
    );
    assert!(packet.synthetic_data);
    let json = fwc::export::render_json(&packet).unwrap();
    let back: fwc::export::Packet = serde_json::from_str(&json).unwrap();
    assert_eq!(back.notes, notes);
    let md = fwc::export::render_markdown(&packet);
    for n in &notes {
        assert!(md.contains(&n.body), "{} missing from the Markdown", n.id);
        assert!(md.contains(&n.author));
    }
    assert!(md.contains(&packet.traces[0].id) && md.contains(&packet.seizures[0].id));
    assert!(
        md.find(&notes[0].body) < md.find(&notes[1].body),
        "notes out of order"
    );

    // The same through the command line, as a prosecutor's analyst would run it.
    let out = ts.dir.path().join("packet.json");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fwc"));
    cmd.args([
        "export", "case", &case.id, "--format", "json", "--server", &ts.base,
    ])
    .arg("--out")
    .arg(&out)
    .env("FWC_TOKEN", common::token("luis.mx"))
    .env("FWC_CONFIG_DIR", ts.dir.path());
    // Off the test's runtime thread, which also serves the server the command talks to.
    let status = tokio::task::spawn_blocking(move || cmd.status())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success());
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let file_notes: Vec<Note> = serde_json::from_value(file["notes"].clone()).unwrap();
    assert_eq!(file_notes, notes);
    assert_eq!(file["case"]["id"], json!(case.id));
    assert_eq!(file["synthetic_data"], json!(true));
    assert!(file["exported_at"].is_string());

    // Outside the case there is no packet.
    let err = fwc::export::build_packet(&ts.client("ben.us"), &case.id)
        .await
        .unwrap_err();
    assert!(err.to_string().contains(MEMBERSHIP_403), "{err}");
}

#[tokio::test]
async fn a_seeded_case_exports_with_its_notes_and_evidence() {
    let ts = common::server_with(|path| {
        let store = fwc::server::store::sqlite::SqliteStore::open(path).unwrap();
        let cfg = fwc::seed::SeedConfig {
            scale: fwc::seed::Scale::Small,
            seed: 7,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        };
        fwc::seed::run(&cfg, &store).unwrap();
    })
    .await;
    for user in ["ana.us", "luis.mx"] {
        let c = ts.client(user);
        let q = CaseQuery {
            limit: Some(MAX_PAGE_LIMIT),
            ..CaseQuery::default()
        };
        let cases = c.cases(&q).await.unwrap().items;
        // The seeded case of this user with the most notes and evidence.
        let case = cases
            .iter()
            .filter(|k| k.note_count > 0)
            .max_by_key(|k| (k.links.len(), k.note_count, k.id.clone()))
            .unwrap_or_else(|| panic!("{user} has no seeded case with notes"));
        let notes = c
            .notes(&case.id, &NoteQuery::default())
            .await
            .unwrap()
            .items;
        let packet = fwc::export::build_packet(&c, &case.id).await.unwrap();
        assert_eq!(packet.notes, notes, "{}", case.id);
        assert_eq!(packet.case.id, case.id);
        assert!(packet.unavailable.is_empty(), "{:?}", packet.unavailable);
        let linked = |kind: EntityKind| case.links.iter().filter(|l| l.kind == kind).count();
        assert!(packet.seizures.len() >= linked(EntityKind::Seizure));
        assert!(packet.traces.len() >= linked(EntityKind::Trace));
        assert!(packet.leads.len() >= linked(EntityKind::Lead));
        let md = fwc::export::render_markdown(&packet);
        for n in &notes {
            assert!(md.contains(&n.body), "{} of {} missing", n.id, case.id);
        }
        let back: fwc::export::Packet =
            serde_json::from_str(&fwc::export::render_json(&packet).unwrap()).unwrap();
        assert_eq!(back, packet);
    }
}

#[tokio::test]
async fn live_notes_follow_membership_changes() {
    let ts = common::server().await;
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

#[tokio::test]
async fn the_contract_documents_the_case_endpoints() {
    let ts = common::server().await;
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
