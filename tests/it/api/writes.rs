//! Writes over real HTTP: seizures, traces through their lifecycle, idempotent retries, ETags.

use super::harness::*;
use fwc::model::*;
use reqwest::StatusCode;

#[tokio::test]
async fn a_seizure_is_logged_traced_and_completes() {
    let ts = server().await;
    let c = ts.client("ana.us");
    let s = c
        .create_seizure(&sample_seizure(), "k-seizure-1")
        .await
        .unwrap();
    assert!(s.id.starts_with("SZ-"));
    assert_eq!(s.firearm_count(), 2);
    assert_eq!(s.agency, "ATF Phoenix FD");
    let fa_id = s.items[0].firearm_id.clone().unwrap();

    let found = c
        .firearms(&FirearmQuery {
            serial: Some("*100?34".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, fa_id);

    let req = TraceRequest {
        firearm_id: fa_id.clone(),
        priority: TracePriority::Routine,
        justification: None,
        crime_code: "5212".into(),
        case_number: Some("PHX-26-001".into()),
    };
    let t = c.submit_trace(&req, "k-trace-1").await.unwrap();
    assert_eq!(t.status, TraceStatus::Submitted);
    assert_eq!(
        c.seizure(&s.id).await.unwrap().status,
        TriageStatus::TracesRequested
    );

    // The stand-in for the dealers answers within the configured delay; wait on the event.
    let mut events = Box::pin(c.events(Some(0)));
    use futures_util::StreamExt;
    let done = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        while let Some(ev) = events.next().await {
            if let Ok(ev) = ev
                && ev.kind == EventKind::TraceCompleted
                && ev.entity_id == t.id
            {
                return true;
            }
        }
        false
    })
    .await
    .unwrap();
    assert!(done);
    let t = c.trace(&t.id).await.unwrap();
    assert!(matches!(
        t.status,
        TraceStatus::Completed | TraceStatus::NotTraceable
    ));
    assert!(!t.chain.is_empty());
    assert_eq!(t.chain[0].role, ChainRole::Manufacturer);
    ts.server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_retried_write_with_the_same_key_is_applied_once() {
    let ts = server().await;
    let http = ts.http();
    let body = serde_json::to_string(&sample_seizure()).unwrap();
    let post = || {
        http.post(ts.url("/v1/seizures"))
            .bearer_auth(token("ana.us"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "retry-me")
            .body(body.clone())
            .send()
    };
    let a = post().await.unwrap();
    assert_eq!(a.status(), StatusCode::CREATED);
    let a: Seizure = a.json().await.unwrap();
    let b = post().await.unwrap();
    assert_eq!(b.status(), StatusCode::CREATED);
    assert_eq!(b.headers().get("idempotent-replayed").unwrap(), "true");
    let b: Seizure = b.json().await.unwrap();
    assert_eq!(a.id, b.id);
    let page = ts
        .client("ana.us")
        .seizures(&SeizureQuery::default())
        .await
        .unwrap();
    assert_eq!(
        page.items.len(),
        1,
        "the retry must not create a second seizure"
    );
    // The same key on a different request is refused, not answered with the first reply.
    let r = http
        .post(ts.url("/v1/cases"))
        .bearer_auth(token("ana.us"))
        .header("Idempotency-Key", "retry-me")
        .json(&NewCase {
            title: "x".into(),
            members: vec![],
        })
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "idempotency_key_reused", "{v}");
}

/// Replaying a key with a different body is a client bug (or a hostile retry): it is refused
/// with `422 idempotency_key_reused` and writes nothing; the same body, however spaced, is still
/// answered with the first reply.
#[tokio::test]
async fn the_same_key_with_a_different_body_is_refused() {
    let ts = server().await;
    let http = ts.http();
    let first = sample_seizure();
    let mut other = sample_seizure();
    other.summary = format!("{} (changed)", other.summary);
    let post = |body: String| {
        http.post(ts.url("/v1/seizures"))
            .bearer_auth(token("ana.us"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "key-1")
            .body(body)
            .send()
    };
    let a = post(serde_json::to_string(&first).unwrap()).await.unwrap();
    assert_eq!(a.status(), StatusCode::CREATED);
    let a: Seizure = a.json().await.unwrap();

    let r = post(serde_json::to_string(&other).unwrap()).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.headers().get("idempotent-replayed").is_none());
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "idempotency_key_reused", "{v}");

    // The same request, pretty-printed this time, still gets the first answer.
    let again = post(serde_json::to_string_pretty(&first).unwrap())
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers().get("idempotent-replayed").unwrap(), "true");
    let again: Seizure = again.json().await.unwrap();
    assert_eq!(again.id, a.id);
    assert_eq!(again.summary, first.summary);

    let page = ts
        .client("ana.us")
        .seizures(&SeizureQuery::default())
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1, "the refused body must write nothing");
}

