//! The reference server: routes over a [`store::Store`], auth, audit and the event stream.

pub mod store;
