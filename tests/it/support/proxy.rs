//! A loopback TCP proxy in front of the server that can lose answers on purpose: the request
//! reaches the server (which applies it), but the connection is cut before its answer gets
//! back — the case an idempotency key exists for, made deterministic.
//!
//! It understands just enough HTTP/1.1 for that: clients send one request at a time on a
//! connection, so the first bytes the server sends after a chosen request are its answer.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Default)]
struct Shared {
    /// Answers to note posts still to be lost.
    swallow: AtomicUsize,
    /// Note posts seen (each attempt, replays included).
    note_posts: AtomicUsize,
    stop: AtomicBool,
}

pub struct LossyProxy {
    pub port: u16,
    shared: Arc<Shared>,
}

impl LossyProxy {
    /// Listens on a free loopback port and forwards every connection to `upstream_port`.
    pub fn start(upstream_port: u16) -> LossyProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared::default());
        let s2 = shared.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if s2.stop.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(client) = client else { continue };
                let s3 = s2.clone();
                std::thread::spawn(move || relay(client, upstream_port, s3));
            }
        });
        LossyProxy { port, shared }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Loses the answers to the next `n` note posts (`POST /v1/cases/{id}/notes`).
    pub fn lose_note_answers(&self, n: usize) {
        self.shared.swallow.store(n, Ordering::SeqCst);
    }

    pub fn note_posts(&self) -> usize {
        self.shared.note_posts.load(Ordering::SeqCst)
    }
}

impl Drop for LossyProxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn is_note_post(chunk: &[u8]) -> bool {
    let head = String::from_utf8_lossy(chunk);
    head.lines()
        .next()
        .is_some_and(|l| l.starts_with("POST /v1/cases/") && l.ends_with("/notes HTTP/1.1"))
}

/// Copies both ways; after a note post chosen to be lost, cuts the connection at the first
/// byte of the server's answer.
fn relay(client: TcpStream, upstream_port: u16, shared: Arc<Shared>) {
    let Ok(server) = TcpStream::connect(("127.0.0.1", upstream_port)) else {
        return; // dropping the client connection: the server is away
    };
    let doomed = Arc::new(AtomicBool::new(false));
    let (mut c_read, mut s_write) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    let d2 = doomed.clone();
    let up = std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        loop {
            let n = c_read.read(&mut buf).unwrap_or(0);
            if n == 0 {
                let _ = s_write.shutdown(Shutdown::Write);
                return;
            }
            if is_note_post(&buf[..n]) {
                shared.note_posts.fetch_add(1, Ordering::SeqCst);
                let lose = shared
                    .swallow
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |k| k.checked_sub(1))
                    .is_ok();
                if lose {
                    d2.store(true, Ordering::SeqCst);
                }
            }
            if s_write.write_all(&buf[..n]).is_err() {
                return;
            }
        }
    });
    let (mut s_read, mut c_write) = (server, client);
    let mut buf = [0u8; 16384];
    loop {
        let n = s_read.read(&mut buf).unwrap_or(0);
        if n == 0 || doomed.load(Ordering::SeqCst) {
            let _ = c_write.shutdown(Shutdown::Both);
            let _ = s_read.shutdown(Shutdown::Both);
            break;
        }
        if c_write.write_all(&buf[..n]).is_err() {
            let _ = s_read.shutdown(Shutdown::Both);
            break;
        }
    }
    let _ = up.join();
}
