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

use crate::app::effect::{Effect, Request};
use crate::app::filter;
use crate::app::overlay::{Overlay, PickItem, PickTarget, Picker};
use crate::app::panes::cases::notes::{NoteRef, RefKind, references};
use super::{CaseNotice, CasesState, REF};
use crate::app::panes::navigate::Listing;
use crate::app::panes::{Target, ballistics};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};
use crate::model::{Lead, TraceQuery};

/// `f` on the open case: the selected note's one reference, or a picker when there are several.
pub fn follow_selected(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let Some(note) = p.detail.as_ref().and_then(|d| d.selected_note()) else {
        return vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoCaseOpen))];
    };
    let refs = references(&note.body);
    match refs.as_slice() {
        [] => vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoReferences))],
        [one] => follow(p, cx, one.clone()),
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
            cx.overlays.push(Overlay::Palette(Picker::new(items)));
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
pub fn follow_text(p: &mut CasesState, cx: &mut Shell, text: &str) -> Vec<Effect> {
    if text.to_ascii_uppercase().starts_with("CS-") {
        return vec![Effect::Navigate(Target::CaseId(text.to_string()))];
    }
    match references(text).into_iter().next() {
        Some(r) => follow(p, cx, r),
        None => vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoReferences))],
    }
}

pub fn follow(p: &mut CasesState, cx: &mut Shell, r: NoteRef) -> Vec<Effect> {
    match r.kind {
        RefKind::Seizure => vec![cx.fetch(REF, Request::Seizure(r.id))],
        RefKind::Trace => vec![cx.fetch(REF, Request::Trace(r.id))],
        RefKind::Firearm => {
            let q = TraceQuery {
                firearm_id: Some(r.id.clone()),
                ..TraceQuery::default()
            };
            show_traces(r.id, q)
        }
        RefKind::Serial => match filter::trace_search(&format!("serial:{}", r.id)) {
            Ok(filter::TraceSearch::Query(q)) => show_traces(format!("#{}", r.id), *q),
            _ => vec![],
        },
        RefKind::Lead => vec![cx.fetch(REF, Request::Lead(r.id))],
        RefKind::Casing => {
            let q = ballistics::casing_leads(r.id.clone());
            p.followed_casing = Some(r.id);
            vec![cx.fetch(REF, Request::Leads(q))]
        }
    }
}

/// Sends the user to a list of traces under the heading `label`.
fn show_traces(label: String, q: TraceQuery) -> Vec<Effect> {
    vec![Effect::Navigate(Target::Traces(Listing::Search(label), Box::new(q)))]
}

/// The referenced entity arrived: open it where it lives.
pub fn on_data(p: &mut CasesState, cx: &mut Shell, data: Data) -> Vec<Effect> {
    match data {
        Data::Seizure(z) => vec![Effect::Navigate(Target::Seizure(Box::new(z)))],
        Data::Trace(t) => vec![Effect::Navigate(Target::Trace(Box::new(t)))],
        Data::Lead(l) => vec![Effect::Navigate(Target::Lead(Box::new(l), vec![]))],
        Data::Leads(page) => on_casing_leads(p, cx, page.items),
        // Asked for only when the casing had no leads: it exists, so say that plainly.
        Data::Casing(c) => vec![cx.toast(
            Level::Info,
            Notice::from(CaseNotice::NoLeadsForCasing(c.id)),
        )],
        _ => vec![],
    }
}

/// A followed casing's leads: open the best, or ask whether the casing exists at all (an
/// unknown casing and one without leads both give an empty list).
fn on_casing_leads(p: &mut CasesState, cx: &mut Shell, leads: Vec<Lead>) -> Vec<Effect> {
    let Some(best) = leads.iter().min_by_key(|l| l.rank).cloned() else {
        return match p.followed_casing.clone() {
            Some(id) => vec![cx.fetch(REF, Request::Casing(id))],
            None => vec![],
        };
    };
    vec![Effect::Navigate(Target::Lead(Box::new(best), leads))]
}

#[cfg(test)]
#[path = "refs_tests.rs"]
pub(crate) mod tests;
