//! Keys as data: the `[keys.<context>]` tables of the config (embedded defaults plus user
//! overrides) turned into a lookup from key presses to actions per context, and back into the
//! help overlay's and hint lines' key names. No key is written anywhere else.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::Action;
use crate::app::config::Keys;
use crate::app::keys::KeyContext;
use crate::app::state::Binding;
use crate::app::warning::{KeyWarning, Warning};

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
            // `Ctrl-C`, as menus write it; a plain letter keeps its case (`G` is Shift-g).
            KeyCodeKey::Char(c) if self.ctrl || self.alt => c.to_ascii_uppercase().to_string(),
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

/// Every context's bindings. Built once at start from the config.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    maps: BTreeMap<KeyContext, BTreeMap<Combo, Action>>,
}

impl Keymap {
    /// Builds the keymap from `[keys.<context>]` tables of `action = keys`. Bad entries and two
    /// actions sharing a key in one context become warnings naming both actions; the user's
    /// binding (`user`: context and action names from the user's file) keeps the key.
    pub fn from_config(
        keys: &BTreeMap<String, BTreeMap<String, Keys>>,
        user: &[(String, String)],
    ) -> (Keymap, Vec<Warning>) {
        let mut maps: BTreeMap<KeyContext, BTreeMap<Combo, Action>> = BTreeMap::new();
        let mut warnings = Vec::new();
        for (ctx_name, actions) in keys {
            let Some(ctx) = KeyContext::parse(ctx_name) else {
                warnings.push(Warning::Keys(KeyWarning::NoSuchContext {
                    context: ctx_name.clone(),
                }));
                continue;
            };
            let map = maps.entry(ctx).or_default();
            let mine = |a: &String| user.iter().any(|(c, n)| c == ctx_name && n == a);
            let mut ordered: Vec<_> = actions.iter().collect();
            ordered.sort_by_key(|(name, _)| mine(name));
            for (name, list) in ordered {
                let Some(action) = Action::from_name(name) else {
                    warnings.push(Warning::Keys(KeyWarning::NoSuchAction {
                        context: ctx_name.clone(),
                        action: name.clone(),
                    }));
                    continue;
                };
                for key in list.list() {
                    let Some(combo) = Combo::parse(key) else {
                        warnings.push(Warning::Keys(KeyWarning::NotAKey {
                            context: ctx_name.clone(),
                            action: name.clone(),
                            key: key.to_string(),
                        }));
                        continue;
                    };
                    if let Some(other) = map.insert(combo, action.clone())
                        && other != action
                    {
                        warnings.push(Warning::Keys(KeyWarning::Collision {
                            context: ctx_name.clone(),
                            key: key.to_string(),
                            other: other.name().unwrap_or_default(),
                            kept: name.clone(),
                        }));
                    }
                }
            }
        }
        (Keymap { maps }, warnings)
    }

    /// The action of a key in the first context of `chain` that binds it.
    pub fn lookup(&self, chain: &[KeyContext], k: &KeyEvent) -> Option<Action> {
        let combo = Combo::from_event(k)?;
        chain
            .iter()
            .find_map(|c| self.maps.get(c).and_then(|m| m.get(&combo)).cloned())
    }

    /// Every binding of every context, ordered by context, then as the actions are declared
    /// (the help overlay's order), shorter key names first.
    pub fn bindings(&self) -> Vec<Binding> {
        let mut out: Vec<(KeyContext, usize, Binding)> = Vec::new();
        for (ctx, map) in &self.maps {
            for (c, a) in map {
                let order = Action::BINDABLE
                    .iter()
                    .position(|b| b == a)
                    .unwrap_or(usize::MAX);
                let binding = Binding {
                    key: c.label(),
                    action: a.clone(),
                    context: *ctx,
                };
                out.push((*ctx, order, binding));
            }
        }
        out.sort_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then(a.2.key.len().cmp(&b.2.key.len()))
        });
        out.into_iter().map(|(_, _, b)| b).collect()
    }
}

