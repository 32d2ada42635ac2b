//! `fwc serve --tls-cert --tls-key` as a process: a bad pair stops the start with the reason;
//! SIGHUP serves a renewed certificate from the next handshake on, and a bad renewal keeps the
//! old one, saying why.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use fwc::server::demo_ca::DemoCa;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

fn fwc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fwc"))
}

/// Writes a server certificate with `serial` and subject `name`; returns its DER.
fn write_cert(ca: &DemoCa, dir: &Path, name: &str, serial: u64) -> Vec<u8> {
    let c = ca.server_cert(name, serial, &[]).unwrap();
    std::fs::write(dir.join("cert.pem"), &c.cert_pem).unwrap();
    std::fs::write(dir.join("key.pem"), &c.key_pem).unwrap();
    CertificateDer::from_pem_slice(c.cert_pem.as_bytes())
        .unwrap()
        .to_vec()
}

/// The leaf certificate `addr` serves, read with a client that trusts `ca`.
fn served_leaf(ca: &DemoCa, addr: &str) -> Vec<u8> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(ca.cert_pem().as_bytes()).unwrap())
        .unwrap();
    let cfg = rustls::ClientConfig::builder_with_provider(fwc::server::tls::provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let mut conn = rustls::ClientConnection::new(Arc::new(cfg), name).unwrap();
    let mut tcp = TcpStream::connect(addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    while conn.is_handshaking() {
        conn.complete_io(&mut tcp).unwrap();
    }
    let leaf = conn.peer_certificates().unwrap()[0].to_vec();
    conn.send_close_notify();
    let _ = conn.complete_io(&mut tcp);
    leaf
}

fn serve(dir: &Path) -> Command {
    let mut cmd = fwc();
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("srv.db"))
        .arg("--tls-cert")
        .arg(dir.join("cert.pem"))
        .arg("--tls-key")
        .arg(dir.join("key.pem"));
    cmd
}

/// The server's stderr, line by line, read on a thread.
fn stderr_lines(child: &mut Child) -> Receiver<String> {
    let (tx, rx) = channel();
    let lines = BufReader::new(child.stderr.take().unwrap()).lines();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for the line containing `needle`; panics with what came instead if the server ends.
fn wait_for(lines: &Receiver<String>, needle: &str) -> String {
    let mut seen = Vec::new();
    loop {
        match lines.recv() {
            Ok(l) if l.contains(needle) => return l,
            Ok(l) => seen.push(l),
            Err(_) => panic!("no {needle:?} before the server's stderr closed: {seen:#?}"),
        }
    }
}

fn hangup(child: &Child) {
    let ok = Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn sighup_serves_the_renewed_certificate_and_keeps_the_old_one_if_the_new_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let ca = DemoCa::new("fwc test CA").unwrap();
    let first = write_cert(&ca, dir.path(), "fwc first", 1001);
    let mut child = serve(dir.path()).stderr(Stdio::piped()).spawn().unwrap();
    let lines = stderr_lines(&mut child);
    let line = wait_for(&lines, "listening on https://");
    let addr = line
        .split("listening on https://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_string();
    assert_eq!(served_leaf(&ca, &addr), first);

    // Renewed: another serial and subject, same files.
    let second = write_cert(&ca, dir.path(), "fwc second", 2002);
    assert_ne!(first, second);
    hangup(&child);
    wait_for(&lines, "TLS certificate reloaded");
    assert_eq!(
        served_leaf(&ca, &addr),
        second,
        "the renewed certificate is served"
    );

    // A renewal whose key belongs to another certificate is refused; the second stays.
    let other = ca.server_cert("other", 3003, &[]).unwrap();
    std::fs::write(dir.path().join("key.pem"), other.key_pem).unwrap();
    hangup(&child);
    let refused = wait_for(&lines, "refused");
    assert!(refused.contains("does not belong"), "{refused}");
    assert_eq!(
        served_leaf(&ca, &addr),
        second,
        "the old certificate keeps serving"
    );

    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn serve_refuses_to_start_with_a_missing_or_mismatched_key() {
    let dir = tempfile::tempdir().unwrap();
    let ca = DemoCa::new("fwc test CA").unwrap();
    write_cert(&ca, dir.path(), "fwc", 1);
    let other = ca.server_cert("other", 2, &[]).unwrap();
    std::fs::write(dir.path().join("key.pem"), other.key_pem).unwrap();
    let out = serve(dir.path()).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does not belong to the certificate"), "{err}");

    std::fs::remove_file(dir.path().join("key.pem")).unwrap();
    let out = serve(dir.path()).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read the TLS private key") && err.contains("key.pem"),
        "{err}"
    );

    // A certificate without its key is a usage error.
    let out = fwc()
        .args(["serve", "--db"])
        .arg(dir.path().join("srv.db"))
        .arg("--tls-cert")
        .arg(dir.path().join("cert.pem"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls-key"));
}

/// A self-signed certificate made as a CA (what `openssl req -x509` makes by default) served as
/// the server's own: the client refuses it, and says what to change, not a library's error name.
#[test]
fn a_ca_certificate_served_as_the_servers_own_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut params =
        rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    std::fs::write(dir.path().join("cert.pem"), cert.pem()).unwrap();
    std::fs::write(dir.path().join("key.pem"), key.serialize_pem()).unwrap();
    let mut child = serve(dir.path()).stderr(Stdio::piped()).spawn().unwrap();
    let lines = stderr_lines(&mut child);
    let line = wait_for(&lines, "listening on https://");
    let addr = line
        .split("listening on https://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_string();

    let out = fwc()
        .args(["seizures", "list", "--limit", "1", "--server"])
        .arg(format!("https://{addr}"))
        .arg("--ca-file")
        .arg(dir.path().join("cert.pem"))
        .env("FWC_TOKEN", "fwc_not_checked_before_the_handshake")
        .env("FWC_CONFIG_DIR", dir.path())
        .env_remove("FWC_CA_FILE")
        .output()
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("CA:FALSE"), "{stderr}");
    assert!(!stderr.contains("CaUsedAsEndEntity"), "{stderr}");
}
