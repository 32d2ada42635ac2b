//! The reference server over HTTPS, with a CA made for the test: the client and the CLI reach
//! it with `--ca-file` and refuse it without; TLS 1.2 and 1.3 are spoken, TLS 1.1 and plain
//! HTTP on the TLS port are not; plain http:// to another machine is refused before connecting.

use std::sync::Arc;
use std::time::Duration;

use fwc::api::{ApiClient, ClientConfig, Transport};
use fwc::model::NewCase;
use fwc::server::demo_ca::DemoCa;
use fwc::server::tls::TlsFiles;
use fwc::server::{RunningServer, ServerConfig, start};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::harness::{add_users, db_path, token};

struct TlsServer {
    server: RunningServer,
    url: String,
    ca_file: std::path::PathBuf,
    ca: DemoCa,
    dir: tempfile::TempDir,
}

async fn tls_server() -> TlsServer {
    let dir = tempfile::tempdir().unwrap();
    let ca = DemoCa::new("fwc test CA").unwrap();
    let cert = ca.server_cert("fwc test server", 1, &[]).unwrap();
    let files = TlsFiles {
        cert: dir.path().join("cert.pem"),
        key: dir.path().join("key.pem"),
    };
    std::fs::write(&files.cert, cert.cert_pem).unwrap();
    std::fs::write(&files.key, cert.key_pem).unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca.cert_pem()).unwrap();
    add_users(&db_path(&dir));
    let mut cfg = ServerConfig::new(db_path(&dir), ([127, 0, 0, 1], 0).into());
    cfg.rate_limit = 0;
    cfg.tls = Some(files);
    let server = start(cfg).await.unwrap();
    let url = server.url();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    TlsServer {
        server,
        url,
        ca_file,
        ca,
        dir,
    }
}

fn client(url: &str, user: &str, transport: Transport) -> Result<ApiClient, fwc::api::ApiError> {
    ApiClient::new(ClientConfig {
        trace_url: url.to_string(),
        case_url: url.to_string(),
        token: token(user),
        timeout: Duration::from_secs(10),
        transport,
    })
}

fn with_ca(path: &std::path::Path) -> Transport {
    Transport {
        ca_file: Some(path.to_path_buf()),
        insecure_http: false,
    }
}

#[tokio::test]
async fn the_agency_ca_is_trusted_and_nothing_else() {
    let ts = tls_server().await;
    let ana = client(&ts.url, "ana.us", with_ca(&ts.ca_file)).unwrap();
    assert_eq!(ana.me().await.unwrap().name, "ana.us");

    // Without the CA (the built-in roots only), or with another CA: a certificate error that
    // says what to do, not "cannot reach".
    let other = ts.dir.path().join("other-ca.pem");
    std::fs::write(&other, DemoCa::new("another CA").unwrap().cert_pem()).unwrap();
    for transport in [Transport::default(), with_ca(&other)] {
        let e = client(&ts.url, "ana.us", transport)
            .unwrap()
            .me()
            .await
            .unwrap_err();
        assert!(
            e.message
                .contains("not signed by a certificate authority this machine trusts")
                && e.message.contains("--ca-file"),
            "{e}"
        );
    }

    // A CA file that is missing or not PEM is refused before any request.
    let junk = ts.dir.path().join("junk.pem");
    std::fs::write(&junk, "hello").unwrap();
    for (path, says) in [
        (ts.dir.path().join("missing.pem"), "Cannot read the CA file"),
        (junk, "holds no certificate"),
    ] {
        let e = client(&ts.url, "ana.us", with_ca(&path)).err().unwrap();
        assert!(e.message.contains(says), "{e}");
    }
    ts.server.shutdown().await.unwrap();
}

#[tokio::test]
async fn the_cli_exports_over_https_with_ca_file_and_refuses_without() {
    let ts = tls_server().await;
    let ana = client(&ts.url, "ana.us", with_ca(&ts.ca_file)).unwrap();
    let case = ana
        .create_case(
            &NewCase {
                title: "Over TLS".into(),
                members: vec![],
            },
            "c",
        )
        .await
        .unwrap();
    let export = |ca: Option<std::path::PathBuf>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fwc"));
        cmd.args(["export", "case", &case.id, "--format", "json"])
            .args(["--server", &ts.url, "--token", &token("ana.us")])
            .env("FWC_CONFIG_DIR", ts.dir.path())
            .env("HOME", ts.dir.path());
        if let Some(ca) = ca {
            cmd.arg("--ca-file").arg(ca);
        }
        // The server runs on this test's runtime: wait for the process off it.
        tokio::task::spawn_blocking(move || cmd.output())
    };
    let out = export(Some(ts.ca_file.clone())).await.unwrap().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Over TLS"));

    let out = export(None).await.unwrap().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("certificate"), "{err}");
    ts.server.shutdown().await.unwrap();
}

