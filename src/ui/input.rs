//! Terminal events → actions. Pure: the same event in the same state gives the same action.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::keymap::Keymap;
use crate::app::Action;
use crate::app::overlay::Overlay;
use crate::app::state::State;

pub fn to_actions(ev: &Event, state: &State, keymap: &Keymap) -> Vec<Action> {
    if let Some(a) = crate::ui::panes::cases::editor_input(ev, state) {
        return a;
    }
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            key(k, state, keymap).into_iter().collect()
        }
        Event::Resize(w, h) => vec![Action::Resize(*w, *h)],
        // Pasted text goes into an open text field, never into the keymap.
        Event::Paste(text) if state.overlays.last().is_some_and(Overlay::takes_text) => text
            .chars()
            .filter(|c| !c.is_control())
            .map(Action::Char)
            .collect(),
        _ => Vec::new(),
    }
}

fn key(k: &KeyEvent, state: &State, keymap: &Keymap) -> Option<Action> {
    let plain = !k
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match state.overlays.last() {
        // A text field: printable keys are text, a few keys edit or leave it.
        Some(o) if o.takes_text() => match k.code {
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Up => Some(Action::Up),
            KeyCode::Down => Some(Action::Down),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => Some(Action::Back),
            KeyCode::Char(c) if plain => Some(Action::Char(c)),
            _ => keymap.lookup(k),
        },
        // A yes/no question: answer letters must not trigger their usual bindings.
        Some(Overlay::Confirm(_)) => match k.code {
            KeyCode::Char(c) if plain && "yYnNsS".contains(c) => Some(Action::Char(c)),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Esc => Some(Action::Back),
            _ => keymap.lookup(k),
        },
        _ => keymap.lookup(k),
    }
}
