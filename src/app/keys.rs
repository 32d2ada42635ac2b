//! Key contexts: which table of the keymap applies where. The keymap itself (key names, the
//! config tables) lives in `ui::keymap`; the app only says which contexts are in force, in the
//! order they are consulted: overlay → editor → pane → global.

use super::overlay::Overlay;
use super::panes::{ORDER, PaneId};
use super::state::State;

/// One table of bindings, `[keys.<name>]` in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyContext {
    /// Keys that work everywhere unless a narrower context binds them.
    Global,
    /// Keys of one pane (`[keys.queue]`, `[keys.cases]`, …).
    Pane(PaneId),
    /// The note editor: every key not bound here is text.
    Editor,
    /// A yes/no question.
    Confirm,
    /// A text field over the panes (filter, search, palette, pickers): printable keys not bound
    /// here are text.
    Prompt,
    /// The alert inbox (`[keys.alerts]`).
    Alerts,
    /// The watches list (`[keys.watches]`).
    Watches,
    /// The logon banner, sign-in form and lock screen: printable keys not bound here are text,
    /// and no other context is consulted (nothing behind the gate can be reached).
    SignIn,
}

impl KeyContext {
    /// Every context, as the config names them.
    pub fn all() -> Vec<KeyContext> {
        let mut v = vec![KeyContext::Global];
        v.extend(ORDER.iter().map(|p| KeyContext::Pane(*p)));
        v.extend([
            KeyContext::Editor,
            KeyContext::Confirm,
            KeyContext::Prompt,
            KeyContext::Alerts,
            KeyContext::Watches,
            KeyContext::SignIn,
        ]);
        v
    }

    /// The config table's name: `global`, `queue`, `editor`…
    pub fn name(self) -> &'static str {
        match self {
            KeyContext::Global => "global",
            KeyContext::Pane(p) => p.name(),
            KeyContext::Editor => "editor",
            KeyContext::Confirm => "confirm",
            KeyContext::Prompt => "prompt",
            KeyContext::Alerts => "alerts",
            KeyContext::Watches => "watches",
            KeyContext::SignIn => "signin",
        }
    }

    pub fn parse(name: &str) -> Option<KeyContext> {
        KeyContext::all().into_iter().find(|c| c.name() == name)
    }

    /// The contexts in force now, narrowest first.
    pub fn chain(s: &State) -> Vec<KeyContext> {
        if s.gate.is_some() {
            return vec![KeyContext::SignIn];
        }
        let mut v = Vec::with_capacity(4);
        match s.overlays.last() {
            Some(Overlay::Confirm(_)) => v.push(KeyContext::Confirm),
            Some(o) if o.takes_text() => v.push(KeyContext::Prompt),
            Some(Overlay::Inbox(_)) => v.push(KeyContext::Alerts),
            Some(Overlay::Watches(_)) => v.push(KeyContext::Watches),
            Some(_) => {}
            None if s.panes.get(s.active).editing() => v.push(KeyContext::Editor),
            None => {}
        }
        v.push(KeyContext::Pane(s.active));
        v.push(KeyContext::Global);
        v
    }
}
