//! Themes: semantic roles (title, selection, alert, muted…) styled by TOML files.
//!
//! The four built-in themes are embedded from `themes/`; `<config dir>/themes/<name>.toml`
//! overrides a built-in role by role, or defines a new theme on top of `parent` (default dark).
//! A bad file is reported and the built-in used.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::style::{Modifier, Style};
use serde::Deserialize;

use super::color;
use crate::app::options::ColorDepth;
use crate::app::warning::Warning;

const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// What a piece of the screen means; panes ask for roles, never for colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Base,
    Title,
    Tab,
    TabActive,
    Border,
    BorderFocus,
    Header,
    Selection,
    Marked,
    Muted,
    Ok,
    Warn,
    Alert,
    Accent,
    StatusBar,
    Online,
    Offline,
    Stale,
    ToastOk,
    ToastInfo,
    ToastError,
    Demo,
    Key,
    Input,
}

/// Roles that must stay visible when colours are gone.
const FOCUS_ROLES: &[Role] = &[Role::Selection, Role::TabActive, Role::BorderFocus];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleSpec {
    fg: Option<String>,
    bg: Option<String>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underlined: Option<bool>,
    reversed: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct ThemeFile {
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    roles: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub depth: ColorDepth,
    styles: BTreeMap<Role, Style>,
    /// Borders and separators in ASCII (the slow-link profile): one byte a cell where a box
    /// character is three.
    pub ascii: bool,
}

/// ASCII box lines (`+`, `-`, `|`) for the slow-link profile.
pub const ASCII_BORDER: ratatui::symbols::border::Set = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The user's theme and its slow-link variant; each frame is drawn with the one the link
/// profile asks for (it can turn on while the console runs).
#[derive(Debug, Clone, PartialEq)]
pub struct Themes {
    pub normal: Theme,
    pub slow: Theme,
}

impl Themes {
    pub fn new(normal: Theme) -> Themes {
        let slow = normal.for_slow_link();
        Themes { normal, slow }
    }

    pub fn pick(&self, s: &crate::app::state::State) -> &Theme {
        if s.link.slow() {
            &self.slow
        } else {
            &self.normal
        }
    }
}

impl Theme {
    /// The same roles in at most 16 colours, with ASCII borders.
    pub fn for_slow_link(&self) -> Theme {
        let depth = match self.depth {
            ColorDepth::Mono => ColorDepth::Mono,
            _ => ColorDepth::Ansi16,
        };
        let fit = |c: Option<ratatui::style::Color>| c.and_then(|c| color::fit(c, depth));
        let styles = self
            .styles
            .iter()
            .map(|(r, s)| {
                let mut s = *s;
                s.fg = fit(s.fg);
                s.bg = fit(s.bg);
                (*r, s)
            })
            .collect();
        Theme {
            name: self.name.clone(),
            depth,
            styles,
            ascii: true,
        }
    }

    /// The lines of a bordered box.
    pub fn border_set(&self) -> ratatui::symbols::border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            ratatui::symbols::border::PLAIN
        }
    }

    /// The separator between status bar fields.
    pub fn separator(&self) -> &'static str {
        if self.ascii { " | " } else { " │ " }
    }

    pub fn style(&self, role: Role) -> Style {
        self.styles.get(&role).copied().unwrap_or_default()
    }

    /// A built-in theme at a colour depth (used by tests and as the fallback).
    pub fn builtin(name: &str, depth: ColorDepth) -> Theme {
        let mut warnings = Vec::new();
        let text = BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(BUILTIN[0].1, |(_, t)| *t);
        let mut specs = BTreeMap::new();
        apply_file(&mut specs, text, name, &mut warnings);
        Theme::build(name, specs, depth)
    }

    /// Loads the named theme, with user overrides from `<config_dir>/themes/`. `NO_COLOR`
    /// selects mono whatever the name.
    pub fn load(name: &str, config_dir: &Path, depth: ColorDepth) -> (Theme, Vec<Warning>) {
        let mut warnings = Vec::new();
        let name = if color::no_color() { "mono" } else { name };
        let user_path = config_dir.join("themes").join(format!("{name}.toml"));
        let user = std::fs::read_to_string(&user_path).ok();
        let builtin = BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
        let parent = match (&user, builtin) {
            (_, Some(text)) => text,
            (Some(u), None) => {
                let p = toml::from_str::<ThemeFile>(u)
                    .ok()
                    .and_then(|f| f.parent)
                    .unwrap_or_else(|| "dark".into());
                BUILTIN
                    .iter()
                    .find(|(n, _)| *n == p)
                    .map_or(BUILTIN[0].1, |(_, t)| *t)
            }
            (None, None) => {
                warnings.push(Warning::ThemeNotFound {
                    name: name.to_string(),
                });
                BUILTIN[0].1
            }
        };
        let mut specs = BTreeMap::new();
        apply_file(&mut specs, parent, "built-in theme", &mut warnings);
        if let Some(u) = user {
            apply_file(
                &mut specs,
                &u,
                &user_path.display().to_string(),
                &mut warnings,
            );
        }
        let depth = if name == "mono" {
            ColorDepth::Mono
        } else {
            depth
        };
        (Theme::build(name, specs, depth), warnings)
    }

    fn build(name: &str, specs: BTreeMap<Role, RoleSpec>, depth: ColorDepth) -> Theme {
        let styles = specs
            .iter()
            .map(|(role, spec)| (*role, to_style(*role, spec, depth)))
            .collect();
        Theme {
            name: name.to_string(),
            depth,
            styles,
            ascii: false,
        }
    }
}

