//! Joint cases, their members, linked entities and notes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Country;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Open,
    Dormant,
    Closed,
}
crate::string_enum!(CaseStatus { Open => "open", Dormant => "dormant", Closed => "closed" });

/// A member of a case: a whole agency, or one named user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CaseMember {
    pub agency: String,
    pub country: Country,
    /// Absent when the whole agency is a member.
    pub user: Option<String>,
}
crate::sanitize_fields!(CaseMember { agency, user });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Seizure,
    Firearm,
    Trace,
    Casing,
    Lead,
    Person,
    Dealer,
}
crate::string_enum!(EntityKind { Seizure => "seizure", Firearm => "firearm", Trace => "trace", Casing => "casing", Lead => "lead", Person => "person", Dealer => "dealer" });

/// An entity linked to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CaseLink {
    pub kind: EntityKind,
    pub id: String,
    pub label: String,
}
crate::sanitize_fields!(CaseLink { id, label });

/// A joint investigation. Visible only to its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Case {
    /// e.g. `CS-2026-0042`
    pub id: String,
    pub title: String,
    pub status: CaseStatus,
    pub lead_agency: String,
    pub members: Vec<CaseMember>,
    pub links: Vec<CaseLink>,
    pub created_at: DateTime<Utc>,
    pub last_activity: DateTime<Utc>,
    pub note_count: u32,
}
crate::sanitize_fields!(Case {
    id,
    title,
    lead_agency,
    members,
    links
});

impl Case {
    /// The countries of the member agencies: one for a national case, two for a joint one.
    pub fn countries(&self) -> Vec<Country> {
        let mut c: Vec<Country> = self.members.iter().map(|m| m.country).collect();
        c.sort();
        c.dedup();
        c
    }
}

/// `POST /v1/cases`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewCase {
    pub title: String,
    /// Extra member agencies besides the creator's own.
    #[serde(default)]
    pub members: Vec<CaseMember>,
}

/// `POST /v1/cases/{id}/links`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewLink {
    pub kind: EntityKind,
    pub id: String,
}

/// A note in a case's running log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Note {
    /// e.g. `NT-000123`
    pub id: String,
    pub case_id: String,
    pub author: String,
    pub author_agency: String,
    /// Markdown-flavoured plain text.
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Increments on every edit; send it back as `version` to edit (optimistic concurrency).
    pub version: u32,
    /// Who wrote the current version, when the note has more than one (only the author may
    /// edit, but notes edited before that rule keep their true editor). `None` for version 1.
    #[serde(default)]
    pub edited_by: Option<String>,
    /// When the current version was written, when the note has more than one.
    #[serde(default)]
    pub edited_at: Option<DateTime<Utc>>,
}

impl crate::model::text::Sanitize for Note {
    fn sanitize(&mut self) {
        use crate::model::text::{clean_in_place, clean_multiline_in_place};
        clean_in_place(&mut self.id);
        clean_in_place(&mut self.case_id);
        clean_in_place(&mut self.author);
        clean_in_place(&mut self.author_agency);
        if let Some(e) = self.edited_by.as_mut() {
            clean_in_place(e);
        }
        clean_multiline_in_place(&mut self.body);
    }
}

/// `POST /v1/cases/{id}/notes`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewNote {
    pub body: String,
}

/// Filters for `GET /v1/cases`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    pub status: Option<CaseStatus>,
    pub q: Option<String>,
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Paging for `GET /v1/cases/{id}/notes` (oldest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct NoteQuery {
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Only notes created or edited at or after this instant (RFC 3339). Timestamps are whole
    /// seconds and the bound is inclusive, so nothing written in the same second is missed; a
    /// client counting unread notes remembers the ids it has shown.
    pub since: Option<DateTime<Utc>>,
}

/// `PUT /v1/cases/{id}/notes/{note_id}`: a new body for the caller's own note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NoteEdit {
    pub body: String,
    /// The version the editor started from. If the note has moved on since, the edit is refused
    /// with 409 `version_conflict` and nothing is overwritten.
    pub version: u32,
}

/// The 409 answer to a [`NoteEdit`] made from a stale version: the usual error plus the note as
/// it now stands, so the editor can show both texts and let its user merge or save theirs anew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NoteConflict {
    pub error: super::ErrorDetail,
    pub current: Note,
}

impl crate::model::text::Sanitize for NoteConflict {
    fn sanitize(&mut self) {
        self.error.code.sanitize();
        self.error.message.sanitize();
        self.current.sanitize();
    }
}

/// How a note edit ended, as the client sees it: saved, or refused because the note had moved
/// on (then both the caller's text and the current one are at hand).
#[derive(Debug, Clone, PartialEq)]
pub enum NoteSave {
    Saved(Note),
    Conflict(NoteConflict),
}

/// One version of a note, from `GET /v1/cases/{id}/notes/{note_id}/history` (oldest first).
/// Every version names who wrote it and when, so nothing said in a case is misattributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NoteVersion {
    pub note_id: String,
    pub version: u32,
    pub body: String,
    /// The note's author (who wrote version 1).
    pub author: String,
    /// Who wrote this version.
    pub edited_by: String,
    /// When this version was written.
    pub edited_at: DateTime<Utc>,
}

impl crate::model::text::Sanitize for NoteVersion {
    fn sanitize(&mut self) {
        use crate::model::text::{clean_in_place, clean_multiline_in_place};
        clean_in_place(&mut self.note_id);
        clean_in_place(&mut self.author);
        clean_in_place(&mut self.edited_by);
        clean_multiline_in_place(&mut self.body);
    }
}

/// `PATCH /v1/cases/{id}`: members change the title or the status (at least one of them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CaseUpdate {
    pub title: Option<String>,
    pub status: Option<CaseStatus>,
}

/// Names a member to remove: `DELETE /v1/cases/{id}/members` as a JSON body or as the query
/// `?agency=…&user=…`. Without `user` it is the agency-wide membership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct MemberRef {
    pub agency: String,
    pub user: Option<String>,
}

/// An audit record as read back: `GET /v1/cases/{id}/audit` (supervisors who are members).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user: Option<String>,
    pub method: String,
    /// The route template the server matched, e.g. `/v1/cases/{id}/notes/{note_id}`.
    #[serde(default)]
    pub route: Option<String>,
    pub path: String,
    pub status: u16,
    /// The most specific id the request named (decoded), e.g. the note of a note route.
    pub entity_id: Option<String>,
    /// The case the request touched.
    #[serde(default)]
    pub case_id: Option<String>,
}
crate::sanitize_fields!(AuditEntry {
    user,
    method,
    route,
    path,
    entity_id,
    case_id
});

/// Paging for `GET /v1/cases/{id}/audit`: newest first, at most `limit` (default 200, max 1000).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
}
