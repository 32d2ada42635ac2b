//! `fwc cases list|show`: the joint cases you are a member of (`GET /v1/cases`).

use clap::{Args, Subcommand};

use super::ConsoleArgs;
use super::out::{self, OutputArgs, PageArgs, Row, ShowArgs, one_of};
use crate::api::path_segment;
use crate::model::*;

#[derive(Debug, Subcommand)]
pub enum CasesCommand {
    /// The cases you are a member of, most recent activity first.
    List(CaseListArgs),
    /// One case with its members and linked records.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct CaseListArgs {
    #[arg(long, value_parser = one_of(CaseStatus::ALL, CaseStatus::as_str))]
    pub status: Option<CaseStatus>,
    /// Prosecution stage.
    #[arg(long, value_parser = one_of(ProsecutionStage::ALL, ProsecutionStage::as_str))]
    pub prosecution: Option<ProsecutionStage>,
    /// Free text in id and title.
    #[arg(long)]
    pub q: Option<String>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

impl Row for Case {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "title",
        "status",
        "lead_agency",
        "countries",
        "members",
        "links",
        "notes",
        "prosecution",
        "last_activity",
    ];
    fn cells(&self) -> Vec<String> {
        let countries: Vec<&str> = self.countries().iter().map(|c| c.as_str()).collect();
        vec![
            self.id.clone(),
            self.title.clone(),
            self.status.to_string(),
            self.lead_agency.clone(),
            countries.join(" "),
            self.members.len().to_string(),
            self.links.len().to_string(),
            self.note_count.to_string(),
            self.prosecution.stage.to_string(),
            self.last_activity.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ]
    }
}

pub async fn run(cmd: CasesCommand, console: ConsoleArgs) -> anyhow::Result<()> {
    let client = super::remote::connect(&console).await?;
    match cmd {
        CasesCommand::List(a) => {
            let q = CaseQuery {
                status: a.status,
                prosecution: a.prosecution,
                q: a.q,
                limit: None,
                cursor: None,
            };
            let doc = out::fetch_list(&client, "/v1/cases", &q, &a.page).await?;
            out::print_list::<Case>(&doc, a.out.format())
        }
        CasesCommand::Show(a) => {
            let path = format!("/v1/cases/{}", path_segment(&a.id));
            let doc = client.get_value(&path, &()).await?;
            out::print_one::<Case>(&doc, a.out.format())
        }
    }
}
