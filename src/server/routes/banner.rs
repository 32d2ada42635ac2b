//! `GET /v1/banner`: the system-use notification (CJIS "system use notification") a console
//! shows before anyone signs in. Needs no token: it is read before there is one.

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use crate::model::Banner;
use crate::server::AppState;
use crate::server::error::ApiError;
use crate::server::extract::ApiQuery;

/// The largest banner file `fwc serve --banner-file` accepts: a notice, not a document.
pub const MAX_BANNER_BYTES: usize = 8 * 1024;

const DEFAULT_EN: &str = "WARNING: This is a restricted system of the US–Mexico firearms-trafficking \
investigations (Mission Firewall), for authorised use only.\n\n\
Everything done on this system is monitored, recorded and audited, and may be disclosed to \
law-enforcement and oversight authorities in the United States and Mexico.\n\n\
Unauthorised use or misuse may lead to criminal, civil and administrative penalties. \
By continuing you confirm that you are authorised and consent to this monitoring.";

const DEFAULT_ES: &str = "ADVERTENCIA: Este es un sistema restringido de las investigaciones de tráfico \
de armas entre Estados Unidos y México (Misión Firewall), solo para uso autorizado.\n\n\
Todo lo que se hace en este sistema se monitorea, se registra y se audita, y puede darse a \
conocer a las autoridades policiales y de supervisión de Estados Unidos y de México.\n\n\
El uso no autorizado o indebido puede dar lugar a sanciones penales, civiles y administrativas. \
Al continuar, usted confirma que está autorizado y acepta este monitoreo.";

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/banner", get(banner))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BannerQuery {
    /// `en` or `es`: the language of the built-in notice (overrides `Accept-Language`).
    pub lang: Option<String>,
}

/// The notice to show before sign-in. With `fwc serve --banner-file FILE` it is that file's
/// text, the same for every language (`lang` absent). Otherwise the built-in notice
/// (authorised use only; activity monitored and recorded) in English or Spanish: `?lang=en|es`
/// if given, else the first of `es`/`en` by `Accept-Language` preference, else English.
#[utoipa::path(get, path = "/v1/banner", tag = "system", security(()), params(BannerQuery),
    responses((status = 200, body = Banner),
        (status = 400, body = crate::model::ErrorBody, description = "`lang` other than `en` or `es`")))]
pub async fn banner(
    State(st): State<AppState>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<BannerQuery>,
) -> Result<Json<Banner>, ApiError> {
    let lang = match q.lang.as_deref() {
        Some("en") => "en",
        Some("es") => "es",
        Some(_) => return Err(ApiError::bad_request("lang is en or es.")),
        None => headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(preferred)
            .unwrap_or("en"),
    };
    if let Some(text) = st.banner.as_deref() {
        return Ok(Json(Banner {
            text: text.to_string(),
            lang: None,
        }));
    }
    Ok(Json(Banner {
        text: built_in(lang).to_string(),
        lang: Some(lang.to_string()),
    }))
}

/// The built-in notice in `lang` (`es`; anything else is English).
pub fn built_in(lang: &str) -> &'static str {
    if lang == "es" { DEFAULT_ES } else { DEFAULT_EN }
}

/// The language of ours the client prefers most in an `Accept-Language` value (RFC 9110
/// §12.5.4: tags with optional `;q=` weights; `es-MX` counts as `es`; `q=0` means "not this").
fn preferred(header: &str) -> Option<&'static str> {
    let mut best: Option<(f32, &'static str)> = None;
    for item in header.split(',').take(32) {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|v| v.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        let ours = match primary {
            "es" => "es",
            "en" => "en",
            _ => continue,
        };
        // Ties go to the earlier entry, as the client listed them.
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, ours));
        }
    }
    best.map(|(_, l)| l)
}

/// Reads an operator's banner file: UTF-8 text, not empty, at most [`MAX_BANNER_BYTES`].
pub fn read_banner_file(path: &std::path::Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("cannot read the banner file {}: {e}", path.display()))?;
    if bytes.len() > MAX_BANNER_BYTES {
        anyhow::bail!(
            "the banner file {} is {} bytes; a logon banner is at most {MAX_BANNER_BYTES}",
            path.display(),
            bytes.len()
        );
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("the banner file {} is not UTF-8 text", path.display()))?;
    let text = text.trim().to_string();
    if text.is_empty() {
        anyhow::bail!("the banner file {} is empty", path.display());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::preferred;

    #[test]
    fn accept_language_picks_our_language_the_client_prefers_most() {
        assert_eq!(preferred("es-MX,es;q=0.9,en;q=0.8"), Some("es"));
        assert_eq!(preferred("fr, en;q=0.5, es;q=0.7"), Some("es"));
        assert_eq!(preferred("en-US,en;q=0.9"), Some("en"));
        assert_eq!(preferred("es;q=0, en;q=0.1"), Some("en"));
        assert_eq!(preferred("de, fr"), None);
        assert_eq!(preferred("*"), None);
        assert_eq!(preferred(""), None);
    }
}
