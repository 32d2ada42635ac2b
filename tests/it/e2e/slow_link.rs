//! Issue 15 item 4: the console at a field office, its terminal and its API both behind a
//! 64 kbit/s line with 300 ms each way (the throttling proxy in `support::throttle`). What it
//! asks for first, what a warm start needs, what an unchanged refresh and an idle event stream
//! cost. Times are printed (`--nocapture`), never asserted: they depend on the machine.

use std::io::{Read, Write};
use std::time::Instant;

use crate::support::process::{ServerProcess, free_port, seed};
use crate::support::pty::*;
use crate::support::throttle::{Link, ThrottleProxy};

/// The queue's first read asked for `limit` rows from the start (no cursor).
fn seizure_reads(proxy: &ThrottleProxy) -> Vec<String> {
    proxy
        .requests()
        .into_iter()
        .filter(|l| l.starts_with("GET /v1/seizures?"))
        .collect()
}

/// What one run of the console over a line measured.
struct Run {
    first_rows: std::time::Duration,
    api_down: u64,
    api_up: u64,
    screen: u64,
    switch: std::time::Duration,
    switch_screen: u64,
    /// Until the Trace pane's whole first page was in.
    switch_all: std::time::Duration,
    back: std::time::Duration,
}

/// Starts the console (its API at `url`, its terminal over `tty` if any), waits for the queue's
/// first rows, switches to the Trace pane and back, quits.
fn session(
    root: &std::path::Path,
    token: &str,
    url: &str,
    tty: Option<Link>,
    proxy: Option<&ThrottleProxy>,
) -> Run {
    let counts = || proxy.map_or((0, 0), |p| (p.down(), p.up()));
    let (down0, up0) = counts();
    let start = Instant::now();
    let mut c = signed_in_over(root, token, url, tty);
    c.wait_for("the first rows", |s| s.contains("SZ-"));
    let first_rows = start.elapsed();
    let (api_down, api_up) = (counts().0 - down0, counts().1 - up0);
    let screen = c.bytes();
    c.wait_for("the rest of the page and the link up", |s| {
        s.contains("online") && !s.contains("loading")
    });
    let pressed = Instant::now();
    let before = c.bytes();
    c.send("2");
    c.wait_for("the Trace pane with its rows", |s| {
        s.contains("Recent traces") && s.contains("TR-")
    });
    let switch = pressed.elapsed();
    let switch_screen = c.bytes() - before;
    c.wait_for("the rest of the Trace pane's page", |s| {
        s.contains("TR-") && !s.contains("loading")
    });
    let switch_all = pressed.elapsed();
    let pressed = Instant::now();
    c.send("1");
    c.wait_for("the Queue again", |s| {
        s.contains("SZ-") && !s.contains("Recent traces")
    });
    let back = pressed.elapsed();
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
    Run {
        first_rows,
        api_down,
        api_up,
        screen,
        switch,
        switch_screen,
        switch_all,
        back,
    }
}

fn print(title: &str, cold: &Run, warm: &Run) {
    eprintln!("{title}");
    for (name, r) in [("cold cache", cold), ("warm cache", warm)] {
        eprintln!(
            "  {name}: start → queue rows {:>6.2?} ({} B from the API, {} B to it, {} B to the terminal); \
             key 2 → Trace rows {:>6.2?} ({} B to the terminal), its whole page {:>6.2?}; \
             key 1 → Queue {:>6.2?}",
            r.first_rows,
            r.api_down,
            r.api_up,
            r.screen,
            r.switch,
            r.switch_screen,
            r.switch_all,
            r.back
        );
    }
}

