//! The pane registry: every pane is one entry here, and the app iterates the registry instead
//! of wiring panes by hand. Adding the Ballistics or Cases pane is one `PaneId` variant and one
//! line in [`PANES`] (plus one line in `ui::panes::VIEWS` for its drawing).

pub mod ballistics;
pub mod cases;
pub mod list;
pub mod queue;
pub mod trace;

use crate::model::Event;

use super::action::Action;
use super::effect::{Effect, Slot};
use super::overlay::PickItem;
use super::reply::Data;
use super::state::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PaneId {
    #[default]
    Queue,
    Trace,
    Cases,
    Ballistics,
}

/// What the app needs to know about a pane.
pub struct PaneSpec {
    pub id: PaneId,
    /// The slots whose replies belong to this pane.
    pub slots: &'static [Slot],
    /// Reads to issue when the pane is first shown or refreshed.
    pub refresh: fn(&mut State) -> Vec<Effect>,
    /// An action while the pane has the focus and no overlay does.
    pub update: fn(&mut State, &Action) -> Vec<Effect>,
    /// A fresh answer for one of its slots (stale generations were already dropped).
    pub on_data: fn(&mut State, Slot, Data) -> Vec<Effect>,
    /// A change pushed by the server.
    pub on_event: fn(&mut State, &Event) -> Vec<Effect>,
    /// Entity ids the command palette offers while this pane is shown.
    pub palette_ids: fn(&State) -> Vec<PickItem>,
    /// The id or serial `y` copies.
    pub copy_text: fn(&State) -> Option<String>,
    /// Whether the pane shows cached data not yet confirmed by the server.
    pub stale: fn(&State) -> bool,
    /// Whether the pane has loaded anything (from the server or the cache).
    pub loaded: fn(&State) -> bool,
}

/// The panes, in tab order (keys `1`, `2`, … follow this order).
pub const PANES: &[PaneSpec] = &[queue::SPEC, trace::SPEC, cases::SPEC, ballistics::SPEC];

pub fn spec(id: PaneId) -> &'static PaneSpec {
    PANES.iter().find(|p| p.id == id).unwrap_or(&PANES[0])
}

pub fn index_of(id: PaneId) -> usize {
    PANES.iter().position(|p| p.id == id).unwrap_or(0)
}

/// The pane that owns a slot, if any.
pub fn owner(slot: Slot) -> Option<&'static PaneSpec> {
    PANES.iter().find(|p| p.slots.contains(&slot))
}
