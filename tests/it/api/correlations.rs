//! Stored correlation lists, the review queue on the 48-hour clock, and who may mark a lead.

use super::harness::*;
use chrono::{Duration, Utc};
use fwc::api::ApiErrorKind;
use fwc::ballistics::synth;
use fwc::model::*;
use fwc::server::store::{CandidateRow, CasingRow, ImportBatch};

/// A stored casing acquired `hours_ago`, with a ranked list of `candidates` (scores falling).
fn old_casing(id: &str, hours_ago: i64, candidates: &[&str]) -> (CasingRow, Vec<CandidateRow>) {
    let at = Utc::now() - Duration::hours(hours_ago);
    let img = synth::fire(id, "9mm", 0, 5);
    let row = CasingRow {
        casing: Casing {
            id: id.into(),
            source: CasingSource::Scene,
            incident_id: format!("INC-{id}"),
            caliber_class: "9mm".into(),
            recovered_at: at,
            acquired_at: at,
            place: "Culiacán, Sinaloa".into(),
            seizure_id: None,
            firearm_id: None,
            case_ids: Vec::new(),
            image_size: img.width as u32,
            image: None,
        },
        image: img.pixels,
        reviewed: None,
        gun_key: None,
    };
    let list = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| CandidateRow {
            casing_id: id.into(),
            candidate_id: (*c).into(),
            rank: i as u32 + 1,
            scores: MarkScores {
                breech_face: 0.5 - i as f32 * 0.05,
                firing_pin: 0.4,
                combined: 0.48 - i as f32 * 0.05,
            },
            rotation_deg: 12.5,
            shift_x: 1,
            shift_y: -2,
            cells: None,
        })
        .collect();
    (row, list)
}

/// Two unreviewed lists acquired 50 h and 5 h ago, and the casings they name.
async fn with_lists() -> TestServer {
    server_with(|path| {
        let store = fwc::server::store::open(path).unwrap();
        let mut batch = ImportBatch::default();
        for (id, hours) in [("BC-900001", 400), ("BC-900002", 300), ("BC-900003", 200)] {
            batch.casings.push(old_casing(id, hours, &[]).0);
        }
        for (id, hours) in [("BC-900010", 50), ("BC-900011", 5)] {
            let (row, list) = old_casing(id, hours, &["BC-900002", "BC-900001", "BC-900003"]);
            batch.casings.push(row);
            batch.candidates.extend(list);
        }
        store.import(&batch).unwrap();
    })
    .await
}

