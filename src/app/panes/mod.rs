//! The pane registry. A pane is a room: `app/panes/<pane>/` holds its state, its update, the
//! slots of its reads, its overlays' handling and its local notices; `ui/panes/<pane>/` holds its
//! drawing. A pane changes only its own state plus the [`Shell`] services it is lent (fetch,
//! toast, overlays); to send the user elsewhere it returns [`Effect::Navigate`] and the pane that
//! accepts the [`Target`] handles it. The app never names a pane outside this registry: refresh,
//! resize, events, replies and written answers are delivered by looping over it.
//!
//! # Adding a pane (the exact steps)
//!
//! 1. Create `src/app/panes/<pane>/mod.rs` with a state struct (`#[derive(Debug, Clone,
//!    PartialEq, Default)]`) and `impl Pane for ItsState`: `refresh` and `update` are required,
//!    every other hook has a default that ignores what the pane does not care about. Its reads
//!    use slots made with [`slot`]`(PaneId::<Pane>, n)`.
//! 2. Add one line to the [`registry!`] call below: `<Pane> => <pane>::ItsState,` (the position
//!    is its tab position and digit key). A pane with toasts of its own declares their enum on
//!    that line, `<Pane> => <pane>::ItsState { notice: <pane>::ItsNotice },`, builds them with
//!    `Notice::from(ItsNotice::…)`, and words them in `ui::panes::<pane>::notice` (one arm in
//!    `ui::panes::notice`).
//! 3. Create `src/ui/panes/<pane>/mod.rs` with a `pub const VIEW: PaneView` and add it to
//!    `ui::panes::VIEWS` (one line, same position). Its words are messages in each catalogue
//!    (`src/i18n/en.ftl`, `es.ftl`); its hint lines are `Seg` lists in `ui::i18n::hints`, listed
//!    in `hints::ALL` so the catalogue tests check them in every language.
//! 4. Optional: a table `[keys.<pane>]` in `app/default_config.toml` for keys only this pane
//!    uses; the context exists by itself (`KeyContext::Pane`), named after the module.
//! 5. A seventh pane also needs its digit action: today `Action::Pane1`…`Pane6` exist, so add
//!    `Pane7` (variant, `Action::BINDABLE`, `update::global`, its label `action-pane7` in each
//!    catalogue, `pane7 = "7"` in `[keys.global]`). `Tab` reaches every registered pane
//!    without it.
//! 6. Reads of a kind no pane made before need their `Request` variant (`app/effect.rs`), the
//!    `Data` variant of the answer (`app/reply.rs`), one arm in `app/backend_api.rs` and the
//!    client call in `api/` — shared by every pane, so named after the resource, not the pane.
//!
//! Nothing else names the pane: `Slot`, `Effect`, `Reply`, `Action` and `update()` are generic.

pub mod list;
pub mod navigate;

use crate::model::Event;

use super::action::Action;
use super::backend::FetchError;
use super::effect::{CacheEntry, Effect, Slot};
use super::overlay::{Confirm, PickItem, PickTarget, PromptFor};
use super::reply::Data;
use super::state::Shell;
use cases::local::LocalReply;
pub use navigate::Target;

