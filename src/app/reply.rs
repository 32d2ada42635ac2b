//! What background tasks send back: owned, tagged results (never shared mutable state).

use crate::model::{Case, Event, Health, Page, Seizure, SeizureStats, Trace, User};

use super::backend::FetchError;
use super::effect::Slot;

/// A successful answer from the server.
///
/// Variants differ in size (a page is a pointer, a trace is inline); each answer is moved once
/// through a channel, so boxing the large ones would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    Me(User),
    Health(Health),
    Seizures(Page<Seizure>),
    Stats(SeizureStats),
    Seizure(Seizure),
    Traces(Page<Trace>),
    Trace(Trace),
    Cases(Page<Case>),
    Case(Case),
    Notes(Page<crate::model::Note>),
    Note(crate::model::Note),
    /// A case this console just created.
    NewCase(Case),
    Leads(Page<crate::model::Lead>),
    Lead(crate::model::Lead),
    Casing(crate::model::Casing),
    Cluster(crate::model::Cluster),
    Reviews(Page<crate::model::ReviewItem>),
    Correlations(crate::model::CorrelationList),
    NoteSave(crate::model::NoteSave),
    /// A case packet, collected from the server (not yet written anywhere).
    Packet(Box<crate::export::Packet>),
    /// Where a file the user asked for was written (see `Effect::SaveFile`).
    Exported(String),
    Directory(Vec<crate::model::CaseMember>),
    Audit(Vec<crate::model::AuditEntry>),
    /// Every version of a note, oldest first.
    NoteHistory(Vec<crate::model::NoteVersion>),
    Neighborhood(crate::model::Neighborhood),
    Paths(crate::model::PathSet),
    Rings(Vec<crate::model::RingSuspect>),
    StatsMeasures(crate::model::Measures),
    StatsTraces(crate::model::TraceStats),
    StatsSeizures(crate::model::SeizureStatsOut),
    StatsLeads(crate::model::LeadStats),
    /// The case after its prosecution stage was recorded.
    ProsecutionSet(Case),
    Alerts(Vec<crate::model::Alert>),
    Watches(Vec<crate::model::Watch>),
    /// A watch as saved.
    Watch(crate::model::Watch),
    /// A watch as it was when deleted.
    WatchDeleted(crate::model::Watch),
    Alert(crate::model::Alert),
    /// A spreadsheet read and checked, nothing sent (see `Effect::ReadImport`).
    ImportChecked(Box<super::import_job::ImportFile>),
    /// How far an import has gone (see `Effect::Import`).
    ImportProgress(super::import_job::ImportProgress),
    /// A member joined (`added`) or left the case; `case` is how it stands now.
    MemberChanged {
        case: Case,
        member: crate::model::CaseMember,
        added: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A read (or a local file save) finished. `generation` is the generation the request was
    /// issued with: the state keeps the newest generation per slot and drops any older answer.
    Fetched {
        slot: Slot,
        generation: u64,
        result: Result<Data, FetchError>,
    },
    /// A queued write was delivered (or refused for good). `key` is its idempotency key.
    Wrote {
        key: String,
        result: Result<Data, FetchError>,
    },
    /// The outbox now holds this many undelivered writes.
    Outbox(usize),
    /// The connection to the server came back or was lost.
    Online,
    /// The service has several addresses and the client now uses this one (after a fail-over):
    /// the status bar names it.
    Node(String),
    Offline(String),
    /// A change pushed by the server.
    Event(Event),
    /// Data from the local cache: what the first frame shows at start, then the rest of a long
    /// list, read after that frame. Offered to each pane in turn (see `Pane::cached`).
    Cached(super::effect::CacheEntry),
    /// A toast reached its time.
    ToastExpired(u64),
    /// A held frame reached its time (see `app::hold`).
    HoldExpired(u64),
    /// Local bookkeeping finished (a draft is on disk).
    Local(super::panes::cases::local::LocalReply),
    /// The logon banner, or why it could not be read.
    Banner(Result<crate::model::Banner, FetchError>),
    /// The server refused the session (`401`) while delivering a write: it waits in the outbox.
    SessionEnded(String),
    /// A sign-in (from the form or the lock screen) succeeded or was refused.
    SignedIn(Result<super::signin::SignedIn, super::signin::SignInFailure>),
}
