//! [`Backend`] over the real HTTP client.

use std::future::Future;

use futures_util::StreamExt;
use futures_util::stream::BoxStream;

use super::backend::{Backend, FetchError, FetchErrorKind};
use super::effect::{PendingWrite, Request, WriteOp};
use super::reply::Data;
use super::signin::SignInFailure;
use crate::api::{ApiClient, ApiError, ApiErrorKind};
use crate::model::{Banner, Event, NewSession, SessionCreated};

impl From<ApiError> for FetchError {
    fn from(e: ApiError) -> Self {
        let kind = match e.kind {
            ApiErrorKind::Unreachable | ApiErrorKind::Timeout => FetchErrorKind::Offline,
            ApiErrorKind::Unauthorized => FetchErrorKind::Unauthorized,
            ApiErrorKind::Forbidden => FetchErrorKind::Forbidden,
            ApiErrorKind::NotFound => FetchErrorKind::NotFound,
            ApiErrorKind::Invalid => FetchErrorKind::Invalid,
            ApiErrorKind::Conflict => FetchErrorKind::Conflict,
            ApiErrorKind::RateLimited => FetchErrorKind::RateLimited,
            ApiErrorKind::Server => FetchErrorKind::Server,
            ApiErrorKind::Decode => FetchErrorKind::Decode,
        };
        FetchError::new(kind, e.to_string()).with_code(e.code)
    }
}

impl Backend for ApiClient {
    fn active_node(&self) -> Option<String> {
        ApiClient::active_node(self)
    }
    fn fetch(&self, req: Request) -> impl Future<Output = Result<Data, FetchError>> + Send {
        let c = self.clone();
        async move {
            let r = match req {
                Request::Me => c.me().await.map(Data::Me),
                Request::Health => c.health().await.map(Data::Health),
                Request::Seizures(q) => c.seizures(&q).await.map(Data::Seizures),
                Request::SeizureStats => c.seizure_stats().await.map(Data::Stats),
                Request::Seizure(id) => c.seizure(&id).await.map(Data::Seizure),
                Request::Traces(q) => c.traces(&q).await.map(Data::Traces),
                Request::Trace(id) => c.trace(&id).await.map(Data::Trace),
                Request::Cases(q) => c.cases(&q).await.map(Data::Cases),
                Request::Case(id) => c.case(&id).await.map(Data::Case),
                Request::Notes(id) => {
                    let q = crate::model::NoteQuery {
                        limit: Some(crate::model::MAX_PAGE_LIMIT),
                        ..Default::default()
                    };
                    c.notes(&id, &q).await.map(Data::Notes)
                }
                Request::Leads(q) => c.leads(&q).await.map(Data::Leads),
                Request::Lead(id) => c.lead(&id).await.map(Data::Lead),
                Request::Casing(id) => c.casing(&id).await.map(Data::Casing),
                Request::Cluster(id) => c.cluster(&id).await.map(Data::Cluster),
                Request::Reviews(q) => c.reviews(&q).await.map(Data::Reviews),
                Request::Correlations(id) => {
                    c.correlations(&id, None).await.map(Data::Correlations)
                }
                Request::ExportCase(id) => return export_case(&c, &id).await,
                Request::Directory => c.directory().await.map(Data::Directory),
                Request::CaseAudit(id) => {
                    let q = crate::model::AuditQuery { limit: Some(1000) };
                    c.case_audit(&id, &q).await.map(Data::Audit)
                }
                Request::StatsMeasures(q) => c.stats_measures(&q).await.map(Data::StatsMeasures),
                Request::StatsTraces(q) => c.stats_traces(&q).await.map(Data::StatsTraces),
                Request::StatsSeizures(q) => c.stats_seizures(&q).await.map(Data::StatsSeizures),
                Request::StatsLeads(q) => c.stats_leads(&q).await.map(Data::StatsLeads),
                Request::NoteHistory(case_id, note_id) => c
                    .note_history(&case_id, &note_id)
                    .await
                    .map(Data::NoteHistory),
                Request::Neighbors(q) => c.graph_neighbors(&q).await.map(Data::Neighborhood),
                Request::Paths(q) => c.graph_paths(&q).await.map(Data::Paths),
                Request::Rings(q) => c.graph_rings(&q).await.map(Data::Rings),
                Request::Alerts(q) => c.alerts(&q).await.map(Data::Alerts),
                Request::Watches => c.watches().await.map(Data::Watches),
            };
            r.map_err(FetchError::from)
        }
    }

