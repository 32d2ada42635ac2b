//! HTTPS for the reference server (`fwc serve --tls-cert FILE --tls-key FILE`): rustls with the
//! ring provider reqwest already builds, TLS 1.2 and 1.3 only, HTTP/1.1 over it.
//!
//! The certificate lives behind a resolver rather than inside the rustls config, so a reload
//! (SIGHUP) swaps it for the next handshake without touching the listener or the connections
//! already open; a new pair that does not load leaves the old one serving.
//!
//! Handshakes run in their own tasks, each bounded in time, and only finished ones reach
//! hyper: a client that connects and says nothing (or speaks plain HTTP) cannot stall the
//! accept loop for everybody else.

use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context;
use axum::serve::Listener;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

use super::wire::{JsonErrorsIo, PeerAddr};

/// How long a client has to finish its TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Finished handshakes waiting for hyper to take them.
const READY_QUEUE: usize = 64;

/// The PEM files of the server's certificate chain (leaf first) and its private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// The certificate being served, and the files to read again on reload.
#[derive(Debug)]
pub struct CertStore {
    files: TlsFiles,
    current: RwLock<Arc<CertifiedKey>>,
}

impl CertStore {
    /// Loads the pair, or says which file is missing, unreadable, not PEM, or not a match.
    pub fn load(files: TlsFiles) -> anyhow::Result<CertStore> {
        let key = load_pair(&files)?;
        Ok(CertStore {
            files,
            current: RwLock::new(Arc::new(key)),
        })
    }

    /// Reads the files again and serves the new pair from the next handshake on. On an error
    /// the pair served so far stays; the error says why the new one was refused.
    pub fn reload(&self) -> anyhow::Result<String> {
        let key = load_pair(&self.files)?;
        let summary = describe(&key);
        if let Ok(mut current) = self.current.write() {
            *current = Arc::new(key);
        }
        Ok(summary)
    }

    /// The served certificate, for the log: its SHA-256 fingerprint.
    pub fn summary(&self) -> String {
        self.current
            .read()
            .map(|k| describe(&k))
            .unwrap_or_else(|_| "unknown".into())
    }

    pub fn files(&self) -> &TlsFiles {
        &self.files
    }
}

impl ResolvesServerCert for CertStore {
    fn resolve(&self, _: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        self.current.read().ok().map(|k| k.clone())
    }
}

/// The provider everything TLS in fwc uses: ring, the one reqwest already builds.
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The rustls configuration: TLS 1.2 and 1.3, no client certificates, HTTP/1.1.
pub fn server_config(store: Arc<CertStore>) -> anyhow::Result<Arc<rustls::ServerConfig>> {
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .context("the TLS provider does not offer TLS 1.2 and 1.3")?
        .with_no_client_auth()
        .with_cert_resolver(store);
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(cfg))
}

fn load_pair(files: &TlsFiles) -> anyhow::Result<CertifiedKey> {
    let cert_pem = read(&files.cert, "certificate (--tls-cert)")?;
    let chain = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            anyhow::anyhow!(
                "the TLS certificate file {} is not valid PEM: {e}",
                files.cert.display()
            )
        })?;
    if chain.is_empty() {
        anyhow::bail!(
            "the TLS certificate file {} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            files.cert.display()
        );
    }
    let key_pem = read(&files.key, "private key (--tls-key)")?;
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
        anyhow::anyhow!(
            "the TLS key file {} holds no usable PEM private key (PKCS#8, PKCS#1 or SEC1): {e}",
            files.key.display()
        )
    })?;
    CertifiedKey::from_der(chain, key, &provider()).map_err(|e| match e {
        rustls::Error::InconsistentKeys(_) => anyhow::anyhow!(
            "the private key in {} does not belong to the certificate in {} (the first certificate must be the server's own)",
            files.key.display(),
            files.cert.display()
        ),
        e => anyhow::anyhow!(
            "cannot use the TLS key {} with the certificate {}: {e}",
            files.key.display(),
            files.cert.display()
        ),
    })
}

fn read(path: &Path, what: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("cannot read the TLS {what} {}: {e}", path.display()))
}

/// The leaf certificate's SHA-256 fingerprint, as `openssl x509 -fingerprint -sha256` prints it.
fn describe(key: &CertifiedKey) -> String {
    use sha2::{Digest, Sha256};
    let Some(leaf) = key.cert.first() else {
        return "no certificate".into();
    };
    let hex = hex::encode_upper(Sha256::digest(leaf.as_ref()));
    let pairs: Vec<&str> = (0..hex.len())
        .step_by(2)
        .filter_map(|i| hex.get(i..i + 2))
        .collect();
    format!("SHA-256 fingerprint {}", pairs.join(":"))
}

/// A listener that hands hyper only connections whose TLS handshake finished.
pub struct TlsListener {
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
    accepting: tokio::task::JoinHandle<()>,
}

impl TlsListener {
    pub fn new(listener: TcpListener, config: Arc<rustls::ServerConfig>) -> io::Result<Self> {
        let local = listener.local_addr()?;
        let (tx, ready) = mpsc::channel(READY_QUEUE);
        let accepting = tokio::spawn(accept_loop(listener, TlsAcceptor::from(config), tx));
        Ok(TlsListener {
            ready,
            local,
            accepting,
        })
    }
}

impl Drop for TlsListener {
    /// The port is released when the server stops, as the plain listener's is.
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

async fn accept_loop(
    mut listener: TcpListener,
    acceptor: TlsAcceptor,
    ready: mpsc::Sender<(TlsStream<TcpStream>, SocketAddr)>,
) {
    loop {
        // axum's own accept: it rides out errors such as too many open files.
        let (tcp, peer) = Listener::accept(&mut listener).await;
        // The handshake is several small writes each way: without this, Nagle's algorithm and
        // the peer's delayed ACK hold some of them back ~40 ms (measured: p90 of a new
        // connection 44 ms with it, see `fwc bench auth --tls`).
        let _ = tcp.set_nodelay(true);
        let acceptor = acceptor.clone();
        let ready = ready.clone();
        tokio::spawn(async move {
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
                Ok(Ok(tls)) => {
                    let _ = ready.send((tls, peer)).await;
                }
                // Plain HTTP, old TLS versions, scanners, clients that distrust us: routine.
                Ok(Err(e)) => tracing::debug!("TLS handshake with {peer} failed: {e}"),
                Err(_) => tracing::debug!("TLS handshake with {peer} timed out"),
            }
        });
    }
}

impl Listener for TlsListener {
    type Io = JsonErrorsIo<TlsStream<TcpStream>>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some((io, addr)) => (JsonErrorsIo::new(io), addr),
            // The accept loop only ends when this listener is dropped.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.local)
    }
}

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, TlsListener>>
    for PeerAddr
{
    fn connect_info(stream: axum::serve::IncomingStream<'_, TlsListener>) -> Self {
        PeerAddr(*stream.remote_addr())
    }
}

#[cfg(test)]
mod tests;
