//! Every string the console shows, in English and Spanish.
//!
//! Keys are an enum matched exhaustively in `en.rs` and `es.rs`, so a string missing from
//! either language is a compile error rather than a blank on screen.

mod ballistics;
pub mod cases;
mod en;
mod es;
pub mod members;
pub mod note_history;

pub use ballistics::{BalMsg, lead_status};

use crate::app::Action;
use crate::app::state::{Lang, Notice};
use crate::model::{
    ChainRole, ItemKind, NotTraceableReason, SeizureKind, TracePriority, TraceStatus, TriageStatus,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    TabQueue,
    TabTrace,
    Demo,
    /// The demo banner when the tab bar has no room for the long one.
    DemoShort,
    Online,
    Offline,
    Stale,
    Connecting,
    LastSync,
    Never,
    Pending,
    ReadOnly,
    NotSignedIn,
    Newest,
    Oldest,
    Filter,
    NoFilter,
    Marked,
    Loading,
    NoSeizures,
    Total,
    ColId,
    ColStatus,
    ColDate,
    ColAge,
    ColPlace,
    ColAgency,
    ColGuns,
    ColSummary,
    Items,
    Place,
    Kind,
    Agency,
    Occurred,
    Conveyance,
    Concealment,
    Summary,
    LinkedTraces,
    LinkedCases,
    NoneYet,
    QueueHint,
    DetailHint,
    Recent,
    SearchResults,
    SamePurchaser,
    SameDealer,
    ColSerial,
    ColFirearm,
    ColCaliber,
    ColTtc,
    ColSubmitted,
    NoTraces,
    Chain,
    TimeToCrime,
    Days,
    ShortTtc,
    MultipleSales,
    NoMultipleSales,
    Recovery,
    NotTraceable,
    TraceHint,
    TraceDetailHint,
    Priority,
    CrimeCode,
    RequestingAgency,
    HelpTitle,
    HelpKey,
    HelpAction,
    PaletteTitle,
    FilterTitle,
    FilterHint,
    SearchTitle,
    SearchHint,
    ConfirmTitle,
    ConfirmSubmit,
    ConfirmHint,
    StatusTitle,
    CaseTitle,
    TabCases,
    NewCaseTitle,
    NewCaseHint,
    PickerHint,
    NoMatches,
    CannotReach,
    WhatToDo,
    AuthFailed,
    AuthWhatToDo,
    /// The ballistics review pane's strings.
    Bal(BalMsg),
}

pub fn t(lang: Lang, m: Msg) -> &'static str {
    match lang {
        Lang::En => en::text(m),
        Lang::Es => es::text(m),
    }
}

/// A template with `{0}`, `{1}` … filled in.
pub fn tf(lang: Lang, m: Msg, args: &[&str]) -> String {
    fill(t(lang, m), args)
}

pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), a);
    }
    out
}

/// What an action does, for the help overlay and the palette.
pub fn action(lang: Lang, a: &Action) -> &'static str {
    match lang {
        Lang::En => en::action(a),
        Lang::Es => es::action(a),
    }
}

/// Palette entries for every bindable action, per language (indexed by `Lang as usize`).
pub fn action_labels() -> [Vec<(Action, String)>; 2] {
    let labels = |lang| {
        Action::BINDABLE
            .iter()
            .map(|a| (a.clone(), action(lang, a).to_string()))
            .collect()
    };
    [labels(Lang::En), labels(Lang::Es)]
}

pub fn notice(lang: Lang, n: &Notice) -> String {
    match lang {
        Lang::En => en::notice(n),
        Lang::Es => es::notice(n),
    }
}

pub fn triage(lang: Lang, s: TriageStatus) -> &'static str {
    match lang {
        Lang::En => en::triage(s),
        Lang::Es => es::triage(s),
    }
}

pub fn trace_status(lang: Lang, s: TraceStatus) -> &'static str {
    match lang {
        Lang::En => en::trace_status(s),
        Lang::Es => es::trace_status(s),
    }
}

pub fn role(lang: Lang, r: ChainRole) -> &'static str {
    match lang {
        Lang::En => en::role(r),
        Lang::Es => es::role(r),
    }
}

pub fn item_kind(lang: Lang, k: ItemKind) -> &'static str {
    match lang {
        Lang::En => en::item_kind(k),
        Lang::Es => es::item_kind(k),
    }
}

pub fn seizure_kind(lang: Lang, k: SeizureKind) -> &'static str {
    match lang {
        Lang::En => en::seizure_kind(k),
        Lang::Es => es::seizure_kind(k),
    }
}

pub fn priority(lang: Lang, p: TracePriority) -> &'static str {
    match (lang, p) {
        (Lang::En, TracePriority::Routine) => "routine",
        (Lang::En, TracePriority::Urgent) => "URGENT",
        (Lang::Es, TracePriority::Routine) => "ordinaria",
        (Lang::Es, TracePriority::Urgent) => "URGENTE",
    }
}

pub fn reason(lang: Lang, r: NotTraceableReason) -> &'static str {
    match lang {
        Lang::En => en::reason(r),
        Lang::Es => es::reason(r),
    }
}
