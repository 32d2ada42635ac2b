//! Following a reference typed in a note to the pane that shows that entity.
//!
//! Seizures and traces are fetched by id (they may be far outside the loaded pages) and opened in
//! the Queue and Trace panes' detail; a firearm opens its traces, a `#serial` a serial search.
//! Casings and leads have no pane in this console yet: their id is copied for the palette.

use super::notes::{NoteRef, RefKind, references};
use super::{PaneId, cases::CaseNotice, queue, trace};
use crate::app::effect::{Effect, Request, Slot};
use crate::app::filter;
use crate::app::overlay::{Overlay, PickItem, PickTarget, Picker};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, State};
use crate::model::TraceQuery;

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
        return super::cases::open(s, c);
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
        RefKind::Casing | RefKind::Lead => vec![
            Effect::Copy(r.id.clone()),
            s.toast(Level::Info, Notice::Cases(CaseNotice::RefCopied(r.id))),
        ],
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

/// The referenced seizure or trace arrived: open it where it lives.
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
        _ => vec![],
    }
}
