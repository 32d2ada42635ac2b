//! Watches fire on the server on committed changes and leave alerts for their owner alone:
//! each kind on its event, need-to-know at firing time, another user's watch invisible, the
//! per-user limits, the `alert` event on the owner's stream, marking read.

use std::time::{Duration, Instant};

use futures_util::{Stream, StreamExt};
use fwc::api::{ApiClient, ApiError};
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::harness::*;
use crate::support::cases::{call, case_with};

type Events = std::pin::Pin<Box<dyn Stream<Item = Result<Event, ApiError>> + Send>>;

fn stream(c: &ApiClient) -> Events {
    Box::pin(c.events(Some(0)))
}

/// Waits for `alert` events until the owner's alert list holds one that `pred` accepts.
async fn alert_where(events: &mut Events, c: &ApiClient, pred: impl Fn(&Alert) -> bool) -> Alert {
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            let all = c.alerts(&AlertQuery::default()).await.unwrap();
            if let Some(a) = all.into_iter().find(|a| pred(a)) {
                return a;
            }
            loop {
                match events.next().await {
                    Some(Ok(ev)) if ev.kind == EventKind::Alert => break,
                    Some(_) => continue,
                    None => panic!("stream ended"),
                }
            }
        }
    })
    .await
    .expect("the alert arrives")
}

async fn watch(c: &ApiClient, name: &str, kind: WatchKind, value: &str) -> Watch {
    let new = NewWatch {
        name: name.into(),
        kind,
        value: Some(value.into()),
        filter: None,
    };
    c.create_watch(&new, &format!("w-{}", name.replace(' ', "-")))
        .await
        .unwrap()
}

async fn post_watch(ts: &TestServer, user: &str, body: Value) -> (StatusCode, Value) {
    call(ts, user, Method::POST, "/v1/watches", Some(body)).await
}

fn trace_request(firearm_id: &str) -> TraceRequest {
    TraceRequest {
        firearm_id: firearm_id.into(),
        priority: TracePriority::Routine,
        justification: None,
        crime_code: "5212".into(),
        case_number: None,
    }
}

/// Waits for the trace's `trace_completed` event and reads the trace.
async fn completed(events: &mut Events, c: &ApiClient, trace_id: &str) -> Trace {
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match events.next().await {
                Some(Ok(ev))
                    if ev.kind == EventKind::TraceCompleted && ev.entity_id == trace_id =>
                {
                    return c.trace(trace_id).await.unwrap();
                }
                Some(_) => continue,
                None => panic!("stream ended"),
            }
        }
    })
    .await
    .expect("the trace completes")
}

#[tokio::test]
async fn serial_model_and_seizure_watches_fire_on_a_new_seizure() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let mut events = stream(&ana);
    let exact = watch(&ana, "exact serial", WatchKind::Serial, "tst100234").await;
    assert_eq!(exact.value.as_deref(), Some("TST100234"), "normalised");
    let pattern = watch(&ana, "pattern", WatchKind::Serial, "*1007?7").await;
    let prefix = watch(&ana, "prefix", WatchKind::Serial, "TST1*").await;
    let miss = watch(&ana, "other serial", WatchKind::Serial, "ZZZ*").await;
    let model = watch(&ana, "ak", WatchKind::Model, "test arms / AK type").await;
    let make = watch(&ana, "make", WatchKind::Model, "Test Arms").await;
    let (status, laredo) = post_watch(
        &ts,
        "ana.us",
        json!({"name": "Laredo mags", "kind": "seizures", "filter": {"port": "laredo", "items": "magazine"}}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{laredo}");
    let (_, sonora) = post_watch(
        &ts,
        "ana.us",
        json!({"name": "Sonora", "kind": "seizures", "filter": {"state": "Sonora"}}),
    )
    .await;
    let paused = watch(&ana, "paused", WatchKind::Serial, "TST100234").await;
    let upd = WatchUpdate {
        paused: Some(true),
        name: Some("paused one".into()),
    };
    let p = ana.update_watch(&paused.id, &upd).await.unwrap();
    assert!(p.paused);
    assert_eq!(p.name, "paused one");

    let s = ana.create_seizure(&sample_seizure(), "s1").await.unwrap();
    let laredo_id = laredo["id"].as_str().unwrap().to_string();
    for id in [
        &exact.id,
        &pattern.id,
        &prefix.id,
        &model.id,
        &make.id,
        &laredo_id,
    ] {
        let a = alert_where(&mut events, &ana, |a| a.watch_id == *id).await;
        assert_eq!(a.entity_id, s.id);
        assert_eq!(a.event_kind, EventKind::SeizureCreated);
        assert!(!a.read);
    }
    // Every alert of that change is written in one transaction: the others are final now.
    let fired: Vec<String> = ana
        .alerts(&AlertQuery::default())
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.watch_id)
        .collect();
    assert_eq!(fired.len(), 6, "{fired:?}");
    for silent in [&miss.id, sonora["id"].as_str().unwrap(), &paused.id] {
        assert!(!fired.iter().any(|f| f == silent), "{silent} fired");
    }
    let listed = ana.watches().await.unwrap();
    let count = |id: &str| listed.iter().find(|w| w.id == id).unwrap().fired;
    assert_eq!(count(&exact.id), 1);
    assert_eq!(count(&paused.id), 0);
}

