//! Joint cases: the user's cases, one case's members, linked evidence and notes timeline, and
//! the note editor. This file holds the pane's state, its list and its routing; the open case
//! lives in `detail`, writes (and their answers) in `writes`, references in `notes`/`refs`,
//! drafts in `drafts`/`local`, the packet export in `export`.

use std::collections::BTreeMap;

use crate::model::{Case, CaseQuery, Event, EventKind};

use crate::app::panes::cases::drafts::{Draft, NoteEditor};
use crate::app::panes::cases::notes::unread;
use crate::app::panes::list::ListCursor;
pub mod detail;
pub mod drafts;
pub mod export;
pub mod local;
pub mod members;
pub mod note_history;
pub mod notes;
pub mod prosecution;
pub mod refs;
pub mod text;
pub mod writes;

use crate::app::action::Action;
use crate::app::backend::FetchError;
use crate::app::effect::{Effect, Request, Slot};
use crate::app::overlay::{Confirm, PromptFor};
use crate::app::overlay::{Overlay, PickItem, PickTarget, Prompt};
use crate::app::panes::{Pane, PaneId, Target, slot};
use crate::app::reply::Data;
use crate::app::state::Shell;
use detail::reload_case;
pub use detail::{CaseDetail, open};
use local::LocalReply;
pub use local::{from_store, offer_drafts};
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
    /// Only supervisors and prosecutors record a prosecution stage.
    StageNotYours,
    /// The stage form or the list filter had a term it could not read (the term).
    StageInput(String),
    CaseFilterInput(String),
    /// The server recorded the case's stage.
    StageRecorded(String, crate::model::ProsecutionStage),
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
    /// The list's filter as typed, and as sent (`status`, `prosecution`, `q`).
    pub filter_text: String,
    pub query: CaseQuery,
    /// The case whose prosecution form is open.
    pub stage_case: Option<String>,
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

/// The pane's reads.
pub const LIST: Slot = slot(PaneId::Cases, 0);
pub const DETAIL: Slot = slot(PaneId::Cases, 1);
pub const NOTES: Slot = slot(PaneId::Cases, 2);
/// An entity named by a note reference, fetched to open it where it lives.
pub const REF: Slot = slot(PaneId::Cases, 3);
pub const EXPORT: Slot = slot(PaneId::Cases, 4);
/// Who can be added to a case (the member picker).
pub const DIRECTORY: Slot = slot(PaneId::Cases, 5);
/// The open case's audit trail (supervisors).
pub const AUDIT: Slot = slot(PaneId::Cases, 6);
/// Every version of the selected note.
pub const HISTORY: Slot = slot(PaneId::Cases, 7);

