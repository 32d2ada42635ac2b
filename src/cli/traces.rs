//! `fwc traces list|show|request`: trace requests and their results (`/v1/traces`), with the
//! Trace pane's filters.

use clap::{Args, Subcommand};

use super::ConsoleArgs;
use super::out::{self, Exit, OutputArgs, PageArgs, Row, ShowArgs, exit, one_of};
use crate::api::{ApiClient, path_segment};
use crate::model::*;

#[derive(Debug, Subcommand)]
pub enum TracesCommand {
    /// Trace requests, newest first, with the Trace pane's filters.
    List(TraceListArgs),
    /// One trace with its dealer chain, purchaser and time-to-crime.
    Show(ShowArgs),
    /// Request a trace of one seized firearm, named by its id or its exact serial.
    Request(TraceRequestArgs),
}

#[derive(Debug, Args)]
pub struct TraceListArgs {
    #[arg(long, value_parser = one_of(TraceStatus::ALL, TraceStatus::as_str))]
    pub status: Option<TraceStatus>,
    /// Serial search (`ABC*`, `*12?45*`).
    #[arg(long)]
    pub serial: Option<String>,
    #[arg(long)]
    pub make: Option<String>,
    #[arg(long)]
    pub model: Option<String>,
    #[arg(long)]
    pub caliber: Option<String>,
    /// Traces that reached this purchaser (a person id).
    #[arg(long)]
    pub purchaser_id: Option<String>,
    /// Traces through this dealer (FFL licence number).
    #[arg(long)]
    pub dealer_license: Option<String>,
    #[arg(long)]
    pub firearm_id: Option<String>,
    #[arg(long)]
    pub seizure_id: Option<String>,
    /// Only time-to-crime under 3 years (a trafficking indicator).
    #[arg(long)]
    pub short_ttc: bool,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct TraceRequestArgs {
    /// The firearm's id (e.g. FA-0001234).
    #[arg(required_unless_present = "serial", conflicts_with = "serial")]
    pub firearm_id: Option<String>,
    /// The firearm's exact serial instead of its id (it must name one firearm).
    #[arg(long)]
    pub serial: Option<String>,
    /// NCIC-style crime code, 1–8 characters (default: the config's `crime_code`).
    #[arg(long)]
    pub crime_code: Option<String>,
    #[arg(long, default_value = "routine", value_parser = one_of(TracePriority::ALL, TracePriority::as_str))]
    pub priority: TracePriority,
    /// Why it is urgent (required with --priority urgent).
    #[arg(long)]
    pub justification: Option<String>,
    /// Your agency's case number.
    #[arg(long)]
    pub case_number: Option<String>,
    /// The same key sent again is applied once (a retried script does not request twice).
    #[arg(long)]
    pub idempotency_key: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

impl Row for Trace {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "status",
        "priority",
        "firearm_id",
        "serial",
        "make",
        "model",
        "caliber",
        "submitted_at",
        "dealer_license",
        "dealer_name",
        "dealer_state",
        "purchaser_id",
        "purchaser_name",
        "purchase_date",
        "ttc_days",
        "failure_reason",
        "seizure_id",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.status.to_string(),
            self.priority.to_string(),
            self.firearm_id.clone(),
            self.serial.clone(),
            self.make.clone(),
            self.model.clone(),
            self.caliber.clone(),
            self.submitted_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            out::opt(&self.dealer_license),
            out::opt(&self.dealer_name),
            out::opt(&self.dealer_state),
            out::opt(&self.purchaser_id),
            out::opt(&self.purchaser_name),
            out::opt(&self.purchase_date),
            out::opt(&self.time_to_crime_days),
            out::opt(&self.failure_reason),
            out::opt(&self.seizure_id),
        ]
    }
}

pub async fn run(cmd: TracesCommand, console: ConsoleArgs) -> anyhow::Result<()> {
    let client = super::remote::connect(&console).await?;
    match cmd {
        TracesCommand::List(a) => {
            let q = TraceQuery {
                status: a.status,
                serial: a.serial,
                make: a.make,
                model: a.model,
                caliber: a.caliber,
                purchaser_id: a.purchaser_id,
                dealer_license: a.dealer_license,
                firearm_id: a.firearm_id,
                seizure_id: a.seizure_id,
                short_ttc: a.short_ttc.then_some(true),
                limit: None,
                cursor: None,
            };
            let doc = out::fetch_list(&client, "/v1/traces", &q, &a.page).await?;
            out::print_list::<Trace>(&doc, a.out.format())
        }
        TracesCommand::Show(a) => {
            let path = format!("/v1/traces/{}", path_segment(&a.id));
            let doc = client.get_value(&path, &()).await?;
            out::print_one::<Trace>(&doc, a.out.format())
        }
        TracesCommand::Request(a) => request(&client, a, &console).await,
    }
}

async fn request(
    client: &ApiClient,
    a: TraceRequestArgs,
    console: &ConsoleArgs,
) -> anyhow::Result<()> {
    let firearm_id = match (a.firearm_id, a.serial) {
        (Some(id), _) => id,
        (None, Some(serial)) => firearm_by_serial(client, &serial).await?,
        (None, None) => anyhow::bail!("name the firearm: its id, or --serial SERIAL"),
    };
    let crime_code = match a.crime_code {
        Some(c) => c,
        None => {
            let dir = console.config_dir.clone().or_else(|| {
                super::console::dirs()
                    .ok()
                    .map(|d| d.config_dir().to_path_buf())
            });
            dir.map(|d| crate::app::config::Config::load(&d).0.crime_code)
                .unwrap_or_else(|| crate::app::config::Config::defaults().crime_code)
        }
    };
    let req = TraceRequest {
        firearm_id,
        priority: a.priority,
        justification: a.justification,
        crime_code,
        case_number: a.case_number,
    };
    let key = out::idempotency_key(a.idempotency_key.as_deref());
    let doc = client.post_value("/v1/traces", &req, Some(&key)).await?;
    out::print_one::<Trace>(&doc, a.out.format())
}

/// The one firearm with exactly this serial (a pattern is refused: a trace is of one gun).
async fn firearm_by_serial(client: &ApiClient, serial: &str) -> anyhow::Result<String> {
    if serial.contains(['*', '?']) {
        return Err(Exit {
            code: exit::INVALID,
            message: "--serial takes an exact serial (no * or ?): a trace is of one firearm; \
                      find it with `fwc firearms search`"
                .into(),
        }
        .into());
    }
    let page = client
        .firearms(&FirearmQuery {
            serial: Some(serial.to_string()),
            limit: Some(20),
            ..FirearmQuery::default()
        })
        .await?;
    let exact: Vec<&Firearm> = page
        .items
        .iter()
        .filter(|f| f.serial.eq_ignore_ascii_case(serial))
        .collect();
    match exact.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(Exit {
            code: exit::NOT_FOUND,
            message: format!("no firearm has the serial {serial:?}"),
        }
        .into()),
        many => Err(Exit {
            code: exit::INVALID,
            message: format!(
                "{} firearms have the serial {serial:?} ({}): give the firearm id",
                many.len(),
                many.iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
        .into()),
    }
}
