//! Overlays stacked over the panes: help, palette, prompts, confirmations and pickers.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::{AuditEntry, CaseMember, TraceRequest, TriageStatus};

use super::action::Action;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Palette(Picker),
    Prompt(Prompt),
    Confirm(Confirm),
    StatusPicker(StatusPicker),
    CasePicker(Picker),
    /// Supervisors: who to add to (`add`) or remove from the open case.
    MemberPicker {
        case_id: String,
        add: bool,
        picker: Picker,
    },
    /// Supervisors: the open case's audit trail.
    Audit(AuditView),
    /// Every version of one note (`H`).
    NoteHistory(super::panes::cases::note_history::NoteHistoryView),
    /// The name of a new watch (`w`) or a renamed one.
    WatchName(super::alerts::WatchDraft),
    /// The alert inbox (`!`).
    Inbox(super::alerts::ListView),
    /// The user's watches (`W`).
    Watches(super::alerts::ListView),
    /// A spreadsheet's import report (the Queue's `I`).
    Import(super::panes::queue::import::ImportView),
}

impl Overlay {
    /// Whether typed characters go into this overlay's text field instead of the keymap.
    pub fn takes_text(&self) -> bool {
        matches!(
            self,
            Overlay::Palette(_)
                | Overlay::Prompt(_)
                | Overlay::CasePicker(_)
                | Overlay::MemberPicker { .. }
                | Overlay::WatchName(_)
        )
    }
}

/// What a picker entry does when chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum PickTarget {
    Action(Action),
    Seizure(String),
    Trace(String),
    Case(String),
    /// A note reference (`SZ-000123`, `#ABC123`…) or a case id, opened where it lives.
    Ref(String),
    AddMember {
        case_id: String,
        member: CaseMember,
    },
    RemoveMember {
        case_id: String,
        member: CaseMember,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PickItem {
    pub label: String,
    pub target: PickTarget,
}

/// A fuzzy-filtered list with a text field (nucleo's matcher ranks the entries).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Picker {
    pub input: String,
    pub items: Vec<PickItem>,
    /// Indices into `items`, best match first.
    pub matches: Vec<usize>,
    pub selected: usize,
    pub loading: bool,
}

impl Picker {
    pub fn new(items: Vec<PickItem>) -> Picker {
        let mut p = Picker {
            items,
            ..Picker::default()
        };
        p.refilter();
        p
    }

    pub fn set_items(&mut self, items: Vec<PickItem>) {
        self.items = items;
        self.loading = false;
        self.refilter();
    }

    pub fn push(&mut self, c: char) {
        self.input.push(c);
        self.refilter();
    }

    pub fn pop(&mut self) {
        self.input.pop();
        self.refilter();
    }

    pub fn chosen(&self) -> Option<&PickItem> {
        self.matches
            .get(self.selected)
            .and_then(|&i| self.items.get(i))
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, delta, self.matches.len());
    }

    fn refilter(&mut self) {
        let pattern = Pattern::parse(&self.input, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut scored: Vec<(usize, u32)> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                pattern
                    .score(Utf32Str::new(&it.label, &mut buf), &mut matcher)
                    .map(|s| (i, s))
            })
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.matches = scored.into_iter().map(|(i, _)| i).collect();
        self.selected = 0;
    }
}

/// Moves an index by `delta` within `0..len`, clamping at both ends.
pub fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    current.saturating_add_signed(delta).min(len - 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    QueueFilter,
    TraceSearch,
    CaseTitle,
    /// The comment of a ballistic lead decision (the decision waits in the ballistics state).
    LeadComment,
    /// The Cases list's filter (`status:`, `stage:`, free text).
    CaseFilter,
    /// The Outcomes pane's filter (`from:`, `to:`, `agency:`, `country:`).
    OutcomesFilter,
    /// A case's prosecution stage (`stage:charged office:"…" date:… defendants:…`); the case
    /// waits in the Cases state.
    Prosecution,
    /// The path of a CSV file of seizures to import (the Queue's `I`).
    ImportPath,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub purpose: PromptFor,
    pub input: String,
}

/// An irreversible or bulk action waiting for a yes.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    SubmitTraces(Vec<TraceRequest>),
    RemoveMember { case_id: String, member: CaseMember },
}

/// A case's audit trail as the supervisor reads it: every request about the case, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditView {
    pub case_id: String,
    pub entries: Vec<AuditEntry>,
    pub loading: bool,
    /// The first entry shown.
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusPicker {
    pub seizure_ids: Vec<String>,
    pub selected: usize,
}

impl StatusPicker {
    pub fn chosen(&self) -> Option<TriageStatus> {
        TriageStatus::ALL.get(self.selected).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(label: &str) -> PickItem {
        PickItem {
            label: label.into(),
            target: PickTarget::Seizure(label.into()),
        }
    }

    #[test]
    fn fuzzy_matching_ranks_and_filters() {
        let mut p = Picker::new(vec![
            item("SZ-000123"),
            item("SZ-000999"),
            item("submit trace"),
        ]);
        assert_eq!(p.matches.len(), 3);
        for c in "sbtr".chars() {
            p.push(c);
        }
        assert_eq!(p.chosen().map(|i| i.label.as_str()), Some("submit trace"));
        p.input.clear();
        p.pop();
        for c in "999".chars() {
            p.push(c);
        }
        assert_eq!(p.matches.len(), 1);
        assert_eq!(p.chosen().map(|i| i.label.as_str()), Some("SZ-000999"));
    }

    #[test]
    fn step_clamps() {
        assert_eq!(step(0, -1, 5), 0);
        assert_eq!(step(3, 10, 5), 4);
        assert_eq!(step(0, 1, 0), 0);
    }
}
