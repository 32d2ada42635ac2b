//! The user's configuration: embedded defaults, overridden key by key by `config.toml`.
//!
//! A bad file or a bad key is reported as a warning and the default kept — never a crash, and
//! never the whole file thrown away for one typo.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

use super::warning::{KeyWarning, Warning};

const DEFAULT: &str = include_str!("default_config.toml");

/// The embedded default configuration, every key documented (`fwc config --print-default`).
pub fn default_config_toml() -> &'static str {
    DEFAULT
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// One address, or several nodes of one service tried in order (`api::failover`).
    #[serde(default)]
    pub server: Option<Servers>,
    #[serde(default)]
    pub trace_server: Option<String>,
    #[serde(default)]
    pub case_server: Option<String>,
    #[serde(default)]
    pub token_file: Option<PathBuf>,
    /// An agency CA (PEM) added to the client's roots.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    pub lang: String,
    pub theme: String,
    pub color_depth: String,
    pub read_only: bool,
    pub timeout_secs: u64,
    /// Minutes without a key before a signed-in console locks (1–15; more counts as 15).
    pub idle_lock_minutes: u32,
    pub crime_code: String,
    /// Whether the tab bar shows the time (hours and minutes).
    pub clock: bool,
    /// The low-bandwidth profile: `auto`, `fast` or `slow` (see `app::link`).
    pub link: String,
    /// Key context (`global`, `queue`, `editor`…) → action name → its keys, defaults merged
    /// with the user's (see `ui::keymap`).
    pub keys: BTreeMap<String, BTreeMap<String, Keys>>,
    /// `(context, action)` of every binding the user's file set: it wins a collision.
    #[serde(skip)]
    pub user_bindings: Vec<(String, String)>,
}

/// `server = "https://a"`, or `server = ["https://a", "https://b"]`: several addresses of one
/// service, tried in order with fail-over.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum Servers {
    One(String),
    Many(Vec<String>),
}

impl Servers {
    /// Every address, in order.
    pub fn all(&self) -> Vec<String> {
        match self {
            Servers::One(s) => vec![s.clone()],
            Servers::Many(list) => list.clone(),
        }
    }
}

/// The keys of one action: `down = "j"` or `down = ["j", "down"]`.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum Keys {
    One(String),
    Many(Vec<String>),
}

impl Keys {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Keys::One(k) => vec![k.as_str()],
            Keys::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

impl Config {
    /// The first address of `server` (the service's own name: its cache and kept session are
    /// filed under it).
    pub fn server(&self) -> Option<String> {
        self.servers().into_iter().next()
    }

    /// Every address of `server`, in the order to try them.
    pub fn servers(&self) -> Vec<String> {
        self.server.as_ref().map(Servers::all).unwrap_or_default()
    }

    /// The built-in defaults.
    pub fn defaults() -> Config {
        match toml::from_str(DEFAULT) {
            Ok(c) => c,
            // The embedded file is checked by a unit test; this keeps release builds panic-free.
            Err(_) => Config {
                server: None,
                trace_server: None,
                case_server: None,
                token_file: None,
                ca_file: None,
                lang: "auto".into(),
                theme: "dark".into(),
                color_depth: "auto".into(),
                read_only: false,
                timeout_secs: 15,
                idle_lock_minutes: crate::app::signin::DEFAULT_IDLE_LOCK_MIN,
                crime_code: "5212".into(),
                clock: true,
                link: "auto".into(),
                keys: BTreeMap::new(),
                user_bindings: Vec::new(),
            },
        }
    }

    /// Loads `<dir>/config.toml` over the defaults. A missing file is not a warning.
    pub fn load(dir: &Path) -> (Config, Vec<Warning>) {
        let path = dir.join("config.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::from_user_toml(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::defaults(), vec![]),
            Err(e) => (
                Config::defaults(),
                vec![Warning::ConfigUnreadable {
                    path: path.display().to_string(),
                    error: e.to_string(),
                }],
            ),
        }
    }

