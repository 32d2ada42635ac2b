//! A case's running notes: adding, reading, and editing (by the author only) with optimistic
//! concurrency (SQLite: `sqlite/notes.rs`).

use super::cases::{require_member, touch};
use super::system::emit;
use super::{Db, PgStore, from_ts, ts};
use crate::model::*;
use crate::server::store::sqlite::{Cursor, page_limit};
use crate::server::store::{NoteEditOutcome, StoreError, StoreResult, Written};

/// Columns of a note (`FROM notes`); the editor of the current version comes from its history
/// row.
const NOTE_COLS: &str = "id, case_id, author, author_agency, body, created_at, updated_at, version,
     CASE WHEN version > 1 THEN (SELECT h.author FROM note_history h
                                 WHERE h.note_id = notes.id AND h.version = notes.version) END";

impl PgStore {
    pub fn list_notes_impl(
        &self,
        case_id: &str,
        q: &NoteQuery,
        viewer: &User,
    ) -> StoreResult<Page<Note>> {
        let limit = page_limit(q.limit)?;
        let cursor = Cursor::decode_opt("notes", q.cursor.as_deref())?;
        let (ckey, cseq) = match &cursor {
            Some(c) => (
                Some(c.key),
                Some(c.id.parse::<i64>().map_err(|_| StoreError::BadCursor)?),
            ),
            None => (None, None),
        };
        let since = q.since.map(ts);
        let lim = i64::from(limit) + 1;
        self.read(|db| {
            require_member(db, case_id, viewer)?;
            // Ids are random, so notes written in the same second keep the order they were
            // added in (`seq`, SQLite's rowid), which is also the cursor's tie-break.
            let mut rows = db
                .query(
                    &format!(
                        "SELECT {NOTE_COLS}, seq FROM notes WHERE case_id = $1
                           AND ($2::BIGINT IS NULL OR (created_at, seq) > ($2, $3))
                           AND ($5::BIGINT IS NULL OR updated_at >= $5)
                         ORDER BY created_at, seq LIMIT $4"
                    ),
                    &[&case_id, &ckey, &cseq, &lim, &since],
                )?
                .iter()
                .map(|r| Ok((row_to_note(r)?, r.get::<_, i64>(9))))
                .collect::<StoreResult<Vec<_>>>()?;
            let next_cursor = if rows.len() > limit as usize {
                rows.truncate(limit as usize);
                rows.last().map(|(n, seq)| {
                    Cursor::new("notes", ts(n.created_at), &seq.to_string()).encode()
                })
            } else {
                None
            };
            let items = rows.into_iter().map(|(n, _)| n).collect();
            Ok(Page { items, next_cursor })
        })
    }

    pub fn add_note_impl(
        &self,
        case_id: &str,
        new: &NewNote,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Note>> {
        self.idempotent_write(by, idem, &format!("POST /v1/cases/{case_id}/notes"), |db| {
            require_member(db, case_id, by)?;
            let id = new_note_id();
            crate::server::store::audit_created(&id, Some(case_id));
            let now = ts(chrono::Utc::now());
            db.execute(
                "INSERT INTO notes(id, case_id, author, author_agency, body, created_at, updated_at, version, seq)
                 VALUES ($1, $2, $3, $4, $5, $6, $6, 1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM notes))",
                &[&id, &case_id, &by.name, &by.agency, &new.body, &now],
            )?;
            db.execute(
                "INSERT INTO note_history(note_id, version, body, author, at) VALUES ($1, 1, $2, $3, $4)",
                &[&id, &new.body, &by.name, &now],
            )?;
            touch(db, case_id)?;
            let note = find_note(db, case_id, &id)?;
            let ev = emit(
                db,
                EventKind::NoteAdded,
                &id,
                Some(case_id),
                &format!("{} added a note to {case_id}", by.name),
            )?;
            Ok((note, Some(ev)))
        })
    }

    pub fn get_note_impl(&self, case_id: &str, note_id: &str, viewer: &User) -> StoreResult<Note> {
        self.read(|db| {
            require_member(db, case_id, viewer)?;
            find_note(db, case_id, note_id)
        })
    }

    pub fn edit_note_impl(
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
        let res = self.idempotent_write(by, idem, &op, |db| {
            require_member(db, case_id, by)?;
            let note = find_note(db, case_id, note_id)?;
            // Only the author may edit (see the SQLite store for why).
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
            let version = i64::from(note.version) + 1;
            db.execute(
                "UPDATE notes SET body = $2, updated_at = $3, version = $4 WHERE id = $1",
                &[&note_id, &edit.body, &now, &version],
            )?;
            db.execute(
                "INSERT INTO note_history(note_id, version, body, author, at) VALUES ($1, $2, $3, $4, $5)",
                &[&note_id, &version, &edit.body, &by.name, &now],
            )?;
            touch(db, case_id)?;
            let note = find_note(db, case_id, note_id)?;
            let ev = emit(
                db,
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

    pub fn note_history_impl(
        &self,
        case_id: &str,
        note_id: &str,
        viewer: &User,
    ) -> StoreResult<Vec<NoteVersion>> {
        self.read(|db| {
            require_member(db, case_id, viewer)?;
            let note = find_note(db, case_id, note_id)?;
            db.query(
                "SELECT note_id, version, body, author, at FROM note_history WHERE note_id = $1 ORDER BY version",
                &[&note_id],
            )?
            .iter()
            .map(|r| {
                Ok(NoteVersion {
                    note_id: r.get(0),
                    version: version(r.get(1))?,
                    body: r.get(2),
                    author: note.author.clone(),
                    edited_by: r.get(3),
                    edited_at: from_ts(r.get(4)),
                })
            })
            .collect()
        })
    }
}

fn version(v: i64) -> StoreResult<u32> {
    u32::try_from(v).map_err(|_| StoreError::Internal(format!("note version {v} out of range")))
}

/// A note of this case (the caller has checked membership); 404 if the case has no such note.
fn find_note(db: &Db<'_>, case_id: &str, note_id: &str) -> StoreResult<Note> {
    db.query_opt(
        &format!("SELECT {NOTE_COLS} FROM notes WHERE id = $1 AND case_id = $2"),
        &[&note_id, &case_id],
    )?
    .map(|r| row_to_note(&r))
    .transpose()?
    .ok_or_else(|| StoreError::NotFound(format!("Note {note_id} of case {case_id}")))
}

fn row_to_note(r: &tokio_postgres::Row) -> StoreResult<Note> {
    let edited_by: Option<String> = r.get(8);
    let updated_at = from_ts(r.get(6));
    Ok(Note {
        id: r.get(0),
        case_id: r.get(1),
        author: r.get(2),
        author_agency: r.get(3),
        body: r.get(4),
        created_at: from_ts(r.get(5)),
        updated_at,
        version: version(r.get(7))?,
        edited_at: edited_by.as_ref().map(|_| updated_at),
        edited_by,
    })
}

/// A new note's id: `NT-` and 64 random bits in hex (see the SQLite store for why random).
fn new_note_id() -> String {
    format!("NT-{:016X}", rand::random::<u64>())
}