impl Pane for CasesState {
    fn refresh(&mut self, cx: &mut Shell) -> Vec<Effect> {
        refresh(self, cx)
    }
    fn update(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect> {
        update(self, cx, action)
    }
    fn on_data(&mut self, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
        on_data(self, cx, slot, data)
    }
    fn on_fetch_failed(&mut self, cx: &mut Shell, slot: Slot) {
        members::close_waiting(cx, slot);
        note_history::close_waiting(cx, slot);
    }
    fn on_wrote(
        &mut self,
        cx: &mut Shell,
        _key: &str,
        result: &Result<Data, FetchError>,
    ) -> Option<Vec<Effect>> {
        cases_writes::delivered(self, cx, result)
    }
    fn on_local(&mut self, cx: &mut Shell, reply: &LocalReply) -> Vec<Effect> {
        local::on_reply(self, cx, reply.clone())
    }
    fn on_event(&mut self, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
        on_event(self, cx, ev)
    }
    fn navigate(&mut self, cx: &mut Shell, target: &Target) -> Option<Vec<Effect>> {
        let id = match target {
            Target::CaseId(id) => id,
            Target::Case(c) => return Some(open(self, cx, (**c).clone())),
            _ => return None,
        };
        let Some(i) = self.rows.iter().position(|c| c.id == *id) else {
            return Some(vec![]);
        };
        self.list.select(i, self.rows.len(), cx.list_height());
        let c = self.rows[i].clone();
        Some(open(self, cx, c))
    }
    fn picked(&mut self, cx: &mut Shell, target: PickTarget) -> Vec<Effect> {
        match target {
            PickTarget::Ref(text) => cases_refs::follow_text(self, cx, &text),
            t => members::picked(cx, t),
        }
    }
    fn prompted(&mut self, cx: &mut Shell, purpose: PromptFor, text: String) -> Vec<Effect> {
        match purpose {
            PromptFor::CaseTitle => cases_writes::create_case(cx, text),
            PromptFor::CaseFilter => apply_filter(self, cx, text),
            PromptFor::Prosecution => prosecution::prompted(self, cx, text),
            _ => vec![],
        }
    }
    fn confirmed(&mut self, cx: &mut Shell, what: Confirm) -> Vec<Effect> {
        match what {
            Confirm::RemoveMember { case_id, member } => {
                members::confirmed_remove(cx, case_id, member)
            }
            _ => vec![],
        }
    }
    fn overlay_key(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect> {
        match cx.overlays.last() {
            Some(Overlay::NoteHistory(_)) => note_history::keys(cx, action),
            _ => members::audit_keys(cx, action),
        }
    }
    fn resize(&mut self, rows: usize) {
        let i = self.list.selected;
        self.list.select(i, self.rows.len(), rows);
    }
    fn palette_ids(&self) -> Vec<PickItem> {
        palette_ids(self)
    }
    fn copy_text(&self) -> Option<String> {
        self.current().map(|c| c.id.clone())
    }
    fn watch_targets(&self) -> Vec<crate::app::alerts::WatchTarget> {
        self.current()
            .map(crate::app::watch_targets::for_case)
            .unwrap_or_default()
    }
    fn network_id(&self) -> Option<String> {
        self.current().map(|c| c.id.clone())
    }
    fn loaded(&self) -> bool {
        self.loaded
    }
    fn editing(&self) -> bool {
        self.editor.is_some()
    }
}

/// The list's read: the filter in force, up to 500 cases.
fn list_query(p: &CasesState) -> CaseQuery {
    CaseQuery {
        limit: Some(500),
        ..p.query.clone()
    }
}

pub fn refresh(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let mut fx = vec![cx.fetch(LIST, Request::Cases(list_query(p)))];
    if let Some(id) = p.detail.as_ref().map(|d| d.case.id.clone()) {
        fx.extend(reload_case(cx, &id));
    }
    fx
}

fn update(p: &mut CasesState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    if p.editing() {
        return cases_writes::editor(p, cx, action);
    }
    match action {
        Action::NewCase => return cases_writes::ask_title(cx),
        Action::WriteNote => return cases_writes::open_editor(p, cx),
        Action::FollowRef => return cases_refs::follow_selected(p, cx),
        Action::EditNote => return cases_writes::edit_selected(p, cx),
        Action::ExportCase => return export::start(p, cx),
        Action::AddMember => return members::add(p, cx),
        Action::RemoveMember => return members::remove(p, cx),
        Action::AuditTrail => return members::audit(p, cx),
        Action::NoteHistory => return note_history::open(p, cx),
        Action::SetProsecution => return prosecution::ask(p, cx),
        _ => {}
    }
    let height = cx.list_height();
    if p.detail.is_some() {
        return detail::keys(p, action);
    }
    if p.list.apply(action, p.rows.len(), height) {
        return vec![];
    }
    match action {
        Action::Open => match p.selected().cloned() {
            Some(c) => open(p, cx, c),
            None => vec![],
        },
        Action::Filter => {
            cx.overlays.push(Overlay::Prompt(Prompt {
                purpose: PromptFor::CaseFilter,
                input: p.filter_text.clone(),
            }));
            vec![]
        }
        Action::ClearFilter if !p.filter_text.is_empty() => apply_filter(p, cx, String::new()),
        _ => vec![],
    }
}

/// `/` in the list: `status:open stage:charged` and free text; the server filters.
fn apply_filter(p: &mut CasesState, cx: &mut Shell, text: String) -> Vec<Effect> {
    match crate::app::filter::case_query(&text) {
        Ok(q) => {
            p.query = q;
            p.filter_text = text;
            p.list = ListCursor::default();
            refresh(p, cx)
        }
        Err(term) => vec![cx.toast(
            crate::app::state::Level::Error,
            crate::app::state::Notice::from(CaseNotice::CaseFilterInput(term)),
        )],
    }
}

fn on_data(p: &mut CasesState, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (LIST, Data::Cases(page)) => {
            let keep = p.selected().map(|c| c.id.clone());
            p.rows = page.items;
            let idx = keep
                .and_then(|id| p.rows.iter().position(|c| c.id == id))
                .unwrap_or(0);
            let (len, h) = (p.rows.len(), cx.list_height());
            p.list.select(idx, len, h);
            p.loaded = true;
            vec![]
        }
        (DETAIL, Data::Case(c)) => {
            replace_row(p, &c);
            if let Some(d) = p.detail.as_mut().filter(|d| d.case.id == c.id) {
                d.case = c;
            }
            vec![]
        }
        (NOTES, Data::Notes(page)) => detail::on_notes(p, page.items),
        (REF, data) => cases_refs::on_data(p, cx, data),
        (DIRECTORY | AUDIT, data) => members::on_data(p, cx, data),
        (HISTORY, data) => note_history::on_data(cx, data),
        (EXPORT, data) => export::on_data(cx, data),
        _ => vec![],
    }
}

/// Puts a fresher copy of a case into the list.
pub fn replace_row(p: &mut CasesState, c: &Case) {
    match p.rows.iter_mut().find(|r| r.id == c.id) {
        Some(r) => *r = c.clone(),
        None => p.rows.insert(0, c.clone()),
    }
}

/// New notes and case changes: the list's unread markers come from the fresh counts, and the
/// open case is read again.
fn on_event(p: &mut CasesState, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
    if !matches!(
        ev.kind,
        EventKind::NoteAdded
            | EventKind::NoteEdited
            | EventKind::CaseUpdated
            | EventKind::CaseCreated
    ) {
        return vec![];
    }
    let mut fx = vec![cx.fetch(LIST, Request::Cases(list_query(p)))];
    let open = p.detail.as_ref().map(|d| d.case.id.clone());
    let case_id = ev.case_id.clone().unwrap_or_else(|| ev.entity_id.clone());
    if let Some(id) = open.filter(|id| *id == case_id) {
        fx.extend(reload_case(cx, &id));
    }
    fx
}

fn palette_ids(p: &CasesState) -> Vec<PickItem> {
    p.rows
        .iter()
        .map(|c| PickItem {
            label: format!("{}  {}", c.id, c.title),
            target: PickTarget::Ref(c.id.clone()),
        })
        .collect()
}

#[cfg(test)]
mod export_tests;