    /// Loads a config file named on the command line (`--config`). Unlike [`Config::load`], a
    /// missing file is worth a warning: the user asked for it.
    pub fn load_file(path: &Path) -> (Config, Vec<Warning>) {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::from_user_toml(&text, &path.display().to_string()),
            Err(e) => (
                Config::defaults(),
                vec![Warning::ConfigUnreadable {
                    path: path.display().to_string(),
                    error: e.to_string(),
                }],
            ),
        }
    }

    /// Applies a user's TOML over the defaults, one key at a time.
    pub fn from_user_toml(text: &str, origin: &str) -> (Config, Vec<Warning>) {
        let mut warnings = Vec::new();
        let user: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                warnings.push(Warning::ConfigNotToml {
                    origin: origin.to_string(),
                    error: e.message().to_string(),
                });
                return (Config::defaults(), warnings);
            }
        };
        let mut merged: toml::Table = toml::from_str(DEFAULT).unwrap_or_default();
        let mut user_bindings = Vec::new();
        for (key, value) in user {
            let mut candidate = merged.clone();
            if key == "keys" {
                let Some(user_keys) = value.as_table() else {
                    warnings.push(Warning::KeysNotTable {
                        origin: origin.to_string(),
                    });
                    continue;
                };
                let base = candidate
                    .entry("keys")
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                if let Some(t) = base.as_table_mut() {
                    user_bindings = merge_keys(t, user_keys, origin, &mut warnings);
                }
            } else {
                candidate.insert(key.clone(), value);
            }
            match candidate.clone().try_into::<Config>() {
                Ok(_) => merged = candidate,
                Err(e) => warnings.push(Warning::ConfigKeyIgnored {
                    origin: origin.to_string(),
                    key: key.clone(),
                    error: e.message().to_string(),
                }),
            }
        }
        let mut config: Config = merged.try_into().unwrap_or_else(|_| Config::defaults());
        config.user_bindings = user_bindings;
        (config, warnings)
    }
}

/// Applies a user's `[keys]` over the defaults. `[keys.<context>]` tables replace the keys
/// of each action they name. Plain `key = "action"` entries are the old flat format: they are
/// read as global bindings (the key leaves whatever global action had it; `"none"` frees it),
/// with a warning saying how to write them now.
/// Returns the `(context, action)` pairs the user set.
fn merge_keys(
    base: &mut toml::Table,
    user: &toml::Table,
    origin: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<(String, String)> {
    let mut legacy = Vec::new();
    let mut set = Vec::new();
    for (name, value) in user {
        match value {
            toml::Value::Table(actions) => {
                let ctx = base
                    .entry(name.clone())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                if let Some(t) = ctx.as_table_mut() {
                    t.extend(actions.clone());
                }
                set.extend(actions.keys().map(|a| (name.clone(), a.clone())));
            }
            toml::Value::String(action) => legacy.push((name.clone(), action.clone())),
            _ => warnings.push(Warning::Keys(KeyWarning::NotATable {
                origin: origin.to_string(),
                name: name.clone(),
            })),
        }
    }
    if legacy.is_empty() {
        return set;
    }
    warnings.push(Warning::Keys(KeyWarning::OldFormat {
        origin: origin.to_string(),
        count: legacy.len(),
    }));
    let global = base
        .entry("global")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let Some(global) = global.as_table_mut() else {
        return set;
    };
    for (key, action) in legacy {
        for (_, keys) in global.iter_mut() {
            if let toml::Value::Array(list) = keys {
                list.retain(|k| k.as_str() != Some(key.as_str()));
            } else if keys.as_str() == Some(key.as_str()) {
                *keys = toml::Value::Array(vec![]);
            }
        }
        if action == "none" || action.is_empty() {
            continue;
        }
        set.push(("global".to_string(), action.clone()));
        let entry = global
            .entry(action)
            .or_insert_with(|| toml::Value::Array(vec![]));
        match entry {
            toml::Value::Array(list) => list.push(toml::Value::String(key)),
            other => {
                let old = other.clone();
                *other = toml::Value::Array(vec![old, toml::Value::String(key)]);
            }
        }
    }
    set
}

/// Reads an API token from a file, refusing one that others could read.
pub fn read_token_file(path: &Path) -> anyhow::Result<String> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read token file {}", path.display()))?;
    check_private(path, &meta)?;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read token file {}", path.display()))?;
    let token = text.trim().to_string();
    if token.is_empty() {
        bail!("token file {} is empty", path.display());
    }
    Ok(token)
}

