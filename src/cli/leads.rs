//! `fwc leads list|show|decide`: ballistic leads (`/v1/ballistics/leads`) — the examiner's queue
//! and their decisions (only an examiner confirms a hit; the server says so with exit code 4).

use clap::{Args, Subcommand};

use super::ConsoleArgs;
use super::out::{self, OutputArgs, PageArgs, Row, ShowArgs, one_of};
use crate::api::path_segment;
use crate::model::*;

#[derive(Debug, Subcommand)]
pub enum LeadsCommand {
    /// Ballistic leads, highest score first (or oldest with --sort age).
    List(LeadListArgs),
    /// One lead with its scores and decision.
    Show(ShowArgs),
    /// Decide a lead: confirm (examiners only: it becomes a hit), exclude or inconclusive.
    Decide(LeadDecideArgs),
}

#[derive(Debug, Args)]
pub struct LeadListArgs {
    #[arg(long, value_parser = one_of(LeadStatus::ALL, LeadStatus::as_str))]
    pub status: Option<LeadStatus>,
    /// Leads of this newly acquired casing.
    #[arg(long)]
    pub casing_id: Option<String>,
    #[arg(long, value_parser = one_of(LeadSort::ALL, LeadSort::as_str))]
    pub sort: Option<LeadSort>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct LeadDecideArgs {
    /// The lead's id (e.g. BL-000123).
    pub id: String,
    #[arg(value_parser = one_of(Decision::ALL, Decision::as_str))]
    pub decision: Decision,
    /// Why (kept with the decision).
    #[arg(long)]
    pub comment: Option<String>,
    /// The same key sent again is applied once.
    #[arg(long)]
    pub idempotency_key: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

impl Row for Lead {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "status",
        "casing_id",
        "candidate_id",
        "rank",
        "combined",
        "breech_face",
        "firing_pin",
        "caliber_class",
        "created_at",
        "decided_by",
        "comment",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.status.to_string(),
            self.casing_id.clone(),
            self.candidate_id.clone(),
            self.rank.to_string(),
            format!("{:.3}", self.scores.combined),
            format!("{:.3}", self.scores.breech_face),
            format!("{:.3}", self.scores.firing_pin),
            self.caliber_class.clone(),
            self.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            out::opt(&self.decided_by),
            out::opt(&self.comment),
        ]
    }
}

pub async fn run(cmd: LeadsCommand, console: ConsoleArgs) -> anyhow::Result<()> {
    let client = super::remote::connect(&console).await?;
    match cmd {
        LeadsCommand::List(a) => {
            let q = LeadQuery {
                status: a.status,
                casing_id: a.casing_id,
                sort: a.sort,
                limit: None,
                cursor: None,
            };
            let doc = out::fetch_list(&client, "/v1/ballistics/leads", &q, &a.page).await?;
            out::print_list::<Lead>(&doc, a.out.format())
        }
        LeadsCommand::Show(a) => {
            let path = format!("/v1/ballistics/leads/{}", path_segment(&a.id));
            let doc = client.get_value(&path, &()).await?;
            out::print_one::<Lead>(&doc, a.out.format())
        }
        LeadsCommand::Decide(a) => {
            let path = format!("/v1/ballistics/leads/{}/decision", path_segment(&a.id));
            let body = LeadDecision {
                decision: a.decision,
                comment: a.comment,
            };
            let key = out::idempotency_key(a.idempotency_key.as_deref());
            let doc = client.post_value(&path, &body, Some(&key)).await?;
            out::print_one::<Lead>(&doc, a.out.format())
        }
    }
}
