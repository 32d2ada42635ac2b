//! `fwc export case ID --format md|json [--lang es|en]`: the case packet (see [`crate::export`], which builds
//! and renders it for the console too) written to standard output or a file, for a prosecutor
//! to read (Markdown) or a tool to load (JSON). This module only parses the arguments and finds
//! the server and token.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};

use crate::api::{ApiClient, ClientConfig};
use crate::export::{build_packet, render_json, render_markdown};
use crate::i18n::Lang;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write a case packet: summary, members, linked evidence and notes.
    Case(ExportCaseArgs),
}

#[derive(Debug, Args)]
pub struct ExportCaseArgs {
    /// Case id, e.g. CS-2026-0042.
    pub id: String,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ExportFormat,
    /// API token (prefer FWC_TOKEN or the token file: command lines are visible to other users).
    #[arg(long, env = "FWC_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// File to write (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
}

/// `fwc export case …`: the server is the global `--server`/`FWC_SERVER`, else the config
/// file's; the language the global `--lang`, else the config file's `lang`, else the locale
/// (as the console); `--ca-file`/`--insecure-http` as for the console.
pub async fn run(cmd: ExportCommand, console: super::ConsoleArgs) -> anyhow::Result<()> {
    let ExportCommand::Case(args) = cmd;
    let (config, config_dir) = load_config(console.config_dir.clone())?;
    let transport = console.transport(&config);
    let server = console.server;
    let lang: Option<Lang> = console.lang.map(Into::into);
    let lang = lang
        .or_else(|| Lang::parse(&config.lang))
        .unwrap_or_else(Lang::from_env);
    let server = server
        .or_else(|| config.case_server.clone())
        .or_else(|| config.server())
        .context("no server: pass --server URL (or set FWC_SERVER, or `server` in config.toml)")?;
    let token = match args
        .token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t) => t.to_string(),
        None => {
            let file = config
                .token_file
                .clone()
                .unwrap_or_else(|| config_dir.join("token"));
            crate::app::config::read_token_file(&file).with_context(|| {
                format!(
                    "no API token: set FWC_TOKEN, pass --token, or put it in {}",
                    file.display()
                )
            })?
        }
    };
    let client = ApiClient::new(ClientConfig {
        trace_url: server.clone(),
        case_url: server,
        token,
        timeout: std::time::Duration::from_secs(30),
        transport,
    })?;
    let packet = build_packet(&client, &args.id).await?;
    let text = match args.format {
        ExportFormat::Md => render_markdown(&packet, lang),
        ExportFormat::Json => render_json(&packet, lang)?,
    };
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(())
}

fn load_config(dir: Option<PathBuf>) -> anyhow::Result<(crate::app::config::Config, PathBuf)> {
    let dir = match dir {
        Some(d) => d,
        None => directories::ProjectDirs::from("org", "Firewall", "fwc")
            .map(|d| d.config_dir().to_path_buf())
            .context("cannot find a home directory for fwc's config")?,
    };
    let (config, _) = crate::app::config::Config::load(&dir);
    Ok((config, dir))
}
