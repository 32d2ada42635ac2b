//! Console logic against a fake backend, with tokio's clock paused.

pub(crate) mod import;
mod runtime;