/// What the app asks of every pane. `&mut self` is the pane's own state; `cx` lends the shared
/// services and read-only facts (session, language, list height), never another pane's state.
pub trait Pane {
    /// Reads to issue when the pane is first shown or refreshed.
    fn refresh(&mut self, cx: &mut Shell) -> Vec<Effect>;
    /// An action while the pane has the focus and no overlay has the keyboard.
    fn update(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect>;
    /// A fresh answer for one of its slots (stale generations were already dropped).
    fn on_data(&mut self, _cx: &mut Shell, _slot: Slot, _data: Data) -> Vec<Effect> {
        vec![]
    }
    /// A read it was waiting for failed (the error is toasted by the app).
    fn on_fetch_failed(&mut self, _cx: &mut Shell, _slot: Slot) {}
    /// A queued write was answered. `Some` when this pane owns the write (first taker wins).
    fn on_wrote(
        &mut self,
        _cx: &mut Shell,
        _key: &str,
        _result: &Result<Data, FetchError>,
    ) -> Option<Vec<Effect>> {
        None
    }
    /// Local bookkeeping (a draft store) finished.
    fn on_local(&mut self, _cx: &mut Shell, _reply: &LocalReply) -> Vec<Effect> {
        vec![]
    }
    /// Data from the local cache. The pane that shows it takes it (`None`); any other hands it
    /// back (`Some`) for the next pane.
    fn cached(&mut self, _cx: &mut Shell, entry: CacheEntry) -> Option<CacheEntry> {
        Some(entry)
    }
    /// A change pushed by the server.
    fn on_event(&mut self, _cx: &mut Shell, _ev: &Event) -> Vec<Effect> {
        vec![]
    }
    /// Somebody wants the user to see `target`: `Some` when this pane shows it (it becomes active).
    fn navigate(&mut self, _cx: &mut Shell, _target: &Target) -> Option<Vec<Effect>> {
        None
    }
    /// An entry this pane put in a picker was chosen.
    fn picked(&mut self, _cx: &mut Shell, _target: PickTarget) -> Vec<Effect> {
        vec![]
    }
    /// Text confirmed at a prompt this pane opened.
    fn prompted(&mut self, _cx: &mut Shell, _purpose: PromptFor, _text: String) -> Vec<Effect> {
        vec![]
    }
    /// A question this pane asked was answered yes.
    fn confirmed(&mut self, _cx: &mut Shell, _what: Confirm) -> Vec<Effect> {
        vec![]
    }
    /// An action while one of this pane's own overlays (status picker, audit trail) is on top.
    fn overlay_key(&mut self, _cx: &mut Shell, _action: &Action) -> Vec<Effect> {
        vec![]
    }
    /// The list height changed: keep the selection visible.
    fn resize(&mut self, _rows: usize) {}
    /// Entity ids the command palette offers while this pane is shown.
    fn palette_ids(&self) -> Vec<PickItem> {
        vec![]
    }
    /// The id or serial `copy` puts on the clipboard.
    fn copy_text(&self) -> Option<String> {
        None
    }
    /// The entity whose network `N` opens: the selected or open record's id.
    fn network_id(&self) -> Option<String> {
        None
    }
    /// What `w` can watch here (the selected or open record, or the current filter), the
    /// likeliest first.
    fn watch_targets(&self) -> Vec<super::alerts::WatchTarget> {
        vec![]
    }
    /// Whether the pane shows cached data not yet confirmed by the server.
    fn stale(&self) -> bool {
        false
    }
    /// Whether the pane has loaded anything (from the server or the cache).
    fn loaded(&self) -> bool;
    /// Whether a text editor inside the pane has the keyboard (keys go to the editor context).
    fn editing(&self) -> bool {
        false
    }
}

/// A slot owned by pane `pane`; `n` tells the pane's own reads apart.
pub const fn slot(pane: PaneId, n: u8) -> Slot {
    Slot::Pane(pane, n)
}

/// Declares the panes, in tab order. Generates [`PaneId`], the [`Panes`] struct (one field per
/// pane, named after its module), the lookups the app iterates, and [`PaneNotice`]: one variant
/// per pane that declares its own notices (`notice: <pane>::ItsNotice` on its line), so the
/// shared [`Notice`](super::state::Notice) wraps them in one generic variant.
macro_rules! registry {
    ($($id:ident => $m:ident :: $ty:ident $({ notice: $nm:ident :: $nt:ident })?),* $(,)?) => {
        $(pub mod $m;)*

        /// What a pane has to tell the user in its own words: its local enum, tagged by pane.
        /// The UI words each through the pane's strings (`ui::panes::<pane>::notice`).
        #[derive(Debug, Clone, PartialEq)]
        pub enum PaneNotice {
            $($($id($nm::$nt),)?)*
        }

        $($(
            impl From<$nm::$nt> for super::state::Notice {
                fn from(n: $nm::$nt) -> Self {
                    super::state::Notice::Pane(PaneNotice::$id(n))
                }
            }
        )?)*

        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum PaneId {
            $($id),*
        }

        impl Default for PaneId {
            /// The first pane in tab order.
            fn default() -> PaneId {
                ORDER[0]
            }
        }

        /// Every pane's state.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct Panes {
            $(pub $m: $m::$ty),*
        }

        /// The panes, in tab order (keys `1`, `2`, … follow this order).
        pub const ORDER: &[PaneId] = &[$(PaneId::$id),*];

        impl PaneId {
            /// The name of the pane's key context (`[keys.<name>]`) and module.
            pub fn name(self) -> &'static str {
                match self { $(PaneId::$id => stringify!($m)),* }
            }
        }

        impl Panes {
            pub fn get(&self, id: PaneId) -> &dyn Pane {
                match id { $(PaneId::$id => &self.$m),* }
            }
            pub fn get_mut(&mut self, id: PaneId) -> &mut dyn Pane {
                match id { $(PaneId::$id => &mut self.$m),* }
            }
        }
    };
}

registry! {
    Queue => queue::QueueState { notice: queue::QueueNotice },
    Trace => trace::TraceState,
    Cases => cases::CasesState { notice: cases::CaseNotice },
    Ballistics => ballistics::BallisticsState { notice: ballistics::BalNotice },
    Network => network::NetworkState { notice: network::NetNotice },
    Outcomes => outcomes::OutcomesState { notice: outcomes::OutcomesNotice },
}

pub fn index_of(id: PaneId) -> usize {
    ORDER.iter().position(|p| *p == id).unwrap_or(0)
}
