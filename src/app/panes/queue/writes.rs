//! The queue's writes: trace requests, triage status and case links.
//!
//! Every write goes through the durable outbox with its own idempotency key, so a write made
//! offline is kept and delivered once. `--read-only` stops them all here, with a toast.

use crate::model::{
    EntityKind, NewLink, Seizure, SeizureUpdate, TracePriority, TraceRequest, TriageStatus,
};

use crate::app::action::Action;
use crate::app::effect::{Effect, PendingWrite, Request, Slot, WriteOp};
use crate::app::overlay::{Confirm, Overlay, Picker, StatusPicker};
use crate::app::state::{Level, Notice, State};
use crate::model::CaseQuery;

pub fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    match action {
        Action::SubmitTrace | Action::ChangeStatus | Action::AssignCase if s.read_only => {
            vec![s.toast(Level::Error, Notice::ReadOnly)]
        }
        Action::SubmitTrace => submit_traces(s),
        Action::ChangeStatus => {
            let ids = targets(s).iter().map(|z| z.id.clone()).collect::<Vec<_>>();
            if ids.is_empty() {
                return vec![s.toast(Level::Info, Notice::NothingSelected)];
            }
            s.overlays.push(Overlay::StatusPicker(StatusPicker {
                seizure_ids: ids,
                selected: 0,
            }));
            vec![]
        }
        Action::AssignCase => {
            if targets(s).is_empty() {
                return vec![s.toast(Level::Info, Notice::NothingSelected)];
            }
            s.overlays.push(Overlay::CasePicker(Picker {
                loading: true,
                ..Picker::default()
            }));
            let q = CaseQuery {
                limit: Some(500),
                ..CaseQuery::default()
            };
            vec![s.fetch(Slot::CasePicker, Request::Cases(q))]
        }
        _ => vec![],
    }
}

/// The seizures an action applies to: the marked ones, else the open or selected one.
fn targets(s: &State) -> Vec<Seizure> {
    if !s.queue.marked.is_empty() {
        return s
            .queue
            .rows
            .iter()
            .filter(|r| s.queue.marked.contains(&r.id))
            .cloned()
            .collect();
    }
    match &s.queue.detail {
        Some(d) => vec![d.seizure.clone()],
        None => s.queue.selected().cloned().into_iter().collect(),
    }
}

/// One routine trace request per seized firearm; more than one asks for confirmation first.
fn submit_traces(s: &mut State) -> Vec<Effect> {
    let seizures = targets(s);
    let Some(first) = seizures.first() else {
        return vec![s.toast(Level::Info, Notice::NothingSelected)];
    };
    let first_id = first.id.clone();
    let requests: Vec<TraceRequest> = seizures
        .iter()
        .flat_map(|z| z.items.iter())
        .filter_map(|i| i.firearm_id.clone())
        .map(|firearm_id| TraceRequest {
            firearm_id,
            priority: TracePriority::Routine,
            justification: None,
            crime_code: s.trace_defaults.crime_code.clone(),
            case_number: None,
        })
        .collect();
    match requests.len() {
        0 => vec![s.toast(Level::Info, Notice::NoFirearms(first_id))],
        1 => confirm_submit(s, requests),
        _ => {
            s.overlays
                .push(Overlay::Confirm(Confirm::SubmitTraces(requests)));
            vec![]
        }
    }
}

/// Queues confirmed trace requests in the outbox.
pub fn confirm_submit(s: &mut State, requests: Vec<TraceRequest>) -> Vec<Effect> {
    let n = requests.len();
    let mut fx: Vec<Effect> = requests
        .into_iter()
        .map(|request| {
            let key = s.idempotency_key();
            Effect::Write(PendingWrite {
                key,
                op: WriteOp::SubmitTrace { request },
            })
        })
        .collect();
    s.queue.marked.clear();
    fx.push(s.toast(Level::Info, Notice::WritesQueued(n)));
    fx
}

/// Changes triage status: shown at once (optimistically), delivered through the outbox.
pub fn set_status(s: &mut State, ids: Vec<String>, status: TriageStatus) -> Vec<Effect> {
    let mut fx = Vec::new();
    for id in ids {
        for r in s.queue.rows.iter_mut().filter(|r| r.id == id) {
            r.status = status;
        }
        if let Some(d) = s.queue.detail.as_mut().filter(|d| d.seizure.id == id) {
            d.seizure.status = status;
        }
        let key = s.idempotency_key();
        let op = WriteOp::UpdateSeizure {
            id,
            update: SeizureUpdate { status },
        };
        fx.push(Effect::Write(PendingWrite { key, op }));
    }
    s.queue.marked.clear();
    fx
}

/// Links the target seizures to a case.
pub fn link_case(s: &mut State, case_id: String) -> Vec<Effect> {
    let ids: Vec<String> = targets(s).into_iter().map(|z| z.id).collect();
    let mut fx = Vec::new();
    for id in ids {
        let key = s.idempotency_key();
        let link = NewLink {
            kind: EntityKind::Seizure,
            id,
        };
        fx.push(Effect::Write(PendingWrite {
            key,
            op: WriteOp::AddLink {
                case_id: case_id.clone(),
                link,
            },
        }));
    }
    s.queue.marked.clear();
    fx
}