#[test]
fn at_a_field_office_the_api_over_64_kbits_one_screenful_first_and_a_warm_start_needs_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let proxy = ThrottleProxy::start(server.port, Link::kbit64(300));

    let cold = session(dir.path(), &seeded.token, &proxy.url(), None, Some(&proxy));
    let reads = seizure_reads(&proxy);
    // 40 terminal rows show 33 list rows; 8 more so the first moves down need no read.
    assert!(
        reads[0].contains("limit=41") && !reads[0].contains("cursor="),
        "first read: {reads:?}"
    );
    assert!(
        reads[1].contains("cursor=") && reads[1].contains("limit=159"),
        "the rest of the first page behind it: {reads:?}"
    );
    let traces: Vec<String> = proxy
        .requests()
        .into_iter()
        .filter(|l| l.starts_with("GET /v1/traces?"))
        .collect();
    assert!(
        traces[0].contains("limit=41"),
        "the Trace pane too: {traces:?}"
    );

    // Warm: the cache on disk. With every answer held back, the queue is still drawn: the first
    // useful frame needs no round trip at all.
    proxy.hold();
    let start = Instant::now();
    let mut c = signed_in(dir.path(), &seeded.token, &proxy.url());
    c.wait_for("the cached queue, no answer delivered", |s| {
        s.contains("SZ-")
    });
    let held = start.elapsed();
    proxy.release();
    c.wait_for("online", |s| s.contains("online"));
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
    let warm = session(dir.path(), &seeded.token, &proxy.url(), None, Some(&proxy));
    print(
        "The console at the field office, its API over 64 kbit/s with 300 ms each way:",
        &cold,
        &warm,
    );
    eprintln!("  warm cache, every answer held back: queue drawn after {held:.2?}");
}

#[test]
fn over_ssh_at_64_kbits_the_terminal_gets_lean_frames() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let tty = Some(Link::kbit64(300));
    let cold = session(dir.path(), &seeded.token, &server.url(), tty, None);
    let warm = session(dir.path(), &seeded.token, &server.url(), tty, None);
    print(
        "Over SSH: the terminal over 64 kbit/s with 300 ms each way, the API beside the console:",
        &cold,
        &warm,
    );
}

#[test]
fn an_unchanged_refresh_costs_under_a_kilobyte() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let proxy = ThrottleProxy::start(server.port, Link::kbit64(20));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = fwc::api::ApiClient::new(fwc::api::ClientConfig {
        trace_url: proxy.url(),
        case_url: proxy.url(),
        token: seeded.token.clone(),
        timeout: std::time::Duration::from_secs(60),
        transport: Default::default(),
    })
    .unwrap();
    let page = |limit: u32| fwc::model::SeizureQuery {
        limit: Some(limit),
        ..Default::default()
    };
    let cost = |what: &str, f: &dyn Fn()| {
        let before = proxy.down();
        f();
        let b = proxy.down() - before;
        eprintln!("  {what:<34} {b:>6} B");
        b
    };
    eprintln!("bytes from the server, compressed as sent:");
    let screen = cost("first screenful (41 seizures)", &|| {
        rt.block_on(client.seizures(&page(41))).unwrap();
    });
    let full = cost("first page (200 seizures)", &|| {
        rt.block_on(client.seizures(&page(200))).unwrap();
    });
    let again = cost("the same page, unchanged (304)", &|| {
        rt.block_on(client.seizures(&page(200))).unwrap();
    });
    let stats = cost("queue counts, unchanged (304)", &|| {
        rt.block_on(client.seizure_stats()).unwrap();
        rt.block_on(client.seizure_stats()).unwrap();
    });
    assert!(screen < full, "a screenful costs less than a page");
    assert!(again <= 1024, "an unchanged page costs {again} B");
    assert!(stats <= 4096, "counts read twice cost {stats} B");
}

#[test]
fn an_idle_event_stream_costs_under_200_bytes_a_minute() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    // A keep-alive every second instead of every 15: the same bytes each, measured sooner.
    let server = ServerProcess::start_with(&seeded.db, free_port(), &["--sse-keepalive", "1"]);
    let proxy = ThrottleProxy::start(server.port, Link::kbit64(20));
    let mut s = std::net::TcpStream::connect(("127.0.0.1", proxy.port)).unwrap();
    write!(
        s,
        "GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nAccept: text/event-stream\r\nAccept-Encoding: gzip, zstd\r\n\r\n",
        seeded.token
    )
    .unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    // Past the answer's head and the first keep-alive, count what four more cost.
    let mut marks = Vec::new();
    while marks.len() < 5 {
        let n = s.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "the stream ended: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&seen);
        if text.matches("keepalive").count() > marks.len() {
            marks.push(proxy.down());
        }
    }
    let head = String::from_utf8_lossy(&seen);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let per_keepalive = (marks[4] - marks[0]) / 4;
    // The default interval is 15 s: four a minute.
    let per_minute = per_keepalive * 4;
    eprintln!("idle event stream: {per_keepalive} B per keep-alive, {per_minute} B a minute");
    assert!(per_minute <= 200, "{per_minute} B a minute");
}
