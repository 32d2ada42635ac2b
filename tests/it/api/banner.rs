//! `GET /v1/banner`: the logon banner, read before sign-in (no token), in the language asked
//! for, or the operator's own text.

use std::time::Duration;

use super::harness::*;
use fwc::server::{ServerConfig, start};
use reqwest::StatusCode;
use serde_json::Value;

async fn banner(ts_url: &str, query: &str, accept: Option<&str>) -> (StatusCode, Value) {
    let mut rb = reqwest::Client::new().get(format!("{ts_url}/v1/banner{query}"));
    if let Some(a) = accept {
        rb = rb.header("Accept-Language", a);
    }
    let r = rb.send().await.unwrap();
    (r.status(), r.json().await.unwrap())
}

#[tokio::test]
async fn the_built_in_banner_needs_no_token_and_speaks_the_language_asked_for() {
    let ts = server().await;
    let (status, en) = banner(&ts.base, "", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(en["lang"], "en");
    let text = en["text"].as_str().unwrap();
    assert!(text.contains("authorised use only"), "{text}");
    assert!(text.contains("monitored, recorded"), "{text}");

    let (_, es) = banner(&ts.base, "", Some("es-MX,es;q=0.9,en;q=0.5")).await;
    assert_eq!(es["lang"], "es");
    let texto = es["text"].as_str().unwrap();
    assert!(texto.contains("solo para uso autorizado"), "{texto}");
    assert!(texto.contains("se monitorea, se registra"), "{texto}");

    // `?lang=` wins over the header; an unknown language is a clear 400, not a guess.
    let (_, en_again) = banner(&ts.base, "?lang=en", Some("es")).await;
    assert_eq!(en_again["lang"], "en");
    let (status, err) = banner(&ts.base, "?lang=fr", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(err["error"]["code"], "bad_request");
    // A language we do not have falls back to English.
    let (_, fallback) = banner(&ts.base, "", Some("de-DE, fr;q=0.8")).await;
    assert_eq!(fallback["lang"], "en");

    // The typed client reads it without a token, sanitised.
    let anonymous = fwc::api::ApiClient::new(fwc::api::ClientConfig {
        trace_url: ts.base.clone(),
        case_url: ts.base.clone(),
        token: String::new(),
        timeout: Duration::from_secs(10),
        transport: Default::default(),
    })
    .unwrap();
    let b = anonymous.banner("es").await.unwrap();
    assert_eq!(b.lang.as_deref(), Some("es"));
    assert_eq!(b.text, texto);
}

#[tokio::test]
async fn an_operator_banner_file_is_answered_as_written_for_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("banner.txt");
    std::fs::write(
        &file,
        "AGENCY NOTICE\n\nUse is logged.\x1b[2J Aviso: uso registrado.\n",
    )
    .unwrap();
    let text = fwc::server::routes::banner::read_banner_file(&file).unwrap();
    let mut cfg = ServerConfig::new(dir.path().join("fwc.db"), ([127, 0, 0, 1], 0).into());
    cfg.banner = Some(text);
    let server = start(cfg).await.unwrap();
    let base = format!("http://{}", server.addr);
    for accept in [None, Some("es")] {
        let (status, b) = banner(&base, "", accept).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            b["text"]
                .as_str()
                .unwrap()
                .starts_with("AGENCY NOTICE\n\nUse is logged.")
        );
        assert!(b.get("lang").is_none(), "{b}");
    }
    // The console's client strips the escape sequence a hostile file could carry, keeps the
    // paragraphs.
    let client = fwc::api::ApiClient::new(fwc::api::ClientConfig {
        trace_url: base.clone(),
        case_url: base.clone(),
        token: String::new(),
        timeout: Duration::from_secs(10),
        transport: Default::default(),
    })
    .unwrap();
    let b = client.banner("en").await.unwrap();
    assert_eq!(
        b.text,
        "AGENCY NOTICE\n\nUse is logged.[2J Aviso: uso registrado."
    );
    server.shutdown().await.unwrap();

    // Bad files are refused with the reason, before the server starts.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let e = fwc::server::routes::banner::read_banner_file(&empty).unwrap_err();
    assert!(e.to_string().contains("is empty"), "{e}");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "x".repeat(9000)).unwrap();
    let e = fwc::server::routes::banner::read_banner_file(&big).unwrap_err();
    assert!(e.to_string().contains("at most 8192"), "{e}");
    let bin = dir.path().join("bin.txt");
    std::fs::write(&bin, [0xff, 0xfe, 0x00]).unwrap();
    let e = fwc::server::routes::banner::read_banner_file(&bin).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
}
