//! The Trace pane's writes: linking the current trace to a case, through the outbox.

use super::TraceState;
use crate::app::effect::{Effect, PendingWrite, WriteOp};
use crate::app::state::{Level, Notice, Shell};
use crate::model::{EntityKind, NewLink};

/// `assign_case` on a trace (row or detail): "add to case…" with the same fuzzy case picker as
/// the queue.
pub fn pick_case(p: &TraceState, cx: &mut Shell) -> Vec<Effect> {
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    if p.current().is_none() {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    }
    vec![cx.open_case_picker()]
}

/// Links the current trace to the picked case.
pub fn link(p: &TraceState, cx: &mut Shell, case_id: String) -> Vec<Effect> {
    let Some(id) = p.current().map(|t| t.id.clone()) else {
        return vec![];
    };
    let key = cx.idempotency_key();
    let link = NewLink {
        kind: EntityKind::Trace,
        id,
    };
    vec![Effect::Write(PendingWrite {
        key,
        op: WriteOp::AddLink { case_id, link },
    })]
}
