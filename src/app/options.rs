//! What the CLI hands the console.

use std::path::PathBuf;
use std::time::Duration;

use super::state::Lang;

/// How many colours to use (`color_depth` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Ansi256,
    Ansi16,
    Mono,
}

impl ColorDepth {
    /// `auto` (or anything unknown) gives `None`.
    pub fn parse(s: &str) -> Option<ColorDepth> {
        match s.trim().to_ascii_lowercase().as_str() {
            "truecolor" | "24bit" | "24-bit" => Some(ColorDepth::TrueColor),
            "256" => Some(ColorDepth::Ansi256),
            "16" | "8" => Some(ColorDepth::Ansi16),
            "mono" | "none" | "0" | "1" => Some(ColorDepth::Mono),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ConsoleOptions {
    /// Base URL of the trace API (seizures, firearms, traces).
    pub trace_url: String,
    /// Base URL of the case API (cases, notes).
    pub case_url: String,
    pub token: String,
    /// Who the local cache, drafts and outbox belong to: `user:<name>` for a session (whose
    /// token changes at every sign-in); `None`: the token itself.
    pub identity: Option<String>,
    /// Per-request timeout; `None` takes `timeout_secs` from the config.
    pub timeout: Option<Duration>,
    /// `None`: the config's `lang`, else the locale.
    pub lang: Option<Lang>,
    /// Disables every write (OR-ed with the config's `read_only`).
    pub read_only: bool,
    /// `None`: the config's `theme`.
    pub theme: Option<String>,
    /// `None`: the config's `color_depth`, else detected.
    pub color_depth: Option<ColorDepth>,
    /// Absolute cursor moves only (`--dumb-terminal`).
    pub dumb_terminal: bool,
    /// `--link`; `None`: the config's `link`.
    pub link: Option<super::link::LinkMode>,
    /// Where `config.toml` and `themes/` live.
    pub config_dir: PathBuf,
    /// Where the local cache, the outbox and `console.log` live.
    pub data_dir: PathBuf,
    /// Show the "SYNTHETIC DEMO DATA" marker.
    pub demo: bool,
    /// Extra CA roots and `--insecure-http` (then the status bar warns).
    pub transport: crate::api::Transport,
    /// The user of a session signed in with password and TOTP, and the server's idle time for
    /// it: such a console locks itself when idle. `None`: a machine token (or the demo).
    pub account: Option<Account>,
    /// Several addresses of one service (config `server = [...]`), tried in order with
    /// fail-over; empty for one address (`trace_url`/`case_url` then say where).
    pub nodes: Vec<String>,
}

/// Who signed in with password and TOTP, and the server's idle time for the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub user: String,
    pub idle_timeout_s: u32,
}
