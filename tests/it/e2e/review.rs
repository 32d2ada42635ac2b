//! Issue 16's workflow in the real console against a real `fwc serve` over the seeded
//! database: a technician opens "Correlations to review", opens the oldest casing's ranked
//! list, compares the top candidate side by side, marks it as a lead with a comment; an
//! examiner then confirms that lead (over HTTP), and the server holds who marked it and why.

use crate::support::process::{ServerProcess, free_port, seed};
use crate::support::pty::*;
use fwc::app::panes::{PaneId, index_of};
use serde_json::Value;

/// The lead id in the toast `Lead BL-… marked for an examiner.`
fn marked_lead(screen: &str) -> Option<String> {
    let at = screen.find("Lead BL-")? + "Lead ".len();
    screen[at..].split_whitespace().next().map(str::to_string)
}

#[test]
fn a_technician_marks_a_lead_from_a_correlation_list_and_an_examiner_confirms_it() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    let mut c = signed_in(dir.path(), &seeded.token_of("technician"), &url);
    c.wait_for("signed in", |s| s.contains("online"));

    c.send(&(index_of(PaneId::Ballistics) + 1).to_string());
    c.wait_text("Ballistic leads");
    c.send("R");
    c.wait_for("the review queue, oldest first", |s| {
        s.contains("Correlations to review") && s.contains("Review clock") && s.contains("BC-")
    });
    c.send(ENTER);
    c.wait_for("the ranked list", |s| {
        s.contains("Cells") && s.contains("FMR") && s.contains("#1 ")
    });
    c.send(ENTER);
    c.wait_for("the pair side by side", |s| {
        s.contains("Candidate #1") && s.contains("Breech face") && s.matches('▀').count() > 200
    });
    c.send("l");
    c.wait_text("as a lead — comment");
    let comment = "breech face agrees in the upper half";
    c.send(comment);
    c.send(ENTER);
    let s = c.wait_for("the lead filed by the server", |s| {
        s.contains("marked for an examiner.")
    });
    let lead = marked_lead(&s).expect("lead id in the toast");
    c.send("q");
    assert_eq!(c.wait_exit(), 0);

    // The examiner confirms it: a hit, with the technician's mark kept.
    let http = reqwest::blocking::Client::new();
    let exam = seeded.token_of("examiner");
    let resp = http
        .post(format!("{url}/v1/ballistics/leads/{lead}/decision"))
        .bearer_auth(&exam)
        .header("Idempotency-Key", "e2e-confirm")
        .json(&serde_json::json!({"decision": "confirm", "comment": "confirmed at the microscope"}))
        .send()
        .unwrap();
    assert!(resp.status().is_success(), "{}", resp.status());
    let hit: Value = resp.json().unwrap();
    assert_eq!(hit["status"], "confirmed");
    assert_eq!(hit["marked_by"], "Kevin Ortiz");
    assert_eq!(hit["mark_comment"], comment);
    let list: Value = http
        .get(format!(
            "{url}/v1/ballistics/casings/{}/correlations",
            hit["casing_id"].as_str().unwrap()
        ))
        .bearer_auth(&exam)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(list["state"], "reviewed");
    assert_eq!(list["reviewed_by"], "Kevin Ortiz");
}