/// A rustls client limited to one protocol version, trusting the test CA.
fn connector(
    ca: &DemoCa,
    version: &'static rustls::SupportedProtocolVersion,
) -> tokio_rustls::TlsConnector {
    let mut roots = rustls::RootCertStore::empty();
    let der = rustls::pki_types::CertificateDer::from_pem_slice(ca.cert_pem().as_bytes()).unwrap();
    roots.add(der).unwrap();
    let cfg = rustls::ClientConfig::builder_with_provider(fwc::server::tls::provider())
        .with_protocol_versions(&[version])
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    tokio_rustls::TlsConnector::from(Arc::new(cfg))
}

use rustls::pki_types::pem::PemObject;

#[tokio::test]
async fn tls_1_2_and_1_3_are_spoken_and_tls_1_1_and_plain_http_are_not() {
    let ts = tls_server().await;
    let addr = ts.server.addr;
    for version in [&rustls::version::TLS12, &rustls::version::TLS13] {
        let tcp = TcpStream::connect(addr).await.unwrap();
        let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
        let mut tls = connector(&ts.ca, version).connect(name, tcp).await.unwrap();
        tls.write_all(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        tls.read_to_string(&mut answer).await.unwrap_or_default();
        assert!(answer.starts_with("HTTP/1.1 200"), "{version:?}: {answer}");
    }

    // A TLS 1.1 ClientHello (no supported_versions extension): a fatal alert, never a
    // ServerHello.
    let mut hello = vec![0x03, 0x02];
    hello.extend([7u8; 32]); // random
    hello.push(0); // no session id
    hello.extend([0x00, 0x04, 0xc0, 0x13, 0x00, 0x2f]); // two TLS 1.1 cipher suites
    hello.extend([0x01, 0x00]); // null compression
    let mut handshake = vec![0x01, 0x00, 0x00, hello.len() as u8];
    handshake.extend(hello);
    let mut record = vec![0x16, 0x03, 0x01, 0x00, handshake.len() as u8];
    record.extend(handshake);
    let answer = raw_exchange(addr, &record).await;
    assert_eq!(answer.first(), Some(&0x15), "an alert record: {answer:?}");
    assert_eq!(answer.get(5), Some(&2), "fatal: {answer:?}");
    assert!(!answer.contains(&0x16), "no handshake record: {answer:?}");

    // Plain HTTP to the TLS port: no HTTP answer comes back.
    let answer = raw_exchange(addr, b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n").await;
    assert!(!answer.starts_with(b"HTTP/"), "{answer:?}");

    // The client says what happened when pointed at it with the wrong scheme.
    let e = client(
        &ts.url.replace("https://", "http://"),
        "ana.us",
        Transport::default(),
    )
    .unwrap()
    .me()
    .await
    .unwrap_err();
    assert!(!e.message.is_empty());
    ts.server.shutdown().await.unwrap();
}

/// Writes `bytes`, then reads whatever comes back until the server closes.
async fn raw_exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> Vec<u8> {
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    tcp.write_all(bytes).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), tcp.read_to_end(&mut answer)).await;
    answer
}

#[tokio::test]
async fn plain_http_to_another_machine_is_refused_before_connecting() {
    // 192.0.2.1 (TEST-NET-1) is never reached: the refusal comes first.
    let e = client("http://192.0.2.1:9", "ana.us", Transport::default())
        .err()
        .unwrap();
    assert!(
        e.message.contains("Refusing plain http:// to 192.0.2.1")
            && e.message.contains("--insecure-http"),
        "{e}"
    );
    let dir = tempfile::tempdir().unwrap();
    let fwc = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_fwc"))
            .args(args)
            .env("FWC_CONFIG_DIR", dir.path())
            .env("FWC_TOKEN", "t")
            .env("HOME", dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    for args in [
        &["--server", "http://192.0.2.1:9"][..],
        &["export", "case", "CS-1", "--server", "http://192.0.2.1:9"],
        &[
            "login",
            "--server",
            "http://192.0.2.1:9",
            "--user",
            "ana",
            "--password-stdin",
            "--totp",
            "123456",
        ],
    ] {
        let out = fwc(args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("Refusing plain http:// to 192.0.2.1") && err.contains("--insecure-http"),
            "{args:?}: {err}"
        );
    }
}
