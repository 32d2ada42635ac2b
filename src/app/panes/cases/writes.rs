//! The Cases pane's writes: new cases and notes, and the note editor's keys.
//!
//! Notes go through the durable outbox with their own idempotency key, so a note written
//! offline is kept across restarts and posted exactly once when the server answers again.

use crate::app::action::Action;
use crate::app::effect::{Effect, PendingWrite, WriteOp};
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::panes::cases::drafts::NoteEditor;
use crate::app::panes::cases::local::LocalEffect;
use crate::app::panes::cases::{self, CaseNotice, Outgoing};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, State};
use crate::model::{NewCase, NewNote, Note, NoteEdit, NoteSave};

/// Longest note body accepted by the editor (the server's own limit is checked there too).
const MAX_NOTE: usize = 20_000;

fn read_only(s: &mut State) -> Option<Vec<Effect>> {
    s.read_only
        .then(|| vec![s.toast(Level::Error, Notice::ReadOnly)])
}

/// `c`: asks for the new case's title.
pub fn ask_title(s: &mut State) -> Vec<Effect> {
    if let Some(fx) = read_only(s) {
        return fx;
    }
    s.overlays.push(Overlay::Prompt(Prompt {
        purpose: PromptFor::CaseTitle,
        input: String::new(),
    }));
    vec![]
}

/// The title prompt was confirmed.
pub fn create_case(s: &mut State, title: String) -> Vec<Effect> {
    if title.trim().is_empty() {
        return vec![];
    }
    let key = s.idempotency_key();
    let new = NewCase {
        title: title.trim().to_string(),
        members: vec![],
    };
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::CreateCase { new },
        }),
        s.toast(Level::Info, Notice::WritesQueued(1)),
    ]
}

/// `n`: opens the editor on the open case, with its saved draft if there is one.
pub fn open_editor(s: &mut State) -> Vec<Effect> {
    if let Some(fx) = read_only(s) {
        return fx;
    }
    let Some(id) = s.cases.detail.as_ref().map(|d| d.case.id.clone()) else {
        return vec![s.toast(Level::Info, Notice::Cases(CaseNotice::NoCaseOpen))];
    };
    let editor = NoteEditor::open(&id, s.cases.drafts.get(&id));
    s.cases.editor = Some(editor);
    vec![]
}

/// Everything the user does while the editor has the keyboard.
pub fn editor(s: &mut State, action: &Action) -> Vec<Effect> {
    let now = s.now;
    let Some(e) = s.cases.editor.as_mut() else {
        return vec![];
    };
    let changed = match action {
        Action::EditorKey(input) => e.key(input.clone()),
        Action::Paste(text) => e.paste(text),
        Action::Open => return send(s),
        Action::WriteNote => return send_as_new(s),
        Action::Back => return close(s),
        _ => false,
    };
    if !changed {
        return vec![];
    }
    let text = e.text();
    let case_id = e.case_id.clone();
    let fx = e.changed(now);
    remember_draft(s, &case_id, text);
    fx.map(Effect::Cases).into_iter().collect()
}

/// Keeps the state's copy of a draft in step with the editor (what reopening offers back).
fn remember_draft(s: &mut State, case_id: &str, body: String) {
    if body.trim().is_empty() {
        s.cases.drafts.remove(case_id);
    } else {
        s.cases.drafts.insert(
            case_id.to_string(),
            crate::app::panes::cases::drafts::Draft {
                case_id: case_id.to_string(),
                body,
                saved_at: s.now,
            },
        );
    }
}

