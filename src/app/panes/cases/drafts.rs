//! The note editor's state and its local drafts.
//!
//! A draft is the editor's text saved in the console's own SQLite file while the user types, so
//! a crash, a `kill` or a dropped SSH session loses at most the keystrokes of one write. Writes
//! are coalesced without timers: one save is in flight at a time, and when it lands the newest
//! text (if it changed meanwhile) is saved next. One draft per case.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::app::panes::cases::local::LocalEffect;
use crate::app::panes::cases::text::{Edit, TextBuffer};

/// A note being written, as kept on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub case_id: String,
    pub body: String,
    pub saved_at: DateTime<Utc>,
}

/// The note being edited and the version the edit starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditTarget {
    pub note_id: String,
    pub version: u32,
}

/// The editor: the text and cursor as plain data ([`TextBuffer`]: edits, undo/redo, regex
/// search) plus what the console needs around it. The UI draws it with a text widget that
/// soft-wraps at word boundaries.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub case_id: String,
    pub text: TextBuffer,
    /// `Some` while the user types a search pattern (Ctrl-G); Enter finds, Esc leaves.
    pub search: Option<String>,
    /// The last pattern searched for: `find_next` looks for it again, the UI highlights it.
    pub pattern: Option<String>,
    /// The pattern is not a valid regular expression (shown under the editor).
    pub search_error: bool,
    /// Whether the text came back from a saved draft (the title says so).
    pub recovered: bool,
    /// Editing an existing note (from this version) rather than writing a new one.
    pub target: Option<EditTarget>,
    /// The note as another user left it while this edit was under way: shown beside the
    /// user's own text, which is never thrown away.
    pub conflict: Option<crate::model::Note>,
    /// The text differs from the last one handed to the store.
    dirty: bool,
    /// A draft write is on its way to the store.
    saving: bool,
}

impl PartialEq for NoteEditor {
    /// The text, cursor and mode are what matters; whether a draft save is on its way is not.
    fn eq(&self, o: &Self) -> bool {
        self.case_id == o.case_id
            && self.text.lines() == o.text.lines()
            && self.text.cursor() == o.text.cursor()
            && self.search == o.search
            && self.pattern == o.pattern
            && self.recovered == o.recovered
            && self.target == o.target
            && self.conflict == o.conflict
    }
}

impl NoteEditor {
    /// An editor for `case_id`, filled with the saved draft when there is one.
    pub fn open(case_id: &str, draft: Option<&Draft>) -> NoteEditor {
        let mut e = NoteEditor::with_text(case_id, draft.map_or("", |d| d.body.as_str()));
        e.recovered = draft.is_some();
        e
    }

    /// An editor on an existing note, starting from its current text and version.
    pub fn edit(note: &crate::model::Note) -> NoteEditor {
        let mut e = NoteEditor::with_text(&note.case_id, &note.body);
        e.target = Some(EditTarget {
            note_id: note.id.clone(),
            version: note.version,
        });
        e
    }

    /// After a refused edit: the user's text stays in the editor, the other user's current
    /// note is shown beside it, and saving now builds on the current version.
    pub fn conflicted(mine: &str, current: crate::model::Note) -> NoteEditor {
        let mut e = NoteEditor::with_text(&current.case_id, mine);
        e.target = Some(EditTarget {
            note_id: current.id.clone(),
            version: current.version,
        });
        e.conflict = Some(current);
        e
    }

    fn with_text(case_id: &str, text: &str) -> NoteEditor {
        NoteEditor {
            case_id: case_id.to_string(),
            text: TextBuffer::new(&text.replace("\r\n", "\n")),
            search: None,
            pattern: None,
            search_error: false,
            recovered: false,
            target: None,
            conflict: None,
            dirty: false,
            saving: false,
        }
    }

    pub fn text(&self) -> String {
        self.text.text()
    }

    /// Applies one edit of the editor's keys. While a search pattern is typed the edits go to
    /// the pattern instead (a character, Backspace; a new line runs the search). Returns
    /// whether the text changed (and so the draft must be saved).
    pub fn apply(&mut self, e: Edit) -> bool {
        let Some(pattern) = self.search.as_mut() else {
            return self.text.apply(e);
        };
        match e {
            Edit::Insert(c) => pattern.push(c),
            Edit::DeleteBack => {
                pattern.pop();
            }
            Edit::Newline => {
                let p = pattern.clone();
                match regex::Regex::new(&p) {
                    Ok(re) => {
                        self.search_error = false;
                        self.pattern = Some(p);
                        self.text.find_next(&re);
                    }
                    Err(_) => self.search_error = true,
                }
            }
            _ => {}
        }
        false
    }

    /// Starts typing a search pattern (Enter finds, Esc leaves).
    pub fn start_search(&mut self) {
        self.search = Some(String::new());
        self.search_error = false;
    }

    /// Leaves the search field; returns whether it was open.
    pub fn leave_search(&mut self) -> bool {
        self.search.take().is_some()
    }

    /// Moves to the next match of the last pattern.
    pub fn find_next(&mut self) {
        if let Some(re) = self.pattern.as_deref().and_then(|p| regex::Regex::new(p).ok()) {
            self.text.find_next(&re);
        }
    }

    /// Undoes the last change; returns whether the text changed.
    pub fn undo(&mut self) -> bool {
        self.text.undo()
    }

    /// Redoes the last undone change; returns whether the text changed.
    pub fn redo(&mut self) -> bool {
        self.text.redo()
    }

    /// Inserts pasted text as one edit (one undo step), newlines included.
    pub fn paste(&mut self, text: &str) -> bool {
        let clean: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
            .collect();
        self.text.insert_str(&clean)
    }

