//! Start-up problems (config file, keys, theme, local cache) as data rather than sentences, so
//! the UI words each one in the user's language (`warning-*` in the catalogues) and logs it in
//! English. Each keeps the detail the user needs to find the bad line.

/// One thing at start-up that was ignored or replaced by a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// `path` could not be read (`error` from the system, English).
    ConfigUnreadable { path: String, error: String },
    /// `origin` is not TOML; the defaults are used.
    ConfigNotToml { origin: String, error: String },
    /// `[keys]` is not a table of `key = "action"`.
    KeysNotTable { origin: String },
    /// One config key has a bad value and is ignored.
    ConfigKeyIgnored {
        origin: String,
        key: String,
        error: String,
    },
    /// A `[keys…]` entry that was ignored or overridden.
    Keys(KeyWarning),
    /// The theme named in the config or on the command line does not exist.
    ThemeNotFound { name: String },
    /// A theme file is not valid TOML.
    ThemeInvalid { origin: String, error: String },
    /// A theme role with a colour that is not understood.
    ThemeColour {
        origin: String,
        role: String,
        colour: String,
    },
    /// A theme entry naming no role.
    ThemeUnknownRole { origin: String, role: String },
    /// A theme role whose value is not a style.
    ThemeRole {
        origin: String,
        role: String,
        error: String,
    },
    /// The data directory cannot hold the cache: offline changes will not survive a restart.
    CacheUnavailable { error: String },
}

/// What was wrong with a key binding, with the names (context, action, key) as the config
/// file writes them, so the user finds the line; the UI words it and names each action by its
/// label in the user's language too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyWarning {
    /// `[keys.<context>]` is no key context; the table is ignored.
    NoSuchContext { context: String },
    /// `[keys.<context>] <action>` is no action; ignored.
    NoSuchAction { context: String, action: String },
    /// `[keys.<context>] <action> = "<key>"`: `key` is not a key name; ignored.
    NotAKey {
        context: String,
        action: String,
        key: String,
    },
    /// In `[keys.<context>]`, `key` was given to both `other` and `kept`; `kept` keeps it (the
    /// user's own binding wins over a default).
    Collision {
        context: String,
        key: String,
        other: String,
        kept: String,
    },
    /// `[keys] <name>` is neither a table nor a binding; ignored.
    NotATable { origin: String, name: String },
    /// The old flat `[keys]` table: its `count` bindings were read as `[keys.global]`.
    OldFormat { origin: String, count: usize },
}

impl Warning {
    /// Whether the warning's English wording names `text` (for tests and the log).
    pub fn contains(&self, text: &str) -> bool {
        format!("{self:?}").contains(text)
    }
}
