//! `fwc firearms search PATTERN`: the serial search of `GET /v1/firearms` — exact, a prefix
//! (`ABC*`) or partial with `*` and `?` for an obliterated serial.

use clap::{Args, Subcommand};

use super::ConsoleArgs;
use super::out::{self, OutputArgs, PageArgs, Row, one_of};
use crate::model::*;

#[derive(Debug, Subcommand)]
pub enum FirearmsCommand {
    /// Firearms whose serial matches PATTERN (`*` any run, `?` one character; case-insensitive).
    Search(FirearmSearchArgs),
}

#[derive(Debug, Args)]
pub struct FirearmSearchArgs {
    /// Serial, prefix (`ABC*`) or pattern (`*12?45*`).
    pub pattern: String,
    #[arg(long)]
    pub make: Option<String>,
    #[arg(long)]
    pub model: Option<String>,
    #[arg(long)]
    pub caliber: Option<String>,
    #[arg(long = "type", value_parser = one_of(FirearmType::ALL, FirearmType::as_str))]
    pub kind: Option<FirearmType>,
    /// Only firearms of this seizure.
    #[arg(long)]
    pub seizure_id: Option<String>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

impl Row for Firearm {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "serial",
        "obliterated",
        "make",
        "model",
        "type",
        "caliber",
        "origin_country",
        "importer",
        "seizure_id",
        "trace_id",
        "recovered_at",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.serial.clone(),
            self.obliterated.to_string(),
            self.make.clone(),
            self.model.clone(),
            self.kind.to_string(),
            self.caliber.clone(),
            self.origin_country.clone(),
            out::opt(&self.importer),
            out::opt(&self.seizure_id),
            out::opt(&self.trace_id),
            self.recovered_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ]
    }
}

pub async fn run(cmd: FirearmsCommand, console: ConsoleArgs) -> anyhow::Result<()> {
    let FirearmsCommand::Search(a) = cmd;
    let client = super::remote::connect(&console).await?;
    let q = FirearmQuery {
        serial: Some(a.pattern),
        make: a.make,
        model: a.model,
        caliber: a.caliber,
        kind: a.kind,
        seizure_id: a.seizure_id,
        limit: None,
        cursor: None,
    };
    let doc = out::fetch_list(&client, "/v1/firearms", &q, &a.page).await?;
    out::print_list::<Firearm>(&doc, a.out.format())
}
