//! `fwc seizures list|show|import`: the seizure queue for scripts, with the Queue's filters
//! (the names of `GET /v1/seizures`).

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

use super::ConsoleArgs;
use super::out::{self, OutputArgs, PageArgs, Row, ShowArgs, one_of};
use crate::api::path_segment;
use crate::model::*;

#[derive(Debug, Subcommand)]
pub enum SeizuresCommand {
    /// List seizures, newest first, with the Queue's filters.
    List(SeizureListArgs),
    /// One seizure with its items, traces and the cases you may see.
    Show(ShowArgs),
    /// Record seizures from a CSV file (English or Spanish headers): checked first, nothing
    /// written while a row is invalid; running the same file again writes nothing new.
    Import(super::import::ImportArgs),
}

#[derive(Debug, Args)]
pub struct SeizureListArgs {
    /// Triage status.
    #[arg(long, value_parser = one_of(TriageStatus::ALL, TriageStatus::as_str))]
    pub status: Option<TriageStatus>,
    #[arg(long, value_parser = one_of(SeizureKind::ALL, SeizureKind::as_str))]
    pub kind: Option<SeizureKind>,
    /// US or MX.
    #[arg(long, value_parser = ["US", "MX"])]
    pub country: Option<String>,
    /// Agency name, exact.
    #[arg(long)]
    pub agency: Option<String>,
    /// Mexican or US state name, exact.
    #[arg(long)]
    pub state: Option<String>,
    /// Port of entry, exact (e.g. Laredo).
    #[arg(long)]
    pub port: Option<String>,
    /// Only seizures with an item of this kind.
    #[arg(long, value_parser = one_of(ItemKind::ALL, ItemKind::as_str))]
    pub item: Option<ItemKind>,
    /// Occurred at or after: RFC 3339 or YYYY-MM-DD (its start, UTC).
    #[arg(long, value_parser = super::audit::parse_instant_from)]
    pub from: Option<DateTime<Utc>>,
    /// Occurred at or before: RFC 3339 or YYYY-MM-DD (its end, UTC).
    #[arg(long, value_parser = super::audit::parse_instant_to)]
    pub to: Option<DateTime<Utc>>,
    /// Free text in id, summary, place and agency.
    #[arg(long)]
    pub q: Option<String>,
    #[arg(long, value_parser = one_of(SeizureSort::ALL, SeizureSort::as_str))]
    pub sort: Option<SeizureSort>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

impl Row for Seizure {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "occurred_at",
        "kind",
        "status",
        "country",
        "state",
        "municipality",
        "port",
        "agency",
        "firearms",
        "summary",
        "traces",
        "cases",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.occurred_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            self.kind.to_string(),
            self.status.to_string(),
            self.country.as_str().to_string(),
            self.state.clone(),
            self.municipality.clone(),
            out::opt(&self.port),
            self.agency.clone(),
            self.firearm_count().to_string(),
            self.summary.clone(),
            out::ids(&self.trace_ids),
            out::ids(&self.case_ids),
        ]
    }
}

pub async fn run(cmd: SeizuresCommand, console: ConsoleArgs) -> anyhow::Result<()> {
    match cmd {
        SeizuresCommand::List(a) => {
            let client = super::remote::connect(&console).await?;
            let q = SeizureQuery {
                status: a.status,
                kind: a.kind,
                country: a.country.as_deref().and_then(Country::parse),
                agency: a.agency,
                state: a.state,
                port: a.port,
                item: a.item,
                from: a.from,
                to: a.to,
                q: a.q,
                sort: a.sort,
                limit: None,
                cursor: None,
            };
            let doc = out::fetch_list(&client, "/v1/seizures", &q, &a.page).await?;
            out::print_list::<Seizure>(&doc, a.out.format())
        }
        SeizuresCommand::Show(a) => {
            let client = super::remote::connect(&console).await?;
            let path = format!("/v1/seizures/{}", path_segment(&a.id));
            let doc = client.get_value(&path, &()).await?;
            out::print_one::<Seizure>(&doc, a.out.format())
        }
        SeizuresCommand::Import(a) => super::import::run(a, console).await,
    }
}
