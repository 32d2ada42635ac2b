use super::*;
use crate::server::demo_ca::DemoCa;

fn write_pair(dir: &Path, ca: &DemoCa, serial: u64) -> TlsFiles {
    let c = ca.server_cert("fwc test server", serial, &[]).unwrap();
    let files = TlsFiles {
        cert: dir.join("cert.pem"),
        key: dir.join("key.pem"),
    };
    std::fs::write(&files.cert, c.cert_pem).unwrap();
    std::fs::write(&files.key, c.key_pem).unwrap();
    files
}

fn err(files: &TlsFiles) -> String {
    format!("{:#}", CertStore::load(files.clone()).unwrap_err())
}

#[test]
fn a_missing_unreadable_or_mismatched_pair_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let ca = DemoCa::new("test CA").unwrap();
    let files = write_pair(dir.path(), &ca, 1);
    assert!(CertStore::load(files.clone()).is_ok());

    let missing = TlsFiles {
        key: dir.path().join("nope.pem"),
        ..files.clone()
    };
    let e = err(&missing);
    assert!(
        e.contains("cannot read the TLS private key") && e.contains("nope.pem"),
        "{e}"
    );

    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").unwrap();
    let e = err(&TlsFiles {
        cert: junk.clone(),
        ..files.clone()
    });
    assert!(e.contains("holds no PEM certificate"), "{e}");
    let e = err(&TlsFiles {
        key: junk,
        ..files.clone()
    });
    assert!(e.contains("holds no usable PEM private key"), "{e}");

    // The key of another certificate.
    let other = ca.server_cert("other", 2, &[]).unwrap();
    let other_key = dir.path().join("other-key.pem");
    std::fs::write(&other_key, other.key_pem).unwrap();
    let e = err(&TlsFiles {
        key: other_key,
        ..files
    });
    assert!(e.contains("does not belong to the certificate"), "{e}");
}

#[test]
fn a_reload_serves_the_new_pair_and_a_bad_one_keeps_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let ca = DemoCa::new("test CA").unwrap();
    let files = write_pair(dir.path(), &ca, 1);
    let store = CertStore::load(files.clone()).unwrap();
    let first = store.summary();
    assert!(first.starts_with("SHA-256 fingerprint "), "{first}");

    write_pair(dir.path(), &ca, 2);
    let second = store.reload().unwrap();
    assert_ne!(second, first);
    assert_eq!(store.summary(), second);

    std::fs::write(&files.key, "garbage").unwrap();
    assert!(store.reload().is_err());
    assert_eq!(store.summary(), second, "the old pair keeps serving");
}