    /// The effect that saves the draft now, or nothing when a save is already on its way (the
    /// newest text follows when it lands: see [`NoteEditor::saved`]).
    pub fn changed(&mut self, now: DateTime<Utc>) -> Option<LocalEffect> {
        self.dirty = true;
        self.flush(now)
    }

    /// A draft write landed: saves again if the text moved on meanwhile.
    pub fn saved(&mut self, now: DateTime<Utc>) -> Option<LocalEffect> {
        self.saving = false;
        self.flush(now)
    }

    fn flush(&mut self, now: DateTime<Utc>) -> Option<LocalEffect> {
        if self.saving || !self.dirty {
            return None;
        }
        self.saving = true;
        self.dirty = false;
        Some(draft_effect(&self.case_id, self.text(), now))
    }

    /// The save to make before the console goes away (a signal): the text as it is now, when
    /// any change is not yet on disk, even with another save on its way (the store keeps the
    /// newer of the two).
    pub fn final_save(&self, now: DateTime<Utc>) -> Option<LocalEffect> {
        (!self.is_saved()).then(|| draft_effect(&self.case_id, self.text(), now))
    }

    /// Whether every change is on disk.
    pub fn is_saved(&self) -> bool {
        !self.dirty && !self.saving
    }
}

/// A blank draft is deleted rather than kept: nothing to offer back.
fn draft_effect(case_id: &str, body: String, now: DateTime<Utc>) -> LocalEffect {
    if body.trim().is_empty() {
        LocalEffect::DeleteDraft(case_id.to_string())
    } else {
        LocalEffect::SaveDraft(Draft {
            case_id: case_id.to_string(),
            body,
            saved_at: now,
        })
    }
}

/// Drafts worth offering back at start: non-blank ones, newest first.
pub fn recoverable(drafts: &BTreeMap<String, Draft>) -> Vec<&Draft> {
    let mut v: Vec<&Draft> = drafts
        .values()
        .filter(|d| !d.body.trim().is_empty())
        .collect();
    v.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.case_id.cmp(&b.case_id)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, s).unwrap()
    }

    fn typed(e: &mut NoteEditor, text: &str) -> Vec<Option<LocalEffect>> {
        text.chars()
            .map(|c| {
                e.apply(Edit::Insert(c));
                e.changed(at(1))
            })
            .collect()
    }

    #[test]
    fn saves_are_coalesced_and_the_newest_text_always_lands() {
        let mut e = NoteEditor::open("CS-1", None);
        let fx = typed(&mut e, "Año");
        assert!(matches!(&fx[0], Some(LocalEffect::SaveDraft(d)) if d.body == "A"));
        assert!(fx[1].is_none() && fx[2].is_none(), "one write in flight");
        assert!(!e.is_saved());
        match e.saved(at(2)) {
            Some(LocalEffect::SaveDraft(d)) => assert_eq!(d.body, "Año"),
            other => panic!("{other:?}"),
        }
        assert!(e.saved(at(3)).is_none());
        assert!(e.is_saved());
    }

    #[test]
    fn a_recovered_draft_reopens_with_its_text_and_undo_works() {
        let d = Draft {
            case_id: "CS-1".into(),
            body: "Línea uno\nsegunda línea".into(),
            saved_at: at(0),
        };
        let mut e = NoteEditor::open("CS-1", Some(&d));
        assert!(e.recovered);
        assert_eq!(e.text(), d.body);
        typed(&mut e, "!");
        assert!(e.text().ends_with("línea!"));
        e.undo();
        assert_eq!(e.text(), d.body);
    }

    #[test]
    fn blank_text_deletes_the_draft_and_paste_keeps_newlines() {
        let mut e = NoteEditor::open("CS-1", None);
        assert_eq!(
            e.changed(at(0)),
            Some(LocalEffect::DeleteDraft("CS-1".into()))
        );
        e.saved(at(0));
        assert!(e.paste("ver SZ-000001\r\nsí\u{1b}[2J"));
        assert_eq!(e.text(), "ver SZ-000001\nsí[2J");
    }

    #[test]
    fn recoverable_drafts_are_non_blank_newest_first() {
        let mut m = BTreeMap::new();
        for (id, body, s) in [("CS-1", "a", 1), ("CS-2", "  ", 5), ("CS-3", "b", 3)] {
            m.insert(
                id.to_string(),
                Draft {
                    case_id: id.into(),
                    body: body.into(),
                    saved_at: at(s),
                },
            );
        }
        let ids: Vec<_> = recoverable(&m).iter().map(|d| d.case_id.as_str()).collect();
        assert_eq!(ids, ["CS-3", "CS-1"]);
    }

    #[test]
    fn search_finds_text() {
        let d = Draft {
            case_id: "CS-1".into(),
            body: "uno\ndos\ntres".into(),
            saved_at: at(0),
        };
        let mut e = NoteEditor::open("CS-1", Some(&d));
        e.apply(Edit::Top);
        e.start_search();
        for c in "t(".chars() {
            e.apply(Edit::Insert(c));
        }
        e.apply(Edit::Newline);
        assert!(e.search_error, "not a regular expression");
        e.apply(Edit::DeleteBack);
        e.apply(Edit::Insert('r'));
        assert!(!e.apply(Edit::Newline), "searching changes no text");
        assert_eq!(e.text.cursor(), (2, 0));
        assert_eq!((e.search_error, e.pattern.as_deref()), (false, Some("tr")));
        assert_eq!(e.text(), d.body);
        assert!(e.leave_search());
        assert!(e.search.is_none());
    }
}
