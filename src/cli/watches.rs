//! `fwc watches list|add|rm`: the caller's own watches (`/v1/watches`), saved conditions the
//! server evaluates on every committed change — so a script is told (`fwc alerts --follow`)
//! instead of polling.

use clap::{Args, Subcommand};

use super::ConsoleArgs;
use super::out::{self, Exit, OutputArgs, Row, exit, one_of};
use crate::api::path_segment;
use crate::model::*;

#[derive(Debug, Subcommand)]
pub enum WatchesCommand {
    /// Your watches, newest first (nobody else sees them).
    List(WatchListArgs),
    /// Save a watch: `fwc watches add dealer 5-74-01234`, `fwc watches add serial 'ABC*'`,
    /// `fwc watches add seizures --port Laredo --item magazine`.
    Add(WatchAddArgs),
    /// Delete watches by id (their alerts stay).
    Rm(WatchRmArgs),
}

#[derive(Debug, Args)]
pub struct WatchListArgs {
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// What to watch: serial (a serial or `*`/`?` pattern), firearm (FA-…), purchaser (PR-…),
    /// dealer (a licence), model (MAKE, MAKE/MODEL or MAKE/MODEL/CALIBRE), casing, cluster,
    /// case (CS-…), or seizures (new seizures matching the filter flags below).
    #[arg(value_parser = one_of(WatchKind::ALL, WatchKind::as_str))]
    pub kind: WatchKind,
    /// The serial, id, licence or model watched (every kind but `seizures`).
    pub value: Option<String>,
    /// What you call it (1–80 characters; default: the kind and value).
    #[arg(long)]
    pub name: Option<String>,
    /// seizures: port of entry, exact (e.g. Laredo).
    #[arg(long, help_heading = "Seizure filter")]
    pub port: Option<String>,
    /// seizures: Mexican or US state name, exact.
    #[arg(long, help_heading = "Seizure filter")]
    pub state: Option<String>,
    /// seizures: agency name, exact.
    #[arg(long, help_heading = "Seizure filter")]
    pub agency: Option<String>,
    /// seizures: the seizure's kind.
    #[arg(long = "kind", help_heading = "Seizure filter",
          value_parser = one_of(SeizureKind::ALL, SeizureKind::as_str))]
    pub seizure_kind: Option<SeizureKind>,
    /// seizures: US or MX.
    #[arg(long, help_heading = "Seizure filter", value_parser = ["US", "MX"])]
    pub country: Option<String>,
    /// seizures: at least one item of this kind.
    #[arg(long, help_heading = "Seizure filter",
          value_parser = one_of(ItemKind::ALL, ItemKind::as_str))]
    pub item: Option<ItemKind>,
    /// The same key sent again is applied once (a retried script does not save twice).
    #[arg(long)]
    pub idempotency_key: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct WatchRmArgs {
    /// Watch ids (e.g. WA-0000042).
    #[arg(required = true)]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

impl Row for Watch {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "name",
        "kind",
        "value",
        "paused",
        "fired",
        "created_at",
    ];
    fn cells(&self) -> Vec<String> {
        let value = match (&self.value, &self.filter) {
            (Some(v), _) => v.clone(),
            (None, Some(f)) => filter_text(f),
            (None, None) => String::new(),
        };
        vec![
            self.id.clone(),
            self.name.clone(),
            self.kind.to_string(),
            value,
            self.paused.to_string(),
            self.fired.to_string(),
            self.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ]
    }
}

/// A seizure filter as `port=Laredo item=magazine`, in the Queue's names.
fn filter_text(f: &SeizureFilter) -> String {
    let terms = [
        ("port", f.port.clone()),
        ("state", f.state.clone()),
        ("agency", f.agency.clone()),
        ("kind", f.kind.map(|k| k.as_str().to_string())),
        ("country", f.country.map(|c| c.as_str().to_string())),
        ("item", f.item.map(|i| i.as_str().to_string())),
    ];
    terms
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn run(cmd: WatchesCommand, console: ConsoleArgs) -> anyhow::Result<()> {
    match cmd {
        WatchesCommand::List(a) => {
            let client = super::remote::connect(&console).await?;
            let doc = client.get_value("/v1/watches", &()).await?;
            out::print_array::<Watch>(&doc, a.out.format())
        }
        WatchesCommand::Add(a) => {
            let new = new_watch(&a)?;
            let client = super::remote::connect(&console).await?;
            let key = out::idempotency_key(a.idempotency_key.as_deref());
            let doc = client.post_value("/v1/watches", &new, Some(&key)).await?;
            out::print_one::<Watch>(&doc, a.out.format())
        }
        WatchesCommand::Rm(a) => {
            let client = super::remote::connect(&console).await?;
            let mut gone = Vec::new();
            for id in &a.ids {
                let path = format!("/v1/watches/{}", path_segment(id));
                gone.push(client.delete_value(&path).await?);
            }
            out::print_array::<Watch>(&serde_json::Value::Array(gone), a.out.format())
        }
    }
}

/// The request body for `add`, refusing (exit 2, as clap does) a value where a filter belongs
/// and the other way round, before anything is sent.
fn new_watch(a: &WatchAddArgs) -> anyhow::Result<NewWatch> {
    let usage = |message: String| Exit {
        code: exit::USAGE,
        message,
    };
    let filter = SeizureFilter {
        port: a.port.clone(),
        state: a.state.clone(),
        agency: a.agency.clone(),
        kind: a.seizure_kind,
        country: a.country.as_deref().and_then(Country::parse),
        item: a.item,
    };
    let (value, filter, default_name) = if a.kind == WatchKind::Seizures {
        if a.value.is_some() {
            return Err(usage(
                "a seizures watch takes filter flags (--port, --state, --agency, --kind, \
                 --country, --item), not a value"
                    .into(),
            )
            .into());
        }
        if filter.is_empty() {
            return Err(usage(
                "a seizures watch needs at least one of --port, --state, --agency, --kind, \
                 --country, --item"
                    .into(),
            )
            .into());
        }
        let name = format!("seizures {}", filter_text(&filter));
        (None, Some(filter), name)
    } else {
        if !filter.is_empty() {
            return Err(usage(format!(
                "the seizure filter flags belong to `fwc watches add seizures`, not to a {} watch",
                a.kind
            ))
            .into());
        }
        let Some(value) = a.value.clone() else {
            return Err(usage(format!("a {} watch needs a value to watch", a.kind)).into());
        };
        let name = format!("{} {value}", a.kind);
        (Some(value), None, name)
    };
    let name = a
        .name
        .clone()
        .unwrap_or_else(|| default_name.chars().take(MAX_WATCH_NAME).collect());
    Ok(NewWatch {
        name,
        kind: a.kind,
        value,
        filter,
    })
}
