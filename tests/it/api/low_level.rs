//! Low-level refusals — a request hyper cannot parse, a URI too long to hold, a bad header, a
//! malformed path or query, a framework rejection — answer in the same JSON error shape as
//! everything else, never with an empty or text body. Sent as raw bytes, since a well-behaved
//! HTTP client refuses to send most of them.

use std::io::{Read, Write};

use super::harness::*;
use serde_json::Value;

/// Sends `head` (and `body`) on a fresh connection and reads the whole answer (the request asks
/// the server to close, and hyper closes after a parse error anyway).
fn raw(ts: &TestServer, head: &[u8], body: &[u8]) -> (u16, String, Value) {
    let addr = ts.server.addr;
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.write_all(head).unwrap();
    s.write_all(body).unwrap();
    let mut out = Vec::new();
    // The server may close while we are still writing a huge request; what it answered counts.
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no answer head in {text:?}"));
    let status: u16 = head[9..12].parse().unwrap();
    let v = serde_json::from_str(body).unwrap_or_else(|e| panic!("{status}: body {body:?}: {e}"));
    (status, head.to_ascii_lowercase(), v)
}

fn get(path: &[u8], extra_headers: &[u8]) -> Vec<u8> {
    let mut req = b"GET ".to_vec();
    req.extend_from_slice(path);
    req.extend_from_slice(b" HTTP/1.1\r\nHost: fwc\r\nAuthorization: Bearer tok-ana.us\r\n");
    req.extend_from_slice(extra_headers);
    req.extend_from_slice(b"Connection: close\r\n\r\n");
    req
}

#[track_caller]
fn expect_json_error(answer: (u16, String, Value), status: u16, code: &str) {
    let (got, head, v) = answer;
    assert_eq!(got, status, "{head}\n{v}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{v}"
    );
}

#[tokio::test]
async fn every_low_level_refusal_is_a_json_error() {
    let ts = server().await;
    // The raw requests block; run them off the server's runtime threads.
    let ts = std::sync::Arc::new(ts);
    let t = ts.clone();
    tokio::task::spawn_blocking(move || {
        let ts = &*t;
        // Malformed paths: a broken escape, bytes that are not UTF-8.
        expect_json_error(raw(ts, &get(b"/v1/seizures/%zz", b""), b""), 400, "bad_request");
        expect_json_error(
            raw(ts, &get(b"/v1/seizures/SZ-%FF%FE", b""), b""),
            400,
            "bad_request",
        );
        // A URI longer than hyper holds (414), and a long id it does hold (refused by us).
        let huge = [b"/v1/seizures/".as_slice(), &[b'S'; 70_000]].concat();
        expect_json_error(raw(ts, &get(&huge, b""), b""), 414, "uri_too_long");
        let long = [b"/v1/seizures/".as_slice(), &[b'S'; 9_000]].concat();
        expect_json_error(raw(ts, &get(&long, b""), b""), 400, "bad_request");
        // Bad query strings: a number that is not one, a broken escape.
        expect_json_error(
            raw(ts, &get(b"/v1/seizures?limit=abc", b""), b""),
            400,
            "bad_request",
        );
        expect_json_error(
            raw(ts, &get(b"/v1/seizures?limit=%ff", b""), b""),
            400,
            "bad_request",
        );
        // A request line hyper cannot parse at all.
        expect_json_error(raw(ts, b"GARBAGE\r\n\r\n", b""), 400, "bad_request");
        // Bad headers: a name with a space, a length that is not a number, headers too large,
        // header values our extractors refuse.
        expect_json_error(
            raw(ts, &get(b"/v1/me", b"Bad Header: y\r\n"), b""),
            400,
            "bad_request",
        );
        expect_json_error(
            raw(ts, &get(b"/v1/me", b"Content-Length: abc\r\n"), b""),
            400,
            "bad_request",
        );
        let big = [b"X-Big: ".as_slice(), &[b'a'; 600_000], b"\r\n"].concat();
        expect_json_error(
            raw(ts, &get(b"/v1/me", &big), b""),
            431,
            "headers_too_large",
        );
        expect_json_error(
            raw(ts, &get(b"/v1/events", b"Last-Event-ID: abc\r\n"), b""),
            400,
            "bad_request",
        );
        let post = |extra: &[u8], body: &[u8]| {
            let mut h = b"POST /v1/cases HTTP/1.1\r\nHost: fwc\r\nAuthorization: Bearer tok-ana.us\r\n"
                .to_vec();
            h.extend_from_slice(extra);
            h.extend_from_slice(b"Connection: close\r\n\r\n");
            raw(ts, &h, body)
        };
        let json = b"Content-Type: application/json\r\n";
        expect_json_error(
            post(
                &[json.as_slice(), b"Idempotency-Key: \xff\xfe\r\nContent-Length: 2\r\n"].concat(),
                b"{}",
            ),
            400,
            "bad_request",
        );
        // Framework rejections: a broken chunked body, no content type, bad JSON, a wrong
        // method, an unknown path.
        expect_json_error(
            post(
                &[json.as_slice(), b"Transfer-Encoding: chunked\r\n"].concat(),
                b"zz\r\n",
            ),
            400,
            "bad_request",
        );
        expect_json_error(
            post(b"Content-Length: 7\r\n", b"title=x"),
            415,
            "unsupported_media_type",
        );
        expect_json_error(
            post(&[json.as_slice(), b"Content-Length: 5\r\n"].concat(), b"{nope"),
            400,
            "bad_request",
        );
        let del = b"DELETE /v1/seizures HTTP/1.1\r\nHost: fwc\r\nAuthorization: Bearer tok-ana.us\r\nConnection: close\r\n\r\n";
        expect_json_error(raw(ts, del, b""), 405, "method_not_allowed");
        expect_json_error(raw(ts, &get(b"/v1/nowhere", b""), b""), 404, "not_found");
    })
    .await
    .unwrap();
    // The server is still serving.
    assert!(ts.client("ana.us").me().await.is_ok());
}
