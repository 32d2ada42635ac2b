//! Notes keep their true authors: only a note's author may edit it, every version names who
//! wrote it and when, and the case packet (Markdown and JSON) carries every version.

use super::harness::*;
use crate::support::cases::*;
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn only_the_author_edits_a_note_and_every_version_names_its_writer() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("Authors", vec![agency("FGR", Country::MX)]), "c")
        .await
        .unwrap();
    let n = ana
        .add_note(&case.id, &note("Buyer bought 6 rifles."), "n")
        .await
        .unwrap();
    assert_eq!((n.edited_by.as_deref(), n.edited_at), (None, None));
    let path = format!("/v1/cases/{}/notes/{}", case.id, n.id);

    // A member of another agency cannot put words under ana's name.
    let (status, body) = call(
        &ts,
        "luis.mx",
        Method::PUT,
        &path,
        Some(json!({"body": "Buyer bought 2 rifles.", "version": 1})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let msg = body["error"]["message"].as_str().unwrap_or_default();
    assert!(msg.contains("Only the author"), "{msg}");
    assert!(!msg.contains(MEMBERSHIP_403), "{msg}");
    // ... nor may a supervisor of ana's own agency.
    let (status, _) = call(
        &ts,
        "sam.us",
        Method::PUT,
        &path,
        Some(json!({"body": "Supervisor's words.", "version": 1})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let unchanged = ana.note(&case.id, &n.id).await.unwrap();
    assert_eq!(
        (unchanged.version, unchanged.body.as_str()),
        (1, "Buyer bought 6 rifles.")
    );

    // The author edits; the note and its history say who wrote each version and when.
    let edit = NoteEdit {
        body: "Buyer bought 6 rifles on 2 visits.".into(),
        version: 1,
    };
    let v2 = match ana.edit_note(&case.id, &n.id, &edit, "e").await.unwrap() {
        NoteSave::Saved(v2) => v2,
        other => panic!("the author's edit was refused: {other:?}"),
    };
    assert_eq!(v2.version, 2);
    assert_eq!(v2.author, "ana.us");
    assert_eq!(v2.edited_by.as_deref(), Some("ana.us"));
    assert_eq!(v2.edited_at, Some(v2.updated_at));
    let history = ts
        .client("luis.mx")
        .note_history(&case.id, &n.id)
        .await
        .unwrap();
    let who: Vec<(u32, &str, &str)> = history
        .iter()
        .map(|h| (h.version, h.author.as_str(), h.edited_by.as_str()))
        .collect();
    assert_eq!(who, [(1, "ana.us", "ana.us"), (2, "ana.us", "ana.us")]);
    assert_eq!(history[0].edited_at, n.created_at);
    assert_eq!(history[1].edited_at, v2.updated_at);
}

#[tokio::test]
async fn the_case_packet_carries_every_version_of_every_note() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("Packet", vec![agency("FGR", Country::MX)]), "c")
        .await
        .unwrap();
    let n = ana
        .add_note(&case.id, &note("First wording: 6 rifles."), "n1")
        .await
        .unwrap();
    let edit = NoteEdit {
        body: "Second wording: 7 rifles.".into(),
        version: 1,
    };
    ana.edit_note(&case.id, &n.id, &edit, "e").await.unwrap();
    ts.client("luis.mx")
        .add_note(&case.id, &note("Respuesta a la nota."), "n2")
        .await
        .unwrap();

    let packet = fwc::export::build_packet(&ana, &case.id).await.unwrap();
    let edited = &packet.notes[0];
    assert_eq!(edited.note.edited_by.as_deref(), Some("ana.us"));
    let versions: Vec<(u32, &str, &str)> = edited
        .versions
        .iter()
        .map(|v| (v.version, v.edited_by.as_str(), v.body.as_str()))
        .collect();
    assert_eq!(
        versions,
        [
            (1, "ana.us", "First wording: 6 rifles."),
            (2, "ana.us", "Second wording: 7 rifles.")
        ]
    );
    assert_eq!(packet.notes[1].versions.len(), 1);
    assert_eq!(packet.notes[1].versions[0].edited_by, "luis.mx");

    // JSON: the versions travel with the note.
    let json: serde_json::Value = serde_json::to_value(&packet).unwrap();
    assert_eq!(
        json["notes"][0]["versions"][0]["body"],
        "First wording: 6 rifles."
    );
    assert_eq!(json["notes"][0]["edited_by"], "ana.us");
    // Markdown: the earlier wording and who wrote each version are printed.
    let md = fwc::export::render_markdown(&packet, fwc::i18n::Lang::En);
    assert!(md.contains("First wording: 6 rifles."), "{md}");
    assert!(md.contains("Second wording: 7 rifles."), "{md}");
    assert!(md.contains("edited by ana.us"), "{md}");
    assert!(md.contains("Version 1 — ana.us"), "{md}");
}
