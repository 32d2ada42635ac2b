//! The queue's writes: trace requests, triage status and case links.
//!
//! Every write goes through the durable outbox with its own idempotency key, so a write made
//! offline is kept and delivered once. `--read-only` stops them all here, with a toast.

use crate::model::{
    EntityKind, NewLink, Seizure, SeizureUpdate, TracePriority, TraceRequest, TriageStatus,
};

use crate::app::action::Action;
use crate::app::effect::{Effect, PendingWrite, WriteOp};
use crate::app::overlay::{Confirm, Overlay, StatusPicker};
use super::QueueState;
use crate::app::state::{Level, Notice, Shell};
use crate::app::overlay::Overlay as O;

pub fn update(p: &mut QueueState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    match action {
        Action::SubmitTrace | Action::ChangeStatus | Action::AssignCase if cx.read_only => {
            cx.refuse_read_only().unwrap_or_default()
        }
        Action::SubmitTrace => submit_traces(p, cx),
        Action::ChangeStatus => {
            let ids = targets(p).iter().map(|z| z.id.clone()).collect::<Vec<_>>();
            if ids.is_empty() {
                return vec![cx.toast(Level::Info, Notice::NothingSelected)];
            }
            cx.overlays.push(Overlay::StatusPicker(StatusPicker {
                seizure_ids: ids,
                selected: 0,
            }));
            vec![]
        }
        Action::AssignCase => {
            if targets(p).is_empty() {
                return vec![cx.toast(Level::Info, Notice::NothingSelected)];
            }
            vec![cx.open_case_picker()]
        }
        _ => vec![],
    }
}

/// The seizures an action applies to: the marked ones, else the open or selected one.
fn targets(p: &QueueState) -> Vec<Seizure> {
    if !p.marked.is_empty() {
        return p
            .rows
            .iter()
            .filter(|r| p.marked.contains(&r.id))
            .cloned()
            .collect();
    }
    match &p.detail {
        Some(d) => vec![d.seizure.clone()],
        None => p.selected().cloned().into_iter().collect(),
    }
}

/// One routine trace request per seized firearm; more than one asks for confirmation first.
fn submit_traces(p: &mut QueueState, cx: &mut Shell) -> Vec<Effect> {
    let seizures = targets(p);
    let Some(first) = seizures.first() else {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
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
            crime_code: cx.trace_defaults.crime_code.clone(),
            case_number: None,
        })
        .collect();
    match requests.len() {
        0 => vec![cx.toast(Level::Info, Notice::NoFirearms(first_id))],
        1 => confirm_submit(p, cx, requests),
        _ => {
            cx.overlays
                .push(Overlay::Confirm(Confirm::SubmitTraces(requests)));
            vec![]
        }
    }
}

/// Queues confirmed trace requests in the outbox.
pub fn confirm_submit(p: &mut QueueState, cx: &mut Shell, requests: Vec<TraceRequest>) -> Vec<Effect> {
    let n = requests.len();
    let mut fx: Vec<Effect> = requests
        .into_iter()
        .map(|request| {
            let key = cx.idempotency_key();
            Effect::Write(PendingWrite {
                key,
                op: WriteOp::SubmitTrace { request },
            })
        })
        .collect();
    p.marked.clear();
    fx.push(cx.toast(Level::Info, Notice::WritesQueued(n)));
    fx
}

/// Changes triage status: shown at once (optimistically), delivered through the outbox.
pub fn set_status(p: &mut QueueState, cx: &mut Shell, ids: Vec<String>, status: TriageStatus) -> Vec<Effect> {
    let mut fx = Vec::new();
    for id in ids {
        for r in p.rows.iter_mut().filter(|r| r.id == id) {
            r.status = status;
        }
        if let Some(d) = p.detail.as_mut().filter(|d| d.seizure.id == id) {
            d.seizure.status = status;
        }
        let key = cx.idempotency_key();
        let op = WriteOp::UpdateSeizure {
            id,
            update: SeizureUpdate { status },
        };
        fx.push(Effect::Write(PendingWrite { key, op }));
    }
    p.marked.clear();
    fx
}

/// Links the target seizures to a case.
pub fn link_case(p: &mut QueueState, cx: &mut Shell, case_id: String) -> Vec<Effect> {
    let ids: Vec<String> = targets(p).into_iter().map(|z| z.id).collect();
    let mut fx = Vec::new();
    for id in ids {
        let key = cx.idempotency_key();
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
    p.marked.clear();
    fx
}

/// Enter in the status picker: the chosen status goes to the seizures it was opened for.
pub fn status_picked(p: &mut QueueState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let Some(O::StatusPicker(picker)) = cx.overlays.last() else {
        return vec![];
    };
    if *action != Action::Open {
        return vec![];
    }
    let (ids, status) = (picker.seizure_ids.clone(), picker.chosen());
    cx.overlays.pop();
    status
        .map(|st| set_status(p, cx, ids, st))
        .unwrap_or_default()
}
