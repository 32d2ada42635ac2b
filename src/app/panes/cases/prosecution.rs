//! Where a case stands with prosecutors, recorded from the Cases pane by supervisors and
//! prosecutors (the server enforces the role and membership; the console checks the role first
//! only to say so at once).
//!
//! `S` opens a one-line form prefilled with the next stage, today's date and the case's office:
//! `stage:charged date:2026-03-01 defendants:4 office:USAO District of Arizona`. Words that are
//! not `key:value` terms are the office, so the office needs no quotes. The change goes through
//! the durable outbox like every other write and reaches the other members as `case_updated`.

use chrono::NaiveDate;

use crate::app::effect::{Effect, PendingWrite, WriteOp};
use crate::app::filter::{fold, key_for, key_name, split_term, stage, tokens, value_for};
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::panes::cases::{self, CaseNotice, CasesState};
use crate::app::state::{Lang, Level, Notice, Shell};
use crate::model::{Case, Prosecution, ProsecutionStage, ProsecutionUpdate};

/// The form's text for `case`: the stage after its current one, dated `today`, with what the
/// case already records (office, defendants) so a change of stage is one keystroke away.
/// Written in the reader's language (`etapa:con-cargos fecha:… imputados:4 fiscalía:…`).
pub fn prefill(p: &Prosecution, today: NaiveDate, lang: Lang) -> String {
    use ProsecutionStage::*;
    let k = |key: &str| key_for(lang, key);
    let next = match p.stage {
        None => Referred,
        Referred => Charged,
        Charged | Resolved => Resolved,
    };
    let mut out = format!(
        "{}:{} {}:{today}",
        k("stage"),
        value_for(lang, "stage", next.as_str()),
        k("date")
    );
    let defendants = match next {
        Charged | Resolved => Some(p.defendants.unwrap_or(1)),
        _ => Option::None,
    };
    if let Some(n) = defendants {
        out.push_str(&format!(" {}:{n}", k("defendants")));
    }
    out.push_str(&format!(" {}:", k("office")));
    if let Some(o) = &p.office {
        out.push_str(o);
    }
    out
}

/// Reads the form. `stage:none` alone takes the case back out of prosecution. The error is the
/// term that could not be understood (the server checks which fields each stage needs).
pub fn parse(input: &str) -> Result<ProsecutionUpdate, String> {
    let mut upd = ProsecutionUpdate {
        stage: ProsecutionStage::None,
        office: None,
        date: None,
        defendants: None,
    };
    let mut staged = false;
    let mut office: Vec<String> = Vec::new();
    for tok in tokens(input) {
        let Some((key, v)) = split_term(&tok) else {
            // The prefilled, still empty `office:` (`fiscalía:`) is not part of the office.
            let bare_key = tok
                .strip_suffix(':')
                .is_some_and(|k| key_name(&fold(k)) == "office");
            if !bare_key {
                office.push(tok);
            }
            continue;
        };
        match key_name(&key).as_str() {
            "stage" => {
                upd.stage = stage(v).ok_or(tok.clone())?;
                staged = true;
            }
            "date" => {
                upd.date = Some(NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| tok.clone())?)
            }
            "defendants" => upd.defendants = Some(v.parse().map_err(|_| tok.clone())?),
            "office" => office.insert(0, v.to_string()),
            _ => return Err(tok),
        }
    }
    if !staged {
        return Err("stage:".into());
    }
    if upd.stage == ProsecutionStage::None {
        // Out of prosecution: whatever the prefilled form still said no longer applies.
        upd.date = None;
        upd.defendants = None;
        return Ok(upd);
    }
    let office = office.join(" ");
    if !office.trim().is_empty() {
        upd.office = Some(office.trim().to_string());
    }
    Ok(upd)
}

/// `S`: opens the form for the current case (the open one, else the selected row).
pub fn ask(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    if cx
        .session
        .user
        .as_ref()
        .is_some_and(|u| !u.role.records_prosecution())
    {
        return vec![cx.toast(Level::Error, Notice::from(CaseNotice::StageNotYours))];
    }
    let Some(case) = p.current().cloned() else {
        return vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoCaseOpen))];
    };
    let today = cx.now.with_timezone(&chrono::Local).date_naive();
    p.stage_case = Some(case.id.clone());
    cx.overlays.push(Overlay::Prompt(Prompt {
        purpose: PromptFor::Prosecution,
        input: prefill(&case.prosecution, today, cx.lang),
    }));
    vec![]
}

/// The form was confirmed: the change is queued in the outbox.
pub fn prompted(p: &mut CasesState, cx: &mut Shell, text: String) -> Vec<Effect> {
    let Some(case_id) = p.stage_case.take() else {
        return vec![];
    };
    let update = match parse(&text) {
        Ok(u) => u,
        Err(term) => {
            return vec![cx.toast(Level::Error, Notice::from(CaseNotice::StageInput(term)))];
        }
    };
    let key = cx.idempotency_key();
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::SetProsecution { case_id, update },
        }),
        cx.toast(Level::Info, Notice::WritesQueued(1)),
    ]
}

/// The server recorded the stage: the list and the open case show the case as it now is.
pub fn on_written(p: &mut CasesState, cx: &mut Shell, case: Case) -> Vec<Effect> {
    cases::replace_row(p, &case);
    if let Some(d) = p.detail.as_mut().filter(|d| d.case.id == case.id) {
        d.case = case.clone();
    }
    let n = CaseNotice::StageRecorded(case.id.clone(), case.prosecution.stage);
    vec![cx.toast(Level::Ok, Notice::from(n))]
}

#[cfg(test)]
#[path = "prosecution_tests.rs"]
mod tests;
