//! The vocabulary of everything the console can do.
//!
//! Bindable actions are unit variants with serde snake_case names, so the keymap TOML, the
//! command palette and the help overlay all name them the same way and can never disagree.
//! Variants marked `#[serde(skip)]` are not bindable: typed text, replies from background tasks
//! and timer ticks, which enter `update()` through the same door as keys.

use serde::{Deserialize, Serialize};

use super::reply::Reply;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    /// Give the terminal back and stop, as Ctrl-Z does in a shell; `fg` brings the console back.
    Suspend,
    NextPane,
    PrevPane,
    Pane1,
    Pane2,
    Pane3,
    Pane4,
    Pane5,
    Pane6,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Open the selected row's detail (or confirm the top overlay).
    Open,
    /// Close the top overlay, or leave a detail view.
    Back,
    Filter,
    Palette,
    Help,
    /// Copy the selected id or serial to the user's clipboard (OSC 52).
    Copy,
    Refresh,
    ToggleSort,
    /// Mark or unmark the selected row for a bulk action.
    Mark,
    SubmitTrace,
    ChangeStatus,
    AssignCase,
    RelatedPurchaser,
    RelatedDealer,
    ToggleLanguage,
    ClearFilter,
    /// Start a new case (asks for its title).
    NewCase,
    /// Write a note in the open case (opens the note editor).
    WriteNote,
    /// Open the entity a reference in the selected note names (`SZ-…`, `TR-…`, `#SERIAL`…).
    FollowRef,
    /// Ballistics: show every lead, or only those awaiting review.
    ToggleAllLeads,
    /// Ballistics: show "Correlations to review" (casings whose ranked list awaits a
    /// technician), or the lead queue again.
    ToggleReviews,
    /// Ballistics: mark the selected correlation candidate as a lead (asks for a comment;
    /// technicians and examiners).
    MarkLead,
    /// Ballistics: cycle the comparison between raw, aligned and difference views.
    ToggleView,
    /// Ballistics: draw the casing images, or hide them (the slow-link profile hides them
    /// until asked).
    ToggleImages,
    ZoomIn,
    ZoomOut,
    /// Ballistics: the next or previous candidate of the same casing.
    NextCandidate,
    PrevCandidate,
    /// Ballistics decisions (each asks for a comment). Confirming is for examiners only.
    ConfirmHit,
    ExcludeLead,
    InconclusiveLead,
    /// Edit your own selected note (saved only if nobody changed it meanwhile).
    EditNote,
    /// Write the open case's packet (Markdown) to a file in the current directory.
    ExportCase,
    /// Supervisors: add an agency or a user to the open case (a fuzzy picker).
    AddMember,
    /// Supervisors: remove a member from the open case (asks first).
    RemoveMember,
    /// Supervisors: who read or changed the open case, and when.
    AuditTrail,
    /// Every version of the selected note: who wrote each, when, and what each changed.
    NoteHistory,
    /// Open the Network pane on the selected entity (its links, paths, rings).
    Network,
    /// Network: mark the selected node as the start of a path.
    MarkNode,
    /// Network: the shortest paths from the marked node to the selected one.
    FindPath,
    /// Network: the ranked suspected rings (straw purchasers, diverting dealers), or back.
    Rings,
    /// Network: rings of purchasers or of dealers.
    ToggleRingKind,
    /// Supervisors and prosecutors: record the open case's prosecution stage.
    SetProsecution,
    /// Outcomes: the window of the same length before or after the one shown.
    EarlierWindow,
    LaterWindow,
    /// Outcomes: all countries → Mexico → the US.
    CycleCountry,
    /// Watch the selected record or the current filter (asks for a name).
    Watch,
    /// The alert inbox.
    Alerts,
    /// The watches list (rename, pause, delete).
    Watches,
    /// Inbox: mark the selected alert read.
    MarkRead,
    /// Watches list: rename, pause or resume, delete the selected watch.
    RenameWatch,
    PauseWatch,
    DeleteWatch,
    /// Queue: import seizures from a CSV file (checked and shown before anything is written).
    ImportSeizures,
    /// Answers to a yes/no question: bound in the confirm key context only, so they are not
    /// in [`Action::BINDABLE`] (the palette's list).
    Yes,
    No,
    /// Note editor: undo the last change, redo what was undone, find (a regular expression),
    /// find the next match.
    Undo,
    Redo,
    Find,
    FindNext,
    /// Note editor: the text's own editing keys, bound in `[keys.editor]` like every other key
    /// (printable characters not bound there are text). `Up`, `Down`, `Top`, `Bottom` and
    /// `Backspace` serve the editor too.
    Newline,
    DeleteChar,
    DeleteWord,
    DeleteToLineEnd,
    CursorLeft,
    CursorRight,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    /// The sign-in form: the next or previous field (bound in `[keys.signin]` only, so not in
    /// [`Action::BINDABLE`]).
    NextField,
    PrevField,
    /// Lock the console: every record hidden until the user signs in again (the idle timer).
    #[serde(skip)]
    Lock,
    /// A character typed into the open prompt or the note editor.
    #[serde(skip)]
    Char(char),
    /// Deletes the character before the cursor in a text field.
    Backspace,
    /// The terminal changed size.
    #[serde(skip)]
    Resize(u16, u16),
    /// Rows a list shows, reported by the UI whenever its layout changes.
    #[serde(skip)]
    ListRows(usize),
    /// Show the user an entity, in whichever pane shows it (see `panes::navigate`).
    #[serde(skip)]
    Navigate(super::panes::Target),
    /// The once-a-minute clock.
    #[serde(skip)]
    Tick(chrono::DateTime<chrono::Utc>),
    /// A background task finished.
    #[serde(skip)]
    Reply(Box<Reply>),
    /// A measurement of the link (round trip, terminal output rate): `auto` may pick the
    /// slow-link profile.
    #[serde(skip)]
    LinkMeasured(super::link::LinkSign),
    /// Text pasted (bracketed paste) while the note editor has the keyboard.
    #[serde(skip)]
    Paste(String),
}

