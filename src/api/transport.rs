//! How the client may reach a server. Tokens, passwords and case data never cross a network
//! in clear by accident: `https://` always, plain `http://` only to this machine (127.0.0.0/8,
//! ::1, `localhost`) unless the user says `--insecure-http`. An agency's own certificate
//! authority is added to the built-in roots with `--ca-file` / `ca_file`, and a certificate
//! the client does not trust is named as such, not as "cannot reach".

use std::error::Error as StdError;
use std::path::PathBuf;

use reqwest::Url;
use reqwest::redirect;

use super::error::{ApiError, ApiErrorKind};

/// The transport choices of one client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transport {
    /// A PEM file of extra trusted CA certificates (an agency CA), added to the built-in roots.
    pub ca_file: Option<PathBuf>,
    /// Allow plain `http://` to hosts other than loopback.
    pub insecure_http: bool,
}

/// Whether `url` is plain `http://` to a host other than this machine: what needs
/// `--insecure-http`, and what the console then warns about.
pub fn is_plain_remote(url: &str) -> bool {
    Url::parse(url).is_ok_and(|u| u.scheme() == "http" && !is_loopback(&u))
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}

/// Refuses a server URL this client must not use, saying why and what to do.
pub fn check_url(url: &str, t: &Transport) -> Result<(), ApiError> {
    let parsed = Url::parse(url).map_err(|e| {
        setup(format!(
            "{url:?} is not a server URL ({e}); write it as https://HOST:PORT."
        ))
    })?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if t.insecure_http || is_loopback(&parsed) => Ok(()),
        "http" => Err(setup(format!(
            "Refusing plain http:// to {host}: your password, session token and case data would \
             cross the network unencrypted. Use https://{host}… (the server runs with \
             --tls-cert/--tls-key, or behind a TLS proxy; add its CA with --ca-file if your agency \
             signs its own). Only on a network you trust, --insecure-http allows it.",
            host = parsed.host_str().unwrap_or("?")
        ))),
        other => Err(setup(format!(
            "{url:?} uses {other}://; a Firewall server URL starts with https:// (http:// for this machine)."
        ))),
    }
}

/// Adds the `--ca-file` roots and the redirect rule to a client under construction.
pub(super) fn apply(
    builder: reqwest::ClientBuilder,
    t: &Transport,
) -> Result<reqwest::ClientBuilder, ApiError> {
    let mut builder = builder.redirect(redirects(t.insecure_http));
    if let Some(path) = &t.ca_file {
        let pem = std::fs::read(path).map_err(|e| {
            setup(format!(
                "Cannot read the CA file {} (--ca-file / ca_file): {e}.",
                path.display()
            ))
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            setup(format!(
                "The CA file {} is not PEM certificates: {e}.",
                path.display()
            ))
        })?;
        if certs.is_empty() {
            return Err(setup(format!(
                "The CA file {} holds no certificate (-----BEGIN CERTIFICATE-----).",
                path.display()
            )));
        }
        for c in certs {
            builder = builder.add_root_certificate(c);
        }
    }
    Ok(builder)
}

/// Redirects follow the same rule as the URLs we are given: never to plain remote HTTP.
fn redirects(insecure_http: bool) -> redirect::Policy {
    redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 10 {
            attempt.error("too many redirects")
        } else if !insecure_http && is_plain_remote(attempt.url().as_str()) {
            attempt.error("refusing a redirect to plain http:// on another machine")
        } else {
            attempt.follow()
        }
    })
}

/// If a transport failure was TLS's, what a person should read: an untrusted, expired or
/// misnamed certificate, or a server that does not speak TLS at all.
pub(super) fn tls_problem(url: &str, e: &(dyn StdError + 'static)) -> Option<String> {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(r) = err.downcast_ref::<rustls::Error>() {
            return Some(describe(url, r));
        }
        // An io::Error hands on what it wraps only through `get_ref` (its `source` skips it),
        // and hyper's connector wraps rustls' error in two of them.
        cur = match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => err.source(),
        };
    }
    None
}

fn describe(url: &str, e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    let advice = "If your agency signs its own certificates, pass its CA with --ca-file FILE \
                  (or ca_file in config.toml).";
    match e {
        rustls::Error::InvalidCertificate(C::Other(o)) if ca_as_own(o) => format!(
            "The server at {url} presented a certificate authority's certificate as its own, \
             which TLS clients refuse (a self-signed certificate made by OpenSSL is a CA unless \
             told otherwise). Make the server's certificate with basicConstraints CA:FALSE \
             (openssl req -x509 … -addext basicConstraints=critical,CA:FALSE), or sign one with \
             that CA."
        ),
        rustls::Error::InvalidCertificate(c) => {
            let what = match c {
                C::UnknownIssuer => {
                    "is not signed by a certificate authority this machine trusts".to_string()
                }
                C::Expired | C::ExpiredContext { .. } => "has expired".to_string(),
                C::NotValidYet | C::NotValidYetContext { .. } => "is not valid yet".to_string(),
                C::NotValidForName | C::NotValidForNameContext { .. } => {
                    "was not issued for this server's name".to_string()
                }
                C::Revoked => "has been revoked".to_string(),
                other => format!("was refused ({other:?})"),
            };
            format!("The server at {url} presented a TLS certificate that {what}. {advice}")
        }
        rustls::Error::InvalidMessage(_) => format!(
            "The TLS handshake with {url} failed: the other side does not speak TLS. Is it an \
             https:// server (fwc serve --tls-cert …), or should the URL start with http://?"
        ),
        other => format!("The TLS handshake with {url} failed: {other}."),
    }
}

/// Whether the certificate refused is a CA's served as the server's own. rustls hands webpki's
/// `CaUsedAsEndEntity` on as an opaque error whose text is that name; it is what a newcomer's
/// `openssl req -x509` certificate gets, so it deserves words rather than the name.
fn ca_as_own(o: &rustls::OtherError) -> bool {
    o.0.to_string() == "CaUsedAsEndEntity"
}

fn setup(message: String) -> ApiError {
    ApiError {
        kind: ApiErrorKind::Invalid,
        status: None,
        code: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_for_loopback_only_unless_insecure() {
        let strict = Transport::default();
        for ok in [
            "https://fwc.agency.example:8470",
            "http://127.0.0.1:8470",
            "http://127.9.9.9",
            "http://[::1]:8470/",
            "http://LOCALHOST:8470",
        ] {
            assert!(check_url(ok, &strict).is_ok(), "{ok}");
        }
        for refused in [
            "http://192.0.2.1:9",
            "http://10.0.0.5:8470",
            "http://localhost.evil.example",
            "http://[2001:db8::1]:80",
        ] {
            let e = check_url(refused, &strict).unwrap_err();
            assert!(e.message.contains("--insecure-http"), "{refused}: {e}");
            assert!(is_plain_remote(refused));
        }
        let lax = Transport {
            insecure_http: true,
            ..Transport::default()
        };
        assert!(check_url("http://192.0.2.1:9", &lax).is_ok());
        assert!(check_url("ftp://x", &lax).is_err());
        assert!(check_url("not a url", &lax).is_err());
        assert!(!is_plain_remote("https://192.0.2.1"));
        assert!(!is_plain_remote("http://127.0.0.1:1"));
    }
}
