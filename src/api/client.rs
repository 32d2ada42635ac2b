//! The async client: timeouts, retries with backoff for idempotent calls, compression and
//! ETag reuse on lists.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{Method, StatusCode, header};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, ApiErrorKind};
use crate::model::text::Sanitize;
use crate::model::*;

/// Where the APIs live and who we are.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Base URL of the trace API (seizures, firearms, traces, ballistics), e.g. `http://127.0.0.1:8470`.
    pub trace_url: String,
    /// Base URL of the case API (cases, notes); often the same server.
    pub case_url: String,
    pub token: String,
    /// Per-request timeout. Field offices on slow links want this generous.
    pub timeout: Duration,
    /// Extra CA roots, and whether plain `http://` may leave this machine.
    pub transport: super::Transport,
}

/// Cheap to clone; share one per console.
#[derive(Clone)]
pub struct ApiClient {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) http: reqwest::Client,
    pub(super) trace_url: String,
    pub(super) case_url: String,
    /// The bearer token; replaced when the user signs in again (after the idle lock).
    pub(super) token: std::sync::RwLock<String>,
    /// Last ETag and body per URL, so an unchanged list costs a 304 instead of a page.
    pub(super) etags: Mutex<HashMap<String, (String, bytes::Bytes)>>,
    /// Several addresses of one service, and the one in use ([`super::failover`]).
    pub(super) nodes: super::failover::Nodes,
}

/// Attempts for idempotent requests (GETs, and POSTs carrying an idempotency key).
pub(super) const ATTEMPTS: u32 = 3;
const ETAG_CACHE_MAX: usize = 256;

#[derive(Clone, Copy)]
pub(super) enum Api {
    Trace,
    Case,
}

impl ApiClient {
    /// Refuses plain `http://` to another machine (without `insecure_http`) and an unreadable
    /// CA file before any request is made.
    pub fn new(cfg: ClientConfig) -> Result<Self, ApiError> {
        Self::with_nodes(cfg, Vec::new())
    }

