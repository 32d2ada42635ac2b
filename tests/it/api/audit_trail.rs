//! The audit trail cannot be dodged or lost: it records the route the server matched with the
//! decoded case id (however the id was spelt in the URL), a request's row is durable by the
//! time its answer arrives, and the chain catches a row edited behind the server's back.

use super::harness::*;
use crate::support::cases::*;
use fwc::model::*;
use fwc::server::store::chain::Verdict;
use reqwest::Method;
use serde_json::{Value, json};

/// `CS-2026-0001` → `CS%2D2026%2D0001`: the same id, percent-encoded.
fn encoded(id: &str) -> String {
    id.replace('-', "%2D")
}

#[tokio::test]
async fn every_case_route_records_its_case_id_plain_or_encoded() {
    let ts = server().await;
    let sam = ts.client("sam.us");
    let case = sam
        .create_case(
            &case_with("Audit walk", vec![agency("FGR", Country::MX)]),
            "c",
        )
        .await
        .unwrap();
    let n = sam.add_note(&case.id, &note("first"), "n").await.unwrap();
    let doc: Value = ts
        .http()
        .get(ts.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = doc["paths"].as_object().expect("paths");
    // Every documented operation on a case, called with the plain and the encoded ids (the
    // answer does not matter: reads, writes and refusals are all audited).
    let mut walked = Vec::new();
    for (template, item) in paths
        .iter()
        .filter(|(p, _)| p.starts_with("/v1/cases/{id}"))
    {
        let methods = item.as_object().expect("path item");
        for method in ["get", "post", "put", "patch", "delete"] {
            if !methods.contains_key(method) {
                continue;
            }
            for enc in [false, true] {
                let (cid, nid) = if enc {
                    (encoded(&case.id), encoded(&n.id))
                } else {
                    (case.id.clone(), n.id.clone())
                };
                let path = template.replace("{id}", &cid).replace("{note_id}", &nid);
                let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let body = (m != Method::GET).then(|| json!({}));
                call(&ts, "sam.us", m, &path, body).await;
                walked.push((method.to_uppercase(), template.clone(), path));
            }
        }
    }
    assert!(walked.len() >= 14, "too few case routes walked: {walked:?}");
    let trail = sam
        .case_audit(&case.id, &AuditQuery { limit: Some(1000) })
        .await
        .unwrap();
    for (method, template, path) in &walked {
        let found = trail.iter().any(|e| {
            e.method == *method
                && e.path == *path
                && e.route.as_deref() == Some(template.as_str())
                && e.case_id.as_deref() == Some(case.id.as_str())
        });
        assert!(found, "{method} {path} is missing from the case's trail");
    }
    // The creation of the case and of its note are in its trail too.
    assert!(
        trail
            .iter()
            .any(|e| e.route.as_deref() == Some("/v1/cases") && e.status == 201),
        "the case's creation is not in its trail"
    );
    assert!(trail.iter().any(|e| e.method == "POST"
        && e.route.as_deref() == Some("/v1/cases/{id}/notes")
        && e.entity_id.as_deref() == Some(n.id.as_str())));
}

#[tokio::test]
async fn a_request_is_in_the_trail_when_its_answer_arrives() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("Durable", vec![]), "c")
        .await
        .unwrap();
    let rows = |route: &str| -> usize {
        number(
            &ts,
            &format!(
                "SELECT count(*) FROM audit WHERE route = '{route}' AND case_id = '{}'",
                case.id
            ),
        ) as usize
    };
    // Writes: each acknowledged note has its row already (same transaction as the note).
    for i in 0..20 {
        ana.add_note(&case.id, &note(&format!("note {i}")), &format!("n{i}"))
            .await
            .unwrap();
        assert_eq!(rows("/v1/cases/{id}/notes"), i + 1, "note {i}");
    }
    // Reads: the row is durable before the answer leaves.
    for i in 0..5 {
        ana.notes(&case.id, &NoteQuery::default()).await.unwrap();
        assert_eq!(rows("/v1/cases/{id}/notes"), 20 + i + 1, "read {i}");
    }
    // And the whole chain is intact.
    assert!(matches!(audit_verdict(&ts), Verdict::Intact { .. }));
}

#[tokio::test]
async fn verify_names_a_row_edited_behind_the_servers_back() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("Tamper", vec![]), "c")
        .await
        .unwrap();
    for i in 0..3 {
        ana.case(&case.id).await.unwrap();
        ana.add_note(&case.id, &note(&format!("n {i}")), &format!("k{i}"))
            .await
            .unwrap();
    }
    let db = &ts.db;
    // The store refuses to rewrite history...
    let tamper = "UPDATE audit SET user_name = 'nobody' WHERE id = 3";
    assert!(try_sql(&ts, tamper).is_err());
    // ... so a tamperer drops the trigger first; the chain still gives them away.
    sql(&ts, drop_audit_guard(&ts));
    sql(&ts, tamper);
    match audit_verdict(&ts) {
        Verdict::Broken { row, .. } => assert_eq!(row, 3),
        v => panic!("tampering not found: {v:?}"),
    }
    // The command line says the same and fails.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fwc"))
        .args(["audit", "verify", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("row 3"), "{text}");
}

#[tokio::test]
async fn audit_export_writes_the_window_as_json_lines() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let case = ana
        .create_case(&case_with("Export", vec![]), "c")
        .await
        .unwrap();
    ana.case(&case.id).await.unwrap();
    let db = &ts.db;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fwc"))
        .args([
            "audit",
            "export",
            "--format",
            "jsonl",
            "--from",
            "2000-01-01",
            "--to",
        ])
        .arg("2999-12-31")
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 2);
    assert!(
        lines
            .iter()
            .all(|l| l["hash"].as_str().is_some_and(|h| h.len() == 64))
    );
    assert!(lines.iter().any(|l| l["case_id"] == case.id.as_str()));
    // A window before anything happened is empty.
    let none = std::process::Command::new(env!("CARGO_BIN_EXE_fwc"))
        .args([
            "audit",
            "export",
            "--from",
            "2000-01-01",
            "--to",
            "2000-01-02",
            "--db",
        ])
        .arg(db)
        .output()
        .unwrap();
    assert!(none.status.success());
    assert!(none.stdout.is_empty());
}