/// Merges one theme file's roles over `specs`, reporting what it cannot use.
fn apply_file(
    specs: &mut BTreeMap<Role, RoleSpec>,
    text: &str,
    origin: &str,
    warnings: &mut Vec<Warning>,
) {
    let file: ThemeFile = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            warnings.push(Warning::ThemeInvalid {
                origin: origin.to_string(),
                error: e.message().to_string(),
            });
            return;
        }
    };
    for (key, value) in file.roles {
        let role = toml::Value::String(key.clone()).try_into::<Role>();
        let spec = value.try_into::<RoleSpec>();
        match (role, spec) {
            (Ok(r), Ok(s)) => {
                let bad = [&s.fg, &s.bg]
                    .into_iter()
                    .flatten()
                    .find(|c| color::parse(c).is_none());
                match bad {
                    Some(c) => warnings.push(Warning::ThemeColour {
                        origin: origin.to_string(),
                        role: key.to_string(),
                        colour: c.to_string(),
                    }),
                    None => {
                        specs.insert(r, s);
                    }
                }
            }
            (Err(_), _) => warnings.push(Warning::ThemeUnknownRole {
                origin: origin.to_string(),
                role: key.to_string(),
            }),
            (_, Err(e)) => warnings.push(Warning::ThemeRole {
                origin: origin.to_string(),
                role: key.to_string(),
                error: e.message().to_string(),
            }),
        }
    }
}

fn to_style(role: Role, spec: &RoleSpec, depth: ColorDepth) -> Style {
    let mut style = Style::default();
    if let Some(c) = spec
        .fg
        .as_deref()
        .and_then(color::parse)
        .and_then(|c| color::fit(c, depth))
    {
        style = style.fg(c);
    }
    if let Some(c) = spec
        .bg
        .as_deref()
        .and_then(color::parse)
        .and_then(|c| color::fit(c, depth))
    {
        style = style.bg(c);
    }
    let flags = [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underlined, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
    ];
    for (on, m) in flags {
        if on == Some(true) {
            style = style.add_modifier(m);
        }
    }
    // Without colour a coloured selection would vanish: make sure it is reversed.
    if depth == ColorDepth::Mono && FOCUS_ROLES.contains(&role) {
        style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
    }
    style
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    #[test]
    fn builtins_load_cleanly_at_every_depth() {
        for (name, text) in BUILTIN {
            let mut w = Vec::new();
            let mut specs = BTreeMap::new();
            apply_file(&mut specs, text, name, &mut w);
            assert!(w.is_empty(), "{name}: {w:?}");
            assert_eq!(specs.len(), 24, "{name} must define every role");
        }
        let t = Theme::builtin("dark", ColorDepth::Ansi256);
        assert!(matches!(t.style(Role::Title).fg, Some(Color::Indexed(_))));
        let t = Theme::builtin("dark", ColorDepth::Mono);
        assert_eq!(t.style(Role::Selection).bg, None);
        assert!(
            t.style(Role::Selection)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn user_theme_overrides_role_by_role_and_bad_values_warn() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes")).unwrap();
        std::fs::write(
            dir.path().join("themes/mine.toml"),
            "parent = \"light\"\n[roles]\ntitle = { fg = \"#ff0000\" }\nalert = { fg = \"nope\" }\nbogus = {}\n",
        )
        .unwrap();
        let (t, w) = Theme::load("mine", dir.path(), ColorDepth::TrueColor);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(t.style(Role::Title).fg, Some(Color::Rgb(255, 0, 0)));
        assert_eq!(t.style(Role::Base).bg, Some(Color::Rgb(255, 255, 255)));
        let (t, w) = Theme::load("missing", dir.path(), ColorDepth::TrueColor);
        assert_eq!((t.name.as_str(), w.len()), ("missing", 1));
    }
}