    /// A client of a service with several addresses (`nodes`, in the order to try them; both
    /// APIs are served by each): it fails over from one to the next ([`super::failover`]).
    /// With fewer than two, the same as [`Self::new`].
    pub fn with_nodes(cfg: ClientConfig, nodes: Vec<String>) -> Result<Self, ApiError> {
        for url in &nodes {
            super::check_url(url, &cfg.transport)?;
        }
        let nodes = nodes
            .iter()
            .map(|u| u.trim_end_matches('/').to_string())
            .collect();
        super::check_url(&cfg.trace_url, &cfg.transport)?;
        super::check_url(&cfg.case_url, &cfg.transport)?;
        let builder = super::transport::apply(reqwest::Client::builder(), &cfg.transport)?;
        let http = builder
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout.min(Duration::from_secs(10)))
            .gzip(true)
            .zstd(true)
            .user_agent(concat!("fwc/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::decode(&cfg.trace_url, e))?;
        Ok(ApiClient {
            inner: Arc::new(Inner {
                http,
                trace_url: cfg.trace_url.trim_end_matches('/').to_string(),
                case_url: cfg.case_url.trim_end_matches('/').to_string(),
                token: std::sync::RwLock::new(cfg.token),
                etags: Mutex::new(HashMap::new()),
                nodes: super::failover::Nodes::new(nodes),
            }),
        })
    }

    pub fn trace_url(&self) -> &str {
        &self.inner.trace_url
    }

    pub fn case_url(&self) -> &str {
        &self.inner.case_url
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The token requests carry now.
    pub(crate) fn token(&self) -> String {
        self.inner
            .token
            .read()
            .map(|t| t.clone())
            .unwrap_or_default()
    }

    /// Uses `token` for every request from now on (a new session after signing in again).
    pub fn set_token(&self, token: &str) {
        if let Ok(mut t) = self.inner.token.write() {
            *t = token.to_string();
        }
    }

    pub async fn health(&self) -> Result<Health, ApiError> {
        self.get(Api::Trace, "/v1/health", &()).await
    }
    pub async fn me(&self) -> Result<User, ApiError> {
        self.get(Api::Trace, "/v1/me", &()).await
    }
    pub async fn seizures(&self, q: &SeizureQuery) -> Result<Page<Seizure>, ApiError> {
        self.get(Api::Trace, "/v1/seizures", q).await
    }
    pub async fn seizure(&self, id: &str) -> Result<Seizure, ApiError> {
        self.get(Api::Trace, &format!("/v1/seizures/{}", seg(id)), &())
            .await
    }
    pub async fn seizure_stats(&self) -> Result<SeizureStats, ApiError> {
        self.get(Api::Trace, "/v1/seizures/stats", &()).await
    }
    pub async fn create_seizure(
        &self,
        new: &NewSeizure,
        idempotency_key: &str,
    ) -> Result<Seizure, ApiError> {
        self.send(
            Api::Trace,
            Method::POST,
            "/v1/seizures",
            new,
            Some(idempotency_key),
        )
        .await
    }
    pub async fn update_seizure(
        &self,
        id: &str,
        upd: &SeizureUpdate,
        idempotency_key: &str,
    ) -> Result<Seizure, ApiError> {
        let path = format!("/v1/seizures/{}", seg(id));
        self.send(Api::Trace, Method::PATCH, &path, upd, Some(idempotency_key))
            .await
    }

    pub async fn firearms(&self, q: &FirearmQuery) -> Result<Page<Firearm>, ApiError> {
        self.get(Api::Trace, "/v1/firearms", q).await
    }
    pub async fn firearm(&self, id: &str) -> Result<Firearm, ApiError> {
        self.get(Api::Trace, &format!("/v1/firearms/{}", seg(id)), &())
            .await
    }

    pub async fn traces(&self, q: &TraceQuery) -> Result<Page<Trace>, ApiError> {
        self.get(Api::Trace, "/v1/traces", q).await
    }
    pub async fn trace(&self, id: &str) -> Result<Trace, ApiError> {
        self.get(Api::Trace, &format!("/v1/traces/{}", seg(id)), &())
            .await
    }
    pub async fn submit_trace(
        &self,
        req: &TraceRequest,
        idempotency_key: &str,
    ) -> Result<Trace, ApiError> {
        self.send(
            Api::Trace,
            Method::POST,
            "/v1/traces",
            req,
            Some(idempotency_key),
        )
        .await
    }

    pub async fn casings(&self, q: &CasingQuery) -> Result<Page<Casing>, ApiError> {
        self.get(Api::Trace, "/v1/ballistics/casings", q).await
    }
    pub async fn casing(&self, id: &str) -> Result<Casing, ApiError> {
        self.get(
            Api::Trace,
            &format!("/v1/ballistics/casings/{}", seg(id)),
            &(),
        )
        .await
    }
    pub async fn leads(&self, q: &LeadQuery) -> Result<Page<Lead>, ApiError> {
        self.get(Api::Trace, "/v1/ballistics/leads", q).await
    }
    pub async fn lead(&self, id: &str) -> Result<Lead, ApiError> {
        self.get(
            Api::Trace,
            &format!("/v1/ballistics/leads/{}", seg(id)),
            &(),
        )
        .await
    }

    pub async fn acquire_casing(
        &self,
        new: &NewCasing,
        idempotency_key: &str,
    ) -> Result<Casing, ApiError> {
        self.send(
            Api::Trace,
            Method::POST,
            "/v1/ballistics/casings",
            new,
            Some(idempotency_key),
        )
        .await
    }
    pub async fn decide_lead(
        &self,
        id: &str,
        d: &LeadDecision,
        idempotency_key: &str,
    ) -> Result<Lead, ApiError> {
        let path = format!("/v1/ballistics/leads/{}/decision", seg(id));
        self.send(Api::Trace, Method::POST, &path, d, Some(idempotency_key))
            .await
    }
    pub async fn cluster(&self, casing_id: &str) -> Result<Cluster, ApiError> {
        self.get(
            Api::Trace,
            &format!("/v1/ballistics/casings/{}/cluster", seg(casing_id)),
            &(),
        )
        .await
    }

    /// The base URL for `api` now: the active node when the service has several addresses.
    pub(super) fn base(&self, api: Api) -> String {
        self.endpoint(api).1
    }

    /// The configured base URL for `api` (the first address).
    pub(super) fn configured(&self, api: Api) -> &str {
        match api {
            Api::Trace => &self.inner.trace_url,
            Api::Case => &self.inner.case_url,
        }
    }

    /// GET with retries and ETag reuse; the decoded value is sanitised.
    pub(super) async fn get<T, Q>(&self, api: Api, path: &str, query: &Q) -> Result<T, ApiError>
    where
        T: DeserializeOwned + Sanitize,
        Q: Serialize + ?Sized,
    {
        let body = self.get_bytes(api, path, query).await?;
        decode(&self.base(api), &body)
    }

    /// The body of a successful GET, with retries and ETag reuse.
    pub(super) async fn get_bytes<Q>(
        &self,
        api: Api,
        path: &str,
        query: &Q,
    ) -> Result<bytes::Bytes, ApiError>
    where
        Q: Serialize + ?Sized,
    {
        self.on_nodes(api, ATTEMPTS, |base| async move {
            let req = self
                .inner
                .http
                .get(format!("{base}{path}"))
                .query(query)
                .build()
                .map_err(|e| ApiError::decode(&base, e))?;
            let full = req.url().to_string();
            let cached = self.cached(&full);
            let mut rb = self.inner.http.get(&full).bearer_auth(self.token());
            if let Some((etag, _)) = &cached {
                rb = rb.header(header::IF_NONE_MATCH, etag.as_str());
            }
            let resp = rb
                .send()
                .await
                .map_err(|e| ApiError::from_transport(&base, &e))?;
            let status = resp.status();
            if status == StatusCode::NOT_MODIFIED
                && let Some((_, body)) = &cached
            {
                return Ok(body.clone());
            }
            let etag = resp
                .headers()
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let bytes = resp
                .bytes()
                .await
                .map_err(|e| ApiError::from_transport(&base, &e))?;
            if !status.is_success() {
                return Err(ApiError::from_status(status.as_u16(), &bytes));
            }
            if let Some(etag) = etag {
                self.remember(&full, etag, bytes.clone());
            }
            Ok(bytes)
        })
        .await
    }

    /// A write. With an idempotency key it is safe to retry: the server applies it once.
    pub(super) async fn send<T, B>(
        &self,
        api: Api,
        method: Method,
        path: &str,
        body: &B,
        key: Option<&str>,
    ) -> Result<T, ApiError>
    where
        T: DeserializeOwned + Sanitize,
        B: Serialize + ?Sized,
    {
        let bytes = self.send_bytes(api, method, path, body, key).await?;
        decode(&self.base(api), &bytes)
    }

    pub(super) async fn send_bytes<B>(
        &self,
        api: Api,
        method: Method,
        path: &str,
        body: &B,
        key: Option<&str>,
    ) -> Result<bytes::Bytes, ApiError>
    where
        B: Serialize + ?Sized,
    {
        let payload = serde_json::to_vec(body).map_err(|e| ApiError::decode(&self.base(api), e))?;
        let attempts = if key.is_some() { ATTEMPTS } else { 1 };
        self.on_nodes(api, attempts, |base| {
            let (method, payload) = (method.clone(), payload.clone());
            async move {
                let mut rb = self
                    .inner
                    .http
                    .request(method, format!("{base}{path}"))
                    .bearer_auth(self.token())
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(payload);
                if let Some(k) = key {
                    rb = rb.header("Idempotency-Key", k);
                }
                let resp = rb
                    .send()
                    .await
                    .map_err(|e| ApiError::from_transport(&base, &e))?;
                let status = resp.status();
                let bytes = resp
                    .bytes()
                    .await
                    .map_err(|e| ApiError::from_transport(&base, &e))?;
                if !status.is_success() {
                    return Err(ApiError::from_status(status.as_u16(), &bytes));
                }
                Ok(bytes)
            }
        })
        .await
    }

    fn cached(&self, url: &str) -> Option<(String, bytes::Bytes)> {
        self.inner
            .etags
            .lock()
            .ok()
            .and_then(|m| m.get(url).cloned())
    }

    fn remember(&self, url: &str, etag: String, body: bytes::Bytes) {
        if let Ok(mut m) = self.inner.etags.lock() {
            if m.len() >= ETAG_CACHE_MAX && !m.contains_key(url) {
                m.clear();
            }
            m.insert(url.to_string(), (etag, body));
        }
    }
}

/// Percent-encodes one path segment (ids come from users and records).
pub fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub(super) fn decode<T: DeserializeOwned + Sanitize>(
    base: &str,
    body: &[u8],
) -> Result<T, ApiError> {
    let mut v: T = serde_json::from_slice(body).map_err(|e| ApiError::decode(base, e))?;
    v.sanitize();
    Ok(v)
}

/// Runs `f` up to `attempts` times, backing off 250 ms, 500 ms, … between transient failures.
pub(super) async fn retry<T, F, Fut>(attempts: u32, mut f: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let mut delay = Duration::from_millis(250);
    let mut last = None;
    for i in 0..attempts.max(1) {
        match f().await {
            Ok(v) => return Ok(v),
            Err(e) if e.is_transient() && i + 1 < attempts => {
                last = Some(e);
                tokio::time::sleep(delay).await;
                delay *= 2;
            }
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or(ApiError {
        kind: ApiErrorKind::Unreachable,
        status: None,
        code: None,
        message: "No attempt was made.".into(),
    }))
}

#[cfg(test)]
mod tests {
    use super::seg;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(seg("SZ-000123"), "SZ-000123");
        assert_eq!(seg("../x y"), "..%2Fx%20y");
    }
}
