//! `H` on a note: every version of it, who wrote each and when, and what each changed (a word
//! diff against the version before). A note's words may be quoted in court, so the console
//! shows its whole record, not only its latest text.

use similar::{ChangeTag, TextDiff};

use crate::app::action::Action;
use crate::app::effect::{Effect, Request, Slot};
use crate::app::overlay::{Overlay, step};
use crate::app::panes::cases::{CaseNotice, CasesState, HISTORY};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};
use crate::model::NoteVersion;

/// The history overlay's state: the note's versions once they arrive, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteHistoryView {
    pub case_id: String,
    pub note_id: String,
    pub versions: Vec<NoteVersion>,
    pub loading: bool,
    /// The first version shown (the list scrolls by version).
    pub scroll: usize,
}

/// One run of words in a diff: unchanged, added in this version, or removed from the previous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffPiece {
    Same(String),
    Added(String),
    Removed(String),
}

/// `H`: open the selected note's history (read from the server, which holds every version).
pub fn open(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let Some((case_id, note_id)) = p
        .detail
        .as_ref()
        .and_then(|d| d.selected_note().map(|n| (d.case.id.clone(), n.id.clone())))
    else {
        return vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoCaseOpen))];
    };
    cx.overlays.push(Overlay::NoteHistory(NoteHistoryView {
        case_id: case_id.clone(),
        note_id: note_id.clone(),
        versions: vec![],
        loading: true,
        scroll: 0,
    }));
    vec![cx.fetch(HISTORY, Request::NoteHistory(case_id, note_id))]
}

/// Keys while the history is shown (Esc has already closed it).
pub fn keys(cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let Some(Overlay::NoteHistory(v)) = cx.overlays.last_mut() else {
        return vec![];
    };
    let len = v.versions.len();
    match action {
        Action::Up => v.scroll = step(v.scroll, -1, len),
        Action::Down => v.scroll = step(v.scroll, 1, len),
        Action::Top => v.scroll = 0,
        Action::Bottom => v.scroll = len.saturating_sub(1),
        Action::NoteHistory => {
            cx.overlays.pop();
        }
        Action::Refresh => {
            v.loading = true;
            let req = Request::NoteHistory(v.case_id.clone(), v.note_id.clone());
            return vec![cx.fetch(HISTORY, req)];
        }
        _ => {}
    }
    vec![]
}

/// The versions arrived; shown only if the overlay for that note is still open.
pub fn on_data(cx: &mut Shell, data: Data) -> Vec<Effect> {
    if let (Some(Overlay::NoteHistory(v)), Data::NoteHistory(versions)) =
        (cx.overlays.last_mut(), data)
        && versions.first().is_none_or(|x| x.note_id == v.note_id)
    {
        v.scroll = v.scroll.min(versions.len().saturating_sub(1));
        v.versions = versions;
        v.loading = false;
    }
    vec![]
}

/// A failed read: the waiting overlay closes (the error is toasted).
pub fn close_waiting(cx: &mut Shell, slot: Slot) {
    if slot == HISTORY && matches!(cx.overlays.last(), Some(Overlay::NoteHistory(_))) {
        cx.overlays.pop();
    }
}

/// What `new` changed in `old`, word by word (whitespace kept with the words, so the pieces
/// joined give the texts back).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPiece> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<DiffPiece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(DiffPiece::Same(s)))
            | (ChangeTag::Insert, Some(DiffPiece::Added(s)))
            | (ChangeTag::Delete, Some(DiffPiece::Removed(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => out.push(DiffPiece::Same(text.to_string())),
            (ChangeTag::Insert, _) => out.push(DiffPiece::Added(text.to_string())),
            (ChangeTag::Delete, _) => out.push(DiffPiece::Removed(text.to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::reply::Reply;
    use crate::app::test_support::fetches;
    use crate::app::update::update;

    #[test]
    fn a_word_diff_names_what_changed_and_keeps_the_rest() {
        let d = word_diff("Buyer bought 6 rifles.", "Buyer bought 7 rifles.");
        assert_eq!(
            d,
            [
                DiffPiece::Same("Buyer bought ".into()),
                DiffPiece::Removed("6".into()),
                DiffPiece::Added("7".into()),
                DiffPiece::Same(" rifles.".into()),
            ]
        );
        let unchanged = word_diff("same words", "same words");
        assert_eq!(unchanged, [DiffPiece::Same("same words".into())]);
    }

    #[test]
    fn h_on_a_note_fetches_its_history_and_shows_it() {
        let mut s = crate::app::panes::cases::refs::tests::case_with_note("Buyer bought 6 rifles.");
        let fx = update(&mut s, Action::NoteHistory);
        let (case_id, note_id) = {
            let d = s.panes.cases.detail.as_ref().unwrap();
            (d.case.id.clone(), d.notes[0].id.clone())
        };
        let generation = match &fetches(&fx)[..] {
            [(HISTORY, g, Request::NoteHistory(c, n))] if *c == case_id && *n == note_id => *g,
            other => panic!("expected the history fetch, got {other:?}"),
        };
        let v = |version: u32, by: &str, body: &str| NoteVersion {
            note_id: note_id.clone(),
            version,
            body: body.into(),
            author: "T. Tester".into(),
            edited_by: by.into(),
            edited_at: chrono::Utc::now(),
        };
        let data = Data::NoteHistory(vec![v(1, "T. Tester", "a"), v(2, "T. Tester", "b")]);
        let reply = Reply::Fetched {
            slot: HISTORY,
            generation,
            result: Ok(data),
        };
        update(&mut s, Action::Reply(Box::new(reply)));
        match s.overlays.last() {
            Some(Overlay::NoteHistory(h)) => {
                assert_eq!(h.versions.len(), 2);
                assert!(!h.loading);
            }
            other => panic!("no history overlay: {other:?}"),
        }
        update(&mut s, Action::NoteHistory);
        assert!(s.overlays.is_empty());
    }
}
