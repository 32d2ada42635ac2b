//! Ballistic acquisition, correlation, lead review and clusters over real HTTP.

use super::harness::*;
use fwc::api::ApiErrorKind;
use fwc::model::*;

#[tokio::test]
async fn a_same_gun_casing_ranks_first_and_only_an_examiner_confirms() {
    let ts = server().await;
    let inv = ts.client("ana.us");
    let exam = ts.client("eva.us");
    // Earlier scenes: two guns, two casings each, plus distractors from other guns.
    let mut stored = Vec::new();
    for (gun, n) in [
        ("gun-A", 2),
        ("gun-B", 2),
        ("gun-C", 1),
        ("gun-D", 1),
        ("gun-E", 1),
    ] {
        for i in 0..n {
            let c = inv
                .acquire_casing(
                    &casing(gun, i, &format!("INC-{gun}-{i}")),
                    &format!("{gun}-{i}"),
                )
                .await
                .unwrap();
            stored.push((gun, c.id));
        }
    }
    // A new scene fired by gun A.
    let new = inv
        .acquire_casing(&casing("gun-A", 7, "INC-NEW"), "new")
        .await
        .unwrap();
    ts.server.correlations_settled().await;
    let leads = inv
        .leads(&LeadQuery {
            casing_id: Some(new.id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!leads.items.is_empty(), "no lead for a same-gun casing");
    let best = &leads.items[0];
    let gun_of = |id: &str| stored.iter().find(|(_, c)| c == id).map(|(g, _)| *g);
    assert_eq!(
        gun_of(&best.candidate_id),
        Some("gun-A"),
        "top lead is not the same gun: {best:?}"
    );
    assert_eq!(best.status, LeadStatus::Pending);

    // An investigator cannot confirm; an examiner can; the decision is stored and audited.
    let confirm = LeadDecision {
        decision: Decision::Confirm,
        comment: Some("breech face and pin agree".into()),
    };
    let err = inv.decide_lead(&best.id, &confirm, "d1").await.unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::Forbidden);
    let decided = exam.decide_lead(&best.id, &confirm, "d2").await.unwrap();
    assert_eq!(decided.status, LeadStatus::Confirmed);
    assert_eq!(decided.decided_by.as_deref(), Some("eva.us"));
    assert_eq!(
        inv.lead(&best.id).await.unwrap().status,
        LeadStatus::Confirmed
    );

    // The hit ties the two incidents into a cluster.
    let cluster = inv.cluster(&new.id).await.unwrap();
    let ids: Vec<&str> = cluster.casings.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&new.id.as_str()) && ids.contains(&best.candidate_id.as_str()));
    assert_eq!(cluster.hits.len(), 1);

    // Others may exclude or mark inconclusive, with a comment.
    if let Some(other) = leads.items.get(1) {
        let d = LeadDecision {
            decision: Decision::Inconclusive,
            comment: Some("worn primer".into()),
        };
        assert_eq!(
            inv.decide_lead(&other.id, &d, "d3").await.unwrap().status,
            LeadStatus::Inconclusive
        );
    }

    let db = ts.db.clone();
    ts.server.shutdown().await.unwrap();
    let trail = blocking(|| store(&db).audit_for_entity(&best.id, 10)).unwrap();
    assert!(
        trail
            .iter()
            .any(|a| a.user.as_deref() == Some("ana.us") && a.status == 403)
    );
    assert!(
        trail
            .iter()
            .any(|a| a.user.as_deref() == Some("eva.us") && a.status == 200 && a.method == "POST")
    );
}

#[tokio::test]
async fn bad_casings_are_refused() {
    let ts = server().await;
    let c = ts.client("ana.us");
    let mut bad = casing("gun-A", 0, "INC-1");
    bad.image = "not base64!".into();
    assert_eq!(
        c.acquire_casing(&bad, "b1").await.unwrap_err().kind,
        ApiErrorKind::Invalid
    );
    let mut bad = casing("gun-A", 0, "INC-1");
    bad.image_size = 40;
    assert_eq!(
        c.acquire_casing(&bad, "b2").await.unwrap_err().kind,
        ApiErrorKind::Invalid
    );
    let d = LeadDecision {
        decision: Decision::Exclude,
        comment: None,
    };
    assert_eq!(
        c.decide_lead("BL-999999", &d, "b3").await.unwrap_err().kind,
        ApiErrorKind::NotFound
    );
}
