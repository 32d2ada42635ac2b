//! Effects: the I/O that `update()` asks for, as plain data the runtime executes.

use serde::{Deserialize, Serialize};

use crate::model::{CaseQuery, NewLink, SeizureQuery, SeizureUpdate, TraceQuery, TraceRequest};
use crate::model::{LeadDecision, LeadQuery};

/// One request in flight per slot: a newer request for a slot replaces the running one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// Who is signed in.
    Session,
    /// The fuzzy case picker ("add to case…"), whichever pane opened it.
    CasePicker,
    /// The unread alerts counted at start.
    Unread,
    /// The alert inbox.
    Alerts,
    /// The watches list.
    Watches,
    /// The record an alert opens (then shown where it lives).
    AlertRecord,
    /// A read of one pane: the number tells its reads apart (see `panes::slot`).
    Pane(super::panes::PaneId, u8),
}

/// A read from the server.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Me,
    Health,
    Seizures(SeizureQuery),
    SeizureStats,
    Seizure(String),
    Traces(TraceQuery),
    Trace(String),
    Cases(CaseQuery),
    Case(String),
    Notes(String),
    Leads(LeadQuery),
    Lead(String),
    Casing(String),
    Cluster(String),
    /// Casings whose correlation list awaits review (`/v1/ballistics/reviews`).
    Reviews(crate::model::ReviewQuery),
    /// A casing's ranked correlation list.
    Correlations(String),
    /// Collect the case packet (the case, its notes and linked records, as the user may see them).
    ExportCase(String),
    /// Every agency and user that can be made a case member.
    Directory,
    /// A case's audit trail, newest first.
    CaseAudit(String),
    /// Every version of a note: (case id, note id).
    NoteHistory(String, String),
    /// The link graph around an entity (`/v1/graph/neighbors`).
    Neighbors(crate::model::NeighborQuery),
    /// Shortest paths between two entities (`/v1/graph/paths`).
    Paths(crate::model::PathQuery),
    /// Suspected straw purchasers or diverting dealers (`/v1/graph/rings`).
    Rings(crate::model::RingQuery),
    /// The outcome statistics (`/v1/stats/…`).
    StatsMeasures(crate::model::StatsQuery),
    StatsTraces(crate::model::StatsQuery),
    StatsSeizures(crate::model::StatsQuery),
    StatsLeads(crate::model::StatsQuery),
    /// The user's alerts, newest first.
    Alerts(crate::model::AlertQuery),
    /// The user's watches.
    Watches,
}

/// A change to send to the server. Serialisable because it waits in the durable outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum WriteOp {
    UpdateSeizure {
        id: String,
        update: SeizureUpdate,
    },
    SubmitTrace {
        request: TraceRequest,
    },
    AddLink {
        case_id: String,
        link: NewLink,
    },
    CreateCase {
        new: crate::model::NewCase,
    },
    AddNote {
        case_id: String,
        note: crate::model::NewNote,
    },
    DecideLead {
        id: String,
        decision: LeadDecision,
    },
    /// Technicians and examiners: a correlation candidate becomes a lead, with a comment.
    MarkLead {
        casing_id: String,
        candidate_id: String,
        mark: crate::model::LeadMark,
    },
    EditNote {
        case_id: String,
        note_id: String,
        edit: crate::model::NoteEdit,
    },
    /// Supervisors: an agency or a named user joins the case.
    AddMember {
        case_id: String,
        member: crate::model::CaseMember,
    },
    /// Supervisors: a member leaves the case (never the last one).
    RemoveMember {
        case_id: String,
        member: crate::model::CaseMember,
    },
    /// Supervisors and prosecutors: where the case stands with prosecutors.
    SetProsecution {
        case_id: String,
        update: crate::model::ProsecutionUpdate,
    },
    CreateWatch {
        new: crate::model::NewWatch,
    },
    UpdateWatch {
        id: String,
        update: crate::model::WatchUpdate,
    },
    DeleteWatch {
        id: String,
    },
    MarkAlertRead {
        id: String,
    },
}

/// A write with the idempotency key that makes re-sending it after a lost answer harmless.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingWrite {
    pub key: String,
    pub op: WriteOp,
}

/// What the runtime keeps in the local cache for a quick first frame after a restart.
#[derive(Debug, Clone, PartialEq)]
pub enum CacheEntry {
    Queue(
        Vec<crate::model::Seizure>,
        Option<crate::model::SeizureStats>,
    ),
    Traces(Vec<crate::model::Trace>),
    User(crate::model::User),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Fetch {
        slot: Slot,
        generation: u64,
        req: Request,
    },
    /// Store durably in the outbox, then deliver when the server is reachable.
    Write(PendingWrite),
    Cache(CacheEntry),
    /// Write `text` to the file `name` in the console's save directory (where the user started
    /// it; the CLI decides). Answered like a read of `slot`: `Data::Exported(path)` or an error.
    SaveFile {
        slot: Slot,
        generation: u64,
        name: String,
        text: String,
    },
    /// Read the CSV file at `path` (relative to the save directory, `~/` from the home
    /// directory) and check it as `fwc seizures import --dry-run` does. Answered like a read of
    /// `slot`: `Data::ImportChecked` or an error.
    ReadImport {
        slot: Slot,
        generation: u64,
        path: String,
    },
    /// Send a checked file's seizures (`POST /v1/seizures/import`, one batch at a time),
    /// answering `Data::ImportProgress` for `slot` after each batch and once at the end. Not
    /// through the outbox: each seizure's key makes a re-run safe, and the user sees it end.
    Import {
        slot: Slot,
        generation: u64,
        batches: Vec<crate::model::SeizureImport>,
    },
    /// Put text on the user's clipboard (OSC 52, works over SSH).
    Copy(String),
    /// Send `Reply::ToastExpired(id)` after a few seconds.
    ExpireToast(u64),
    /// Time the round trip to the server (a health probe, twice: the first may open the
    /// connection) and send `Action::LinkMeasured` with the shorter.
    ProbeLink,
    /// Send `Reply::HoldExpired(id)` after `after`: the frame held back (see `app::hold`) is
    /// drawn with its loading state.
    HoldFrame {
        id: u64,
        after: std::time::Duration,
    },
    Quit,
    /// Give the terminal back and stop the process until the shell continues it (`fg`).
    Suspend,
    /// Local bookkeeping in the console's own file (drafts, what was read).
    Local(super::panes::cases::local::LocalEffect),
    /// Show the user this entity: handled inside `update()` by the pane that shows it, never
    /// by the runtime.
    Navigate(super::panes::Target),
    /// Read the server's logon banner in this language (answered by `Reply::Banner`).
    FetchBanner(super::state::Lang),
    /// Sign in (`POST /v1/sessions`); on success the backend uses the new session from then
    /// on and the runtime keeps it for this server like `fwc login` (answered by
    /// `Reply::SignedIn`).
    SignIn(crate::model::NewSession),
    /// End the current session on the server at once (the console locked itself).
    SignOut,
}
