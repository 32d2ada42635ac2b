//! The SSE stream delivers writes, resumes from Last-Event-ID, and keeps case events to members.

use super::harness::*;
use std::time::Duration;

use futures_util::StreamExt;
use fwc::model::*;

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
async fn sse_delivers_a_write_and_resumes_from_last_event_id() {
    let ts = server().await;
    let c = ts.client("ana.us");
    // Subscribe from the start of the (empty) log, so the first write's event arrives whether it
    // happens before or after the stream connects.
    let mut live = Box::pin(c.events(Some(0)));
    let s1 = c.create_seizure(&sample_seizure(), "e1").await.unwrap();
    let ev1 = next_event(&mut live, EventKind::SeizureCreated).await;
    assert_eq!(ev1.entity_id, s1.id);
    drop(live);

    // While disconnected, two more changes happen.
    let s2 = c.create_seizure(&sample_seizure(), "e2").await.unwrap();
    c.update_seizure(
        &s2.id,
        &SeizureUpdate {
            status: TriageStatus::InReview,
        },
        "e3",
    )
    .await
    .unwrap();

    // Resuming with Last-Event-ID = ev1.id replays exactly what was missed, in order.
    let http = ts.http();
    let resp = http
        .get(ts.url("/v1/events"))
        .bearer_auth(token("ana.us"))
        .header("Last-Event-ID", ev1.id.to_string())
        .send()
        .await
        .unwrap();
    let mut body = resp.bytes_stream();
    let mut text = String::new();
    while !(text.contains("seizure_created") && text.contains("seizure_updated")) {
        let chunk = tokio::time::timeout(Duration::from_secs(10), body.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(
        !text.contains(&format!("\"entity_id\":\"{}\"", s1.id)),
        "already-seen event replayed: {text}"
    );
    let created = text.find("seizure_created").unwrap();
    let updated = text.find("seizure_updated").unwrap();
    assert!(created < updated);
    assert!(text.contains(&format!("id: {}", ev1.id + 1)));
}

#[tokio::test]
async fn case_events_reach_members_only() {
    let ts = server().await;
    let us = ts.client("ana.us");
    let mx = ts.client("luis.mx");
    let mut us_events = Box::pin(us.events(Some(0)));
    let mut mx_events = Box::pin(mx.events(Some(0)));
    let private = us
        .create_case(
            &NewCase {
                title: "US only".into(),
                members: vec![],
            },
            "p",
        )
        .await
        .unwrap();
    us.add_note(
        &private.id,
        &NewNote {
            body: "private".into(),
        },
        "pn",
    )
    .await
    .unwrap();
    let joint = us
        .create_case(
            &NewCase {
                title: "Joint".into(),
                members: vec![CaseMember {
                    agency: "FGR".into(),
                    country: Country::MX,
                    user: None,
                }],
            },
            "j",
        )
        .await
        .unwrap();
    let note = us
        .add_note(
            &joint.id,
            &NewNote {
                body: "compartido".into(),
            },
            "jn",
        )
        .await
        .unwrap();

    let ev = next_event(&mut us_events, EventKind::NoteAdded).await;
    assert_eq!(ev.case_id.as_deref(), Some(private.id.as_str()));
    // The MX member's first note event is the joint one: the private note never reached it.
    let ev = next_event(&mut mx_events, EventKind::NoteAdded).await;
    assert_eq!(ev.entity_id, note.id);
    assert_eq!(ev.case_id.as_deref(), Some(joint.id.as_str()));
}
