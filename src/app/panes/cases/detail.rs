//! One open case: shown at once from its row, then read again with its notes timeline; the
//! keys that move through the notes; notes arriving (and counting as seen).

use crate::model::{Case, Note};

use crate::app::action::Action;
use crate::app::effect::{Effect, Request};
use crate::app::state::Shell;

use super::local::LocalEffect;
use super::notes::mark_seen;
use super::{CasesState, DETAIL, NOTES};

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

/// Shows a case at once from its row, then reads it and its notes.
pub fn open(p: &mut CasesState, cx: &mut Shell, c: Case) -> Vec<Effect> {
    let id = c.id.clone();
    p.detail = Some(CaseDetail {
        case: c,
        notes: vec![],
        notes_loaded: false,
        selected: 0,
        fresh: 0,
    });
    reload_case(cx, &id)
}

pub(super) fn reload_case(cx: &mut Shell, id: &str) -> Vec<Effect> {
    vec![
        cx.fetch(DETAIL, Request::Case(id.to_string())),
        cx.fetch(NOTES, Request::Notes(id.to_string())),
    ]
}

/// Keys while a case is open: move through its notes (which ends the "new notes" marker), or
/// go back to the list.
pub(super) fn keys(p: &mut CasesState, action: &Action) -> Vec<Effect> {
    let Some(d) = p.detail.as_mut() else {
        return vec![];
    };
    let len = d.notes.len();
    match action {
        Action::Up => d.selected = d.selected.saturating_sub(1),
        Action::Down => d.selected = (d.selected + 1).min(len.saturating_sub(1)),
        Action::PageUp => d.selected = d.selected.saturating_sub(5),
        Action::PageDown => d.selected = (d.selected + 5).min(len.saturating_sub(1)),
        Action::Top => d.selected = 0,
        Action::Bottom => d.selected = len.saturating_sub(1),
        Action::Back => p.detail = None,
        _ => {}
    }
    if let Some(d) = p.detail.as_mut() {
        d.fresh = 0;
    }
    vec![]
}

/// A case's notes arrived: the timeline shows them, so they count as seen.
pub(super) fn on_notes(p: &mut CasesState, notes: Vec<Note>) -> Vec<Effect> {
    let Some(d) = p.detail.as_mut() else {
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
    for r in p.rows.iter_mut().filter(|r| r.id == case_id) {
        r.note_count = r.note_count.max(count);
    }
    p.outgoing
        .retain(|o| !(o.case_id == case_id && d_has(&p.detail, &o.body)));
    if mark_seen(&mut p.seen, &case_id, count) {
        vec![Effect::Local(LocalEffect::MarkSeen { case_id, count })]
    } else {
        vec![]
    }
}

fn d_has(d: &Option<CaseDetail>, body: &str) -> bool {
    d.as_ref()
        .is_some_and(|d| d.notes.iter().any(|n| n.body == body))
}
