//! The Cases pane's writes: new cases and notes, and the note editor's keys.
//!
//! Notes go through the durable outbox with their own idempotency key, so a note written
//! offline is kept across restarts and posted exactly once when the server answers again.

use crate::app::action::Action;
use crate::app::backend::FetchError;
use crate::app::effect::{Effect, PendingWrite, WriteOp};
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::panes::cases::drafts::NoteEditor;
use crate::app::panes::cases::local::LocalEffect;
use crate::app::panes::cases::text::Edit;
use crate::app::panes::cases::{self, CaseNotice, CasesState, Outgoing, members, prosecution};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};
use crate::model::{NewCase, NewNote, Note, NoteEdit, NoteSave};

/// Longest note body accepted by the editor (the server's own limit is checked there too).
const MAX_NOTE: usize = 20_000;

/// A write of this pane was delivered: a note, a case, a note edit, a prosecution stage or a
/// member change. `None` when the answer is another pane's.
pub fn delivered(
    p: &mut CasesState,
    cx: &mut Shell,
    result: &Result<Data, FetchError>,
) -> Option<Vec<Effect>> {
    match result {
        Ok(d @ (Data::Note(_) | Data::NewCase(_) | Data::NoteSave(_))) => {
            Some(on_written(p, cx, d.clone()))
        }
        Ok(Data::ProsecutionSet(case)) => Some(prosecution::on_written(p, cx, case.clone())),
        Ok(Data::MemberChanged {
            case,
            member,
            added,
        }) => Some(members::on_written(
            p,
            cx,
            case.clone(),
            member.clone(),
            *added,
        )),
        _ => None,
    }
}

/// `c`: asks for the new case's title.
pub fn ask_title(cx: &mut Shell) -> Vec<Effect> {
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    cx.overlays.push(Overlay::Prompt(Prompt {
        purpose: PromptFor::CaseTitle,
        input: String::new(),
    }));
    vec![]
}

/// The title prompt was confirmed.
pub fn create_case(cx: &mut Shell, title: String) -> Vec<Effect> {
    if title.trim().is_empty() {
        return vec![];
    }
    let key = cx.idempotency_key();
    let new = NewCase {
        title: title.trim().to_string(),
        members: vec![],
    };
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::CreateCase { new },
        }),
        cx.toast(Level::Info, Notice::WritesQueued(1)),
    ]
}

/// `n`: opens the editor on the open case, with its saved draft if there is one.
pub fn open_editor(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    let Some(id) = p.detail.as_ref().map(|d| d.case.id.clone()) else {
        return vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoCaseOpen))];
    };
    let editor = NoteEditor::open(&id, p.drafts.get(&id));
    p.editor = Some(editor);
    vec![]
}

/// Everything the user does while the editor has the keyboard.
pub fn editor(p: &mut CasesState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let Some(e) = p.editor.as_mut() else {
        return vec![];
    };
    if let Some(edit) = edit_of(action) {
        let changed = e.apply(edit);
        return after_change(p, cx, changed);
    }
    let changed = match action {
        Action::Paste(text) => e.paste(text),
        Action::Undo => e.undo(),
        Action::Redo => e.redo(),
        Action::Find => {
            e.start_search();
            false
        }
        Action::FindNext => {
            e.find_next();
            false
        }
        Action::Open => return send(p, cx),
        Action::WriteNote => return send_as_new(p, cx),
        Action::Back if e.leave_search() => false,
        Action::Back => return close(p, cx),
        _ => false,
    };
    after_change(p, cx, changed)
}

/// The text edit an editor action stands for (text, cursor moves, deletions).
fn edit_of(action: &Action) -> Option<Edit> {
    Some(match action {
        Action::Char(c) => Edit::Insert(*c),
        Action::Newline => Edit::Newline,
        Action::Backspace => Edit::DeleteBack,
        Action::DeleteChar => Edit::DeleteForward,
        Action::DeleteWord => Edit::DeleteWordBack,
        Action::DeleteToLineEnd => Edit::DeleteToLineEnd,
        Action::CursorLeft => Edit::Left,
        Action::CursorRight => Edit::Right,
        Action::Up => Edit::Up,
        Action::Down => Edit::Down,
        Action::WordLeft => Edit::WordLeft,
        Action::WordRight => Edit::WordRight,
        Action::LineStart => Edit::LineStart,
        Action::LineEnd => Edit::LineEnd,
        Action::Top => Edit::Top,
        Action::Bottom => Edit::Bottom,
        _ => return None,
    })
}

/// After an edit: a changed text is remembered as the case's draft and saved to disk.
fn after_change(p: &mut CasesState, cx: &mut Shell, changed: bool) -> Vec<Effect> {
    let now = cx.now;
    let Some(e) = p.editor.as_mut() else {
        return vec![];
    };
    if !changed {
        return vec![];
    }
    let text = e.text();
    let case_id = e.case_id.clone();
    let fx = e.changed(now);
    remember_draft(p, cx, &case_id, text);
    fx.map(Effect::Local).into_iter().collect()
}

/// Keeps the state's copy of a draft in step with the editor (what reopening offers back).
fn remember_draft(p: &mut CasesState, cx: &mut Shell, case_id: &str, body: String) {
    if body.trim().is_empty() {
        p.drafts.remove(case_id);
    } else {
        p.drafts.insert(
            case_id.to_string(),
            crate::app::panes::cases::drafts::Draft {
                case_id: case_id.to_string(),
                body,
                saved_at: cx.now,
            },
        );
    }
}

