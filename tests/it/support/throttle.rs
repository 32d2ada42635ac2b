//! A slow link for the tests: a loopback TCP proxy that limits bytes per second and adds a
//! delay each way, like a 64 kbit/s radio or satellite hop with a 600 ms round trip, and counts
//! what crosses it. The same [`Pipe`] shapes a pseudo-terminal's output, for the terminal side
//! of an SSH session over such a link.
//!
//! The model is a serial line: bytes leave one after another at `rate` (a chunk waits while the
//! line is busy with the ones before it) and each arrives `delay` after it left. Sleeping until a
//! chunk's arrival time is the simulation itself, not a wait for some other event.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// One direction of a link.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub bytes_per_sec: u64,
    pub delay: Duration,
}

impl Link {
    /// 64 kbit/s (8,000 B/s) with `delay_ms` each way.
    pub fn kbit64(delay_ms: u64) -> Link {
        Link {
            bytes_per_sec: 8_000,
            delay: Duration::from_millis(delay_ms),
        }
    }
}

/// Slices at most this long go out at once, so a large answer's first bytes arrive before its
/// last ones have left (as on a real line).
const SLICE: usize = 256;

/// Carries bytes from a reader to a writer through the link's timing; counts them.
pub struct Pipe {
    busy_until: Instant,
    link: Link,
}

impl Pipe {
    pub fn new(link: Link) -> Pipe {
        Pipe {
            busy_until: Instant::now(),
            link,
        }
    }

    /// When `len` bytes that were ready at `now` arrive at the far end.
    pub fn arrival(&mut self, now: Instant, len: usize) -> Instant {
        let start = self.busy_until.max(now);
        let on_the_wire = Duration::from_secs_f64(len as f64 / self.link.bytes_per_sec as f64);
        self.busy_until = start + on_the_wire;
        self.busy_until + self.link.delay
    }

    /// Copies `from` to `deliver` until `from` ends; `deliver` gets each slice at its arrival
    /// time and returns false to stop. `count` adds every byte carried. Connections sharing
    /// one `line` share its bandwidth, as on a real link. Nothing arrives before `not_before`
    /// (a new TCP connection's handshake).
    pub fn run(
        line: Arc<Mutex<Pipe>>,
        mut from: impl Read + Send + 'static,
        count: Arc<AtomicU64>,
        not_before: Instant,
        mut deliver: impl FnMut(Option<&[u8]>) -> bool + Send + 'static,
    ) {
        let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            loop {
                let n = from.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    return; // dropping tx ends the writer after what is in flight
                }
                let now = Instant::now();
                for slice in buf[..n].chunks(SLICE) {
                    let at = line.lock().unwrap().arrival(now, slice.len());
                    if tx.send((at, slice.to_vec())).is_err() {
                        return;
                    }
                }
            }
        });
        std::thread::spawn(move || {
            for (at, bytes) in rx {
                let at = at.max(not_before);
                let now = Instant::now();
                if at > now {
                    std::thread::sleep(at - now);
                }
                count.fetch_add(bytes.len() as u64, Ordering::SeqCst);
                if !deliver(Some(&bytes)) {
                    return;
                }
            }
            deliver(None);
        });
    }
}

#[derive(Default)]
struct Counters {
    /// Server → console.
    down: Arc<AtomicU64>,
    /// Console → server.
    up: Arc<AtomicU64>,
    /// The request line (`GET /v1/seizures?limit=41 HTTP/1.1`) of each HTTP request seen going
    /// up (one starting a read), in order.
    requests: Mutex<Vec<String>>,
    /// While true, no answer reaches the console (a link that has not delivered yet).
    held: Mutex<bool>,
    released: std::sync::Condvar,
    stop: AtomicBool,
}

impl Counters {
    fn wait_released(&self) {
        let mut held = self.held.lock().unwrap();
        while *held {
            held = self.released.wait(held).unwrap();
        }
    }
}

/// The link's two directions, shared by every connection through the proxy.
struct Lines {
    link: Link,
    up: Arc<Mutex<Pipe>>,
    down: Arc<Mutex<Pipe>>,
}

/// The proxy: listens on a free loopback port, forwards each connection to the upstream port
/// through a [`Link`] each way.
pub struct ThrottleProxy {
    pub port: u16,
    counters: Arc<Counters>,
}

impl ThrottleProxy {
    pub fn start(upstream_port: u16, link: Link) -> ThrottleProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let counters = Arc::new(Counters::default());
        let c2 = counters.clone();
        let lines = Arc::new(Lines {
            link,
            up: Arc::new(Mutex::new(Pipe::new(link))),
            down: Arc::new(Mutex::new(Pipe::new(link))),
        });
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if c2.stop.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(client) = client else { continue };
                relay(client, upstream_port, &lines, c2.clone());
            }
        });
        ThrottleProxy { port, counters }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Bytes the server sent to the console so far.
    pub fn down(&self) -> u64 {
        self.counters.down.load(Ordering::SeqCst)
    }

    /// Bytes the console sent to the server so far.
    pub fn up(&self) -> u64 {
        self.counters.up.load(Ordering::SeqCst)
    }

    /// The request lines the console has sent so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.counters.requests.lock().unwrap().clone()
    }

    /// Holds every answer back until [`ThrottleProxy::release`]: what the console shows then,
    /// it showed without a round trip.
    pub fn hold(&self) {
        *self.counters.held.lock().unwrap() = true;
    }

    pub fn release(&self) {
        *self.counters.held.lock().unwrap() = false;
        self.counters.released.notify_all();
    }
}