impl Action {
    /// Every bindable action, in the order the help overlay and the palette list them.
    pub const BINDABLE: &'static [Action] = &[
        Action::Quit,
        Action::Suspend,
        Action::NextPane,
        Action::PrevPane,
        Action::Pane1,
        Action::Pane2,
        Action::Pane3,
        Action::Pane4,
        Action::Pane5,
        Action::Pane6,
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::Open,
        Action::Back,
        Action::Filter,
        Action::Palette,
        Action::Help,
        Action::Copy,
        Action::Refresh,
        Action::ToggleSort,
        Action::Mark,
        Action::SubmitTrace,
        Action::ChangeStatus,
        Action::AssignCase,
        Action::RelatedPurchaser,
        Action::RelatedDealer,
        Action::ToggleLanguage,
        Action::ClearFilter,
        Action::NewCase,
        Action::WriteNote,
        Action::FollowRef,
        Action::ToggleAllLeads,
        Action::ToggleReviews,
        Action::MarkLead,
        Action::ToggleView,
        Action::ToggleImages,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::NextCandidate,
        Action::PrevCandidate,
        Action::ConfirmHit,
        Action::ExcludeLead,
        Action::InconclusiveLead,
        Action::EditNote,
        Action::ExportCase,
        Action::AddMember,
        Action::RemoveMember,
        Action::AuditTrail,
        Action::NoteHistory,
        Action::Network,
        Action::MarkNode,
        Action::FindPath,
        Action::Rings,
        Action::ToggleRingKind,
        Action::SetProsecution,
        Action::EarlierWindow,
        Action::LaterWindow,
        Action::CycleCountry,
        Action::Watch,
        Action::Alerts,
        Action::Watches,
        Action::MarkRead,
        Action::RenameWatch,
        Action::PauseWatch,
        Action::DeleteWatch,
        Action::ImportSeizures,
    ];

    /// The serde name of a bindable action (`next_pane`), used in config files and the palette.
    pub fn name(&self) -> Option<String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// Parses a bindable action from its config name.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindable_names_round_trip() {
        for a in Action::BINDABLE {
            let n = a.name().unwrap();
            assert_eq!(Action::from_name(&n).as_ref(), Some(a), "{n}");
        }
        assert_eq!(Action::NextPane.name().as_deref(), Some("next_pane"));
        assert!(Action::Char('x').name().is_none());
    }
}
