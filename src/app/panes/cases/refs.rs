//! Following a reference typed in a note to the pane that shows that entity.
//!
//! Seizures, traces and ballistic leads are fetched by id (they may be far outside the loaded
//! pages) and opened in the Queue, Trace and Ballistics panes' detail; a firearm opens its
//! traces, a `#serial` a serial search.
//!
//! A casing has no view of its own. Its leads are fetched (any status, best first) and the best
//! one — rank 1, the engine's strongest candidate — opens in the Ballistics pane, whose detail
//! steps through the casing's other candidates with `>`/`<`: that is the casing's leads, where an
//! examiner reviews them. (Filtering the Ballistics list by casing instead would need a way to
//! show and clear that filter there, for the same rows the detail already steps through.) A
//! casing with no lead of its own is then fetched itself, so the user learns either that it
//! has no leads or, from the server, that it does not exist.

use crate::app::effect::{Effect, Request, Slot};
use crate::app::filter;
use crate::app::overlay::{Overlay, PickItem, PickTarget, Picker};
use crate::app::panes::cases::notes::{NoteRef, RefKind, references};
use crate::app::panes::{PaneId, ballistics, cases::CaseNotice, queue, trace};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, State};
use crate::model::{Lead, TraceQuery};

/// `f` on the open case: the selected note's one reference, or a picker when there are several.
pub fn follow_selected(s: &mut State) -> Vec<Effect> {
    let Some(note) = s.cases.detail.as_ref().and_then(|d| d.selected_note()) else {
        return vec![s.toast(Level::Info, Notice::Cases(CaseNotice::NoCaseOpen))];
    };
    let refs = references(&note.body);
    match refs.as_slice() {
        [] => vec![s.toast(Level::Info, Notice::Cases(CaseNotice::NoReferences))],
        [one] => follow(s, one.clone()),
        many => {
            let mut seen = Vec::new();
            let items = many
                .iter()
                .filter(|r| {
                    let new = !seen.contains(&r.id);
                    seen.push(r.id.clone());
                    new
                })
                .map(|r| PickItem {
                    label: label(r),
                    target: PickTarget::Ref(label(r)),
                })
                .collect();
            s.overlays.push(Overlay::Palette(Picker::new(items)));
            vec![]
        }
    }
}

/// How a reference is written back (and parsed again when picked).
fn label(r: &NoteRef) -> String {
    match r.kind {
        RefKind::Serial => format!("#{}", r.id),
        _ => r.id.clone(),
    }
}

/// A reference chosen in a picker, or a case id from the palette.
pub fn follow_text(s: &mut State, text: &str) -> Vec<Effect> {
    if text.to_ascii_uppercase().starts_with("CS-") {
        s.active = PaneId::Cases;
        let height = s.list_height();
        let Some(i) = s.cases.rows.iter().position(|c| c.id == text) else {
            return vec![];
        };
        s.cases.list.select(i, s.cases.rows.len(), height);
        let c = s.cases.rows[i].clone();
        return crate::app::panes::cases::open(s, c);
    }
    match references(text).into_iter().next() {
        Some(r) => follow(s, r),
        None => vec![s.toast(Level::Info, Notice::Cases(CaseNotice::NoReferences))],
    }
}

pub fn follow(s: &mut State, r: NoteRef) -> Vec<Effect> {
    match r.kind {
        RefKind::Seizure => vec![s.fetch(Slot::CaseRef, Request::Seizure(r.id))],
        RefKind::Trace => vec![s.fetch(Slot::CaseRef, Request::Trace(r.id))],
        RefKind::Firearm => {
            let q = TraceQuery {
                firearm_id: Some(r.id.clone()),
                ..TraceQuery::default()
            };
            show_traces(s, r.id, q)
        }
        RefKind::Serial => match filter::trace_search(&format!("serial:{}", r.id)) {
            Ok(filter::TraceSearch::Query(q)) => show_traces(s, format!("#{}", r.id), *q),
            _ => vec![],
        },
        RefKind::Lead => vec![s.fetch(Slot::CaseRef, Request::Lead(r.id))],
        RefKind::Casing => {
            let q = ballistics::casing_leads(r.id.clone());
            s.cases.followed_casing = Some(r.id);
            vec![s.fetch(Slot::CaseRef, Request::Leads(q))]
        }
    }
}

/// Switches to the Trace pane listing `q` under the heading `label`.
fn show_traces(s: &mut State, label: String, q: TraceQuery) -> Vec<Effect> {
    s.active = PaneId::Trace;
    s.trace.search_text = label.clone();
    s.trace.listing = trace::Listing::Search(label);
    s.trace.query = q;
    s.trace.list = Default::default();
    s.trace.detail = None;
    trace::refresh(s)
}

/// The referenced entity arrived: open it where it lives.
pub fn on_data(s: &mut State, data: Data) -> Vec<Effect> {
    match data {
        Data::Seizure(z) => {
            s.active = PaneId::Queue;
            queue::open_id(s, z)
        }
        Data::Trace(t) => {
            s.active = PaneId::Trace;
            trace::open(s, t)
        }
        Data::Lead(l) => ballistics::show(s, l, vec![]),
        Data::Leads(page) => on_casing_leads(s, page.items),
        // Asked for only when the casing had no leads: it exists, so say that plainly.
        Data::Casing(c) => vec![s.toast(
            Level::Info,
            Notice::Cases(CaseNotice::NoLeadsForCasing(c.id)),
        )],
        _ => vec![],
    }
}

/// A followed casing's leads: open the best, or ask whether the casing exists at all (an
/// unknown casing and one without leads both give an empty list).
fn on_casing_leads(s: &mut State, leads: Vec<Lead>) -> Vec<Effect> {
    let Some(best) = leads.iter().min_by_key(|l| l.rank).cloned() else {
        return match s.cases.followed_casing.clone() {
            Some(id) => vec![s.fetch(Slot::CaseRef, Request::Casing(id))],
            None => vec![],
        };
    };
    ballistics::show(s, best, leads)
}

#[cfg(test)]
#[path = "refs_tests.rs"]
pub(crate) mod tests;
