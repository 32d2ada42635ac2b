//! English.

use super::{Msg, fill};
use crate::app::Action;
use crate::app::state::Notice;
use crate::model::{
    ChainRole, ItemKind, NotTraceableReason, SeizureKind, TraceStatus, TriageStatus,
};

pub fn text(m: Msg) -> &'static str {
    use Msg::*;
    match m {
        TabQueue => "Queue",
        TabTrace => "Trace",
        Demo => "SYNTHETIC DEMO DATA",
        DemoShort => "SYNTHETIC DATA",
        Online => "online",
        Offline => "OFFLINE",
        Stale => "stale",
        Connecting => "connecting…",
        LastSync => "sync",
        Never => "never",
        Pending => "pending",
        ReadOnly => "READ-ONLY",
        NotSignedIn => "not signed in",
        Newest => "newest first",
        Oldest => "oldest first",
        Filter => "filter",
        NoFilter => "none",
        Marked => "marked",
        Loading => "loading…",
        NoSeizures => "No seizures match this filter.",
        Total => "total",
        ColId => "ID",
        ColStatus => "Status",
        ColDate => "Recovered",
        ColAge => "Age",
        ColPlace => "Place",
        ColAgency => "Agency",
        ColGuns => "Guns",
        ColSummary => "Summary",
        Items => "Items",
        Place => "Place",
        Kind => "Kind",
        Agency => "Agency",
        Occurred => "Recovered",
        Conveyance => "Conveyance",
        Concealment => "Concealment",
        Summary => "Summary",
        LinkedTraces => "Traces",
        LinkedCases => "Cases",
        NoneYet => "none yet",
        QueueHint => {
            "{open} open · {filter} filter · {toggle_sort} sort · {mark} mark · {submit_trace} trace · {change_status} status · {assign_case} case · {help} help"
        }
        DetailHint => {
            "{submit_trace} request traces · {change_status} status · {assign_case} assign to case · {copy} copy id · {back} back"
        }
        Recent => "Recent traces",
        SearchResults => "Search: {0}",
        SamePurchaser => "Same purchaser: {0}",
        SameDealer => "Same dealer: {0}",
        ColSerial => "Serial",
        ColFirearm => "Firearm",
        ColCaliber => "Caliber",
        ColTtc => "TTC",
        ColSubmitted => "Submitted",
        NoTraces => {
            "No traces found. Search a serial (ABC123, ABC*, *12?4*), a trace number or make:/model:/caliber:."
        }
        Chain => "Chain of custody",
        TimeToCrime => "Time to crime",
        Days => "{0} days",
        ShortTtc => "SHORT — trafficking indicator",
        MultipleSales => "Multiple-sale reports",
        NoMultipleSales => "none",
        Recovery => "Recovery",
        NotTraceable => "Not traceable",
        TraceHint => {
            "{filter} search · {open} open · {related_purchaser} same purchaser · {related_dealer} same dealer · {copy} copy serial"
        }
        TraceDetailHint => {
            "{related_purchaser} same purchaser · {related_dealer} same dealer · {copy} copy serial · {back} back"
        }
        Priority => "Priority",
        CrimeCode => "Crime code",
        RequestingAgency => "Requested by",
        HelpTitle => "Keys",
        HelpKey => "Key",
        HelpAction => "Action",
        PaletteTitle => "Command",
        FilterTitle => "Filter the queue",
        FilterHint => {
            "status:new agency:… state:\"Nuevo León\" port:… item:firearm from:2026-01-01 to:… text"
        }
        SearchTitle => "Search traces",
        SearchHint => {
            "serial ABC123 · prefix ABC* · wildcard *12?4* · TR-2026-… · make: model: caliber:"
        }
        ConfirmTitle => "Confirm",
        ConfirmSubmit => "Submit {0} trace requests (routine, crime code {1})?",
        ConfirmHint => "y / Enter: yes · n / Esc: no",
        StatusTitle => "Set triage status",
        CaseTitle => "Assign to case",
        TabCases => "Cases",
        NewCaseTitle => "New case",
        NewCaseHint => {
            "Type its title · Enter creates it (you and your agency are members) · Esc cancels"
        }
        PickerHint => "type to filter · ↑↓ choose · Enter select · Esc close",
        NoMatches => "no matches",
        CannotReach => "Cannot reach the server at {0}.",
        WhatToDo => {
            "Check the address (--server or `server` in config.toml) and your network. The console keeps trying and works from its cache meanwhile. Press q to quit."
        }
        AuthFailed => "The server refused the sign-in: {0}",
        AuthWhatToDo => {
            "Check your token (--token, FWC_TOKEN or token_file in config.toml). Press q to quit."
        }
        Bal(b) => super::ballistics::en(b),
    }
}

