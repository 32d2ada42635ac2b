//! A throwaway certificate authority: `fwc demo --tls` makes one at every start (and the tests
//! make theirs), signs a server certificate for this machine's loopback names with it, and
//! hands the console the CA as its only extra root. Nothing of it is meant to outlive the run.

use chrono::{Datelike, Utc};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose,
};

/// The names a loopback server answers to.
pub const LOOPBACK_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

/// A CA that can sign server certificates.
pub struct DemoCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A signed server certificate and its private key, both PEM.
pub struct ServerCert {
    pub cert_pem: String,
    pub key_pem: String,
}

impl DemoCa {
    /// A new CA (a fresh P-256 key) whose subject is `name`.
    pub fn new(name: &str) -> anyhow::Result<DemoCa> {
        let mut params = CertificateParams::default();
        params.distinguished_name = subject(name);
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        validity(&mut params);
        let issuer = CertifiedIssuer::self_signed(params, KeyPair::generate()?)?;
        Ok(DemoCa { issuer })
    }

    /// The CA certificate, PEM: what a client adds to its roots (`--ca-file`).
    pub fn cert_pem(&self) -> String {
        self.issuer.pem()
    }

    /// A server certificate for the loopback names (and `extra_names`), subject `name`, with
    /// the given serial number.
    pub fn server_cert(
        &self,
        name: &str,
        serial: u64,
        extra_names: &[&str],
    ) -> anyhow::Result<ServerCert> {
        let names: Vec<String> = LOOPBACK_NAMES
            .iter()
            .chain(extra_names)
            .map(|s| s.to_string())
            .collect();
        let mut params = CertificateParams::new(names)?;
        params.distinguished_name = subject(name);
        params.serial_number = Some(serial.into());
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        validity(&mut params);
        let key = KeyPair::generate()?;
        let cert = params.signed_by(&key, &self.issuer)?;
        Ok(ServerCert {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        })
    }
}

fn subject(name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    dn.push(DnType::OrganizationName, "Firewall Console (throwaway)");
    dn
}

/// From yesterday (clocks disagree a little) to 30 days on: long enough for any demo.
fn validity(params: &mut CertificateParams) {
    let ymd =
        |d: chrono::DateTime<Utc>| rcgen::date_time_ymd(d.year(), d.month() as u8, d.day() as u8);
    let now = Utc::now();
    params.not_before = ymd(now - chrono::Duration::days(1));
    params.not_after = ymd(now + chrono::Duration::days(30));
}
