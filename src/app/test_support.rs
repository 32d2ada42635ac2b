//! Helpers shared by the console logic's unit tests: what effects a step asked for.

use super::effect::{Effect, Request, Slot, WriteOp};

/// The reads among `fx`, with their generations.
pub fn fetches(fx: &[Effect]) -> Vec<(Slot, u64, Request)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch {
                slot,
                generation,
                req,
            } => Some((*slot, *generation, req.clone())),
            _ => None,
        })
        .collect()
}

/// The writes among `fx`, in order.
pub fn writes(fx: &[Effect]) -> Vec<WriteOp> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Write(w) => Some(w.op.clone()),
            _ => None,
        })
        .collect()
}
