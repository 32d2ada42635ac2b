//! `fwc alerts [--follow]` and `fwc alerts read`: what the caller's watches found
//! (`/v1/alerts`). `--follow` stays on the user's event stream and prints each new alert as it
//! arrives — one JSON line each with `--jsonl` — so a script reacts within a second instead of
//! polling.

use std::collections::HashSet;
use std::io::Write;

use clap::{Args, Subcommand};
use futures_util::StreamExt;

use super::ConsoleArgs;
use super::out::{self, Exit, Format, OutputArgs, Row, exit};
use crate::api::{ApiClient, path_segment};
use crate::model::*;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    #[command(subcommand)]
    pub command: Option<AlertsCommand>,
    #[command(flatten)]
    pub list: AlertListArgs,
}

#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Mark alerts read (again is harmless).
    Read(AlertReadArgs),
}

#[derive(Debug, Args)]
pub struct AlertListArgs {
    /// Only the alerts not marked read.
    #[arg(long)]
    pub unread: bool,
    /// At most this many, newest first (1 to 1000; the server's default is 100).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: Option<u32>,
    /// After the list, keep printing each new alert as it arrives (oldest first), until
    /// interrupted; with --jsonl one JSON line each.
    #[arg(long, conflicts_with = "json")]
    pub follow: bool,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct AlertReadArgs {
    /// Alert ids (e.g. AL-0000042).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub ids: Vec<String>,
    /// Every unread alert.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub out: OutputArgs,
}

impl Row for Alert {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "at",
        "watch_id",
        "watch_name",
        "event_kind",
        "entity_id",
        "case_id",
        "read",
        "summary",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            self.watch_id.clone(),
            self.watch_name.clone(),
            self.event_kind.to_string(),
            self.entity_id.clone(),
            out::opt(&self.case_id),
            self.read.to_string(),
            self.summary.clone(),
        ]
    }
}

pub async fn run(args: AlertsArgs, console: ConsoleArgs) -> anyhow::Result<()> {
    let client = super::remote::connect(&console).await?;
    match args.command {
        Some(AlertsCommand::Read(a)) => read(&client, a).await,
        None if args.list.follow => follow(&client, &args.list).await,
        None => {
            let doc = client.get_value("/v1/alerts", &query(&args.list)).await?;
            out::print_array::<Alert>(&doc, args.list.out.format())
        }
    }
}

fn query(a: &AlertListArgs) -> AlertQuery {
    AlertQuery {
        unread: a.unread.then_some(true),
        limit: a.limit,
    }
}

async fn read(client: &ApiClient, a: AlertReadArgs) -> anyhow::Result<()> {
    let ids = if a.all {
        let q = AlertQuery {
            unread: Some(true),
            limit: Some(MAX_PAGE_LIMIT),
        };
        client.alerts(&q).await?.into_iter().map(|x| x.id).collect()
    } else {
        a.ids
    };
    let mut marked = Vec::new();
    for id in &ids {
        let path = format!("/v1/alerts/{}/read", path_segment(id));
        marked.push(client.post_value(&path, &(), None).await?);
    }
    out::print_array::<Alert>(&serde_json::Value::Array(marked), a.out.format())
}

/// Where a new alert is looked up when its event arrives: the newest, read or not.
const RECENT: AlertQuery = AlertQuery {
    unread: None,
    limit: Some(100),
};

/// Lists the alerts asked for, then prints each new one as its `alert` event arrives. The
/// stream is open before the list is read, so an alert fired in between is printed once (by
/// the list or by its event), never lost.
async fn follow(client: &ApiClient, a: &AlertListArgs) -> anyhow::Result<()> {
    let (mut events, connected) = client.events_connected(None);
    // Until the server accepts the stream, a failure (offline, a revoked token) ends the run
    // with its exit code, as any other command's would.
    let connected = tokio::select! {
        r = connected => r.is_ok(),
        first = events.next() => match first {
            Some(Err(e)) => return Err(e.into()),
            _ => false,
        },
    };
    if !connected {
        // The subscription gave up before it connected: its reason is on the stream.
        if let Some(Err(e)) = events.next().await {
            return Err(e.into());
        }
        anyhow::bail!("the event stream ended before it connected");
    }
    let format = a.out.format();
    let mut printer = Printer::new(format);
    let listed = client.get_value("/v1/alerts", &query(a)).await?;
    let Some(listed) = listed.as_array() else {
        anyhow::bail!("the server's answer to /v1/alerts is not a list");
    };
    for alert in listed.iter().rev() {
        printer.print(alert)?;
    }
    eprintln!("Following new alerts (Ctrl-C to stop).");
    while let Some(item) = events.next().await {
        match item {
            Ok(ev) if ev.kind == EventKind::Alert => {
                if printer.seen.contains(&ev.entity_id) {
                    continue;
                }
                // The event names the alert; the alert itself (watch, record, case) is read
                // from the list, where the newest come first.
                let recent = client.get_value("/v1/alerts", &RECENT).await?;
                let found = recent
                    .as_array()
                    .and_then(|l| l.iter().find(|x| x["id"] == ev.entity_id.as_str()));
                if let Some(alert) = found {
                    printer.print(alert)?;
                }
            }
            Ok(_) => {}
            // The stream reconnects by itself and resumes where it was: say so and go on.
            Err(e) if e.status.is_none() || e.is_transient() => eprintln!("{e}"),
            Err(e) => return Err(e.into()),
        }
    }
    Err(Exit {
        code: exit::OFFLINE,
        message: "the event stream ended".into(),
    }
    .into())
}

/// Prints alerts one at a time, each at once (a pipe reads it without waiting for more), and
/// each only once.
struct Printer {
    format: Format,
    seen: HashSet<String>,
    header_done: bool,
}

impl Printer {
    fn new(format: Format) -> Self {
        Printer {
            format,
            seen: HashSet::new(),
            header_done: false,
        }
    }

    /// Prints one alert as the API gave it: the JSON itself, or its sanitised record.
    fn print(&mut self, doc: &serde_json::Value) -> anyhow::Result<()> {
        let Some(id) = doc["id"].as_str() else {
            anyhow::bail!("the server sent an alert without an id");
        };
        if !self.seen.insert(id.to_string()) {
            return Ok(());
        }
        let mut out = std::io::stdout().lock();
        if matches!(self.format, Format::Jsonl | Format::Json) {
            // `--json` is refused with --follow (one document cannot grow): a line each.
            writeln!(out, "{}", out::json_text(doc)?)?;
            out.flush()?;
            return Ok(());
        }
        let Some(cells) = out::typed::<Alert>(std::slice::from_ref(doc))?.pop() else {
            return Ok(());
        };
        if self.format == Format::Csv {
            let mut w = csv::Writer::from_writer(&mut out);
            if !self.header_done {
                w.write_record(Alert::HEADERS)?;
                self.header_done = true;
            }
            w.write_record(&cells)?;
            w.flush()?;
        } else {
            // at, id, event, watch name: summary (record) — one line, aligned by its fixed
            // first columns, since rows arrive one at a time.
            let [id, at, _watch, name, kind, entity, _case, _read, summary] = cells.as_slice()
            else {
                anyhow::bail!("an alert row has the wrong number of cells");
            };
            writeln!(out, "{at}  {id}  {kind}  {name}: {summary} ({entity})")?;
        }
        out.flush()?;
        Ok(())
    }
}
