//! Joint cases: the user's cases, one case's members, linked evidence and notes timeline, and
//! the note editor. Writes live in `cases_writes`, references in `notes`/`cases_refs`, drafts in
//! `drafts`/`cases_local`.

use std::collections::BTreeMap;

use crate::model::{Case, CaseQuery, Event, EventKind, Note};

use crate::app::panes::cases::drafts::{Draft, NoteEditor};
use crate::app::panes::cases::notes::{mark_seen, unread};
use crate::app::panes::list::ListCursor;
pub mod drafts;
pub mod local;
pub mod members;
pub mod note_history;
pub mod notes;
pub mod refs;
pub mod writes;

use crate::app::action::Action;
use crate::app::effect::{Effect, Request, Slot};
use crate::app::overlay::{PickItem, PickTarget};
use crate::app::panes::{PaneId, PaneSpec};
use crate::app::reply::Data;
use crate::app::state::State;
use local::LocalEffect;
use refs as cases_refs;
use writes as cases_writes;

/// What the Cases pane tells the user (worded by the UI).
#[derive(Debug, Clone, PartialEq)]
pub enum CaseNotice {
    CaseCreated(String),
    NoteQueued,
    NotePosted(String),
    NoteEmpty,
    DraftKept(String),
    DraftsWaiting(usize),
    NoReferences,
    /// A followed casing exists but no lead was filed for it.
    NoLeadsForCasing(String),
    NoCaseOpen,
    /// Only the author edits a note.
    NotYours,
    NoteSaved(String),
    /// Someone changed the note meanwhile (their name): both texts are shown.
    Conflict(String),
    Exporting(String),
    Exported(String),
    /// Supervisors' member and audit tools.
    Members(crate::app::panes::cases::members::MemberNotice),
}

/// One open case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDetail {
    pub case: Case,
    pub notes: Vec<Note>,
    pub notes_loaded: bool,
    /// The selected note (the one `f` follows references in).
    pub selected: usize,
    /// Notes that arrived while the case was open, until the user moves the selection.
    pub fresh: usize,
}

impl CaseDetail {
    pub fn selected_note(&self) -> Option<&Note> {
        self.notes.get(self.selected)
    }
}

/// A note sent through the outbox and not yet confirmed (shown as "sending…").
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub case_id: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CasesState {
    pub rows: Vec<Case>,
    pub list: ListCursor,
    pub loaded: bool,
    pub detail: Option<CaseDetail>,
    /// Notes shown per case (persisted locally): what "unread" is measured from.
    pub seen: BTreeMap<String, u32>,
    /// Unsent note drafts per case (persisted locally).
    pub drafts: BTreeMap<String, Draft>,
    pub editor: Option<NoteEditor>,
    pub outgoing: Vec<Outgoing>,
    /// The text of edits on their way, by note id: kept to reopen the editor on a conflict.
    pub pending_edits: BTreeMap<String, String>,
    /// The casing whose reference was last followed: its leads' answer, a page, may be empty
    /// and so cannot name it.
    pub followed_casing: Option<String>,
}

impl CasesState {
    pub fn selected(&self) -> Option<&Case> {
        self.rows.get(self.list.selected)
    }
    /// Unread notes of a case, as the list shows them.
    pub fn unread(&self, c: &Case) -> u32 {
        unread(c.note_count, self.seen.get(&c.id).copied())
    }
    /// The case actions apply to: the open one, else the selected row.
    pub fn current(&self) -> Option<&Case> {
        self.detail
            .as_ref()
            .map(|d| &d.case)
            .or_else(|| self.selected())
    }
    /// Whether the note editor has the keyboard.
    pub fn editing(&self) -> bool {
        self.editor.is_some()
    }
}

pub const SPEC: PaneSpec = PaneSpec {
    id: PaneId::Cases,
    slots: &[
        Slot::CaseList,
        Slot::CaseDetail,
        Slot::CaseNotes,
        Slot::CaseRef,
        Slot::CaseExport,
        Slot::Directory,
        Slot::CaseAudit,
        Slot::NoteHistory,
    ],
    refresh,
    update,
    on_data,
    on_event,
    palette_ids,
    copy_text: |s| s.cases.current().map(|c| c.id.clone()),
    stale: |_| false,
    loaded: |s| s.cases.loaded,
};

