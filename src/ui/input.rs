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
        Event::Key(k) if k.kind != KeyEventKind::Release => match state.overlays.last() {
            Some(o) if o.takes_text() || matches!(o, Overlay::Confirm(_)) => {
                key(k, state, keymap).into_iter().collect()
            }
            _ => lookup_all(k, keymap),
        },
        Event::Resize(w, h) => super::draw::resized(*w, *h).to_vec(),
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
            KeyCode::Char(c) if plain && "yYsS".contains(c) => Some(Action::Yes),
            KeyCode::Char(c) if plain && "nN".contains(c) => Some(Action::No),
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Esc => Some(Action::Back),
            _ => keymap.lookup(k),
        },
        _ => keymap.lookup(k),
    }
}

/// Over a slow link, Esc and the next key often arrive in one packet and the terminal reports
/// them as Alt+key. An Alt combination nobody bound is read as that: Esc, then the key.
fn lookup_all(k: &KeyEvent, keymap: &Keymap) -> Vec<Action> {
    if let Some(a) = keymap.lookup(k) {
        return vec![a];
    }
    if k.modifiers.contains(KeyModifiers::ALT) {
        let plain = KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT);
        if let Some(a) = keymap.lookup(&plain) {
            return vec![Action::Back, a];
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::config::Config;
    use crate::app::{Action, update};
    use chrono::Utc;
    use crossterm::event::{KeyEvent, KeyModifiers};

    fn press(c: KeyCode) -> Event {
        Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }

    #[test]
    fn letters_are_text_in_a_prompt_and_commands_outside_it() {
        let (km, _) = Keymap::from_table(&Config::defaults().keys);
        let mut s = State::new("x", "s", Utc::now());
        assert_eq!(
            to_actions(&press(KeyCode::Char('q')), &s, &km),
            vec![Action::Quit]
        );
        let esc_then_2 = Event::Key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::ALT));
        assert_eq!(
            to_actions(&esc_then_2, &s, &km),
            vec![Action::Back, Action::Pane2]
        );
        update(&mut s, Action::Filter);
        assert_eq!(
            to_actions(&press(KeyCode::Char('q')), &s, &km),
            vec![Action::Char('q')]
        );
        assert_eq!(
            to_actions(&press(KeyCode::Esc), &s, &km),
            vec![Action::Back]
        );
        let paste = Event::Paste("a\u{1b}b".into());
        assert_eq!(
            to_actions(&paste, &s, &km),
            vec![Action::Char('a'), Action::Char('b')]
        );
    }
}
