//! The whole console state: plain data that `update()` changes and `draw()` reads.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use crate::model::{TriageStatus, User};

use super::action::Action;
use super::effect::{Effect, Request, Slot};
use super::overlay::Overlay;
use super::panes::{PaneId, Panes};

pub use crate::i18n::Lang;

/// Whether the server answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Conn {
    #[default]
    Connecting,
    Online,
    /// Unreachable; the message says why.
    Offline(String),
}

/// Who is signed in where, and how the link is doing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    pub user: Option<User>,
    pub server: String,
    pub conn: Conn,
    pub last_sync: Option<DateTime<Utc>>,
    pub pending_writes: usize,
    /// A fatal sign-in problem (bad token): shown as a full-screen explanation.
    pub auth_error: Option<String>,
    /// The user of a session signed in with password and TOTP (None: a machine token). Only
    /// such a console locks itself, and only this user unlocks it.
    pub account: Option<String>,
    /// When the console locks itself (None: never, e.g. on a machine token or in the demo).
    pub idle_lock: Option<super::signin::IdleLock>,
}

/// Something worth telling the user, worded by the UI in their language.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A start-up problem (config, keys, theme, cache).
    Warning(super::warning::Warning),
    ReadOnly,
    NothingSelected,
    NotHere,
    /// A watch was saved (created, renamed, paused or resumed): its name.
    WatchSaved(String),
    NoFirearms(String),
    Copied(String),
    WritesQueued(usize),
    /// Writes queued here under another sign-in: kept, sent when that user signs in again.
    KeptForOtherSignIn(usize),
    TraceSubmitted(String),
    StatusChanged(String, TriageStatus),
    Linked(String, String),
    /// A write the server refused.
    WriteRefused(Refusal),
    /// A read that failed without a server code (the sentence says what to do).
    FetchFailed(String),
    /// A read the server refused with a code.
    Refused(Refusal),
    BackOnline,
    WentOffline,
    /// Signed in again after the lock (or an ended session): the work is as it was.
    Unlocked,
    LanguageChanged,
    /// A filter or search the user typed could not be understood.
    Filter(super::filter::FilterError),
    /// Free text that is already clean (e.g. a server-provided sentence).
    Text(String),
    /// Something one pane reports, in its own enum (see `panes::registry!`).
    Pane(super::panes::PaneNotice),
}

/// A server's refusal as the console shows it: the stable `code`, worded in the user's language
/// (an unknown code gets a generic wording), and the server's English message as detail only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: Option<String>,
    pub detail: String,
}

impl Refusal {
    pub fn of(e: &super::backend::FetchError) -> Self {
        Refusal {
            code: e.code.clone(),
            detail: e.message.clone(),
        }
    }
}

impl Notice {
    /// The toast for a failed read: worded by its code when the server sent one.
    pub fn fetch_failed(e: super::backend::FetchError) -> Self {
        if e.code.is_some() {
            Notice::Refused(Refusal::of(&e))
        } else {
            Notice::FetchFailed(e.message)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Ok,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub level: Level,
    pub notice: Notice,
}

/// A key binding as shown in the help overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub key: String,
    pub action: Action,
    /// The table it comes from (`[keys.queue]`…): help and hints show the contexts in force.
    pub context: super::keys::KeyContext,
}

/// Defaults for new trace requests (from the config).
#[derive(Debug, Clone, PartialEq)]
pub struct TraceDefaults {
    pub crime_code: String,
}

/// The whole console: what the panes share ([`Shell`], reached through `Deref`) and each
/// pane's own state. The split lets `update()` lend a pane its own state and the shell at once,
/// so a pane cannot reach another pane's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub shell: Shell,
    pub panes: Panes,
}

impl std::ops::Deref for State {
    type Target = Shell;
    fn deref(&self) -> &Shell {
        &self.shell
    }
}

impl std::ops::DerefMut for State {
    fn deref_mut(&mut self) -> &mut Shell {
        &mut self.shell
    }
}

impl State {
    pub fn new(server: &str, session_id: &str, now: DateTime<Utc>) -> State {
        State {
            shell: Shell::new(server, session_id, now),
            panes: Panes::default(),
        }
    }
}

