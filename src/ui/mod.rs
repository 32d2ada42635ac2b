//! The terminal front end: input → actions, state → frames. Everything that knows about the
//! terminal lives here; the logic it drives lives in `crate::app`.

pub mod alerts;
pub mod bench;
pub mod chrome;
pub mod color;
pub mod draw;
pub mod fmt;
pub mod gate;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod lean;
pub mod link_bench;
pub mod overlays;
pub mod panes;
pub mod signin;
pub mod theme;

pub use draw::draw;
pub mod run;
pub mod terminal;

pub use run::run;