    fn write(&self, w: PendingWrite) -> impl Future<Output = Result<Data, FetchError>> + Send {
        let c = self.clone();
        async move {
            let key = w.key.as_str();
            let r = match &w.op {
                WriteOp::UpdateSeizure { id, update } => {
                    c.update_seizure(id, update, key).await.map(Data::Seizure)
                }
                WriteOp::SubmitTrace { request } => {
                    c.submit_trace(request, key).await.map(Data::Trace)
                }
                WriteOp::AddLink { case_id, link } => {
                    c.add_link(case_id, link, key).await.map(Data::Case)
                }
                WriteOp::CreateCase { new } => c.create_case(new, key).await.map(Data::NewCase),
                WriteOp::AddNote { case_id, note } => {
                    c.add_note(case_id, note, key).await.map(Data::Note)
                }
                WriteOp::DecideLead { id, decision } => {
                    c.decide_lead(id, decision, key).await.map(Data::Lead)
                }
                WriteOp::MarkLead {
                    casing_id,
                    candidate_id,
                    mark,
                } => c
                    .mark_lead(casing_id, candidate_id, &mark.comment, key)
                    .await
                    .map(Data::Lead),
                WriteOp::EditNote {
                    case_id,
                    note_id,
                    edit,
                } => c
                    .edit_note(case_id, note_id, edit, key)
                    .await
                    .map(Data::NoteSave),
                WriteOp::AddMember { case_id, member } => c
                    .add_member(case_id, member, key)
                    .await
                    .map(|case| member_changed(case, member, true)),
                WriteOp::RemoveMember { case_id, member } => {
                    let r = crate::model::MemberRef {
                        agency: member.agency.clone(),
                        user: member.user.clone(),
                    };
                    c.remove_member(case_id, &r)
                        .await
                        .map(|case| member_changed(case, member, false))
                }
                WriteOp::SetProsecution { case_id, update } => c
                    .set_prosecution(case_id, update, key)
                    .await
                    .map(Data::ProsecutionSet),
                WriteOp::CreateWatch { new } => c.create_watch(new, key).await.map(Data::Watch),
                WriteOp::UpdateWatch { id, update } => {
                    c.update_watch(id, update).await.map(Data::Watch)
                }
                WriteOp::DeleteWatch { id } => c.delete_watch(id).await.map(Data::WatchDeleted),
                WriteOp::MarkAlertRead { id } => c.mark_alert_read(id).await.map(Data::Alert),
            };
            r.map_err(FetchError::from)
        }
    }

    fn events(&self, after: Option<i64>) -> BoxStream<'static, Result<Event, FetchError>> {
        ApiClient::events(self, after)
            .map(|r| r.map_err(FetchError::from))
            .boxed()
    }

    fn banner(&self, lang: &str) -> impl Future<Output = Result<Banner, FetchError>> + Send {
        let (c, lang) = (self.clone(), lang.to_string());
        async move { ApiClient::banner(&c, &lang).await.map_err(FetchError::from) }
    }

    fn sign_in(
        &self,
        body: NewSession,
    ) -> impl Future<Output = Result<SessionCreated, SignInFailure>> + Send {
        let c = self.clone();
        async move {
            match ApiClient::sign_in(&c, &body).await {
                Ok(created) => {
                    c.set_token(&created.token);
                    Ok(created)
                }
                Err(e) => Err(SignInFailure {
                    error: e.error.into(),
                    retry_after_s: e.retry_after_s,
                    at: chrono::Utc::now(),
                }),
            }
        }
    }

    fn sign_out(&self) -> impl Future<Output = Result<(), FetchError>> + Send {
        let c = self.clone();
        async move { ApiClient::sign_out(&c).await.map_err(FetchError::from) }
    }

    fn import_seizures(
        &self,
        batch: crate::model::SeizureImport,
    ) -> impl Future<Output = Result<crate::model::ImportResult, FetchError>> + Send {
        let c = self.clone();
        async move {
            ApiClient::import_seizures(&c, &batch)
                .await
                .map_err(FetchError::from)
        }
    }
}

fn member_changed(
    case: crate::model::Case,
    member: &crate::model::CaseMember,
    added: bool,
) -> Data {
    Data::MemberChanged {
        case,
        member: member.clone(),
        added,
    }
}

/// The case packet as `fwc export case` builds it. Only collected here: writing it is the
/// pane's next effect (`Effect::SaveFile`), so a read never touches the disk.
async fn export_case(c: &ApiClient, id: &str) -> Result<Data, FetchError> {
    let packet =
        crate::export::build_packet(c, id)
            .await
            .map_err(|e| match e.downcast::<ApiError>() {
                Ok(api) => FetchError::from(api),
                Err(e) => FetchError::new(FetchErrorKind::Server, format!("{e:#}")),
            })?;
    Ok(Data::Packet(Box::new(packet)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The server's code travels with the error, so the console can word it; the server's
    /// message stays as the detail.
    #[test]
    fn a_refusal_keeps_the_servers_code_and_message() {
        let body =
            br#"{"error":{"code":"forbidden","message":"Only the note's author may edit it."}}"#;
        let e = FetchError::from(ApiError::from_status(403, body));
        assert_eq!(e.kind, FetchErrorKind::Forbidden);
        assert_eq!(e.code.as_deref(), Some("forbidden"));
        assert!(e.message.starts_with("Only the note's author may edit it."));
        let plain = FetchError::from(ApiError::from_status(502, b"<html>bad gateway</html>"));
        assert_eq!(plain.code, None);
    }

    /// A server that gave no answer at all adds nothing to the console's own "cannot reach the
    /// server at …" (the blocking screen and the sign-in form said it twice); a reason that
    /// says more (a timeout, an untrusted certificate) is kept.
    #[test]
    fn an_outage_with_no_answer_adds_no_second_sentence() {
        let bare = FetchError::from(ApiError {
            kind: ApiErrorKind::Unreachable,
            status: None,
            code: Some(crate::api::UNREACHABLE.into()),
            message: "Cannot reach the server at http://127.0.0.1:1. Check the address and your connection.".into(),
        });
        assert!(bare.is_offline());
        assert_eq!(bare.offline_reason(), "");
        let slow = FetchError::from(ApiError {
            kind: ApiErrorKind::Timeout,
            status: None,
            code: None,
            message: "The server at http://127.0.0.1:1 did not answer in time.".into(),
        });
        assert!(slow.offline_reason().contains("did not answer in time"));
    }
}