/// Esc: closes the editor; the draft stays (on disk and offered when the editor reopens).
fn close(s: &mut State) -> Vec<Effect> {
    let Some(e) = s.cases.editor.take() else {
        return vec![];
    };
    let text = e.text();
    if text.trim().is_empty() {
        s.cases.drafts.remove(&e.case_id);
        return vec![Effect::Cases(LocalEffect::DeleteDraft(e.case_id))];
    }
    // The last keystrokes may still be waiting behind a write in flight: save them now.
    let fx = Effect::Cases(LocalEffect::SaveDraft(
        crate::app::panes::cases::drafts::Draft {
            case_id: e.case_id.clone(),
            body: text,
            saved_at: s.now,
        },
    ));
    vec![
        fx,
        s.toast(Level::Info, Notice::Cases(CaseNotice::DraftKept(e.case_id))),
    ]
}

/// Ctrl-O while editing a note: the text goes out as a new note instead (after a conflict,
/// this keeps the other user's version untouched).
fn send_as_new(s: &mut State) -> Vec<Effect> {
    if let Some(e) = s.cases.editor.as_mut() {
        e.target = None;
        e.conflict = None;
    }
    send(s)
}

/// `E`: edits the selected note when the signed-in user wrote it.
pub fn edit_selected(s: &mut State) -> Vec<Effect> {
    if let Some(fx) = read_only(s) {
        return fx;
    }
    let Some(note) = s
        .cases
        .detail
        .as_ref()
        .and_then(|d| d.selected_note())
        .cloned()
    else {
        return vec![s.toast(Level::Info, Notice::Cases(CaseNotice::NoCaseOpen))];
    };
    let me = s.session.user.as_ref().map(|u| u.name.as_str());
    if me != Some(note.author.as_str()) {
        return vec![s.toast(Level::Info, Notice::Cases(CaseNotice::NotYours))];
    }
    s.cases.editor = Some(NoteEditor::edit(&note));
    vec![]
}

/// Ctrl-S with an edit under way: sent with the version it started from (or, after a
/// conflict, the version now current, so the user's text becomes the next version).
fn send_edit(
    s: &mut State,
    target: crate::app::panes::cases::drafts::EditTarget,
    body: String,
) -> Vec<Effect> {
    let Some(e) = s.cases.editor.take() else {
        return vec![];
    };
    s.cases.drafts.remove(&e.case_id);
    s.cases
        .pending_edits
        .insert(target.note_id.clone(), body.clone());
    let key = s.idempotency_key();
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::EditNote {
                case_id: e.case_id.clone(),
                note_id: target.note_id,
                edit: NoteEdit {
                    body,
                    version: target.version,
                },
            },
        }),
        Effect::Cases(LocalEffect::DeleteDraft(e.case_id)),
        s.toast(Level::Info, Notice::WritesQueued(1)),
    ]
}

/// The editor's text as it goes out: in the form every console shows once it comes back
/// (NFC, tabs as spaces, no controls: see `model::text`). A paste with decomposed accents
/// otherwise never matched the note the server confirmed, so the note stayed on screen a
/// second time as "sending…" after it had been posted.
fn outgoing_body(text: &str) -> String {
    crate::model::text::clean_with(text, true)
        .trim_end()
        .to_string()
}

/// Ctrl-S: queues the note in the outbox and forgets the draft.
fn send(s: &mut State) -> Vec<Effect> {
    let Some(e) = s.cases.editor.as_ref() else {
        return vec![];
    };
    let body = outgoing_body(&e.text());
    if let Some(t) = e.target.clone() {
        if body.trim().is_empty() {
            return vec![s.toast(Level::Info, Notice::Cases(CaseNotice::NoteEmpty))];
        }
        return send_edit(s, t, body);
    }
    if body.trim().is_empty() {
        return vec![s.toast(Level::Info, Notice::Cases(CaseNotice::NoteEmpty))];
    }
    let body: String = body.chars().take(MAX_NOTE).collect();
    let case_id = e.case_id.clone();
    s.cases.editor = None;
    s.cases.drafts.remove(&case_id);
    s.cases.outgoing.push(Outgoing {
        case_id: case_id.clone(),
        body: body.clone(),
    });
    let key = s.idempotency_key();
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::AddNote {
                case_id: case_id.clone(),
                note: NewNote { body },
            },
        }),
        Effect::Cases(LocalEffect::DeleteDraft(case_id)),
        s.toast(Level::Info, Notice::Cases(CaseNotice::NoteQueued)),
    ]
}