/// The bindings in force in `chain`, narrowest context first; a key bound in a narrower context
/// hides the same key further out. Hints and help are written from this, so they show what the
/// keys do here.
pub fn in_force(bindings: &[Binding], chain: &[KeyContext]) -> Vec<Binding> {
    let mut out: Vec<Binding> = Vec::new();
    for ctx in chain {
        for b in bindings.iter().filter(|b| b.context == *ctx) {
            if !out.iter().any(|o| o.key == b.key) {
                out.push(b.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::config::Config;
    use crate::app::panes::PaneId;
    use crossterm::event::KeyEventKind;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, m, KeyEventKind::Press)
    }

    const G: &[KeyContext] = &[KeyContext::Global];

    #[test]
    fn default_keys_cover_the_required_bindings() {
        let (km, w) = Keymap::from_config(&Config::defaults().keys, &[]);
        assert!(w.is_empty(), "{w:?}");
        let none = KeyModifiers::NONE;
        let cases = [
            (key(KeyCode::Char('q'), none), Action::Quit),
            (key(KeyCode::Char('1'), none), Action::Pane1),
            (key(KeyCode::Tab, none), Action::NextPane),
            (key(KeyCode::BackTab, KeyModifiers::SHIFT), Action::PrevPane),
            (key(KeyCode::Char('G'), KeyModifiers::SHIFT), Action::Bottom),
            (key(KeyCode::Char('?'), KeyModifiers::SHIFT), Action::Help),
            (key(KeyCode::Char('/'), none), Action::Filter),
            (key(KeyCode::Char(':'), none), Action::Palette),
            (key(KeyCode::Esc, none), Action::Back),
            (key(KeyCode::Char('c'), KeyModifiers::CONTROL), Action::Quit),
        ];
        for (k, a) in cases {
            assert_eq!(km.lookup(G, &k), Some(a));
        }
        assert!(
            km.bindings()
                .iter()
                .any(|b| b.key == "Shift-Tab" && b.action == Action::PrevPane)
        );
    }

    #[test]
    fn the_narrowest_context_wins_and_pane_keys_stay_in_their_pane() {
        let (km, _) = Keymap::from_config(&Config::defaults().keys, &[]);
        let e = key(KeyCode::Char('e'), KeyModifiers::NONE);
        let bal = [KeyContext::Pane(PaneId::Ballistics), KeyContext::Global];
        let cases = [KeyContext::Pane(PaneId::Cases), KeyContext::Global];
        assert_eq!(km.lookup(&bal, &e), Some(Action::ExcludeLead));
        assert_eq!(km.lookup(&cases, &e), None);
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let prompt = [KeyContext::Prompt, KeyContext::Global];
        assert_eq!(km.lookup(&prompt, &ctrl_c), Some(Action::Back));
        assert_eq!(km.lookup(G, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn user_overrides_bad_entries_and_collisions() {
        let mut keys = Config::defaults().keys;
        let global = keys.entry("global".into()).or_default();
        global.insert("down".into(), Keys::Many(vec!["ctrl-j".into()]));
        global.insert("top".into(), Keys::One("hyper-x".into()));
        global.insert("explode".into(), Keys::One("z".into()));
        global.insert("zoom_in".into(), Keys::One("q".into()));
        global.insert("bottom".into(), Keys::One("k".into()));
        keys.entry("nowhere".into()).or_default();
        let user = [("global".to_string(), "bottom".to_string())];
        let (km, w) = Keymap::from_config(&keys, &user);
        assert_eq!(w.len(), 5, "{w:?}");
        let k = key(KeyCode::Char('k'), KeyModifiers::NONE);
        assert_eq!(
            km.lookup(G, &k),
            Some(Action::Bottom),
            "the user's binding keeps k"
        );
        assert!(
            w.iter()
                .any(|x| x.contains("quit") && x.contains("zoom_in")),
            "a collision names both actions: {w:?}"
        );
        let none = KeyModifiers::NONE;
        assert_eq!(km.lookup(G, &key(KeyCode::Char('j'), none)), None);
        assert_eq!(
            km.lookup(G, &key(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
    }

    #[test]
    fn bindings_in_force_hide_shadowed_keys() {
        let b = |key: &str, action, context| Binding {
            key: key.into(),
            action,
            context,
        };
        let all = vec![
            b("Esc", Action::Back, KeyContext::Global),
            b("q", Action::Quit, KeyContext::Global),
            b("Esc", Action::Back, KeyContext::Editor),
            b("Ctrl-S", Action::Open, KeyContext::Editor),
            b("t", Action::SubmitTrace, KeyContext::Pane(PaneId::Queue)),
        ];
        let chain = [KeyContext::Editor, KeyContext::Global];
        let keys: Vec<String> = in_force(&all, &chain).into_iter().map(|b| b.key).collect();
        assert_eq!(keys, ["Esc", "Ctrl-S", "q"]);
    }
}
