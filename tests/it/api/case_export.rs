//! The case packet over real HTTP: a case with evidence of every kind round-trips its notes,
//! and a seeded case exports with its notes and evidence.

use super::harness::*;
use crate::support::cases::*;
use fwc::api::ApiClient;
use fwc::model::*;
use serde_json::{Value, json};

/// A case with linked evidence of every kind the packet expands, and a few notes.
async fn case_with_evidence(ts: &TestServer) -> (Case, ApiClient) {
    let ana = ts.client("ana.us");
    let seizure = ana.create_seizure(&sample_seizure(), "s").await.unwrap();
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
    let ts = server().await;
    let (case, ana) = case_with_evidence(&ts).await;
    let notes = ana
        .notes(&case.id, &NoteQuery::default())
        .await
        .unwrap()
        .items;
    assert_eq!(notes.len(), 2);

    let packet = fwc::export::build_packet(&ana, &case.id).await.unwrap();
    assert_eq!(packet_notes(&packet), notes);
    assert_eq!(packet.seizures.len(), 1);
    assert_eq!(
        packet.traces.len(),
        1,
        "the linked trace, once, though its seizure names it too"
    );
    assert!(packet.synthetic_data);
    let json = fwc::export::render_json(&packet, fwc::i18n::Lang::En).unwrap();
    let back: fwc::export::Packet = serde_json::from_str(&json).unwrap();
    assert_eq!(packet_notes(&back), notes);
    let md = fwc::export::render_markdown(&packet, fwc::i18n::Lang::En);
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
    .env("FWC_TOKEN", token("luis.mx"))
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
    let ts = server_with(seed_small_into).await;
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
        assert_eq!(packet_notes(&packet), notes, "{}", case.id);
        assert_eq!(packet.case.id, case.id);
        assert!(packet.unavailable.is_empty(), "{:?}", packet.unavailable);
        let linked = |kind: EntityKind| case.links.iter().filter(|l| l.kind == kind).count();
        assert!(packet.seizures.len() >= linked(EntityKind::Seizure));
        assert!(packet.traces.len() >= linked(EntityKind::Trace));
        assert!(packet.leads.len() >= linked(EntityKind::Lead));
        let md = fwc::export::render_markdown(&packet, fwc::i18n::Lang::En);
        for n in &notes {
            assert!(md.contains(&n.body), "{} of {} missing", n.id, case.id);
        }
        let back: fwc::export::Packet =
            serde_json::from_str(&fwc::export::render_json(&packet, fwc::i18n::Lang::En).unwrap())
                .unwrap();
        assert_eq!(back, packet);
    }
}

/// The packet's notes at their current versions.
fn packet_notes(p: &fwc::export::Packet) -> Vec<Note> {
    p.notes.iter().map(|n| n.note.clone()).collect()
}

/// `fwc export case` as a user would run it: `args` after the case id, `env` on top of the
/// test's own (the locale variables removed, so the default language is what `env` says).
async fn export_cli(ts: &TestServer, case: &str, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fwc"));
    cmd.args(["export", "case", case, "--server", &ts.base])
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("FWC_TOKEN", token("luis.mx"))
        .env("FWC_CONFIG_DIR", ts.dir.path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The packet's headings, labels and statuses follow the reader's language (`--lang`, else the
/// config's `lang`, else the locale); the records keep the language they were written in, and
/// the JSON keeps the API's codes beside their words.
#[tokio::test]
async fn the_packet_is_written_in_the_readers_language() {
    let ts = server_with(seed_small_into).await;
    let c = ts.client("luis.mx");
    let q = CaseQuery {
        limit: Some(MAX_PAGE_LIMIT),
        ..CaseQuery::default()
    };
    let case = c
        .cases(&q)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|k| k.note_count > 0)
        .max_by_key(|k| (k.links.len(), k.note_count, k.id.clone()))
        .expect("a seeded case with notes");
    let packet = fwc::export::build_packet(&c, &case.id).await.unwrap();
    assert!(!packet.traces.is_empty(), "{} has no trace", case.id);

    let es = export_cli(&ts, &case.id, &["--lang", "es"], &[]).await;
    for heading in [
        "# Expediente del caso ",
        "**Estado:** ",
        "## Miembros",
        "## Registros vinculados",
        "## Notas (",
        "Cadena de comercialización: ",
    ] {
        assert!(es.contains(heading), "no {heading:?} in:\n{es}");
    }
    let status = fwc::i18n::case_status(fwc::i18n::Lang::Es, case.status);
    assert!(es.contains(&format!("**Estado:** {status}\n")), "{es}");
    // What the records say stays as written (a US note may be English): look only at the rest.
    let mut system = es.clone();
    let mut written: Vec<&str> = vec![&packet.case.title];
    written.extend(
        packet
            .notes
            .iter()
            .flat_map(|n| n.versions.iter().map(|v| v.body.as_str())),
    );
    written.extend(packet.notes.iter().map(|n| n.note.body.as_str()));
    written.extend(packet.case.links.iter().map(|l| l.label.as_str()));
    for z in &packet.seizures {
        written.push(&z.summary);
        written.extend(z.items.iter().map(|i| i.description.as_str()));
    }
    for t in &packet.traces {
        written.extend([t.recovery_place.as_str(), &t.make, &t.model]);
        written.extend(t.chain.iter().map(|c| c.name.as_str()));
        written.extend(t.chain.iter().filter_map(|c| c.location.as_deref()));
    }
    written.extend(packet.leads.iter().filter_map(|l| l.comment.as_deref()));
    for w in written {
        system = system.replace(w, "");
    }
    for english in [
        "Case packet",
        "Status",
        "Members",
        "Linked evidence",
        "## Notes",
        "Chain of distribution",
        "Recovered:",
        "Time to crime",
        "Scores:",
        "whole agency",
        "First purchaser",
        "completed",
        "TTC",
    ] {
        assert!(
            !system.contains(english),
            "English {english:?} in:\n{system}"
        );
    }
    for n in &packet.notes {
        assert!(es.contains(&n.note.body), "{} not as written", n.note.id);
    }

    let en = export_cli(&ts, &case.id, &["--lang", "en"], &[]).await;
    assert!(en.starts_with("# Case packet "), "{en}");
    assert!(!en.contains("Expediente"), "{en}");

    // No flag: the locale, then the config file's `lang` over it.
    let by_locale = export_cli(&ts, &case.id, &[], &[("LANG", "es_MX.UTF-8")]).await;
    assert!(by_locale.starts_with("# Expediente del caso "));
    std::fs::write(ts.dir.path().join("config.toml"), "lang = \"en\"\n").unwrap();
    let by_config = export_cli(&ts, &case.id, &[], &[("LANG", "es_MX.UTF-8")]).await;
    assert!(by_config.starts_with("# Case packet "));
    std::fs::remove_file(ts.dir.path().join("config.toml")).unwrap();

    let json: Value = serde_json::from_str(
        &export_cli(&ts, &case.id, &["--lang", "es", "--format", "json"], &[]).await,
    )
    .unwrap();
    assert_eq!(json["lang"], "es");
    assert_eq!(json["case"]["status"], json!(case.status.as_str()));
    assert_eq!(
        json["labels"]["case_status"][case.status.as_str()],
        json!(status)
    );
    assert_eq!(json["labels"]["lead_status"]["confirmed"], "confirmada");
    assert_eq!(
        json["labels"]["chain_role"]["purchaser"],
        "Primer comprador"
    );
    let back: fwc::export::Packet = serde_json::from_value(json).unwrap();
    assert_eq!(back.case.id, case.id);
}
