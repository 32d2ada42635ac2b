//! The Cases pane's toasts, worded from the catalogue.

use crate::app::panes::cases::CaseNotice;
use crate::app::panes::cases::members::MemberNotice;
use crate::app::state::Lang;
use crate::ui::i18n::tr;

/// A toast of the Cases pane.
pub fn notice(l: Lang, n: &CaseNotice) -> String {
    match n {
        CaseNotice::CaseCreated(id) => tr!(l, "notice-case-created", case = id),
        CaseNotice::NoteQueued => tr!(l, "notice-note-queued"),
        CaseNotice::NotePosted(id) => tr!(l, "notice-note-posted", case = id),
        CaseNotice::NoteEmpty => tr!(l, "notice-note-empty"),
        CaseNotice::DraftKept(id) => tr!(l, "notice-draft-kept", case = id),
        CaseNotice::DraftsWaiting(k) => tr!(l, "notice-drafts-waiting", count = *k),
        CaseNotice::NoReferences => tr!(l, "notice-no-references"),
        CaseNotice::NoLeadsForCasing(id) => tr!(l, "notice-no-leads-for-casing", casing = id),
        CaseNotice::NotYours => tr!(l, "notice-not-yours"),
        CaseNotice::NoteSaved(id) => tr!(l, "notice-note-saved", note = id),
        CaseNotice::Conflict(who) => tr!(l, "notice-conflict", author = who),
        CaseNotice::Exporting(id) => tr!(l, "notice-exporting", case = id),
        CaseNotice::Exported(p) => tr!(l, "notice-exported", path = p),
        CaseNotice::NoCaseOpen => tr!(l, "notice-no-case-open"),
        CaseNotice::StageNotYours => tr!(l, "notice-stage-not-yours"),
        CaseNotice::StageInput(t) => tr!(l, "notice-stage-input", term = t),
        CaseNotice::CaseFilterInput(t) => tr!(l, "notice-case-filter-input", term = t),
        CaseNotice::StageRecorded(id, st) => tr!(
            l,
            "notice-stage-recorded",
            case = id,
            stage = crate::ui::i18n::prosecution_stage(l, *st)
        ),
        CaseNotice::Members(m) => match m {
            MemberNotice::SupervisorsOnly => tr!(l, "notice-supervisors-only"),
            MemberNotice::Added(who, case) => {
                tr!(l, "notice-member-added", member = who, case = case)
            }
            MemberNotice::Removed(who, case) => {
                tr!(l, "notice-member-removed", member = who, case = case)
            }
        },
    }
}
