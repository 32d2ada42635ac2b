//! A confirmed hit can be reopened — by an examiner, with the reason on record.

use super::harness::*;
use fwc::api::ApiErrorKind;
use fwc::model::*;

#[tokio::test]
async fn an_examiner_reopens_a_confirmed_hit_with_a_reason() {
    let ts = server().await;
    let inv = ts.client("ana.us");
    let exam = ts.client("eva.us");
    inv.acquire_casing(&casing("gun-R", 0, "INC-R0"), "r0")
        .await
        .unwrap();
    let new = inv
        .acquire_casing(&casing("gun-R", 1, "INC-R1"), "r1")
        .await
        .unwrap();
    ts.server.correlations_settled().await;
    let q = LeadQuery {
        casing_id: Some(new.id.clone()),
        ..Default::default()
    };
    let lead = inv.leads(&q).await.unwrap().items.remove(0);
    let confirm = LeadDecision {
        decision: Decision::Confirm,
        comment: Some("agree".into()),
    };
    exam.decide_lead(&lead.id, &confirm, "c").await.unwrap();
    // From the log's start, so the subscription cannot miss what follows.
    let mut events = Box::pin(inv.events(Some(0)));

    let exclude = |comment: Option<&str>| LeadDecision {
        decision: Decision::Exclude,
        comment: comment.map(Into::into),
    };
    // An investigator cannot reopen it; an examiner cannot without a reason.
    let err = inv
        .decide_lead(&lead.id, &exclude(Some("looks off")), "x1")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::Forbidden);
    assert!(err.message.contains("examiner"), "{}", err.message);
    let err = exam
        .decide_lead(&lead.id, &exclude(Some("  ")), "x2")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ApiErrorKind::Invalid);
    assert_eq!(
        inv.lead(&lead.id).await.unwrap().status,
        LeadStatus::Confirmed
    );
    // With a reason it is reopened: stored, announced and audited.
    let why = "second comparison: firing pin differs";
    let reopened = exam
        .decide_lead(&lead.id, &exclude(Some(why)), "x3")
        .await
        .unwrap();
    assert_eq!(reopened.status, LeadStatus::Excluded);
    assert_eq!(reopened.comment.as_deref(), Some(why));
    let ev = loop {
        let ev = crate::support::cases::next_event(&mut events, EventKind::LeadDecided).await;
        if ev.summary.contains("reopened") {
            break ev;
        }
    };
    assert!(
        ev.summary.contains("reopened") && ev.summary.contains(why),
        "{}",
        ev.summary
    );
    let audited = number(
        &ts,
        &format!(
            "SELECT count(*) FROM audit WHERE entity_id = '{}' AND user_name = 'eva.us' AND method = 'POST' AND status = 200",
            lead.id
        ),
    );
    assert_eq!(audited, 2, "confirmation and reopening");
}