pub fn refresh(s: &mut State) -> Vec<Effect> {
    let q = CaseQuery {
        limit: Some(500),
        ..CaseQuery::default()
    };
    let mut fx = vec![s.fetch(Slot::CaseList, Request::Cases(q))];
    if let Some(id) = s.cases.detail.as_ref().map(|d| d.case.id.clone()) {
        fx.extend(reload_case(s, &id));
    }
    fx
}

fn reload_case(s: &mut State, id: &str) -> Vec<Effect> {
    vec![
        s.fetch(Slot::CaseDetail, Request::Case(id.to_string())),
        s.fetch(Slot::CaseNotes, Request::Notes(id.to_string())),
    ]
}

fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    if s.cases.editing() {
        return cases_writes::editor(s, action);
    }
    match action {
        Action::NewCase => return cases_writes::ask_title(s),
        Action::WriteNote => return cases_writes::open_editor(s),
        Action::FollowRef => return cases_refs::follow_selected(s),
        Action::EditNote => return cases_writes::edit_selected(s),
        Action::ExportCase => return export(s),
        Action::AddMember => return crate::app::panes::cases::members::add(s),
        Action::RemoveMember => return crate::app::panes::cases::members::remove(s),
        Action::AuditTrail => return crate::app::panes::cases::members::audit(s),
        Action::NoteHistory => return note_history::open(s),
        _ => {}
    }
    let height = s.list_height();
    if let Some(d) = s.cases.detail.as_mut() {
        let len = d.notes.len();
        match action {
            Action::Up => d.selected = d.selected.saturating_sub(1),
            Action::Down => d.selected = (d.selected + 1).min(len.saturating_sub(1)),
            Action::PageUp => d.selected = d.selected.saturating_sub(5),
            Action::PageDown => d.selected = (d.selected + 5).min(len.saturating_sub(1)),
            Action::Top => d.selected = 0,
            Action::Bottom => d.selected = len.saturating_sub(1),
            Action::Back => s.cases.detail = None,
            _ => {}
        }
        if let Some(d) = s.cases.detail.as_mut() {
            d.fresh = 0;
        }
        return vec![];
    }
    if s.cases.list.apply(action, s.cases.rows.len(), height) {
        return vec![];
    }
    match action {
        Action::Open => match s.cases.selected().cloned() {
            Some(c) => open(s, c),
            None => vec![],
        },
        _ => vec![],
    }
}

/// Shows a case at once from its row, then reads it and its notes.
pub fn open(s: &mut State, c: Case) -> Vec<Effect> {
    let id = c.id.clone();
    s.cases.detail = Some(CaseDetail {
        case: c,
        notes: vec![],
        notes_loaded: false,
        selected: 0,
        fresh: 0,
    });
    reload_case(s, &id)
}

fn on_data(s: &mut State, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (Slot::CaseList, Data::Cases(page)) => {
            let keep = s.cases.selected().map(|c| c.id.clone());
            s.cases.rows = page.items;
            let idx = keep
                .and_then(|id| s.cases.rows.iter().position(|c| c.id == id))
                .unwrap_or(0);
            let (len, h) = (s.cases.rows.len(), s.list_height());
            s.cases.list.select(idx, len, h);
            s.cases.loaded = true;
            vec![]
        }
        (Slot::CaseDetail, Data::Case(c)) => {
            replace_row(s, &c);
            if let Some(d) = s.cases.detail.as_mut().filter(|d| d.case.id == c.id) {
                d.case = c;
            }
            vec![]
        }
        (Slot::CaseNotes, Data::Notes(page)) => on_notes(s, page.items),
        (Slot::CaseRef, data) => cases_refs::on_data(s, data),
        (Slot::Directory | Slot::CaseAudit, data) => {
            crate::app::panes::cases::members::on_data(s, data)
        }
        (Slot::NoteHistory, data) => note_history::on_data(s, data),
        (Slot::CaseExport, Data::Exported(path)) => {
            vec![s.toast(
                crate::app::state::Level::Ok,
                crate::app::state::Notice::Cases(CaseNotice::Exported(path)),
            )]
        }
        _ => vec![],
    }
}

