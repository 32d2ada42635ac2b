//! No wasted frames: when the user opens a pane (or a record) the console has no copy of, the
//! screen keeps the previous frame for a moment while the answer is on its way, instead of
//! drawing a "loading…" frame that the data replaces a few milliseconds later. On a 64 kbit/s
//! link that loading frame costs as much as the data frame (it blanks every old row).
//!
//! The hold is plain state: `update()` starts it when a user action leaves the active pane with
//! nothing to show and reads of that pane in flight, and asks the runtime (an effect) to say
//! when [`HOLD`] is over. It ends when every read it waits for is answered (data or error),
//! when that deadline comes, or at the next key. While it lasts the loop draws nothing; a
//! pane with a cached copy is never held: the copy is drawn at once and refreshed behind.

use std::collections::BTreeSet;
use std::time::Duration;

use super::action::Action;
use super::effect::{Effect, Slot};
use super::reply::Reply;
use super::state::{Shell, State};

/// How long the previous frame is kept while the data is on its way; after it the loading
/// state is drawn.
pub const HOLD: Duration = Duration::from_millis(150);

/// A frame being held back: the reads it waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// Tells this hold's deadline from an older one's.
    pub id: u64,
    pub slots: BTreeSet<Slot>,
}

/// Whether `a` is the user asking for something (a key, a paste): it ends any hold, since
/// the user must see what their key did, and may start a new one.
pub fn is_input(a: &Action) -> bool {
    !matches!(
        a,
        Action::Reply(_)
            | Action::Tick(_)
            | Action::Resize(..)
            | Action::ListRows(_)
            | Action::Navigate(_)
            | Action::Lock
            | Action::LinkMeasured(_)
    )
}

/// After a user action: holds the frame when the active pane has nothing to show and reads
/// of it went out (`fx`); adds the deadline to `fx`.
pub fn begin(s: &mut State, mut fx: Vec<Effect>) -> Vec<Effect> {
    if s.gate.is_some() || !s.overlays.is_empty() || s.panes.get(s.active).loaded() {
        return fx;
    }
    let active = s.active;
    let slots: BTreeSet<Slot> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch {
                slot: slot @ Slot::Pane(id, _),
                ..
            } if *id == active => Some(*slot),
            _ => None,
        })
        .collect();
    if slots.is_empty() {
        return fx;
    }
    let id = s.next_seq();
    s.hold = Some(Hold { id, slots });
    fx.push(Effect::HoldFrame { id, after: HOLD });
    fx
}

impl Shell {
    /// Whether the loop should keep the previous frame for now (never over the sign-in gate
    /// or the lock screen).
    pub fn holding(&self) -> bool {
        self.hold.is_some() && self.gate.is_none()
    }

    /// A read the hold waited for was answered.
    pub(super) fn release_slot(&mut self, slot: Slot) {
        if let Some(h) = self.hold.as_mut() {
            h.slots.remove(&slot);
            if h.slots.is_empty() {
                self.hold = None;
            }
        }
    }

    /// The hold's time is over: draw the loading state.
    pub(super) fn hold_expired(&mut self, id: u64) {
        if self.hold.as_ref().is_some_and(|h| h.id == id) {
            self.hold = None;
        }
    }
}

/// Whether `a` changes nothing on screen: the deadline of a hold already over. The loop does
/// not draw for it.
pub fn is_moot(s: &State, a: &Action) -> bool {
    match a {
        Action::Reply(r) => match &**r {
            Reply::HoldExpired(id) => s.hold.as_ref().is_none_or(|h| h.id != *id),
            _ => false,
        },
        _ => false,
    }
}