#[tokio::test]
async fn the_list_is_ranked_limited_and_on_the_48_hour_clock() {
    let ts = with_lists().await;
    let inv = ts.client("ana.us");
    let list = inv.correlations("BC-900010", None).await.unwrap();
    let ranks: Vec<u32> = list.candidates.iter().map(|c| c.rank).collect();
    assert_eq!(ranks, [1, 2, 3]);
    assert_eq!(list.candidates[0].candidate_id, "BC-900002");
    assert_eq!(list.candidates[0].rotation_deg, 12.5);
    assert_eq!(
        (list.candidates[0].shift_x, list.candidates[0].shift_y),
        (1, -2)
    );
    assert_eq!(list.state, CorrelationState::Unreviewed);
    assert_eq!(list.due_at, list.acquired_at + Duration::hours(48));
    assert!(list.overdue, "acquired 50 h ago and unreviewed");

    let fresh = inv.correlations("BC-900011", Some(2)).await.unwrap();
    assert_eq!(fresh.candidates.len(), 2, "limit");
    assert_eq!(fresh.candidates[1].rank, 2);
    assert!(!fresh.overdue, "acquired 5 h ago");

    for bad in ["0", "101", "x"] {
        let r = ts
            .http()
            .get(ts.url(&format!(
                "/v1/ballistics/casings/BC-900010/correlations?limit={bad}"
            )))
            .bearer_auth(token("ana.us"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "limit={bad}: {}", r.status());
    }
    let missing = inv.correlations("BC-999999", None).await.unwrap_err();
    assert_eq!(missing.kind, ApiErrorKind::NotFound);

    // The review queue: unreviewed lists, oldest acquisition first, paged.
    let page = inv
        .reviews(&ReviewQuery {
            limit: Some(1),
            cursor: None,
        })
        .await
        .unwrap();
    assert_eq!(page.items[0].casing_id, "BC-900010");
    assert!(page.items[0].overdue);
    assert_eq!(page.items[0].candidates, 3);
    let next = inv
        .reviews(&ReviewQuery {
            limit: Some(1),
            cursor: page.next_cursor.clone(),
        })
        .await
        .unwrap();
    assert_eq!(next.items[0].casing_id, "BC-900011");
    assert!(!next.items[0].overdue);
}

#[tokio::test]
async fn technicians_and_examiners_mark_leads_others_get_the_same_403() {
    let ts = with_lists().await;
    let mut events = Box::pin(ts.client("ana.us").events(Some(0)));
    let tech = ts.client("tina.us");
    let exam = ts.client("rosa.mx");
    let comment = "breech face agrees in the upper half";

    // Investigators and prosecutors may not, and cannot tell whether the casing exists.
    for who in ["ana.us", "pat.us"] {
        let c = ts.client(who);
        let real = c
            .mark_lead("BC-900010", "BC-900001", comment, "k")
            .await
            .unwrap_err();
        let fake = c
            .mark_lead("BC-999999", "BC-900001", comment, "k2")
            .await
            .unwrap_err();
        assert_eq!(real.kind, ApiErrorKind::Forbidden, "{who}");
        assert_eq!(real.message, fake.message, "{who}");
        assert_eq!(fake.kind, ApiErrorKind::Forbidden, "{who}");
    }
    // A technician marks the second-ranked candidate: a pending lead with the comment.
    let lead = tech
        .mark_lead("BC-900010", "BC-900001", comment, "m1")
        .await
        .unwrap();
    assert_eq!(lead.status, LeadStatus::Pending);
    assert_eq!(
        (lead.casing_id.as_str(), lead.candidate_id.as_str()),
        ("BC-900010", "BC-900001")
    );
    assert_eq!(lead.rank, 2);
    assert_eq!(lead.marked_by.as_deref(), Some("tina.us"));
    assert_eq!(lead.mark_comment.as_deref(), Some(comment));
    // The same key again is the same lead (idempotent), not a second one.
    let again = tech
        .mark_lead("BC-900010", "BC-900001", comment, "m1")
        .await
        .unwrap();
    assert_eq!(again.id, lead.id);
    let all = tech
        .leads(&LeadQuery {
            casing_id: Some("BC-900010".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.items.len(), 1);
    let ev = crate::support::cases::next_event(&mut events, EventKind::LeadCreated).await;
    assert_eq!(ev.entity_id, lead.id);
    assert!(ev.summary.contains("tina.us"), "{}", ev.summary);

    // The list is reviewed: off the clock and out of the queue; the candidate shows its lead.
    let list = tech.correlations("BC-900010", None).await.unwrap();
    assert_eq!(list.state, CorrelationState::Reviewed);
    assert_eq!(list.reviewed_by.as_deref(), Some("tina.us"));
    assert!(!list.overdue);
    assert_eq!(
        list.candidates[1].lead_id.as_deref(),
        Some(lead.id.as_str())
    );
    assert_eq!(list.candidates[1].lead_status, Some(LeadStatus::Pending));
    let queue = tech.reviews(&ReviewQuery::default()).await.unwrap();
    let ids: Vec<&str> = queue.items.iter().map(|i| i.casing_id.as_str()).collect();
    assert_eq!(ids, ["BC-900011"]);

    // An examiner may mark too; a comment is required; unknown candidates are 404.
    exam.mark_lead("BC-900011", "BC-900003", "pin shape agrees", "e1")
        .await
        .unwrap();
    let err = tech
        .mark_lead("BC-900011", "BC-900002", "  ", "m2")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::Invalid);
    let err = tech
        .mark_lead("BC-900011", "BC-900010", comment, "m3")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::NotFound);

    // The lead then goes to an examiner as any other: confirmed as a hit.
    let d = LeadDecision {
        decision: Decision::Confirm,
        comment: Some("confirmed at the microscope".into()),
    };
    let hit = exam.decide_lead(&lead.id, &d, "d1").await.unwrap();
    assert_eq!(hit.status, LeadStatus::Confirmed);
    assert_eq!(hit.marked_by.as_deref(), Some("tina.us"));

    let audited = |user: &str, status: u16| -> i64 {
        number(
            &ts,
            &format!(
                "SELECT count(*) FROM audit WHERE entity_id = 'BC-900001' AND user_name = '{user}' AND method = 'POST' AND status = {status}"
            ),
        )
    };
    assert!(audited("tina.us", 201) >= 1);
    assert!(audited("ana.us", 403) >= 1);
}

#[tokio::test]
async fn every_acquisition_gets_a_ranked_list_through_the_queue() {
    let ts = server().await;
    let inv = ts.client("ana.us");
    let mut ids = Vec::new();
    for (gun, i) in [("gun-Q", 0), ("gun-P", 0), ("gun-Q", 1)] {
        let c = inv
            .acquire_casing(
                &casing(gun, i, &format!("INC-{gun}-{i}")),
                &format!("{gun}{i}"),
            )
            .await
            .unwrap();
        ids.push(c.id);
    }
    ts.server.correlations_settled().await;
    let first = inv.correlations(&ids[0], None).await.unwrap();
    assert_eq!(first.state, CorrelationState::Unreviewed);
    assert!(
        first.candidates.is_empty(),
        "nothing earlier to compare with"
    );
    let last = inv.correlations(&ids[2], None).await.unwrap();
    assert_eq!(
        last.candidates.len(),
        2,
        "compared with every earlier casing"
    );
    let top = &last.candidates[0];
    assert_eq!(
        top.candidate_id, ids[0],
        "the same gun ranks first: {last:?}"
    );
    assert!(top.agreeing_cells.is_some() && top.usable_cells.is_some());
    let (best, other) = (&last.candidates[0], &last.candidates[1]);
    assert!(best.false_match_rate < other.false_match_rate, "{last:?}");
    assert!(!last.overdue && last.due_at > Utc::now() + Duration::hours(47));
    // An empty list (the first casing) has nothing to review; the others wait, oldest first.
    let queue = inv.reviews(&ReviewQuery::default()).await.unwrap();
    let queued: Vec<&str> = queue.items.iter().map(|i| i.casing_id.as_str()).collect();
    assert_eq!(queued, [ids[1].as_str(), ids[2].as_str()]);
}