/// A case's notes arrived: the timeline shows them, so they count as seen.
fn on_notes(s: &mut State, notes: Vec<Note>) -> Vec<Effect> {
    let Some(d) = s.cases.detail.as_mut() else {
        return vec![];
    };
    if notes.first().is_some_and(|n| n.case_id != d.case.id) {
        return vec![];
    }
    let at_end = !d.notes_loaded || d.selected + 1 >= d.notes.len();
    let before = d.notes.len();
    d.fresh = if d.notes_loaded {
        notes.len().saturating_sub(before)
    } else {
        0
    };
    d.notes = notes;
    d.notes_loaded = true;
    if at_end {
        d.selected = d.notes.len().saturating_sub(1);
    }
    let (case_id, count) = (d.case.id.clone(), d.notes.len() as u32);
    for r in s.cases.rows.iter_mut().filter(|r| r.id == case_id) {
        r.note_count = r.note_count.max(count);
    }
    s.cases
        .outgoing
        .retain(|o| !(o.case_id == case_id && d_has(&s.cases.detail, &o.body)));
    if mark_seen(&mut s.cases.seen, &case_id, count) {
        vec![Effect::Cases(LocalEffect::MarkSeen { case_id, count })]
    } else {
        vec![]
    }
}

fn d_has(d: &Option<CaseDetail>, body: &str) -> bool {
    d.as_ref()
        .is_some_and(|d| d.notes.iter().any(|n| n.body == body))
}

/// Puts a fresher copy of a case into the list.
pub fn replace_row(s: &mut State, c: &Case) {
    match s.cases.rows.iter_mut().find(|r| r.id == c.id) {
        Some(r) => *r = c.clone(),
        None => s.cases.rows.insert(0, c.clone()),
    }
}

/// New notes and case changes: the list's unread markers come from the fresh counts, and the
/// open case is read again.
fn on_event(s: &mut State, ev: &Event) -> Vec<Effect> {
    if !matches!(
        ev.kind,
        EventKind::NoteAdded
            | EventKind::NoteEdited
            | EventKind::CaseUpdated
            | EventKind::CaseCreated
    ) {
        return vec![];
    }
    let q = CaseQuery {
        limit: Some(500),
        ..CaseQuery::default()
    };
    let mut fx = vec![s.fetch(Slot::CaseList, Request::Cases(q))];
    let open = s.cases.detail.as_ref().map(|d| d.case.id.clone());
    let case_id = ev.case_id.clone().unwrap_or_else(|| ev.entity_id.clone());
    if let Some(id) = open.filter(|id| *id == case_id) {
        fx.extend(reload_case(s, &id));
    }
    fx
}

fn palette_ids(s: &State) -> Vec<PickItem> {
    s.cases
        .rows
        .iter()
        .map(|c| PickItem {
            label: format!("{}  {}", c.id, c.title),
            target: PickTarget::Ref(c.id.clone()),
        })
        .collect()
}

/// What the console remembered locally, applied before the first frame: notes already seen
/// and drafts to offer back.
pub fn from_store(s: &mut State, seen: BTreeMap<String, u32>, drafts: BTreeMap<String, Draft>) {
    s.cases.seen = seen;
    s.cases.drafts = drafts;
}

/// At start: says how many unsent drafts were kept (each is offered back by `n` in its case).
pub fn offer_drafts(s: &mut State) -> Vec<Effect> {
    match crate::app::panes::cases::drafts::recoverable(&s.cases.drafts).len() {
        0 => vec![],
        n => vec![s.toast(
            crate::app::state::Level::Info,
            crate::app::state::Notice::Cases(CaseNotice::DraftsWaiting(n)),
        )],
    }
}

/// `e`: writes the current case's packet next to where the console was started.
fn export(s: &mut State) -> Vec<Effect> {
    let Some(id) = s.cases.current().map(|c| c.id.clone()) else {
        return vec![];
    };
    vec![
        s.fetch(Slot::CaseExport, Request::ExportCase(id.clone())),
        s.toast(
            crate::app::state::Level::Info,
            crate::app::state::Notice::Cases(CaseNotice::Exporting(id)),
        ),
    ]
}