/// Everything that belongs to no pane: session, overlays, toasts, request generations, and
/// facts the UI reports (language, list height). Lent to the pane that handles an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Shell {
    pub lang: Lang,
    pub read_only: bool,
    pub demo: bool,
    /// Plain `http://` to another machine (`--insecure-http`): the status bar says so.
    pub insecure_http: bool,
    pub active: PaneId,
    /// The banner, sign-in form or lock screen: while it is up nothing else is drawn and every
    /// key goes to it.
    pub gate: Option<super::signin::Gate>,
    /// Stack of overlays; the last one has the keyboard.
    pub overlays: Vec<Overlay>,
    pub toasts: Vec<Toast>,
    pub session: Session,
    /// The unread count, the inbox and the watches (see `app::alerts`).
    pub alerts: super::alerts::Alerts,
    pub bindings: Vec<Binding>,
    pub trace_defaults: TraceDefaults,
    pub now: DateTime<Utc>,
    pub size: (u16, u16),
    /// Rows a list shows, as the UI last laid it out (it reports this on every resize).
    pub list_rows: usize,
    pub quit: bool,
    /// Makes idempotency keys unique across restarts (random per run, chosen by the runtime).
    pub session_id: String,
    /// Palette wording of each bindable action, per language (index = `Lang as usize`),
    /// supplied by the UI, which owns all strings.
    pub action_labels: [Vec<(Action, String)>; Lang::ALL.len()],
    seq: u64,
    /// The newest generation issued per slot; any other answer for the slot is stale.
    gens: BTreeMap<Slot, u64>,
    /// Slots with a request in flight (drawn as "loading").
    pending: BTreeSet<Slot>,
    /// The previous frame kept while a pane's first data is on its way (see `app::hold`).
    pub hold: Option<super::hold::Hold>,
    /// Whether the tab bar shows the clock (`clock` in the config).
    pub clock: bool,
    /// The low-bandwidth profile: asked for, or measured (see `app::link`).
    pub link: super::link::LinkProfile,
}

impl Shell {
    pub fn new(server: &str, session_id: &str, now: DateTime<Utc>) -> Shell {
        Shell {
            lang: Lang::En,
            read_only: false,
            demo: false,
            insecure_http: false,
            active: PaneId::default(),
            gate: None,
            overlays: Vec::new(),
            toasts: Vec::new(),
            alerts: Default::default(),
            session: Session {
                server: server.to_string(),
                ..Session::default()
            },
            bindings: Vec::new(),
            trace_defaults: TraceDefaults {
                crime_code: "5212".into(),
            },
            now,
            size: (80, 24),
            list_rows: 17,
            quit: false,
            session_id: session_id.to_string(),
            action_labels: Default::default(),
            seq: 0,
            gens: BTreeMap::new(),
            pending: BTreeSet::new(),
            hold: None,
            clock: true,
            link: Default::default(),
        }
    }

    /// A fresh number: request generations, toast ids and idempotency keys all come from here.
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    pub fn idempotency_key(&mut self) -> String {
        let n = self.next_seq();
        format!("{}-{n}", self.session_id)
    }

    /// A new generation for `slot`, superseding any older one, for an effect answered like a
    /// read of it (a file read and checked, an import's progress).
    pub fn issue(&mut self, slot: Slot) -> u64 {
        let generation = self.next_seq();
        self.gens.insert(slot, generation);
        self.pending.insert(slot);
        generation
    }

    /// Issues a read for `slot` with a new generation, superseding any older one.
    pub fn fetch(&mut self, slot: Slot, req: Request) -> Effect {
        let generation = self.issue(slot);
        Effect::Fetch {
            slot,
            generation,
            req,
        }
    }

    /// Saves a file for `slot` (answered like a read of it), superseding any older request.
    pub fn save_file(&mut self, slot: Slot, name: String, text: String) -> Effect {
        let generation = self.issue(slot);
        Effect::SaveFile {
            slot,
            generation,
            name,
            text,
        }
    }

    /// Whether an answer is the newest for its slot; marks the slot idle when it is.
    pub fn accept(&mut self, slot: Slot, generation: u64) -> bool {
        if self.gens.get(&slot) == Some(&generation) {
            self.pending.remove(&slot);
            self.release_slot(slot);
            true
        } else {
            false
        }
    }

    pub fn loading(&self, slot: Slot) -> bool {
        self.pending.contains(&slot)
    }

    /// Shows a toast and schedules its expiry.
    pub fn toast(&mut self, level: Level, notice: Notice) -> Effect {
        let id = self.next_seq();
        self.toasts.push(Toast { id, level, notice });
        if self.toasts.len() > 3 {
            self.toasts.remove(0);
        }
        Effect::ExpireToast(id)
    }

    /// Whether the tab bar shows the clock (never in the slow-link profile).
    pub fn shows_clock(&self) -> bool {
        self.clock && !self.link.slow()
    }

    /// Rows a list pane can show, as reported by the UI.
    pub fn list_height(&self) -> usize {
        self.list_rows.max(1)
    }

    /// Opens the fuzzy case picker ("add to case…") and asks for the cases to fill it; the
    /// chosen case goes back to the active pane as `PickTarget::Case`.
    pub fn open_case_picker(&mut self) -> Effect {
        self.overlays
            .push(Overlay::CasePicker(super::overlay::Picker {
                loading: true,
                ..Default::default()
            }));
        let q = crate::model::CaseQuery {
            limit: Some(500),
            ..Default::default()
        };
        self.fetch(Slot::CasePicker, Request::Cases(q))
    }

    /// Answers "nothing to do" with a toast when the console is read-only.
    pub fn refuse_read_only(&mut self) -> Option<Vec<Effect>> {
        self.read_only
            .then(|| vec![self.toast(Level::Error, Notice::ReadOnly)])
    }
}