/// The server confirmed a note or a new case.
pub fn on_written(s: &mut State, data: Data) -> Vec<Effect> {
    match data {
        Data::Note(n) => {
            s.cases
                .outgoing
                .retain(|o| !(o.case_id == n.case_id && o.body == n.body));
            let mut fx = vec![s.toast(
                Level::Ok,
                Notice::Cases(CaseNotice::NotePosted(n.case_id.clone())),
            )];
            let open = s.cases.detail.as_mut().filter(|d| d.case.id == n.case_id);
            if let Some(d) = open
                && !d.notes.iter().any(|x| x.id == n.id)
            {
                let at_end = d.selected + 1 >= d.notes.len();
                d.notes.push(n);
                if at_end {
                    d.selected = d.notes.len() - 1;
                }
                let (id, count) = (d.case.id.clone(), d.notes.len() as u32);
                if crate::app::panes::cases::notes::mark_seen(&mut s.cases.seen, &id, count) {
                    fx.push(Effect::Cases(LocalEffect::MarkSeen { case_id: id, count }));
                }
            }
            fx
        }
        Data::NoteSave(NoteSave::Saved(n)) => {
            s.cases.pending_edits.remove(&n.id);
            let id = n.id.clone();
            replace_note(s, n);
            vec![s.toast(Level::Ok, Notice::Cases(CaseNotice::NoteSaved(id)))]
        }
        Data::NoteSave(NoteSave::Conflict(c)) => {
            let current = c.current;
            let mine = s
                .cases
                .pending_edits
                .remove(&current.id)
                .unwrap_or_default();
            let who = current.author.clone();
            replace_note(s, current.clone());
            s.cases.editor = Some(NoteEditor::conflicted(&mine, current));
            vec![s.toast(Level::Error, Notice::Cases(CaseNotice::Conflict(who)))]
        }
        Data::NewCase(c) => {
            let id = c.id.clone();
            cases::replace_row(s, &c);
            s.cases.list.select(0, s.cases.rows.len(), s.list_height());
            vec![s.toast(Level::Ok, Notice::Cases(CaseNotice::CaseCreated(id)))]
        }
        _ => vec![],
    }
}

/// Puts the newest version of a note into the open case's timeline.
fn replace_note(s: &mut State, n: Note) {
    if let Some(d) = s.cases.detail.as_mut().filter(|d| d.case.id == n.case_id)
        && let Some(x) = d.notes.iter_mut().find(|x| x.id == n.id)
    {
        *x = n;
    }
}

/// `a` on a trace (row or detail): "add to case…" with the same fuzzy case picker as the queue.
pub fn pick_case_for_trace(s: &mut State) -> Vec<Effect> {
    if let Some(fx) = read_only(s) {
        return fx;
    }
    if s.trace.current().is_none() {
        return vec![s.toast(Level::Info, Notice::NothingSelected)];
    }
    s.overlays
        .push(Overlay::CasePicker(crate::app::overlay::Picker {
            loading: true,
            ..Default::default()
        }));
    let q = crate::model::CaseQuery {
        limit: Some(500),
        ..Default::default()
    };
    vec![s.fetch(
        crate::app::effect::Slot::CasePicker,
        crate::app::effect::Request::Cases(q),
    )]
}

/// Links the current trace to the picked case (through the outbox).
pub fn link_trace(s: &mut State, case_id: String) -> Vec<Effect> {
    let Some(id) = s.trace.current().map(|t| t.id.clone()) else {
        return vec![];
    };
    let key = s.idempotency_key();
    let link = crate::model::NewLink {
        kind: crate::model::EntityKind::Trace,
        id,
    };
    vec![Effect::Write(PendingWrite {
        key,
        op: WriteOp::AddLink { case_id, link },
    })]
}
