//! A case's running notes: adding, reading, and editing (by the author only) with optimistic
//! concurrency. An edit names the version it started from; if the note has moved on, nothing is
//! written and the caller gets the current note back, so no text is silently merged or lost.

use rusqlite::{Connection, OptionalExtension, params};

use super::cases::{NOTE_COLS, require_member, row_to_note, touch};
use super::system::emit;
use super::{Cursor, SqliteStore, from_ts, page_limit, ts};
use crate::model::*;
use crate::server::store::{NoteEditOutcome, StoreError, StoreResult, Written};

impl SqliteStore {
    pub(super) fn list_notes_impl(
        &self,
        case_id: &str,
        q: &NoteQuery,
        viewer: &User,
    ) -> StoreResult<Page<Note>> {
        let limit = page_limit(q.limit)?;
        let cursor = Cursor::decode_opt("notes", q.cursor.as_deref())?;
        let since = q.since.map(ts);
        self.read(|c| {
            require_member(c, case_id, viewer)?;
            // Ids are random, so notes written in the same second keep their order by rowid
            // (the order of insertion), which is also the cursor's tie-break.
            let mut st = c.prepare_cached(&format!(
                "SELECT {NOTE_COLS}, rowid FROM notes WHERE case_id = ?1
                   AND (?2 IS NULL OR (created_at, rowid) > (?2, CAST(?3 AS INTEGER)))
                   AND (?5 IS NULL OR updated_at >= ?5)
                 ORDER BY created_at, rowid LIMIT ?4"
            ))?;
            let rows = st.query_map(
                params![
                    case_id,
                    cursor.as_ref().map(|c| c.key),
                    cursor.as_ref().map(|c| c.id.clone()),
                    limit + 1,
                    since
                ],
                |r| Ok((row_to_note(r)?, r.get::<_, i64>(9)?)),
            )?;
            let mut rows: Vec<(Note, i64)> = rows.collect::<Result<_, _>>()?;
            let next_cursor = if rows.len() > limit as usize {
                rows.truncate(limit as usize);
                rows.last().map(|(n, rowid)| {
                    Cursor::new("notes", ts(n.created_at), &rowid.to_string()).encode()
                })
            } else {
                None
            };
            let items = rows.into_iter().map(|(n, _)| n).collect();
            Ok(Page { items, next_cursor })
        })
    }

    pub(super) fn add_note_impl(
        &self,
        case_id: &str,
        new: &NewNote,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Note>> {
        self.idempotent_write(by, idem, &format!("POST /v1/cases/{case_id}/notes"), |tx| {
            require_member(tx, case_id, by)?;
            let id = new_note_id();
            crate::server::store::audit_created(&id, Some(case_id));
            let now = ts(chrono::Utc::now());
            tx.execute(
                "INSERT INTO notes(id, case_id, author, author_agency, body, created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 1)",
                params![id, case_id, by.name, by.agency, new.body, now],
            )?;
            tx.execute(
                "INSERT INTO note_history(note_id, version, body, author, at) VALUES (?1, 1, ?2, ?3, ?4)",
                params![id, new.body, by.name, now],
            )?;
            touch(tx, case_id)?;
            let note = find_note(tx, case_id, &id)?;
            let ev = emit(
                tx,
                EventKind::NoteAdded,
                &id,
                Some(case_id),
                &format!("{} added a note to {case_id}", by.name),
            )?;
            Ok((note, Some(ev)))
        })
    }

    pub(super) fn get_note_impl(
        &self,
        case_id: &str,
        note_id: &str,
        viewer: &User,
    ) -> StoreResult<Note> {
        self.read(|c| {
            require_member(c, case_id, viewer)?;
            find_note(c, case_id, note_id)
        })
    }

    pub(super) fn edit_note_impl(
        &self,
        case_id: &str,
        note_id: &str,
        edit: &NoteEdit,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<NoteEditOutcome> {
        // Set when the check inside the transaction finds a newer version; the transaction is
        // then rolled back (and no idempotent reply is stored, so a retry is judged afresh).
        let mut current: Option<Note> = None;
        let op = format!("PUT /v1/cases/{case_id}/notes/{note_id}");
        let res = self.idempotent_write(by, idem, &op, |tx| {
            require_member(tx, case_id, by)?;
            let note = find_note(tx, case_id, note_id)?;
            // Only the author may edit: a note says who wrote it, and an edit under someone
            // else's name would misattribute words a prosecutor may quote. Others answer with
            // a note of their own. Optimistic concurrency keeps the author's own sessions
            // (desk and field) from overwriting each other.
            if note.author != by.name {
                return Err(StoreError::Forbidden(format!(
                    "Only the author of note {note_id} ({}) may edit it; answer it with a new note that names {note_id}.",
                    note.author
                )));
            }
            if note.version != edit.version {
                let msg = format!(
                    "Note {note_id} is at version {} now, not {}; nothing was overwritten.",
                    note.version, edit.version
                );
                current = Some(note);
                return Err(StoreError::Conflict(msg));
            }
            let now = ts(chrono::Utc::now());
            let version = note.version + 1;
            tx.execute(
                "UPDATE notes SET body = ?2, updated_at = ?3, version = ?4 WHERE id = ?1",
                params![note_id, edit.body, now, version],
            )?;
            tx.execute(
                "INSERT INTO note_history(note_id, version, body, author, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![note_id, version, edit.body, by.name, now],
            )?;
            touch(tx, case_id)?;
            let note = find_note(tx, case_id, note_id)?;
            let ev = emit(
                tx,
                EventKind::NoteEdited,
                note_id,
                Some(case_id),
                &format!("{} edited note {note_id} in {case_id}", by.name),
            )?;
            Ok((note, Some(ev)))
        });
        match (res, current) {
            (Err(StoreError::Conflict(_)), Some(note)) => Ok(NoteEditOutcome::Conflict(note)),
            (res, _) => res.map(NoteEditOutcome::Saved),
        }
    }

    pub(super) fn note_history_impl(
        &self,
        case_id: &str,
        note_id: &str,
        viewer: &User,
    ) -> StoreResult<Vec<NoteVersion>> {
        self.read(|c| {
            require_member(c, case_id, viewer)?;
            let note = find_note(c, case_id, note_id)?;
            let mut st = c.prepare_cached(
                "SELECT note_id, version, body, author, at FROM note_history WHERE note_id = ?1 ORDER BY version",
            )?;
            let rows = st.query_map([note_id], |r| {
                Ok(NoteVersion {
                    note_id: r.get(0)?,
                    version: r.get(1)?,
                    body: r.get(2)?,
                    author: note.author.clone(),
                    edited_by: r.get(3)?,
                    edited_at: from_ts(r.get(4)?),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}

/// A note of this case (the caller has checked membership); 404 if the case has no such note.
fn find_note(c: &Connection, case_id: &str, note_id: &str) -> StoreResult<Note> {
    c.prepare_cached(&format!(
        "SELECT {NOTE_COLS} FROM notes WHERE id = ?1 AND case_id = ?2"
    ))?
    .query_row([note_id, case_id], row_to_note)
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("Note {note_id} of case {case_id}")))
}

/// A new note's id: `NT-` and 64 random bits in hex. A global counter let a member count the
/// notes written, between two of their own, in cases they cannot see; a random id says nothing
/// across the need-to-know boundary (notes are ordered by time, not by id).
fn new_note_id() -> String {
    format!("NT-{:016X}", rand::random::<u64>())
}
