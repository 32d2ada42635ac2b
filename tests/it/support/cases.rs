//! Helpers of the case API tests: raw calls as a user, case and note bodies, and waiting for
//! one kind of event on a stream.

use std::time::Duration;

use futures_util::StreamExt;
use fwc::model::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// A request as a user; the answer's status and JSON body (Null when there is none).
pub async fn call(
    ts: &super::server::TestServer,
    user: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut rb = ts
        .http()
        .request(method, ts.url(path))
        .bearer_auth(super::server::token(user));
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let resp = rb.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

pub fn case_with(title: &str, members: Vec<CaseMember>) -> NewCase {
    NewCase {
        title: title.into(),
        members,
    }
}

pub fn agency(name: &str, country: Country) -> CaseMember {
    CaseMember {
        agency: name.into(),
        country,
        user: None,
    }
}

pub fn note(body: &str) -> NewNote {
    NewNote { body: body.into() }
}

/// The 403 message for lack of membership: the same answer as for a case that does not exist.
pub const MEMBERSHIP_403: &str = "does not exist or you are not a member of it";

/// The next event of `kind` on the stream (others are skipped), within 10 s.
pub async fn next_event<
    S: futures_util::Stream<Item = Result<Event, fwc::api::ApiError>> + Unpin,
>(
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