impl Drop for ThrottleProxy {
    fn drop(&mut self) {
        self.counters.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Whether a chunk going up starts an HTTP request (`GET /v1/… HTTP/1.1`).
fn starts_request(chunk: &[u8]) -> bool {
    const METHODS: [&[u8]; 5] = [b"GET /", b"POST /", b"PATCH /", b"DELETE /", b"PUT /"];
    METHODS.iter().any(|m| chunk.starts_with(m))
}

fn relay(client: TcpStream, upstream_port: u16, lines: &Lines, c: Arc<Counters>) {
    let link = lines.link;
    let Ok(server) = TcpStream::connect(("127.0.0.1", upstream_port)) else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (c_read, mut c_write) = (client.try_clone().unwrap(), client);
    let (s_read, mut s_write) = (server.try_clone().unwrap(), server);
    let counters = c.clone();
    let counting = CountRequests {
        inner: c_read,
        counters,
    };
    // The handshake: SYN there, SYN-ACK back, before the first request can leave.
    let open = Instant::now() + 2 * link.delay;
    Pipe::run(
        lines.up.clone(),
        counting,
        c.up.clone(),
        open,
        move |bytes| match bytes {
            Some(b) => s_write.write_all(b).is_ok(),
            None => {
                let _ = s_write.shutdown(Shutdown::Write);
                false
            }
        },
    );
    let counters = c.clone();
    Pipe::run(
        lines.down.clone(),
        s_read,
        c.down.clone(),
        open,
        move |bytes| match bytes {
            Some(b) => {
                counters.wait_released();
                c_write.write_all(b).is_ok()
            }
            None => {
                let _ = c_write.shutdown(Shutdown::Both);
                false
            }
        },
    );
}

/// The console's side of a connection, counting requests as they leave.
struct CountRequests {
    inner: TcpStream,
    counters: Arc<Counters>,
}

impl Read for CountRequests {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if starts_request(&buf[..n]) {
            let head = String::from_utf8_lossy(&buf[..n.min(512)]);
            let line = head.lines().next().unwrap_or_default().to_string();
            self.counters.requests.lock().unwrap().push(line);
        }
        Ok(n)
    }
}

/// The receiving end of a shaped byte stream, as a `Read`.
pub struct Arrivals {
    rx: mpsc::Receiver<Vec<u8>>,
    left: Vec<u8>,
}

impl Read for Arrivals {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left.is_empty() {
            match self.rx.recv() {
                Ok(b) => self.left = b,
                Err(_) => return Ok(0),
            }
        }
        let n = self.left.len().min(buf.len());
        buf[..n].copy_from_slice(&self.left[..n]);
        self.left.drain(..n);
        Ok(n)
    }
}

/// `from` as it would arrive at the far end of `link` (a terminal's output over SSH).
pub fn shaped_reader(from: impl Read + Send + 'static, link: Link) -> Arrivals {
    let (tx, rx) = mpsc::channel();
    let line = Arc::new(Mutex::new(Pipe::new(link)));
    Pipe::run(
        line,
        from,
        Arc::default(),
        Instant::now(),
        move |b| match b {
            Some(b) => tx.send(b.to_vec()).is_ok(),
            None => false,
        },
    );
    Arrivals {
        rx,
        left: Vec::new(),
    }
}

/// A `Write` whose bytes reach `to` after crossing `link` (keystrokes typed over SSH).
pub fn shaped_writer(to: impl Write + Send + 'static, link: Link) -> impl Write + Send {
    let (tx, rx) = mpsc::channel();
    let line = Arc::new(Mutex::new(Pipe::new(link)));
    let arrivals = Arrivals {
        rx,
        left: Vec::new(),
    };
    let mut to = to;
    Pipe::run(
        line,
        arrivals,
        Arc::default(),
        Instant::now(),
        move |b| match b {
            Some(b) => to.write_all(b).and_then(|_| to.flush()).is_ok(),
            None => false,
        },
    );
    Sender(tx)
}

struct Sender(mpsc::Sender<Vec<u8>>);

impl Write for Sender {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .send(buf.to_vec())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_serial_line_queues_bytes_behind_each_other_and_adds_the_delay() {
        let link = Link::kbit64(300);
        let mut p = Pipe::new(link);
        let t0 = p.busy_until;
        // 800 bytes at 8,000 B/s: 100 ms on the wire, then 300 ms of delay.
        let a = p.arrival(t0, 800);
        assert_eq!(a - t0, Duration::from_millis(400));
        // Ready at the same moment, the next 800 wait for the first.
        let b = p.arrival(t0, 800);
        assert_eq!(b - t0, Duration::from_millis(500));
        // Ready long after the line went idle, only its own time counts.
        let later = t0 + Duration::from_secs(10);
        assert_eq!(p.arrival(later, 8) - later, Duration::from_millis(301));
    }
}
