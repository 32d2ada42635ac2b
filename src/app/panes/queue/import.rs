//! The Queue's `I`: a field office's spreadsheet (CSV) into the queue, with the same check as
//! `fwc seizures import`. A path prompt; the file is read and checked by an effect
//! ([`Effect::ReadImport`]) and its report shown in an overlay (rows ok and invalid, every
//! problem by row and column, what would be recorded); Enter sends it ([`Effect::Import`]), in
//! batches whose progress the status bar shows; the queue then reloads. As with `--dry-run`,
//! nothing is written before Enter, and while any row is invalid nothing is written unless the
//! user ticks "skip invalid rows" (`--skip-invalid`). Each seizure carries a key from its content,
//! so importing the same file again records nothing new.

use crate::import::{Plan, Planned, Problem};
use crate::model::SeizureImport;

use super::{QueueState, refresh};
use crate::app::action::Action;
use crate::app::effect::{Effect, Slot};
use crate::app::import_job::{ImportFile, ImportProgress};
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::panes::{PaneId, slot};
use crate::app::state::{Level, Refusal, Shell};

/// Reading and checking the file, then sending it: one job at a time.
pub const IMPORT: Slot = slot(PaneId::Queue, 4);

/// The overlay: reading the file, or its report.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportView {
    /// The path as typed.
    pub path: String,
    /// `None` while the file is being read and checked.
    pub file: Option<ImportFile>,
    /// The first report line shown.
    pub scroll: usize,
    /// Import the valid rows although others are invalid (`--skip-invalid`).
    pub skip_invalid: bool,
}

impl ImportView {
    /// Whether Enter would write: something valid, and no invalid row unless skipped.
    pub fn ready(&self) -> bool {
        self.file.as_ref().is_some_and(|f| {
            !f.plan.seizures.is_empty() && (f.plan.problems.is_empty() || self.skip_invalid)
        })
    }
}

/// One line of the report: a problem, or a seizure that would be recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportLine<'a> {
    Problem(&'a Problem),
    Seizure(&'a Planned),
}

/// The report's lines: every problem (row order), then what would be recorded.
pub fn report(plan: &Plan) -> Vec<ReportLine<'_>> {
    plan.problems
        .iter()
        .map(ReportLine::Problem)
        .chain(plan.seizures.iter().map(ReportLine::Seizure))
        .collect()
}

/// The Queue's own toasts about an import.
#[derive(Debug, Clone, PartialEq)]
pub enum QueueNotice {
    /// Enter with invalid rows and "skip" not ticked: nothing is written.
    ImportBlocked { invalid_rows: usize },
    /// The file holds nothing to record.
    ImportEmpty,
    /// Another import is still being sent.
    ImportBusy,
    /// All sent: recorded now, and imported before.
    Imported { created: usize, existing: usize },
    /// The server refused a batch, or the link broke: what went in before stays (a new run
    /// writes it not twice).
    ImportStopped { sent: usize, refusal: Refusal },
}

/// `I`: the path prompt (refused when read-only or while an import runs).
pub fn start(p: &mut QueueState, cx: &mut Shell) -> Vec<Effect> {
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    if p.importing.is_some() {
        return vec![cx.toast(Level::Info, QueueNotice::ImportBusy.into())];
    }
    cx.overlays.push(Overlay::Prompt(Prompt {
        purpose: PromptFor::ImportPath,
        input: p.import_path.clone(),
    }));
    vec![]
}

/// Enter in the path prompt: the report overlay opens at once and the file is read.
pub fn path_given(p: &mut QueueState, cx: &mut Shell, path: String) -> Vec<Effect> {
    if path.is_empty() {
        return vec![];
    }
    p.import_path = path.clone();
    cx.overlays.push(Overlay::Import(ImportView {
        path: path.clone(),
        file: None,
        scroll: 0,
        skip_invalid: false,
    }));
    let generation = cx.issue(IMPORT);
    vec![Effect::ReadImport {
        slot: IMPORT,
        generation,
        path,
    }]
}

/// The checked file, into the overlay that asked for it (gone if the user closed it).
pub fn checked(cx: &mut Shell, file: ImportFile) {
    if let Some(Overlay::Import(v)) = cx.overlays.iter_mut().rev().find(|o| matches!(o, Overlay::Import(_))) {
        v.file = Some(file);
    }
}

/// The file could not be read (the app has said why): its overlay closes.
pub fn unreadable(cx: &mut Shell) {
    if let Some(i) = cx.overlays.iter().rposition(|o| matches!(o, Overlay::Import(_))) {
        cx.overlays.remove(i);
    }
}

/// Keys in the report: scroll, tick "skip invalid rows" (`mark`), Enter imports.
pub fn overlay_key(p: &mut QueueState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let height = cx.list_height();
    let Some(Overlay::Import(v)) = cx.overlays.last_mut() else {
        return vec![];
    };
    let lines = v.file.as_ref().map_or(0, |f| report(&f.plan).len());
    let last = lines.saturating_sub(1);
    match action {
        Action::Up => v.scroll = v.scroll.saturating_sub(1),
        Action::Down => v.scroll = (v.scroll + 1).min(last),
        Action::PageUp => v.scroll = v.scroll.saturating_sub(height),
        Action::PageDown => v.scroll = (v.scroll + height).min(last),
        Action::Top => v.scroll = 0,
        Action::Bottom => v.scroll = last,
        Action::Mark => v.skip_invalid = !v.skip_invalid,
        Action::Open => return send(p, cx),
        _ => {}
    }
    vec![]
}

/// Enter: the valid seizures go in batches, unless the report forbids it.
fn send(p: &mut QueueState, cx: &mut Shell) -> Vec<Effect> {
    let Some(Overlay::Import(v)) = cx.overlays.last() else {
        return vec![];
    };
    let Some(file) = &v.file else {
        return vec![];
    };
    if file.plan.seizures.is_empty() {
        return vec![cx.toast(Level::Info, QueueNotice::ImportEmpty.into())];
    }
    if !v.ready() {
        let invalid_rows = file.plan.invalid_rows();
        return vec![cx.toast(Level::Error, QueueNotice::ImportBlocked { invalid_rows }.into())];
    }
    if p.importing.is_some() {
        return vec![cx.toast(Level::Info, QueueNotice::ImportBusy.into())];
    }
    let batches: Vec<SeizureImport> = crate::import::requests(&file.plan);
    let total = file.plan.seizures.len();
    cx.overlays.pop();
    p.importing = Some(ImportProgress {
        total,
        ..ImportProgress::default()
    });
    let generation = cx.issue(IMPORT);
    vec![Effect::Import {
        slot: IMPORT,
        generation,
        batches,
    }]
}

/// A batch answered, or the end: the status bar follows; at the end a toast and a fresh queue
/// (what went in before a failure is in it too).
pub fn progressed(p: &mut QueueState, cx: &mut Shell, pr: ImportProgress) -> Vec<Effect> {
    if !pr.done {
        p.importing = Some(pr);
        return vec![];
    }
    p.importing = None;
    let notice = match pr.failed {
        Some(e) => QueueNotice::ImportStopped {
            sent: pr.sent,
            refusal: Refusal::of(&e),
        },
        None => QueueNotice::Imported {
            created: pr.created,
            existing: pr.existing,
        },
    };
    let level = if matches!(notice, QueueNotice::Imported { .. }) {
        Level::Ok
    } else {
        Level::Error
    };
    let mut fx = vec![cx.toast(level, notice.into())];
    if pr.sent > 0 {
        fx.extend(refresh(p, cx));
    }
    fx
}
