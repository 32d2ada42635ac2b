//! Keys as data: the `[keys]` table of the config (embedded defaults plus user overrides)
//! turned into a lookup from key presses to actions, and back into the help overlay's list.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::Action;
use crate::app::state::Binding;
use crate::app::warning::Warning;

/// A key press reduced to what bindings distinguish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Combo {
    code: KeyCodeKey,
    ctrl: bool,
    alt: bool,
}

/// `KeyCode` subset that is `Ord` (for a stable, sorted map).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum KeyCodeKey {
    Char(char),
    F(u8),
    Named(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

impl Combo {
    pub fn from_event(k: &KeyEvent) -> Option<Combo> {
        let code = match k.code {
            KeyCode::Char(c) => KeyCodeKey::Char(c),
            KeyCode::F(n) => KeyCodeKey::F(n),
            other => KeyCodeKey::Named(NAMED.iter().position(|(_, c)| *c == other)? as u8),
        };
        // Shift is already in the character ('G', '?'); terminals disagree on reporting it.
        Some(Combo {
            code,
            ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
            alt: k.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// Parses `j`, `G`, `?`, `ctrl-c`, `alt-x`, `enter`, `f1`, `space`.
    pub fn parse(s: &str) -> Option<Combo> {
        let (mut ctrl, mut alt, mut rest) = (false, false, s);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                (ctrl, rest) = (true, r);
            } else if let Some(r) = rest.strip_prefix("alt-") {
                (alt, rest) = (true, r);
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeKey::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ if rest == "space" => KeyCodeKey::Char(' '),
            _ if rest.starts_with('f') && rest[1..].parse::<u8>().is_ok() => {
                KeyCodeKey::F(rest[1..].parse().ok()?)
            }
            _ => KeyCodeKey::Named(NAMED.iter().position(|(n, _)| *n == rest)? as u8),
        };
        Some(Combo { code, ctrl, alt })
    }

    /// How the help overlay writes the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCodeKey::Char(' ') => "Space".to_string(),
            KeyCodeKey::Char(c) => c.to_string(),
            KeyCodeKey::F(n) => format!("F{n}"),
            KeyCodeKey::Named(i) => match NAMED.get(usize::from(i)).map(|(n, _)| *n) {
                Some("backtab") => "Shift-Tab".into(),
                Some("pgup") => "PgUp".into(),
                Some("pgdn") => "PgDn".into(),
                Some(n) => {
                    let mut cs = n.chars();
                    cs.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                        .unwrap_or_default()
                }
                None => "?".into(),
            },
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        out + &base
    }
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    map: BTreeMap<Combo, Action>,
}

impl Keymap {
    /// Builds the keymap from `key = "action"` pairs; bad entries become warnings.
    pub fn from_table(keys: &BTreeMap<String, String>) -> (Keymap, Vec<Warning>) {
        let mut map = BTreeMap::new();
        let mut warnings = Vec::new();
        for (key, action) in keys {
            let Some(combo) = Combo::parse(key) else {
                warnings.push(Warning::NotAKey { key: key.clone() });
                continue;
            };
            if action == "none" || action.is_empty() {
                map.remove(&combo);
                continue;
            }
            match Action::from_name(action) {
                Some(a) => {
                    map.insert(combo, a);
                }
                None => warnings.push(Warning::NoSuchAction {
                    key: key.clone(),
                    action: action.clone(),
                }),
            }
        }
        (Keymap { map }, warnings)
    }

    pub fn lookup(&self, k: &KeyEvent) -> Option<Action> {
        Combo::from_event(k).and_then(|c| self.map.get(&c).cloned())
    }

    /// Every binding, ordered as the actions are declared (the help overlay's order).
    pub fn bindings(&self) -> Vec<Binding> {
        let mut out: Vec<(usize, Binding)> = self
            .map
            .iter()
            .map(|(c, a)| {
                let order = Action::BINDABLE
                    .iter()
                    .position(|b| b == a)
                    .unwrap_or(usize::MAX);
                (
                    order,
                    Binding {
                        key: c.label(),
                        action: a.clone(),
                    },
                )
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.key.len().cmp(&b.1.key.len())));
        out.into_iter().map(|(_, b)| b).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::config::Config;
    use crossterm::event::KeyEventKind;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, m, KeyEventKind::Press)
    }

    #[test]
    fn default_keys_cover_the_required_bindings() {
        let (km, w) = Keymap::from_table(&Config::defaults().keys);
        assert!(w.is_empty(), "{w:?}");
        let none = KeyModifiers::NONE;
        assert_eq!(
            km.lookup(&key(KeyCode::Char('q'), none)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char('1'), none)),
            Some(Action::Pane1)
        );
        assert_eq!(km.lookup(&key(KeyCode::Tab, none)), Some(Action::NextPane));
        assert_eq!(
            km.lookup(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char('/'), none)),
            Some(Action::Filter)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char(':'), none)),
            Some(Action::Palette)
        );
        assert_eq!(km.lookup(&key(KeyCode::Esc, none)), Some(Action::Back));
        assert_eq!(
            km.lookup(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert!(
            km.bindings()
                .iter()
                .any(|b| b.key == "Shift-Tab" && b.action == Action::PrevPane)
        );
    }

    #[test]
    fn user_overrides_and_bad_entries() {
        let mut keys = Config::defaults().keys;
        keys.insert("j".into(), "none".into());
        keys.insert("ctrl-j".into(), "down".into());
        keys.insert("hyper-x".into(), "down".into());
        keys.insert("z".into(), "explode".into());
        let (km, w) = Keymap::from_table(&keys);
        assert_eq!(w.len(), 2);
        assert_eq!(
            km.lookup(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
    }
}