#[tokio::test]
async fn an_unchanged_list_answers_304_to_its_etag() {
    let ts = server().await;
    ts.client("ana.us")
        .create_seizure(&sample_seizure(), "k1")
        .await
        .unwrap();
    let http = ts.http();
    let get = |etag: Option<String>| {
        let mut rb = http
            .get(ts.url("/v1/seizures"))
            .bearer_auth(token("ana.us"));
        if let Some(e) = etag {
            rb = rb.header("If-None-Match", e);
        }
        rb.send()
    };
    let first = get(None).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let etag = first
        .headers()
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let second = get(Some(etag.clone())).await.unwrap();
    assert_eq!(second.status(), StatusCode::NOT_MODIFIED);
    assert!(second.bytes().await.unwrap().is_empty());
    // A change makes the old tag stale.
    ts.client("ana.us")
        .create_seizure(&sample_seizure(), "k2")
        .await
        .unwrap();
    assert_eq!(get(Some(etag)).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let ts = server().await;
    let c = ts.client("ana.us");
    for i in 0..5 {
        c.create_seizure(&sample_seizure(), &format!("k{i}"))
            .await
            .unwrap();
    }
    let raw = reqwest::Client::builder()
        .no_gzip()
        .no_zstd()
        .build()
        .unwrap();
    for enc in ["gzip", "zstd"] {
        let r = raw
            .get(ts.url("/v1/seizures"))
            .bearer_auth(token("ana.us"))
            .header("Accept-Encoding", enc)
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers().get("content-encoding").unwrap(), enc);
    }
}

/// What the console's outbox relies on when an answer is lost: resending a note with the same
/// Idempotency-Key — one after the other, or racing each other — posts it once.
#[tokio::test]
async fn a_note_resent_with_the_same_key_is_posted_once() {
    let ts = server().await;
    let case = ts
        .client("ana.us")
        .create_case(
            &NewCase {
                title: "Replays".into(),
                members: vec![],
            },
            "k-case",
        )
        .await
        .unwrap();
    let http = ts.http();
    let path = format!("/v1/cases/{}/notes", case.id);
    let post = |key: &'static str| {
        http.post(ts.url(&path))
            .bearer_auth(token("ana.us"))
            .header("Idempotency-Key", key)
            .json(&NewNote {
                body: "Revisión conjunta: seis rifles, año próximo.".into(),
            })
            .send()
    };
    let first = post("note-once").await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Note = first.json().await.unwrap();
    let again = post("note-once").await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers().get("idempotent-replayed").unwrap(), "true");
    assert_eq!(again.json::<Note>().await.unwrap().id, first.id);

    // Three copies of another note in flight at once: one is applied, all get its answer.
    let (a, b, c) = tokio::join!(post("note-race"), post("note-race"), post("note-race"));
    let mut ids = Vec::new();
    for r in [a, b, c] {
        let r = r.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        ids.push(r.json::<Note>().await.unwrap().id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_ne!(ids[0], first.id);

    let notes = ts
        .client("ana.us")
        .notes(&case.id, &NoteQuery::default())
        .await
        .unwrap();
    assert_eq!(notes.items.len(), 2, "one note per key: {:#?}", notes.items);
    ts.server.shutdown().await.unwrap();
}

/// A trace requested through the API carries its firearm's make, model and calibre for the
/// list's filters (migration 9 copies them onto the trace so each filter pages from an index).
#[tokio::test]
async fn a_new_trace_is_found_by_its_firearms_make_model_and_calibre() {
    let ts = server().await;
    let c = ts.client("ana.us");
    let s = c
        .create_seizure(&sample_seizure(), "k-seizure-filters")
        .await
        .unwrap();
    let fa_id = s.items[0].firearm_id.clone().unwrap();
    let req = TraceRequest {
        firearm_id: fa_id.clone(),
        priority: TracePriority::Routine,
        justification: None,
        crime_code: "5212".into(),
        case_number: None,
    };
    let t = c.submit_trace(&req, "k-trace-filters").await.unwrap();
    let ids = |q: TraceQuery| {
        let c = c.clone();
        async move {
            c.traces(&q)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
        }
    };
    let by = |make: Option<&str>, model: Option<&str>, caliber: Option<&str>| TraceQuery {
        make: make.map(str::to_string),
        model: model.map(str::to_string),
        caliber: caliber.map(str::to_string),
        limit: Some(1000),
        ..Default::default()
    };
    assert_eq!(
        ids(by(Some("Test Arms"), None, None)).await,
        vec![t.id.clone()]
    );
    assert_eq!(
        ids(by(None, Some("AR-15 type"), None)).await,
        vec![t.id.clone()]
    );
    assert_eq!(ids(by(None, None, Some("5.56"))).await, vec![t.id.clone()]);
    assert_eq!(
        ids(by(Some("Test Arms"), Some("AR-15 type"), Some("5.56"))).await,
        vec![t.id.clone()]
    );
    // The other gun of the seizure was not traced; a different model finds nothing.
    assert!(
        ids(by(Some("Test Arms"), Some("AK type"), None))
            .await
            .is_empty()
    );
    ts.server.shutdown().await.unwrap();
}
