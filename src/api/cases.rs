//! The case API half of the client: cases, members, notes (with version checks) and the audit
//! trail. Transport, retries and sanitising live in `client.rs`.

use reqwest::{Method, StatusCode, header};

use super::client::{ATTEMPTS, Api, decode, retry, seg};
use super::{ApiClient, ApiError};
use crate::model::*;

impl ApiClient {
    pub async fn cases(&self, q: &CaseQuery) -> Result<Page<Case>, ApiError> {
        self.get(Api::Case, "/v1/cases", q).await
    }
    pub async fn case(&self, id: &str) -> Result<Case, ApiError> {
        self.get(Api::Case, &format!("/v1/cases/{}", seg(id)), &())
            .await
    }
    pub async fn create_case(
        &self,
        new: &NewCase,
        idempotency_key: &str,
    ) -> Result<Case, ApiError> {
        self.send(
            Api::Case,
            Method::POST,
            "/v1/cases",
            new,
            Some(idempotency_key),
        )
        .await
    }
    pub async fn add_link(
        &self,
        case_id: &str,
        link: &NewLink,
        idempotency_key: &str,
    ) -> Result<Case, ApiError> {
        let path = format!("/v1/cases/{}/links", seg(case_id));
        self.send(Api::Case, Method::POST, &path, link, Some(idempotency_key))
            .await
    }
    pub async fn notes(&self, case_id: &str, q: &NoteQuery) -> Result<Page<Note>, ApiError> {
        self.get(Api::Case, &format!("/v1/cases/{}/notes", seg(case_id)), q)
            .await
    }
    pub async fn add_note(
        &self,
        case_id: &str,
        note: &NewNote,
        idempotency_key: &str,
    ) -> Result<Note, ApiError> {
        let path = format!("/v1/cases/{}/notes", seg(case_id));
        self.send(Api::Case, Method::POST, &path, note, Some(idempotency_key))
            .await
    }

    /// Only notes created or edited at or after `since` (inclusive, whole seconds), all pages.
    pub async fn notes_since(
        &self,
        case_id: &str,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<Note>, ApiError> {
        let mut q = NoteQuery {
            limit: Some(MAX_PAGE_LIMIT),
            since: Some(since),
            ..NoteQuery::default()
        };
        let mut out = Vec::new();
        loop {
            let page = self.notes(case_id, &q).await?;
            out.extend(page.items);
            match page.next_cursor {
                Some(c) => q.cursor = Some(c),
                None => return Ok(out),
            }
        }
    }
    pub async fn note(&self, case_id: &str, note_id: &str) -> Result<Note, ApiError> {
        let path = format!("/v1/cases/{}/notes/{}", seg(case_id), seg(note_id));
        self.get(Api::Case, &path, &()).await
    }
    pub async fn note_history(
        &self,
        case_id: &str,
        note_id: &str,
    ) -> Result<Vec<NoteVersion>, ApiError> {
        let path = format!("/v1/cases/{}/notes/{}/history", seg(case_id), seg(note_id));
        self.get(Api::Case, &path, &()).await
    }
    /// Edits the caller's own note from `edit.version`. A 409 `version_conflict` is not an
    /// error here but [`NoteSave::Conflict`], carrying the current note beside the caller's text.
    pub async fn edit_note(
        &self,
        case_id: &str,
        note_id: &str,
        edit: &NoteEdit,
        idempotency_key: &str,
    ) -> Result<NoteSave, ApiError> {
        let base = &self.base(Api::Case);
        let url = format!("{base}/v1/cases/{}/notes/{}", seg(case_id), seg(note_id));
        let payload = serde_json::to_vec(edit).map_err(|e| ApiError::decode(base, e))?;
        let (status, bytes) = retry(ATTEMPTS, || async {
            let resp = self
                .inner
                .http
                .put(&url)
                .bearer_auth(self.token())
                .header(header::CONTENT_TYPE, "application/json")
                .header("Idempotency-Key", idempotency_key)
                .body(payload.clone())
                .send()
                .await
                .map_err(|e| ApiError::from_transport(base, &e))?;
            let status = resp.status();
            let bytes = resp
                .bytes()
                .await
                .map_err(|e| ApiError::from_transport(base, &e))?;
            if status.is_success() || status == StatusCode::CONFLICT {
                Ok((status, bytes))
            } else {
                Err(ApiError::from_status(status.as_u16(), &bytes))
            }
        })
        .await?;
        if status == StatusCode::CONFLICT {
            return match decode::<NoteConflict>(base, &bytes) {
                Ok(c) => Ok(NoteSave::Conflict(c)),
                Err(_) => Err(ApiError::from_status(status.as_u16(), &bytes)),
            };
        }
        decode(base, &bytes).map(NoteSave::Saved)
    }
    pub async fn update_case(
        &self,
        case_id: &str,
        upd: &CaseUpdate,
        idempotency_key: &str,
    ) -> Result<Case, ApiError> {
        let path = format!("/v1/cases/{}", seg(case_id));
        self.send(Api::Case, Method::PATCH, &path, upd, Some(idempotency_key))
            .await
    }
    /// Adds a member (supervisors who are members of the case).
    pub async fn add_member(
        &self,
        case_id: &str,
        member: &CaseMember,
        idempotency_key: &str,
    ) -> Result<Case, ApiError> {
        let path = format!("/v1/cases/{}/members", seg(case_id));
        self.send(
            Api::Case,
            Method::POST,
            &path,
            member,
            Some(idempotency_key),
        )
        .await
    }
    /// Records the case's prosecution stage (supervisors and prosecutors who are members).
    pub async fn set_prosecution(
        &self,
        case_id: &str,
        upd: &ProsecutionUpdate,
        idempotency_key: &str,
    ) -> Result<Case, ApiError> {
        let path = format!("/v1/cases/{}/prosecution", seg(case_id));
        self.send(Api::Case, Method::PUT, &path, upd, Some(idempotency_key))
            .await
    }
    /// Removes a member (supervisors who are members of the case); never the last one.
    pub async fn remove_member(&self, case_id: &str, member: &MemberRef) -> Result<Case, ApiError> {
        let path = format!("/v1/cases/{}/members", seg(case_id));
        self.send(Api::Case, Method::DELETE, &path, member, None)
            .await
    }
    /// The case's audit trail, newest first (supervisors who are members of the case).
    pub async fn case_audit(
        &self,
        case_id: &str,
        q: &AuditQuery,
    ) -> Result<Vec<AuditEntry>, ApiError> {
        let path = format!("/v1/cases/{}/audit", seg(case_id));
        self.get(Api::Case, &path, q).await
    }
    /// Every agency and registered user that can be made a case member (any signed-in user).
    pub async fn directory(&self) -> Result<Vec<CaseMember>, ApiError> {
        self.get(Api::Case, "/v1/directory", &()).await
    }
}
