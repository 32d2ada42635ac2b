//! The Ballistics pane's toasts, worded from the catalogue.

use crate::app::panes::ballistics::BalNotice;
use crate::app::state::Lang;
use crate::ui::i18n::tr;

/// A toast of the Ballistics pane.
pub fn notice(l: Lang, n: &BalNotice) -> String {
    match n {
        BalNotice::ExaminerOnly => tr!(l, "notice-examiner-only"),
        BalNotice::DecisionQueued(id) => tr!(l, "notice-decision-queued", lead = id),
        BalNotice::Decided(id, st) => {
            tr!(
                l,
                "notice-lead-decided",
                lead = id,
                status = crate::ui::i18n::lead_status(l, *st)
            )
        }
        BalNotice::NoMoreCandidates => tr!(l, "notice-no-more-candidates"),
        BalNotice::MarkersOnly => tr!(l, "notice-markers-only"),
        BalNotice::CommentRequired => tr!(l, "notice-mark-comment-required"),
        BalNotice::MarkQueued(id) => tr!(l, "notice-mark-queued", candidate = id),
        BalNotice::Marked(id) => tr!(l, "notice-lead-marked", lead = id),
    }
}