pub fn action(a: &Action) -> &'static str {
    match a {
        Action::Quit => "Quit",
        Action::NextPane => "Next pane",
        Action::PrevPane => "Previous pane",
        Action::Pane1 => "Go to pane 1",
        Action::Pane2 => "Go to pane 2",
        Action::Pane3 => "Go to pane 3",
        Action::Pane4 => "Go to pane 4",
        Action::Up => "Move up",
        Action::Down => "Move down",
        Action::Top => "Go to top",
        Action::Bottom => "Go to bottom",
        Action::PageUp => "Page up",
        Action::PageDown => "Page down",
        Action::Open => "Open / confirm",
        Action::Back => "Close / back",
        Action::Filter => "Filter or search",
        Action::Palette => "Command palette",
        Action::Help => "Help",
        Action::Copy => "Copy id or serial",
        Action::Refresh => "Refresh",
        Action::ToggleSort => "Newest / oldest first",
        Action::Mark => "Mark for bulk action",
        Action::SubmitTrace => "Request traces",
        Action::ChangeStatus => "Change triage status",
        Action::AssignCase => "Assign to case",
        Action::RelatedPurchaser => "Traces with same purchaser",
        Action::RelatedDealer => "Traces with same dealer",
        Action::ToggleLanguage => "Español / English",
        a @ (Action::ToggleAllLeads
        | Action::ToggleView
        | Action::ZoomIn
        | Action::ZoomOut
        | Action::NextCandidate
        | Action::PrevCandidate
        | Action::ConfirmHit
        | Action::ExcludeLead
        | Action::InconclusiveLead) => super::ballistics::action_en(a),
        Action::ClearFilter => "Clear filter",
        Action::NewCase => "New case",
        Action::WriteNote => "Write a note in the open case",
        Action::FollowRef => "Follow a reference in the selected note",
        Action::EditNote => "Edit my selected note",
        Action::ExportCase => "Export the case packet (Markdown file)",
        Action::AddMember => "Add a member to the case (supervisors)",
        Action::RemoveMember => "Remove a member from the case (supervisors)",
        Action::AuditTrail => "The case's audit trail (supervisors)",
        Action::Yes => "Yes",
        Action::No => "No",
        Action::EditorKey(_) | Action::Paste(_) => "",
        Action::Char(_)
        | Action::Backspace
        | Action::Resize(..)
        | Action::ListRows(_)
        | Action::Navigate(_)
        | Action::Tick(_)
        | Action::Reply(_) => "",
    }
}

pub fn notice(n: &Notice) -> String {
    match n {
        Notice::ReadOnly => "Read-only session: changes are disabled.".into(),
        Notice::NothingSelected => "Nothing selected.".into(),
        Notice::NotHere => "Not available for this record.".into(),
        Notice::NoFirearms(id) => fill("{0} has no firearms to trace.", &[id]),
        Notice::Copied(s) => fill("Copied {0}", &[s]),
        Notice::WritesQueued(n) => fill("{0} change(s) queued for sending.", &[&n.to_string()]),
        Notice::KeptForOtherSignIn(n) => fill(
            "{0} change(s) queued here by another sign-in are kept; they are sent when that user signs in.",
            &[&n.to_string()],
        ),
        Notice::TraceSubmitted(id) => fill("Trace {0} submitted.", &[id]),
        Notice::StatusChanged(id, s) => fill("{0} is now {1}.", &[id, triage(*s)]),
        Notice::Linked(what, case) => fill("{0} linked to {1}.", &[what, case]),
        Notice::WriteRefused(m) => fill("The server refused a change: {0}", &[m]),
        Notice::FetchFailed(m) => m.clone(),
        Notice::BackOnline => "Back online.".into(),
        Notice::WentOffline => {
            "Server unreachable: your changes are kept and sent when it returns.".into()
        }
        Notice::LanguageChanged => "English".into(),
        Notice::Text(t) => t.clone(),
        Notice::Cases(n) => super::cases::notice(crate::app::state::Lang::En, n),
        Notice::Ballistics(b) => super::ballistics::notice_en(b),
    }
}

pub fn triage(s: TriageStatus) -> &'static str {
    match s {
        TriageStatus::New => "new",
        TriageStatus::InReview => "in review",
        TriageStatus::TracesRequested => "traces requested",
        TriageStatus::Linked => "linked",
        TriageStatus::Closed => "closed",
    }
}

pub fn trace_status(s: TraceStatus) -> &'static str {
    match s {
        TraceStatus::Submitted => "submitted",
        TraceStatus::InProgress => "in progress",
        TraceStatus::Completed => "completed",
        TraceStatus::NotTraceable => "not traceable",
    }
}

pub fn role(r: ChainRole) -> &'static str {
    match r {
        ChainRole::Manufacturer => "Manufacturer",
        ChainRole::Importer => "Importer",
        ChainRole::Distributor => "Distributor",
        ChainRole::Dealer => "Dealer (FFL)",
        ChainRole::Purchaser => "First purchaser",
    }
}

pub fn item_kind(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Firearm => "firearm",
        ItemKind::Part => "part",
        ItemKind::Magazine => "magazine",
        ItemKind::Ammunition => "ammunition",
    }
}

pub fn seizure_kind(k: SeizureKind) -> &'static str {
    match k {
        SeizureKind::BorderInspection => "southbound inspection",
        SeizureKind::CrimeScene => "crime scene",
        SeizureKind::Operation => "operation",
    }
}

pub fn reason(r: NotTraceableReason) -> &'static str {
    match r {
        NotTraceableReason::ObliteratedSerial => "obliterated serial",
        NotTraceableReason::MissingSerial => "missing serial",
        NotTraceableReason::InsufficientDescription => "insufficient description",
        NotTraceableReason::Pre1968 => "made before 1968",
        NotTraceableReason::DealerRecordsIncomplete => "dealer records incomplete",
        NotTraceableReason::DealerOutOfBusiness => "dealer out of business",
        NotTraceableReason::ForeignNoImporter => "foreign, no importer",
    }
}
