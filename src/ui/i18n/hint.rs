//! Hint lines as data: each is an ordered list of segments "key + label", most important first,
//! so a narrow terminal drops the least important ones whole (never half a word), a rebound
//! key shows its new name, and an unbound action leaves its segment out. The labels are
//! catalogue messages (`hint-<line>-<what>`); the keys come from the live keymap. Each list is
//! ordered by importance: what the user most needs first (open, decide), then navigation, then
//! help and sorting; `hint_parity_at_80_columns` checks no language loses a segment English shows.

use unicode_width::UnicodeWidthStr;

use super::text;
use crate::app::state::{Binding, Lang};

/// One "key + label" segment of a hint line. Its key is always the live keymap's: there is no
/// way to write a fixed key into a hint.
#[derive(Debug, Clone, Copy)]
pub struct Seg {
    /// The actions (by config name) whose keys are shown, joined with `/`.
    pub actions: &'static [&'static str],
    /// Catalogue id of the label.
    pub label: &'static str,
}

impl Seg {
    pub const fn bound(actions: &'static [&'static str], label: &'static str) -> Seg {
        Seg { actions, label }
    }

    /// The key part as shown, `None` when an action of it is unbound.
    pub fn key_text(&self, lang: Lang, bindings: &[Binding]) -> Option<String> {
        let keys = self
            .actions
            .iter()
            .map(|name| {
                bindings
                    .iter()
                    .find(|bd| bd.action.name().as_deref() == Some(*name))
                    .map(|bd| super::key_name(lang, &bd.key))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(keys.join("/"))
    }
}

/// The hint line that fits in `width`: whole segments in order, joined by ` · `.
pub fn line(lang: Lang, segs: &[Seg], bindings: &[Binding], width: usize) -> String {
    shown(lang, segs, bindings, width)
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The hint row as drawn in `width` cells: the segments shown and whether the row keeps its
/// one-cell left padding. The padding is given up only when it is what keeps a segment off
/// the row (a Spanish key name is longer: `Espacio`).
pub fn row(
    lang: Lang,
    segs: &[Seg],
    bindings: &[Binding],
    width: usize,
) -> (bool, Vec<(&'static str, String)>) {
    let padded = shown(lang, segs, bindings, width.saturating_sub(1));
    let full = shown(lang, segs, bindings, width);
    if full.len() > padded.len() {
        (false, full)
    } else {
        (true, padded)
    }
}

/// The segments that fit in `width` (label id and text), most important first; an unbound
/// action is skipped, and the first segment that does not fit ends the line.
pub fn shown(
    lang: Lang,
    segs: &[Seg],
    bindings: &[Binding],
    width: usize,
) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut used = 0;
    for seg in segs {
        let Some(key) = seg.key_text(lang, bindings) else {
            continue;
        };
        let filled = format!("{key} {}", text(lang, seg.label, &[]));
        let extra = filled.width() + if out.is_empty() { 0 } else { 3 };
        if used + extra > width {
            break;
        }
        used += extra;
        out.push((seg.label, filled));
    }
    out
}

/// Every hint line of the console, by the place it is shown.
pub mod hints {
    use super::Seg;

    pub const QUEUE: &[Seg] = &[
        Seg::bound(&["open"], "hint-queue-open"),
        Seg::bound(&["filter"], "hint-queue-filter"),
        Seg::bound(&["mark"], "hint-queue-mark"),
        Seg::bound(&["submit_trace"], "hint-queue-submit-trace"),
        Seg::bound(&["change_status"], "hint-queue-change-status"),
        Seg::bound(&["assign_case"], "hint-queue-assign-case"),
        Seg::bound(&["help"], "hint-queue-help"),
        Seg::bound(&["toggle_sort"], "hint-queue-toggle-sort"),
    ];
    /// The import report: every row valid.
    pub const IMPORT_READY: &[Seg] = &[
        Seg::bound(&["open"], "hint-import-open"),
        Seg::bound(&["back"], "hint-import-back"),
        Seg::bound(&["up", "down"], "hint-import-scroll"),
    ];
    /// Some rows invalid: Enter writes only once they are skipped (`mark` ticks that).
    pub const IMPORT_CHOICE: &[Seg] = &[
        Seg::bound(&["mark"], "hint-import-mark"),
        Seg::bound(&["open"], "hint-import-open"),
        Seg::bound(&["back"], "hint-import-back"),
        Seg::bound(&["up", "down"], "hint-import-scroll"),
    ];
    /// Nothing valid to import.
    pub const IMPORT_NOTHING: &[Seg] = &[
        Seg::bound(&["back"], "hint-import-back"),
        Seg::bound(&["up", "down"], "hint-import-scroll"),
    ];
    pub const SEIZURE: &[Seg] = &[
        Seg::bound(&["submit_trace"], "hint-seizure-submit-trace"),
        Seg::bound(&["change_status"], "hint-seizure-change-status"),
        Seg::bound(&["assign_case"], "hint-seizure-assign-case"),
        Seg::bound(&["copy"], "hint-seizure-copy"),
        Seg::bound(&["back"], "hint-seizure-back"),
    ];
    pub const TRACE: &[Seg] = &[
        Seg::bound(&["filter"], "hint-trace-filter"),
        Seg::bound(&["open"], "hint-trace-open"),
        Seg::bound(&["related_purchaser"], "hint-trace-related-purchaser"),
        Seg::bound(&["related_dealer"], "hint-trace-related-dealer"),
        Seg::bound(&["copy"], "hint-trace-copy"),
    ];
    pub const TRACE_DETAIL: &[Seg] = &[
        Seg::bound(
            &["related_purchaser"],
            "hint-trace-detail-related-purchaser",
        ),
        Seg::bound(&["related_dealer"], "hint-trace-detail-related-dealer"),
        Seg::bound(&["copy"], "hint-trace-detail-copy"),
        Seg::bound(&["back"], "hint-trace-detail-back"),
    ];
    pub const LEADS: &[Seg] = &[
        Seg::bound(&["open"], "hint-leads-open"),
        Seg::bound(&["confirm_hit"], "hint-leads-confirm-hit"),
        Seg::bound(&["exclude_lead"], "hint-leads-exclude-lead"),
        Seg::bound(&["inconclusive_lead"], "hint-leads-inconclusive-lead"),
        Seg::bound(&["toggle_all_leads"], "hint-leads-toggle-all-leads"),
        Seg::bound(&["help"], "hint-leads-help"),
        Seg::bound(&["toggle_sort"], "hint-leads-toggle-sort"),
        Seg::bound(&["toggle_reviews"], "hint-leads-toggle-reviews"),
    ];
    pub const COMPARISON: &[Seg] = &[
        Seg::bound(&["confirm_hit"], "hint-comparison-confirm-hit"),
        Seg::bound(&["exclude_lead"], "hint-comparison-exclude-lead"),
        Seg::bound(&["inconclusive_lead"], "hint-comparison-inconclusive-lead"),
        Seg::bound(&["next_candidate"], "hint-comparison-next-candidate"),
        Seg::bound(&["prev_candidate"], "hint-comparison-prev-candidate"),
        Seg::bound(&["toggle_view"], "hint-comparison-toggle-view"),
        Seg::bound(&["toggle_images"], "hint-comparison-toggle-images"),
        Seg::bound(&["zoom_in"], "hint-comparison-zoom-in"),
        Seg::bound(&["zoom_out"], "hint-comparison-zoom-out"),
        Seg::bound(&["back"], "hint-comparison-back"),
    ];
    pub const REVIEWS: &[Seg] = &[
        Seg::bound(&["open"], "hint-reviews-open"),
        Seg::bound(&["toggle_reviews"], "hint-reviews-toggle-reviews"),
        Seg::bound(&["refresh"], "hint-reviews-refresh"),
        Seg::bound(&["help"], "hint-reviews-help"),
    ];
    pub const CORRELATIONS: &[Seg] = &[
        Seg::bound(&["open"], "hint-correlations-open"),
        Seg::bound(&["mark_lead"], "hint-correlations-mark-lead"),
        Seg::bound(&["back"], "hint-correlations-back"),
        Seg::bound(&["toggle_reviews"], "hint-correlations-toggle-reviews"),
    ];
    pub const REVIEW_PAIR: &[Seg] = &[
        Seg::bound(&["mark_lead"], "hint-review-pair-mark-lead"),
        Seg::bound(&["next_candidate"], "hint-review-pair-next-candidate"),
        Seg::bound(&["prev_candidate"], "hint-review-pair-prev-candidate"),
        Seg::bound(&["toggle_view"], "hint-review-pair-toggle-view"),
        Seg::bound(&["back"], "hint-review-pair-back"),
    ];
    pub const NETWORK: &[Seg] = &[
        Seg::bound(&["open"], "hint-network-open"),
        Seg::bound(&["back"], "hint-network-back"),
        Seg::bound(&["mark_node"], "hint-network-mark-node"),
        Seg::bound(&["find_path"], "hint-network-find-path"),
        Seg::bound(&["network"], "hint-network-network"),
        Seg::bound(&["rings"], "hint-network-rings"),
        Seg::bound(&["copy"], "hint-network-copy"),
        Seg::bound(&["help"], "hint-network-help"),
    ];
    pub const PATHS: &[Seg] = &[
        Seg::bound(&["up", "down"], "hint-paths-select"),
        Seg::bound(&["copy"], "hint-paths-copy"),
        Seg::bound(&["assign_case"], "hint-paths-assign-case"),
        Seg::bound(&["back"], "hint-paths-back"),
    ];
    pub const RINGS: &[Seg] = &[
        Seg::bound(&["open"], "hint-rings-open"),
        Seg::bound(&["toggle_ring_kind"], "hint-rings-toggle-ring-kind"),
        Seg::bound(&["back"], "hint-rings-back"),
        Seg::bound(&["help"], "hint-network-help"),
    ];
    pub const CASES: &[Seg] = &[
        Seg::bound(&["open"], "hint-cases-open"),
        Seg::bound(&["new_case"], "hint-cases-new-case"),
        Seg::bound(&["filter"], "hint-cases-filter"),
        Seg::bound(&["refresh"], "hint-cases-refresh"),
        Seg::bound(&["palette"], "hint-cases-palette"),
        Seg::bound(&["help"], "hint-cases-help"),
    ];
    pub const CASE: &[Seg] = &[
        Seg::bound(&["up", "down"], "hint-case-select"),
        Seg::bound(&["write_note"], "hint-case-write-note"),
        Seg::bound(&["follow_ref"], "hint-case-follow-ref"),
        Seg::bound(&["back"], "hint-case-back"),
        Seg::bound(&["help"], "hint-case-help"),
    ];
    pub const CASE_SUPERVISOR: &[Seg] = &[
        Seg::bound(&["up", "down"], "hint-case-supervisor-select"),
        Seg::bound(&["write_note"], "hint-case-supervisor-write-note"),
        Seg::bound(&["follow_ref"], "hint-case-supervisor-follow-ref"),
        Seg::bound(
            &["add_member", "remove_member"],
            "hint-case-supervisor-members",
        ),
        Seg::bound(&["audit_trail"], "hint-case-supervisor-audit-trail"),
        Seg::bound(&["set_prosecution"], "hint-case-supervisor-stage"),
        Seg::bound(&["back"], "hint-case-supervisor-back"),
    ];
    pub const OUTCOMES: &[Seg] = &[
        Seg::bound(&["open"], "hint-outcomes-open"),
        Seg::bound(&["filter"], "hint-outcomes-filter"),
        Seg::bound(
            &["earlier_window", "later_window"],
            "hint-outcomes-earlier-later",
        ),
        Seg::bound(&["cycle_country"], "hint-outcomes-country"),
        Seg::bound(&["refresh"], "hint-outcomes-refresh"),
        Seg::bound(&["help"], "hint-outcomes-help"),
    ];
    /// Prosecutors read and write notes and record the prosecution stage.
    pub const CASE_PROSECUTOR: &[Seg] = &[
        Seg::bound(&["up", "down"], "hint-case-prosecutor-select"),
        Seg::bound(&["write_note"], "hint-case-prosecutor-write-note"),
        Seg::bound(&["set_prosecution"], "hint-case-prosecutor-stage"),
        Seg::bound(&["follow_ref"], "hint-case-prosecutor-follow-ref"),
        Seg::bound(&["export_case"], "hint-case-prosecutor-export"),
        Seg::bound(&["back"], "hint-case-prosecutor-back"),
    ];
    pub const EDITOR: &[Seg] = &[
        Seg::bound(&["open"], "hint-editor-send"),
        Seg::bound(&["back"], "hint-editor-close"),
        Seg::bound(&["undo"], "hint-editor-undo"),
        Seg::bound(&["redo"], "hint-editor-redo"),
        Seg::bound(&["find"], "hint-editor-find"),
        Seg::bound(&["find_next"], "hint-editor-next-match"),
    ];
    pub const CONFLICT: &[Seg] = &[
        Seg::bound(&["open"], "hint-conflict-save"),
        Seg::bound(&["write_note"], "hint-conflict-new-note"),
        Seg::bound(&["back"], "hint-conflict-close"),
    ];
    /// The audit trail over the Cases pane (`T`).
    pub const AUDIT: &[Seg] = &[
        Seg::bound(&["up", "down", "page_up", "page_down"], "hint-audit-scroll"),
        Seg::bound(&["refresh"], "hint-audit-refresh"),
        Seg::bound(&["back"], "hint-audit-close"),
    ];
    /// A note's history over the Cases pane (`H`); the diff's legend follows when it fits.
    pub const HISTORY: &[Seg] = &[
        Seg::bound(&["up", "down"], "hint-history-version"),
        Seg::bound(&["refresh"], "hint-history-refresh"),
        Seg::bound(&["back"], "hint-history-close"),
    ];

    /// Every line, for the catalogue tests.
    /// The logon banner (keys of `[keys.signin]`).
    pub const BANNER: &[Seg] = &[
        Seg::bound(&["open"], "hint-banner-accept"),
        Seg::bound(&["quit"], "hint-signin-quit"),
    ];
    /// The sign-in form and the lock screen.
    pub const SIGNIN: &[Seg] = &[
        Seg::bound(&["open"], "hint-signin-submit"),
        Seg::bound(&["next_field", "prev_field"], "hint-signin-fields"),
        Seg::bound(&["quit"], "hint-signin-quit"),
    ];
    pub const ALL: &[&[Seg]] = &[
        QUEUE,
        IMPORT_READY,
        IMPORT_CHOICE,
        IMPORT_NOTHING,
        SEIZURE,
        TRACE,
        TRACE_DETAIL,
        LEADS,
        COMPARISON,
        CASES,
        CASE,
        CASE_SUPERVISOR,
        CASE_PROSECUTOR,
        OUTCOMES,
        EDITOR,
        CONFLICT,
        AUDIT,
        HISTORY,
        NETWORK,
        PATHS,
        RINGS,
        BANNER,
        SIGNIN,
    ];
}
