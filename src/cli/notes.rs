//! `fwc notes add CASE`: a note on a case, its body read from standard input (so a script can
//! pipe a report in without it showing in the process list).

use std::io::Read;

use clap::{Args, Subcommand};

use super::ConsoleArgs;
use super::out::{self, Exit, OutputArgs, Row, exit};
use crate::api::path_segment;
use crate::model::*;

#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// Add a note to CASE; the body is standard input (UTF-8).
    Add(NoteAddArgs),
}

#[derive(Debug, Args)]
pub struct NoteAddArgs {
    /// The case's id (e.g. CS-2026-0042).
    pub case: String,
    /// The same key sent again is applied once (a retried script does not post twice).
    #[arg(long)]
    pub idempotency_key: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

impl Row for Note {
    const HEADERS: &'static [&'static str] = &[
        "id",
        "case_id",
        "author",
        "author_agency",
        "created_at",
        "version",
        "body",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.case_id.clone(),
            self.author.clone(),
            self.author_agency.clone(),
            self.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            self.version.to_string(),
            self.body.clone(),
        ]
    }
}

pub async fn run(cmd: NotesCommand, console: ConsoleArgs) -> anyhow::Result<()> {
    let NotesCommand::Add(a) = cmd;
    let mut body = String::new();
    std::io::stdin()
        .read_to_string(&mut body)
        .map_err(|e| anyhow::anyhow!("cannot read the note from standard input: {e}"))?;
    let body = body.trim_end_matches(['\r', '\n']).to_string();
    if body.trim().is_empty() {
        return Err(Exit {
            code: exit::INVALID,
            message: "the note is empty: pipe its text to standard input".into(),
        }
        .into());
    }
    let client = super::remote::connect(&console).await?;
    let path = format!("/v1/cases/{}/notes", path_segment(&a.case));
    let key = out::idempotency_key(a.idempotency_key.as_deref());
    let doc = client
        .post_value(&path, &NewNote { body }, Some(&key))
        .await?;
    out::print_one::<Note>(&doc, a.out.format())
}