#[cfg(unix)]
fn check_private(path: &Path, meta: &std::fs::Metadata) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        bail!(
            "token file {} can be read by other users (mode {:o}); run `chmod 600 {}` and try again",
            path.display(),
            mode & 0o777,
            path.display()
        );
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _meta: &std::fs::Metadata) -> anyhow::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_parses_and_names_real_contexts_and_actions() {
        let c: Config = toml::from_str(DEFAULT).unwrap();
        let quit = c.keys.get("global").and_then(|g| g.get("quit")).unwrap();
        assert_eq!(quit.list(), ["q", "ctrl-c"]);
        for (ctx, actions) in &c.keys {
            assert!(
                crate::app::keys::KeyContext::parse(ctx).is_some(),
                "[keys.{ctx}]"
            );
            for a in actions.keys() {
                assert!(
                    crate::app::Action::from_name(a).is_some(),
                    "[keys.{ctx}] {a}"
                );
            }
        }
    }

    #[test]
    fn server_is_one_address_or_the_nodes_of_one_service() {
        let (c, w) = Config::from_user_toml("server = \"https://a.example\"\n", "t");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.server().as_deref(), Some("https://a.example"));
        assert_eq!(c.servers(), ["https://a.example"]);
        let (c, w) = Config::from_user_toml(
            "server = [\"https://a.example\", \"https://b.example\"]\n",
            "t",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.server().as_deref(), Some("https://a.example"));
        assert_eq!(c.servers(), ["https://a.example", "https://b.example"]);
        let (c, w) = Config::from_user_toml("server = 8470\n", "t");
        assert_eq!(w.len(), 1, "a number is not an address");
        assert_eq!(c.server(), None);
    }

    #[test]
    fn user_file_overrides_only_what_it_names() {
        let (c, w) = Config::from_user_toml("theme = \"light\"\n[keys.queue]\nmark = \"m\"\n", "t");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.theme, "light");
        assert_eq!(c.lang, "auto");
        let queue = &c.keys["queue"];
        assert_eq!(queue["mark"].list(), ["m"]);
        assert_eq!(
            queue["submit_trace"].list(),
            ["t"],
            "the rest of the table stays"
        );
        assert_eq!(c.keys["global"]["up"].list(), ["k", "up"]);
    }

    #[test]
    fn the_old_flat_keys_table_still_works_as_global_with_a_warning() {
        let (c, w) = Config::from_user_toml("[keys]\nj = \"up\"\nq = \"none\"\n", "t");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(
            w[0],
            Warning::Keys(KeyWarning::OldFormat {
                origin: "t".into(),
                count: 2
            })
        );
        let g = &c.keys["global"];
        assert_eq!(g["up"].list(), ["k", "up", "j"]);
        assert_eq!(g["down"].list(), ["down"], "j left `down`");
        assert_eq!(g["quit"].list(), ["ctrl-c"], "q was freed");
    }

    #[test]
    fn bad_keys_and_bad_files_warn_and_keep_defaults() {
        let (c, w) =
            Config::from_user_toml("read_only = \"yes\"\nbogus = 1\ntheme = \"light\"", "t");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(!c.read_only);
        assert_eq!(c.theme, "light");
        let (c, w) = Config::from_user_toml("this is not toml", "t");
        assert_eq!(w.len(), 1);
        assert_eq!(c, Config::defaults());
    }

    #[cfg(unix)]
    #[test]
    fn token_file_must_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("token");
        std::fs::write(&p, "secret-token\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(
            read_token_file(&p)
                .unwrap_err()
                .to_string()
                .contains("chmod 600")
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(read_token_file(&p).unwrap(), "secret-token");
    }
}
