//! Answers hyper gives by itself, before any handler or middleware runs: a request line or header
//! it cannot parse (400), a URI too long to hold (414), headers too large (431). Hyper writes them
//! with an empty body and no hook to change it, so every connection's writes pass through
//! [`JsonErrorsIo`], which replaces exactly those heads by the same status with the JSON error
//! body every other answer has. Everything else is passed through untouched.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::serve::Listener;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use crate::model::{ErrorBody, ErrorDetail};

/// A TCP listener whose connections answer hyper's own parse errors in JSON.
pub struct JsonErrorsListener(pub TcpListener);

impl Listener for JsonErrorsListener {
    type Io = JsonErrorsIo<TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (io, addr) = Listener::accept(&mut self.0).await;
        (JsonErrorsIo::new(io), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Listener::local_addr(&self.0)
    }
}

/// The client's address as the connection gave it, for handlers (`ConnectInfo<PeerAddr>`):
/// failed authentication is counted per address.
#[derive(Debug, Clone, Copy)]
pub struct PeerAddr(pub std::net::SocketAddr);

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, JsonErrorsListener>>
    for PeerAddr
{
    fn connect_info(stream: axum::serve::IncomingStream<'_, JsonErrorsListener>) -> Self {
        PeerAddr(*stream.remote_addr())
    }
}

/// A connection whose canned hyper error heads become JSON answers.
pub struct JsonErrorsIo<T> {
    inner: T,
    /// A replacement answer still to be written, and how much of it was.
    pending: Vec<u8>,
    sent: usize,
}

impl<T> JsonErrorsIo<T> {
    pub fn new(inner: T) -> Self {
        JsonErrorsIo {
            inner,
            pending: Vec::new(),
            sent: 0,
        }
    }
}

/// If `buf` is exactly one of hyper's automatic error heads (a 400, 414 or 431 with an empty
/// body and no content type — our own answers always carry JSON), the JSON answer to write
/// instead.
fn replacement(buf: &[u8]) -> Option<Vec<u8>> {
    let head = std::str::from_utf8(buf).ok()?;
    let head = head.strip_suffix("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let status = status_line.strip_prefix("HTTP/1.")?.get(2..5)?;
    let (code, message) = match status {
        "400" => (
            "bad_request",
            "The request could not be parsed: its request line or a header is malformed.",
        ),
        "414" => ("uri_too_long", "The request URI is too long."),
        "431" => ("headers_too_large", "The request headers are too large."),
        _ => return None,
    };
    let headers: Vec<&str> = lines.collect();
    let lower = |h: &str| h.to_ascii_lowercase();
    if headers
        .iter()
        .any(|h| lower(h).starts_with("content-type:"))
        || !headers.iter().any(|h| lower(h) == "content-length: 0")
    {
        return None;
    }
    let body = serde_json::to_vec(&ErrorBody {
        error: ErrorDetail {
            code: code.to_string(),
            message: message.to_string(),
        },
    })
    .ok()?;
    let mut out = format!("{status_line}\r\n");
    for h in headers
        .iter()
        .filter(|h| !lower(h).starts_with("content-length:"))
    {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str("content-type: application/json\r\ncache-control: no-store\r\n");
    out.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(&body);
    Some(out)
}

impl<T: AsyncWrite + Unpin> JsonErrorsIo<T> {
    /// Writes what is left of a replacement answer.
    fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.pending.len() {
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.sent += n;
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }

    /// Takes `buf` as written if it is a canned error head, queueing its JSON replacement.
    fn poll_replace(
        &mut self,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Option<Poll<io::Result<usize>>> {
        let answer = replacement(buf)?;
        self.pending = answer;
        self.sent = 0;
        // Start writing now; whatever is left goes out on the next write, flush or shutdown.
        if let Poll::Ready(Err(e)) = self.poll_drain(cx) {
            return Some(Poll::Ready(Err(e)));
        }
        Some(Poll::Ready(Ok(buf.len())))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for JsonErrorsIo<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for JsonErrorsIo<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_drain(cx))?;
        if let Some(done) = this.poll_replace(cx, buf) {
            return done;
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_drain(cx))?;
        // Hyper writes an automatic error head alone, as the first (only) slice.
        if let Some(first) = bufs.iter().find(|b| !b.is_empty())
            && let Some(done) = this.poll_replace(cx, first)
        {
            return done;
        }
        Pin::new(&mut this.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_drain(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_drain(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::replacement;

    #[test]
    fn only_hyper_canned_error_heads_are_replaced() {
        let canned = b"HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        let out = String::from_utf8(replacement(canned).unwrap()).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\n"));
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(!head.contains("content-length: 0"));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error"]["code"], "uri_too_long");
        // Our own answers (JSON, or with a body) and other statuses pass untouched.
        let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 0\r\n\r\n";
        assert!(replacement(ours).is_none());
        assert!(replacement(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(replacement(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n{").is_none());
    }
}
