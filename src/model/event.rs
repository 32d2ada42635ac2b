//! Change events delivered over `GET /v1/events` (server-sent events).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    SeizureCreated,
    SeizureUpdated,
    TraceSubmitted,
    TraceCompleted,
    CasingAcquired,
    /// A queued casing's correlation list is ranked (and ready for review).
    CasingCorrelated,
    LeadCreated,
    LeadDecided,
    CaseCreated,
    CaseUpdated,
    NoteAdded,
    NoteEdited,
    /// A watch fired: `entity_id` is the alert's id; sent only to the watch's owner (`user`).
    Alert,
}
crate::string_enum!(EventKind {
    SeizureCreated => "seizure_created",
    SeizureUpdated => "seizure_updated",
    TraceSubmitted => "trace_submitted",
    TraceCompleted => "trace_completed",
    CasingAcquired => "casing_acquired",
    CasingCorrelated => "casing_correlated",
    LeadCreated => "lead_created",
    LeadDecided => "lead_decided",
    CaseCreated => "case_created",
    CaseUpdated => "case_updated",
    NoteAdded => "note_added",
    NoteEdited => "note_edited",
    Alert => "alert",
});

/// One change. The SSE `id:` is `id`, so a reconnecting client resumes with `Last-Event-ID`.
/// Events about a case reach only its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Event {
    pub id: i64,
    pub kind: EventKind,
    /// The entity that changed, e.g. `TR-2026-0000042`.
    pub entity_id: String,
    /// Set when the change belongs to a case (only its members receive it).
    pub case_id: Option<String>,
    pub at: DateTime<Utc>,
    /// A short human summary.
    pub summary: String,
    /// Set when the event is for one user only (an `alert`): nobody else receives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}
crate::sanitize_fields!(Event {
    entity_id,
    case_id,
    summary,
    user
});