/// Esc: closes the editor; the draft stays (on disk and offered when the editor reopens).
fn close(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let Some(e) = p.editor.take() else {
        return vec![];
    };
    let text = e.text();
    if text.trim().is_empty() {
        p.drafts.remove(&e.case_id);
        return vec![Effect::Local(LocalEffect::DeleteDraft(e.case_id))];
    }
    // The last keystrokes may still be waiting behind a write in flight: save them now.
    let fx = Effect::Local(LocalEffect::SaveDraft(
        crate::app::panes::cases::drafts::Draft {
            case_id: e.case_id.clone(),
            body: text,
            saved_at: cx.now,
        },
    ));
    vec![
        fx,
        cx.toast(Level::Info, Notice::from(CaseNotice::DraftKept(e.case_id))),
    ]
}

/// Ctrl-O while editing a note: the text goes out as a new note instead (after a conflict,
/// this keeps the other user's version untouched).
fn send_as_new(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    if let Some(e) = p.editor.as_mut() {
        e.target = None;
        e.conflict = None;
    }
    send(p, cx)
}

/// `E`: edits the selected note when the signed-in user wrote it.
pub fn edit_selected(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    let Some(note) = p.detail.as_ref().and_then(|d| d.selected_note()).cloned() else {
        return vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoCaseOpen))];
    };
    let me = cx.session.user.as_ref().map(|u| u.name.as_str());
    if me != Some(note.author.as_str()) {
        return vec![cx.toast(Level::Info, Notice::from(CaseNotice::NotYours))];
    }
    p.editor = Some(NoteEditor::edit(&note));
    vec![]
}

/// Ctrl-S with an edit under way: sent with the version it started from (or, after a
/// conflict, the version now current, so the user's text becomes the next version).
fn send_edit(
    p: &mut CasesState,
    cx: &mut Shell,
    target: crate::app::panes::cases::drafts::EditTarget,
    body: String,
) -> Vec<Effect> {
    let Some(e) = p.editor.take() else {
        return vec![];
    };
    p.drafts.remove(&e.case_id);
    p.pending_edits.insert(target.note_id.clone(), body.clone());
    let key = cx.idempotency_key();
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
        Effect::Local(LocalEffect::DeleteDraft(e.case_id)),
        cx.toast(Level::Info, Notice::WritesQueued(1)),
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
fn send(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let Some(e) = p.editor.as_ref() else {
        return vec![];
    };
    let body = outgoing_body(&e.text());
    if let Some(t) = e.target.clone() {
        if body.trim().is_empty() {
            return vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoteEmpty))];
        }
        return send_edit(p, cx, t, body);
    }
    if body.trim().is_empty() {
        return vec![cx.toast(Level::Info, Notice::from(CaseNotice::NoteEmpty))];
    }
    let body: String = body.chars().take(MAX_NOTE).collect();
    let case_id = e.case_id.clone();
    p.editor = None;
    p.drafts.remove(&case_id);
    p.outgoing.push(Outgoing {
        case_id: case_id.clone(),
        body: body.clone(),
    });
    let key = cx.idempotency_key();
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::AddNote {
                case_id: case_id.clone(),
                note: NewNote { body },
            },
        }),
        Effect::Local(LocalEffect::DeleteDraft(case_id)),
        cx.toast(Level::Info, Notice::from(CaseNotice::NoteQueued)),
    ]
}

/// The server confirmed a note or a new case.
pub fn on_written(p: &mut CasesState, cx: &mut Shell, data: Data) -> Vec<Effect> {
    match data {
        Data::Note(n) => {
            p.outgoing
                .retain(|o| !(o.case_id == n.case_id && o.body == n.body));
            let mut fx = vec![cx.toast(
                Level::Ok,
                Notice::from(CaseNotice::NotePosted(n.case_id.clone())),
            )];
            let open = p.detail.as_mut().filter(|d| d.case.id == n.case_id);
            if let Some(d) = open
                && !d.notes.iter().any(|x| x.id == n.id)
            {
                let at_end = d.selected + 1 >= d.notes.len();
                d.notes.push(n);
                if at_end {
                    d.selected = d.notes.len() - 1;
                }
                let (id, count) = (d.case.id.clone(), d.notes.len() as u32);
                if crate::app::panes::cases::notes::mark_seen(&mut p.seen, &id, count) {
                    fx.push(Effect::Local(LocalEffect::MarkSeen { case_id: id, count }));
                }
            }
            fx
        }
        Data::NoteSave(NoteSave::Saved(n)) => {
            p.pending_edits.remove(&n.id);
            let id = n.id.clone();
            replace_note(p, n);
            vec![cx.toast(Level::Ok, Notice::from(CaseNotice::NoteSaved(id)))]
        }
        Data::NoteSave(NoteSave::Conflict(c)) => {
            let current = c.current;
            let mine = p.pending_edits.remove(&current.id).unwrap_or_default();
            let who = current.author.clone();
            replace_note(p, current.clone());
            p.editor = Some(NoteEditor::conflicted(&mine, current));
            vec![cx.toast(Level::Error, Notice::from(CaseNotice::Conflict(who)))]
        }
        Data::NewCase(c) => {
            let id = c.id.clone();
            cases::replace_row(p, &c);
            p.list.select(0, p.rows.len(), cx.list_height());
            vec![cx.toast(Level::Ok, Notice::from(CaseNotice::CaseCreated(id)))]
        }
        _ => vec![],
    }
}

/// Puts the newest version of a note into the open case's timeline.
fn replace_note(p: &mut CasesState, n: Note) {
    if let Some(d) = p.detail.as_mut().filter(|d| d.case.id == n.case_id)
        && let Some(x) = d.notes.iter_mut().find(|x| x.id == n.id)
    {
        *x = n;
    }
}
