//! Terminal events → actions. Pure: the same event in the same state gives the same action.

use crossterm::event::{Event, KeyEvent, KeyEventKind, KeyModifiers};

use super::keymap::Keymap;
use crate::app::Action;
use crate::app::keys::KeyContext;
use crate::app::state::State;

pub fn to_actions(ev: &Event, state: &State, keymap: &Keymap) -> Vec<Action> {
    let chain = KeyContext::chain(state);
    let text_field = match chain.first() {
        Some(KeyContext::Editor) => Some(KeyContext::Editor),
        Some(KeyContext::Prompt) => Some(KeyContext::Prompt),
        Some(KeyContext::SignIn) => Some(KeyContext::SignIn),
        _ => None,
    };
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Release => Vec::new(),
        Event::Key(k) => match text_field {
            Some(KeyContext::Editor) => editor_key(k, keymap).into_iter().collect(),
            Some(ctx) => prompt_key(k, ctx, &chain, keymap).into_iter().collect(),
            None => lookup_all(k, &chain, keymap),
        },
        Event::Resize(w, h) => super::draw::resized(*w, *h).to_vec(),
        // Pasted text goes into an open text field, never into the keymap.
        Event::Paste(text)
            if matches!(text_field, Some(KeyContext::Editor | KeyContext::SignIn)) =>
        {
            vec![Action::Paste(text.clone())]
        }
        Event::Paste(text) if text_field.is_some() => text
            .chars()
            .filter(|c| !c.is_control())
            .map(Action::Char)
            .collect(),
        _ => Vec::new(),
    }
}

/// The note editor: its own bindings (send, close, undo, find, the editing and cursor keys);
/// a printable key not bound there is text, any other key does nothing. While a search pattern
/// is typed, `back` leaves the search rather than the editor (the app decides: it knows the
/// mode).
fn editor_key(k: &KeyEvent, keymap: &Keymap) -> Option<Action> {
    if let Some(a) = keymap.lookup(&[KeyContext::Editor], k) {
        return Some(a);
    }
    // Ctrl+Alt together is AltGr on many keyboards (`@`, `#` on a Spanish one): text too.
    let (ctrl, alt) = (
        k.modifiers.contains(KeyModifiers::CONTROL),
        k.modifiers.contains(KeyModifiers::ALT),
    );
    match k.code {
        crossterm::event::KeyCode::Char(c) if ctrl == alt && !c.is_control() => {
            Some(Action::Char(c))
        }
        _ => None,
    }
}

/// A text field: its bindings first, then printable keys are text, then the wider contexts.
fn prompt_key(
    k: &KeyEvent,
    ctx: KeyContext,
    chain: &[KeyContext],
    keymap: &Keymap,
) -> Option<Action> {
    if let Some(a) = keymap.lookup(&[ctx], k) {
        return Some(a);
    }
    let plain = !k
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match k.code {
        crossterm::event::KeyCode::Char(c) if plain => Some(Action::Char(c)),
        _ => keymap.lookup(chain.get(1..).unwrap_or_default(), k),
    }
}

/// Over a slow link, Esc and the next key often arrive in one packet and the terminal reports
/// them as Alt+key. An Alt combination nobody bound is read as that: Esc, then the key.
fn lookup_all(k: &KeyEvent, chain: &[KeyContext], keymap: &Keymap) -> Vec<Action> {
    if let Some(a) = keymap.lookup(chain, k) {
        return vec![a];
    }
    if k.modifiers.contains(KeyModifiers::ALT) {
        let plain = KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT);
        if let Some(a) = keymap.lookup(chain, &plain) {
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
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(c: KeyCode) -> Event {
        Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }

    #[test]
    fn letters_are_text_in_a_prompt_and_commands_outside_it() {
        let (km, _) = Keymap::from_config(&Config::defaults().keys, &[]);
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
