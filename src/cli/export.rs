//! `fwc export case ID --format md|json`: a self-contained case packet — summary, members,
//! linked evidence (trace chains, seizures, ballistic leads) and the notes in order — for a
//! prosecutor to read (Markdown) or a tool to load (JSON). The console offers the same packet
//! through [`build_packet`] and [`render_markdown`].

mod markdown;

use std::path::PathBuf;

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use serde::{Deserialize, Serialize};

use crate::api::{ApiClient, ApiError, ApiErrorKind, ClientConfig};
use crate::model::*;

pub use markdown::render_markdown;

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

/// Everything a packet holds. The JSON form is exactly this struct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Packet {
    pub case: Case,
    /// Every note, oldest first, at its current version.
    pub notes: Vec<Note>,
    /// Linked traces, then the traces of linked seizures and firearms, each once.
    pub traces: Vec<Trace>,
    pub seizures: Vec<Seizure>,
    /// Linked leads, then the leads of linked casings, each once.
    pub leads: Vec<Lead>,
    /// Linked records the exporting user may not read or that no longer exist.
    pub unavailable: Vec<Unavailable>,
    pub exported_at: DateTime<Utc>,
    /// `name (agency)` of the exporting user.
    pub exported_by: String,
    /// As the server reports it: true for the reference server's generated records.
    pub synthetic_data: bool,
}

/// A linked record left out of the packet, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unavailable {
    pub kind: EntityKind,
    pub id: String,
    pub reason: String,
}

/// Collects the packet for `case_id` as the client's user sees it (need-to-know applies).
pub async fn build_packet(client: &ApiClient, case_id: &str) -> anyhow::Result<Packet> {
    let case = client.case(case_id).await?;
    let me = client.me().await?;
    let health = client.health().await?;
    let notes = all_notes(client, case_id).await?;
    let mut b = Builder::default();
    for link in &case.links {
        b.add_link(client, link).await?;
    }
    b.fetch_traces(client).await?;
    Ok(Packet {
        case,
        notes,
        traces: b.traces,
        seizures: b.seizures,
        leads: b.leads,
        unavailable: b.unavailable,
        exported_at: Utc::now(),
        exported_by: format!("{} ({})", me.name, me.agency),
        synthetic_data: health.synthetic_data,
    })
}

async fn all_notes(client: &ApiClient, case_id: &str) -> Result<Vec<Note>, ApiError> {
    let mut q = NoteQuery {
        limit: Some(MAX_PAGE_LIMIT),
        ..NoteQuery::default()
    };
    let mut out = Vec::new();
    loop {
        let page = client.notes(case_id, &q).await?;
        out.extend(page.items);
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => return Ok(out),
        }
    }
}

/// Gathers linked evidence in link order, each record once.
#[derive(Default)]
struct Builder {
    trace_ids: Vec<String>,
    traces: Vec<Trace>,
    seizures: Vec<Seizure>,
    leads: Vec<Lead>,
    unavailable: Vec<Unavailable>,
}

impl Builder {
    async fn add_link(&mut self, client: &ApiClient, link: &CaseLink) -> anyhow::Result<()> {
        let fetched = match link.kind {
            EntityKind::Trace => {
                self.want_trace(&link.id);
                Ok(())
            }
            EntityKind::Seizure => client.seizure(&link.id).await.map(|s| {
                for t in &s.trace_ids {
                    self.want_trace(t);
                }
                if !self.seizures.iter().any(|x| x.id == s.id) {
                    self.seizures.push(s);
                }
            }),
            EntityKind::Firearm => {
                let q = TraceQuery {
                    firearm_id: Some(link.id.clone()),
                    limit: Some(MAX_PAGE_LIMIT),
                    ..TraceQuery::default()
                };
                client.traces(&q).await.map(|p| {
                    for t in p.items {
                        self.want_trace(&t.id);
                    }
                })
            }
            EntityKind::Lead => client.lead(&link.id).await.map(|l| self.push_lead(l)),
            EntityKind::Casing => {
                let q = LeadQuery {
                    casing_id: Some(link.id.clone()),
                    limit: Some(MAX_PAGE_LIMIT),
                    ..LeadQuery::default()
                };
                client.leads(&q).await.map(|p| {
                    for l in p.items {
                        self.push_lead(l);
                    }
                })
            }
            // Persons and dealers appear in the packet through their labels and the trace chains.
            EntityKind::Person | EntityKind::Dealer => Ok(()),
        };
        self.settle(link.kind, &link.id, fetched)
    }

    async fn fetch_traces(&mut self, client: &ApiClient) -> anyhow::Result<()> {
        for id in std::mem::take(&mut self.trace_ids) {
            let fetched = client.trace(&id).await.map(|t| self.traces.push(t));
            self.settle(EntityKind::Trace, &id, fetched)?;
        }
        Ok(())
    }

    fn want_trace(&mut self, id: &str) {
        if !self.trace_ids.iter().any(|t| t == id) {
            self.trace_ids.push(id.to_string());
        }
    }

    fn push_lead(&mut self, lead: Lead) {
        if !self.leads.iter().any(|l| l.id == lead.id) {
            self.leads.push(lead);
        }
    }

    /// A record the user may not see, or that is gone, is noted in the packet; any other
    /// failure (server down, bad token) stops the export rather than produce a partial packet
    /// that looks complete.
    fn settle(
        &mut self,
        kind: EntityKind,
        id: &str,
        r: Result<(), ApiError>,
    ) -> anyhow::Result<()> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if matches!(e.kind, ApiErrorKind::Forbidden | ApiErrorKind::NotFound) => {
                self.unavailable.push(Unavailable {
                    kind,
                    id: id.to_string(),
                    reason: e.message,
                });
                Ok(())
            }
            Err(e) => Err(e).with_context(|| format!("fetching {kind} {id}")),
        }
    }
}

/// The packet as pretty JSON (what `--format json` writes).
pub fn render_json(p: &Packet) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(p)? + "\n")
}

/// `fwc export case …`: `server` is the global `--server`/`FWC_SERVER`, else the config file's.
pub async fn run(
    cmd: ExportCommand,
    server: Option<String>,
    config_dir: Option<PathBuf>,
) -> anyhow::Result<()> {
    let ExportCommand::Case(args) = cmd;
    let (config, config_dir) = load_config(config_dir)?;
    let server = server
        .or_else(|| config.case_server.clone())
        .or_else(|| config.server.clone())
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
    })?;
    let packet = build_packet(&client, &args.id).await?;
    let text = match args.format {
        ExportFormat::Md => render_markdown(&packet),
        ExportFormat::Json => render_json(&packet)?,
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
