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
    /// A `[keys]` entry whose key is not a key name.
    NotAKey { key: String },
    /// A `[keys]` entry naming no action.
    NoSuchAction { key: String, action: String },
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
