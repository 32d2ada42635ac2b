//! The Network pane's toasts, worded from the catalogue.

use crate::app::panes::network::NetNotice;
use crate::app::state::Lang;
use crate::ui::i18n::tr;

/// A toast of the Network pane.
pub fn notice(l: Lang, n: &NetNotice) -> String {
    match n {
        NetNotice::Marked(id) => tr!(l, "notice-net-marked", id = id),
        NetNotice::MarkFirst => tr!(l, "notice-net-mark-first"),
        NetNotice::SameNode => tr!(l, "notice-net-same-node"),
        NetNotice::PathQueued(case) => tr!(l, "notice-net-path-queued", case = case),
    }
}
