//! All storage behind one interface, so a PostgreSQL backend for multi-node deployments can be
//! added without touching the routes. The reference implementation is SQLite ([`sqlite`]).
//!
//! Methods are synchronous; the routes call them from `spawn_blocking`.

pub mod accounts;
pub mod chain;
pub(crate) mod conds;
pub(crate) mod correlations;
mod delegate;
pub(crate) mod free_text;
pub(crate) mod leads;
mod open;
mod request;
mod rows;
pub use open::{display as db_display, open, pg_url};
pub use request::*;
pub use rows::*;
pub mod graph;
pub mod postgres;
pub mod short_grams;
pub mod sql;
pub mod sqlite;

use chrono::{DateTime, Utc};

use crate::model::*;
pub use accounts::{
    Account, AccountRow, ApiTokenRow, Bearer, BearerKind, Credentials, NewApiToken, SessionRow,
    SignInState,
};

/// What can go wrong in the store, in terms a route can turn into an HTTP answer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    /// Not visible to this user; deliberately the same answer whether or not it exists.
    #[error("{0}")]
    Forbidden(String),
    /// An `Idempotency-Key` already used for a different request.
    #[error("{0}")]
    KeyReused(String),
    #[error("the cursor is not valid for this list")]
    BadCursor,
    /// The database stopped the request after its time limit (PostgreSQL's
    /// `statement_timeout`): the request may succeed later, or narrowed.
    #[error("{0}")]
    Busy(String),
    #[error("storage error: {0}")]
    Internal(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Internal(e.to_string())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A user row as stored (token only as a hash).
#[derive(Debug, Clone)]
pub struct StoredUser {
    pub user: User,
    pub token_hash: String,
}

/// An audit record as read back (supervisors view a case's trail); defined with the wire types.
pub use crate::model::AuditEntry;

/// A store call answered on the caller's runtime (see [`AsyncReads`]).
pub type StoreFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = StoreResult<T>> + Send + 'a>>;

/// The two reads every trace lookup makes (its token, then the record), for a store that can
/// answer them on the server's own runtime. Every other call runs on the blocking pool and
/// reaches the database from there: for PostgreSQL that is a hop to the blocking thread and,
/// for each statement, to the runtime that drives the connection and back. For a lookup of a
/// fraction of a millisecond those thread switches cost as much as the work (a quarter of a
/// node's CPU in `fwc bench api`'s trace lookups), and more so when several nodes share the
/// cores. SQLite has none: its calls block on the file, so they stay on the blocking pool.
pub trait AsyncReads: Send + Sync {
    /// As [`Store::bearer`].
    fn bearer<'a>(&'a self, hash: &'a str) -> StoreFuture<'a, Option<Bearer>>;
    /// As [`Store::get_trace`].
    fn get_trace<'a>(&'a self, id: &'a str) -> StoreFuture<'a, Trace>;
}

/// The reference server's storage.
pub trait Store: Send + Sync + 'static {
    /// The reads this store answers on the caller's runtime, if it can (see [`AsyncReads`]);
    /// callers use them from async code and never from a blocking thread.
    fn async_reads(&self) -> Option<&dyn AsyncReads>;
    /// At a clean stop, once no request runs: leaves every committed write in the database
    /// itself. SQLite folds its write-ahead log into the file (and empties the log), so a copy
    /// of the stopped file alone is whole; PostgreSQL's server keeps its own log.
    fn checkpoint(&self) -> StoreResult<()>;
    // --- users, audit, idempotency, events
    /// What a bearer token (by its SHA-256 hex) is and who it acts as; `None` for an unknown,
    /// revoked or signed-out token or a disabled user.
    fn bearer(&self, hash: &str) -> StoreResult<Option<Bearer>>;
    /// Notes a token's use: a session's idle clock restarts, a machine token's last use shows.
    fn touch_bearer(&self, hash: &str, at: DateTime<Utc>) -> StoreResult<()>;
    /// The account named `name` (if any) and the failures counted against the name.
    fn sign_in_state(&self, name: &str) -> StoreResult<SignInState>;
    /// Counts a failed sign-in against `name`; at `max_failures` the name is locked until
    /// `at + lock_for`, which is returned.
    fn sign_in_failed(
        &self,
        name: &str,
        at: DateTime<Utc>,
        max_failures: u32,
        lock_for: chrono::Duration,
    ) -> StoreResult<Option<DateTime<Utc>>>;
    /// Records a good sign-in: failures cleared, the TOTP step used up (false, and nothing
    /// written, if a code of that step or later was already used), a new password if one was
    /// set, and the session stored.
    fn sign_in_succeeded(
        &self,
        session: &SessionRow,
        totp_step: i64,
        new_password_hash: Option<&str>,
    ) -> StoreResult<bool>;
    /// Ends the session with this token hash; false if there was none.
    fn end_session(&self, hash: &str) -> StoreResult<bool>;
    /// Sets (enrols or re-enrols) a user's credentials, ending their sessions and clearing their
    /// failures; false if there is no such user.
    fn set_credentials(&self, name: &str, creds: &Credentials) -> StoreResult<bool>;
    /// How many demo accounts (made by `fwc seed`) the database holds.
    fn demo_accounts(&self) -> StoreResult<u64>;
    /// Creates a user with credentials (`fwc user add`) or without (a machine account for
    /// tokens only); a conflict if the name is taken.
    fn add_account(&self, user: &User, creds: Option<&Credentials>) -> StoreResult<()>;
    /// Enables a disabled user again; false if there is no such user.
    fn enable_user(&self, name: &str) -> StoreResult<bool>;
    /// Every user with their sign-in state, by agency and name.
    fn accounts(&self) -> StoreResult<Vec<AccountRow>>;
    fn add_api_token(&self, token: &NewApiToken) -> StoreResult<()>;
    /// Revokes the token whose id (hash prefix) is `id`, or every token of `user`; how many.
    fn revoke_api_tokens(&self, id: Option<&str>, user: Option<&str>) -> StoreResult<usize>;
    /// Every machine token, newest first.
    fn api_tokens(&self) -> StoreResult<Vec<ApiTokenRow>>;
    fn add_user(&self, user: &StoredUser) -> StoreResult<()>;
    /// Disables a user: their token stops working (the user row, their notes and their audit
    /// rows stay). False if there is no such user.
    fn disable_user(&self, name: &str) -> StoreResult<bool>;
    /// Every user, with whether they are disabled, by agency and name.
    fn list_users(&self) -> StoreResult<Vec<(User, bool)>>;
    fn audit(&self, records: &[AuditRecord]) -> StoreResult<()>;
    /// Moves audit rows that wait outside the hash chain into it; answers how many. PostgreSQL
    /// queues rows so that audited reads need not take the write lock (`postgres::audit_chain`);
    /// SQLite chains each row in its own transaction, so nothing ever waits there.
    fn seal_audit(&self) -> StoreResult<u64>;
    fn audit_for_entity(&self, entity_id: &str, limit: u32) -> StoreResult<Vec<AuditEntry>>;
    fn idempotent_reply(&self, user: &str, key: &str) -> StoreResult<Option<IdempotentReply>>;
    fn events_after(&self, after: i64, limit: u32) -> StoreResult<Vec<Event>>;
    fn last_event_id(&self) -> StoreResult<i64>;
    /// Counts a failed authentication from `addr` at `at_ms` (Unix ms) where every node sees
    /// it, and answers the times of that address's failures after `since_ms`, this one
    /// included (at most `limit`, newest first). `None` on a store that serves one node
    /// (SQLite): that node's in-memory count is the whole truth ([`crate::server::throttle`]).
    fn shared_auth_failure(
        &self,
        addr: &str,
        at_ms: i64,
        since_ms: i64,
        limit: u32,
    ) -> StoreResult<Option<Vec<i64>>>;
    /// The times of `addr`'s failed authentications after `since_ms` that every node counted
    /// (at most `limit`, newest first); `None` on a store that serves one node.
    fn shared_auth_failures(
        &self,
        addr: &str,
        since_ms: i64,
        limit: u32,
    ) -> StoreResult<Option<Vec<i64>>>;
    /// Takes up to `want` tokens from `user`'s request bucket that every node shares
    /// (`per_second` come back each second, at most `burst` kept) and answers how many it got;
    /// `None` on a store that serves one node, whose memory counts alone
    /// ([`crate::server::rate_limit`]).
    fn take_rate_tokens(
        &self,
        user: &str,
        per_second: u32,
        burst: u32,
        want: u32,
    ) -> StoreResult<Option<u32>>;

    // --- bulk import (seed)
    fn import(&self, batch: &ImportBatch) -> StoreResult<()>;
    /// A stable digest of every table's contents (determinism checks).
    fn content_hash(&self) -> StoreResult<String>;

    // --- seizures
    fn list_seizures(&self, q: &SeizureQuery, viewer: &User) -> StoreResult<Page<Seizure>>;
    fn get_seizure(&self, id: &str, viewer: &User) -> StoreResult<Seizure>;
    fn seizure_stats(&self) -> StoreResult<SeizureStats>;
    fn create_seizure(
        &self,
        new: &NewSeizure,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Seizure>>;
    /// Records many seizures in one transaction; a row whose key `by` imported before is not
    /// recorded again (its earlier id is answered).
    fn import_seizures(&self, rows: &[ImportRow], by: &User) -> StoreResult<Written<ImportResult>>;
    fn update_seizure(
        &self,
        id: &str,
        upd: &SeizureUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Seizure>>;

    // --- firearms and traces
    fn list_firearms(&self, q: &FirearmQuery) -> StoreResult<Page<Firearm>>;
    fn get_firearm(&self, id: &str) -> StoreResult<Firearm>;
    fn list_traces(&self, q: &TraceQuery) -> StoreResult<Page<Trace>>;
    fn get_trace(&self, id: &str) -> StoreResult<Trace>;
    fn submit_trace(
        &self,
        req: &TraceRequest,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Trace>>;
    /// Moves submitted/in-progress traces along their lifecycle (the reference server's stand-in
    /// for the dealers answering): half-way through `delay` a trace is in progress, after it
    /// the trace completes or is found not traceable. Returns the events it produced.
    fn advance_traces(
        &self,
        now: DateTime<Utc>,
        delay: chrono::Duration,
    ) -> StoreResult<Vec<Event>>;

    // --- ballistics
    fn list_casings(&self, q: &CasingQuery, viewer: &User) -> StoreResult<Page<Casing>>;
    fn get_casing(&self, id: &str, viewer: &User) -> StoreResult<Casing>;
    fn list_leads(&self, q: &LeadQuery) -> StoreResult<Page<Lead>>;
    fn get_lead(&self, id: &str) -> StoreResult<Lead>;
    /// Stored casings of a calibre class with their descriptor bytes (None when not yet computed).
    fn casing_descriptors(
        &self,
        caliber_class: &str,
    ) -> StoreResult<Vec<(String, Option<Vec<u8>>)>>;
    fn save_descriptors(&self, rows: &[(String, Vec<u8>)]) -> StoreResult<()>;
    /// A casing's raw image: (side, pixels).
    fn casing_image(&self, id: &str) -> StoreResult<Option<(u32, Vec<u8>)>>;
    /// Stores a newly acquired casing, queued for correlation (`correlated_at` unset).
    fn acquire_casing(
        &self,
        acq: &Acquisition,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Casing>>;
    /// Casings waiting for correlation, oldest acquisition first: (id, calibre class).
    fn queued_casings(&self, limit: u32) -> StoreResult<Vec<(String, String)>>;
    /// Stores a queued casing's descriptor, ranked list and automatic leads; returns the events.
    fn save_correlation(&self, c: &Correlated) -> StoreResult<Vec<Event>>;
    /// A casing's ranked correlation list (best `limit`) and its review clock at `now`.
    fn correlations(
        &self,
        casing_id: &str,
        limit: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<CorrelationList>;
    /// Casings whose ranked list nobody has reviewed, oldest acquisition first.
    fn reviews(&self, q: &ReviewQuery, now: DateTime<Utc>) -> StoreResult<Page<ReviewItem>>;
    /// Marks a candidate of a casing's list as a lead (or records the mark on the lead the
    /// pair already has) and the list as reviewed.
    fn mark_lead(
        &self,
        casing_id: &str,
        candidate_id: &str,
        m: &LeadMark,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Lead>>;
    fn decide_lead(
        &self,
        id: &str,
        d: &LeadDecision,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Lead>>;
    /// The casings linked to `casing_id` by confirmed hits, transitively.
    fn cluster(&self, casing_id: &str, viewer: &User) -> StoreResult<Cluster>;

    // --- cases and notes (need-to-know: `viewer` must be a member)
    fn list_cases(&self, q: &CaseQuery, viewer: &User) -> StoreResult<Page<Case>>;
    fn get_case(&self, id: &str, viewer: &User) -> StoreResult<Case>;
    /// Whether `viewer` is a member of the case (by name or by agency). False for unknown cases.
    fn is_member(&self, case_id: &str, viewer: &User) -> StoreResult<bool>;
    fn create_case(
        &self,
        new: &NewCase,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>>;
    fn list_notes(&self, case_id: &str, q: &NoteQuery, viewer: &User) -> StoreResult<Page<Note>>;
    fn add_note(
        &self,
        case_id: &str,
        new: &NewNote,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Note>>;
    fn add_link(
        &self,
        case_id: &str,
        link: &NewLink,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>>;
    /// Changes the title or status (members).
    fn update_case(
        &self,
        case_id: &str,
        upd: &CaseUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>>;
    /// Adds a member (supervisors who are members).
    fn add_member(
        &self,
        case_id: &str,
        member: &CaseMember,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>>;
    /// Removes a member (supervisors who are members); never the last one.
    fn remove_member(
        &self,
        case_id: &str,
        member: &MemberRef,
        by: &User,
    ) -> StoreResult<Written<Case>>;
    fn get_note(&self, case_id: &str, note_id: &str, viewer: &User) -> StoreResult<Note>;
    /// Edits the caller's own note if it is still at `edit.version`; otherwise reports the
    /// current note and changes nothing.
    fn edit_note(
        &self,
        case_id: &str,
        note_id: &str,
        edit: &NoteEdit,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<NoteEditOutcome>;
    /// Every version of a note, oldest first (members).
    fn note_history(
        &self,
        case_id: &str,
        note_id: &str,
        viewer: &User,
    ) -> StoreResult<Vec<NoteVersion>>;
    /// Every agency and registered user that can be made a case member.
    fn directory(&self) -> StoreResult<Vec<CaseMember>>;
    /// The case's audit trail, newest first (supervisors who are members).
    fn case_audit(&self, case_id: &str, viewer: &User, limit: u32) -> StoreResult<Vec<AuditEntry>>;

    /// Records a case's prosecution stage (supervisors and prosecutors who are members).
    fn set_prosecution(
        &self,
        case_id: &str,
        upd: &ProsecutionUpdate,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Case>>;

    // --- the link graph (case nodes only for the viewer's own cases)
    fn graph_neighbors(&self, q: &NeighborQuery, viewer: &User) -> StoreResult<Neighborhood>;
    fn graph_paths(&self, q: &PathQuery, viewer: &User) -> StoreResult<PathSet>;
    fn graph_rings(&self, q: &RingQuery) -> StoreResult<Vec<RingSuspect>>;

    // --- watches and alerts (each user's own; see `server::watches`)
    /// The owner's watches, newest first.
    fn list_watches(&self, owner: &User) -> StoreResult<Vec<Watch>>;
    /// Saves a validated watch; refuses past [`MAX_WATCHES_PER_USER`], a record that does not
    /// exist, and a case the owner is not a member of (as not found).
    fn create_watch(
        &self,
        new: &NewWatch,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Watch>>;
    /// Renames, pauses or resumes one of the caller's watches.
    fn update_watch(&self, id: &str, upd: &WatchUpdate, by: &User) -> StoreResult<Watch>;
    /// Deletes one of the caller's watches (its alerts stay); the watch as it was.
    fn delete_watch(&self, id: &str, by: &User) -> StoreResult<Watch>;
    /// Every unpaused watch of an enabled user, with its owner (the matcher's input).
    fn active_watches(&self) -> StoreResult<Vec<crate::server::watches::WatchRow>>;
    /// What a committed change touches (serials, ids, models, casings, case, seizure terms).
    fn watch_facts(&self, ev: &Event) -> StoreResult<crate::server::watches::Facts>;
    /// The last event id the watch evaluator has dealt with.
    fn watch_cursor(&self) -> StoreResult<i64>;
    /// Stores the alerts of `firings` and their `alert` events and moves the cursor from
    /// `cursor` to `last`, in one transaction (nothing if the cursor had moved).
    fn fire_alerts(
        &self,
        cursor: i64,
        last: i64,
        firings: &[crate::server::watches::Firing],
    ) -> StoreResult<Vec<Event>>;
    /// The owner's alerts, newest first.
    fn list_alerts(&self, q: &AlertQuery, owner: &User) -> StoreResult<Vec<Alert>>;
    /// Marks one of the caller's alerts read.
    fn mark_alert_read(&self, id: &str, by: &User) -> StoreResult<Alert>;

    // Outcome statistics
    /// One compact row per trace, southbound seizure and lead (see `server::stats::facts`).
    fn stats_facts(&self) -> StoreResult<crate::server::stats::facts::Facts>;
    /// The cases `viewer` may see that reached `charged` or later.
    fn indicted_cases(
        &self,
        viewer: &User,
    ) -> StoreResult<Vec<crate::server::stats::facts::IndictedCase>>;
}

/// What became of a note edit.
#[derive(Debug, Clone)]
pub enum NoteEditOutcome {
    Saved(Written<Note>),
    /// Someone changed the note first; this is it now. Nothing was written.
    Conflict(Note),
}

/// The outcome of a write: the record, the events it produced, and whether it was a replay of an
/// earlier request with the same idempotency key (then `replayed` holds the stored reply).
#[derive(Debug, Clone)]
pub struct Written<T> {
    pub value: Option<T>,
    pub events: Vec<Event>,
    pub replayed: Option<IdempotentReply>,
}

/// What a write produced: no event, one, or several.
pub trait IntoEvents {
    fn into_events(self) -> Vec<Event>;
}

impl IntoEvents for Option<Event> {
    fn into_events(self) -> Vec<Event> {
        self.into_iter().collect()
    }
}

impl IntoEvents for Vec<Event> {
    fn into_events(self) -> Vec<Event> {
        self
    }
}
