//! Console logic against a fake backend, with tokio's clock paused.

mod runtime;