#[tokio::test]
async fn trace_lead_and_case_watches_fire_on_their_events() {
    let ts = server_with(seed_small_into).await;
    let ana = ts.client("ana.us");
    let mut events = stream(&ana);

    // Find a firearm whose trace completes to a purchaser: a trace's outcome is derived from
    // the firearm, so tracing it again completes to the same dealer and purchaser.
    let guns = ana
        .firearms(&FirearmQuery {
            limit: Some(40),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut found = None;
    for (i, g) in guns.items.iter().enumerate() {
        let t = ana
            .submit_trace(&trace_request(&g.id), &format!("probe-{i}"))
            .await
            .unwrap();
        let t = completed(&mut events, &ana, &t.id).await;
        if t.status == TraceStatus::Completed && t.dealer_license.is_some() {
            found = Some(t);
            break;
        }
    }
    let first = found.expect("a seeded firearm traces to a purchaser");
    let dealer = first.dealer_license.clone().unwrap();
    let purchaser = first.purchaser_id.clone().unwrap();
    let wd = watch(&ana, "dealer", WatchKind::Dealer, &dealer).await;
    let wp = watch(&ana, "buyer", WatchKind::Purchaser, &purchaser).await;
    let wf = watch(&ana, "gun", WatchKind::Firearm, &first.firearm_id).await;
    let again = ana
        .submit_trace(&trace_request(&first.firearm_id), "again")
        .await
        .unwrap();
    for id in [&wd.id, &wp.id, &wf.id] {
        let a = alert_where(&mut events, &ana, |a| a.watch_id == *id).await;
        assert_eq!(a.entity_id, again.id);
        assert_eq!(a.event_kind, EventKind::TraceCompleted);
    }

    // A confirmed hit touches its casings and their cluster.
    let lead = ana
        .leads(&LeadQuery {
            status: Some(LeadStatus::Pending),
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .next()
        .expect("a pending lead");
    let wc = watch(&ana, "casing", WatchKind::Casing, &lead.casing_id).await;
    let wk = watch(&ana, "cluster", WatchKind::Cluster, &lead.candidate_id).await;
    let confirm = LeadDecision {
        decision: Decision::Confirm,
        comment: Some("same breech face".into()),
    };
    ts.client("eva.us")
        .decide_lead(&lead.id, &confirm, "confirm")
        .await
        .unwrap();
    for id in [&wc.id, &wk.id] {
        let a = alert_where(&mut events, &ana, |a| a.watch_id == *id).await;
        assert_eq!(a.entity_id, lead.id);
        assert_eq!(a.event_kind, EventKind::LeadDecided);
    }

    // A case watch fires on a note.
    let case = ana
        .create_case(&case_with("Watched", vec![]), "c")
        .await
        .unwrap();
    let wcase = watch(&ana, "case", WatchKind::Case, &case.id).await;
    let note = ana
        .add_note(
            &case.id,
            &NewNote {
                body: "new lead".into(),
            },
            "n",
        )
        .await
        .unwrap();
    let a = alert_where(&mut events, &ana, |a| a.watch_id == wcase.id).await;
    assert_eq!(a.entity_id, note.id);
    assert_eq!(a.case_id.as_deref(), Some(case.id.as_str()));
}

#[tokio::test]
async fn a_watch_never_reveals_a_case_its_owner_cannot_see() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let ben = ts.client("ben.us");
    let case = ana
        .create_case(&case_with("ATF only", vec![]), "c")
        .await
        .unwrap();
    // A case watch on a case ben is not in: the same 404 as a case that does not exist.
    let body = |v: &str| json!({"name": "peek", "kind": "case", "value": v});
    let (s1, e1) = post_watch(&ts, "ben.us", body(&case.id)).await;
    let (s2, e2) = post_watch(&ts, "ben.us", body("CS-2026-9999")).await;
    assert_eq!((s1, s2), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
    assert_eq!(
        e1["error"]["message"]
            .as_str()
            .unwrap()
            .replace(&case.id, "X"),
        e2["error"]["message"]
            .as_str()
            .unwrap()
            .replace("CS-2026-9999", "X")
    );

    // Ben is added, watches the case, and is removed: the next note fires for ana only.
    let member = CaseMember {
        agency: "HSI El Paso".into(),
        country: Country::US,
        user: Some("ben.us".into()),
    };
    let sam = ts.client("sam.us");
    sam.add_member(&case.id, &member, "add-ben").await.unwrap();
    let bens = watch(&ben, "ben case", WatchKind::Case, &case.id).await;
    let anas = watch(&ana, "ana case", WatchKind::Case, &case.id).await;
    let gone = MemberRef {
        agency: "HSI El Paso".into(),
        user: Some("ben.us".into()),
    };
    sam.remove_member(&case.id, &gone).await.unwrap();
    let mut events = stream(&ana);
    ana.add_note(
        &case.id,
        &NewNote {
            body: "secret".into(),
        },
        "n",
    )
    .await
    .unwrap();
    alert_where(&mut events, &ana, |a| a.watch_id == anas.id).await;
    // Ben's watch was evaluated on the same change, in the same pass: nothing for him.
    let his = ben.alerts(&AlertQuery::default()).await.unwrap();
    assert!(his.is_empty(), "{his:?}");
    assert_eq!(ben.watches().await.unwrap()[0].id, bens.id);
}

#[tokio::test]
async fn another_users_watches_and_alerts_are_not_found() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let mut events = stream(&ana);
    let w = watch(&ana, "mine", WatchKind::Serial, "TST100234").await;
    ana.create_seizure(&sample_seizure(), "s").await.unwrap();
    let alert = alert_where(&mut events, &ana, |a| a.watch_id == w.id).await;

    assert!(ts.client("ben.us").watches().await.unwrap().is_empty());
    let path = format!("/v1/watches/{}", w.id);
    let (s, e) = call(&ts, "ben.us", Method::DELETE, &path, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{e}");
    let (s, _) = call(
        &ts,
        "ben.us",
        Method::PATCH,
        &path,
        Some(json!({"paused": true})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let read = format!("/v1/alerts/{}/read", alert.id);
    let (s, _) = call(&ts, "ben.us", Method::POST, &read, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = call(
        &ts,
        "ben.us",
        Method::DELETE,
        "/v1/watches/WA-9999999",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The owner deletes it: answered with the watch, then gone.
    let (s, v) = call(&ts, "ana.us", Method::DELETE, &path, None).await;
    assert_eq!((s, v["id"].as_str()), (StatusCode::OK, Some(w.id.as_str())));
    assert!(ana.watches().await.unwrap().is_empty());
}

#[tokio::test]
async fn watches_are_validated_and_limited_per_user() {
    let ts = server().await;
    let bad = [
        json!({"name": "", "kind": "serial", "value": "A1"}),
        json!({"name": "x".repeat(81), "kind": "serial", "value": "A1"}),
        json!({"name": "a\u{1b}[2Jb", "kind": "serial", "value": "A1"}),
        json!({"name": "n", "kind": "serial", "value": "AB[1]"}),
        json!({"name": "n", "kind": "serial"}),
        json!({"name": "n", "kind": "sorcery", "value": "A1"}),
        json!({"name": "n", "kind": "seizures"}),
        json!({"name": "n", "kind": "seizures", "filter": {}}),
        json!({"name": "n", "kind": "seizures", "filter": {"colour": "red"}}),
        json!({"name": "n", "kind": "seizures", "value": "x", "filter": {"port": "Laredo"}}),
        json!({"name": "n", "kind": "dealer", "value": "../etc"}),
        json!({"name": "n", "kind": "firearm", "value": "FA-0000001"}),
        json!({"name": "n", "kind": "model", "value": "a/b/c/d"}),
    ];
    for b in bad {
        let (s, e) = post_watch(&ts, "ana.us", b.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b} → {e}");
        assert!(e["error"]["message"].as_str().is_some(), "{e}");
    }
    // An Idempotency-Key makes a retried create one watch.
    let ana = ts.client("ana.us");
    let new = NewWatch {
        name: "once".into(),
        kind: WatchKind::Serial,
        value: Some("ONCE1".into()),
        filter: None,
    };
    let a = ana.create_watch(&new, "same").await.unwrap();
    let b = ana.create_watch(&new, "same").await.unwrap();
    assert_eq!(a.id, b.id);
    for i in 1..MAX_WATCHES_PER_USER {
        let (s, e) = post_watch(
            &ts,
            "ana.us",
            json!({"name": format!("w{i}"), "kind": "serial", "value": format!("S{i}")}),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{e}");
    }
    let (s, e) = post_watch(
        &ts,
        "ana.us",
        json!({"name": "one more", "kind": "serial", "value": "X1"}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        e["error"]["message"].as_str().unwrap().contains("200"),
        "{e}"
    );
    // The limit is per user.
    let (s, _) = post_watch(
        &ts,
        "ben.us",
        json!({"name": "bens", "kind": "serial", "value": "X1"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test]
async fn the_alert_reaches_the_owners_stream_only() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let ben = ts.client("ben.us");
    let mut anas = stream(&ana);
    let mut bens = stream(&ben);
    watch(&ana, "rifles at Laredo", WatchKind::Serial, "TST100777").await;
    let start = Instant::now();
    let s = ben.create_seizure(&sample_seizure(), "s").await.unwrap();
    let ev = loop {
        match tokio::time::timeout(Duration::from_secs(20), anas.next()).await {
            Ok(Some(Ok(ev))) if ev.kind == EventKind::Alert => break ev,
            Ok(Some(_)) => continue,
            other => panic!("no alert: {other:?}"),
        }
    };
    // Reported, not asserted (tests do not time); `fwc bench watches` measures delivery.
    eprintln!(
        "alert on the owner's stream {:?} after the write",
        start.elapsed()
    );
    assert_eq!(ev.user.as_deref(), Some("ana.us"));
    assert!(
        ev.summary.starts_with("rifles at Laredo: "),
        "{}",
        ev.summary
    );
    assert!(ev.summary.contains(&s.id));

    // Ben's stream carries the seizure and then his next change, but never ana's alert.
    let mut other = sample_seizure();
    other.summary = "marker".into();
    let marker = ben.create_seizure(&other, "m").await.unwrap();
    loop {
        let ev = tokio::time::timeout(Duration::from_secs(20), bens.next())
            .await
            .expect("ben's events")
            .expect("stream open")
            .unwrap();
        assert_ne!(ev.kind, EventKind::Alert, "ben received {ev:?}");
        if ev.entity_id == marker.id {
            break;
        }
    }
}

#[tokio::test]
async fn alerts_are_marked_read_and_filtered_by_unread() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let mut events = stream(&ana);
    let w = watch(&ana, "any test gun", WatchKind::Serial, "TST*").await;
    let s1 = ana.create_seizure(&sample_seizure(), "s1").await.unwrap();
    alert_where(&mut events, &ana, |a| a.entity_id == s1.id).await;
    let s2 = ana.create_seizure(&sample_seizure(), "s2").await.unwrap();
    let newest = alert_where(&mut events, &ana, |a| a.entity_id == s2.id).await;

    let all = ana.alerts(&AlertQuery::default()).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].id, newest.id, "newest first");
    assert!(all.iter().all(|a| a.watch_id == w.id && !a.read));
    let read = ana.mark_alert_read(&all[1].id).await.unwrap();
    assert!(read.read);
    // Marking again is harmless.
    assert!(ana.mark_alert_read(&all[1].id).await.unwrap().read);
    let unread = |u| AlertQuery {
        unread: Some(u),
        limit: None,
    };
    let u = ana.alerts(&unread(true)).await.unwrap();
    assert_eq!(u.iter().map(|a| &a.id).collect::<Vec<_>>(), [&newest.id]);
    let r = ana.alerts(&unread(false)).await.unwrap();
    assert_eq!(r.iter().map(|a| &a.id).collect::<Vec<_>>(), [&all[1].id]);
    let (s, _) = call(&ts, "ana.us", Method::GET, "/v1/alerts?limit=0", None).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}
