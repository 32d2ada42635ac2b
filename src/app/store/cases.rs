//! The Cases pane's local records: note drafts and how many notes of each case were shown.
//!
//! Drafts are written with `synchronous = FULL` for their transaction's sake: they exist to
//! survive a crash or a killed SSH session, so a commit must be on disk when it returns.

use std::collections::BTreeMap;

use rusqlite::params;

use super::Store;
use crate::app::panes::cases::drafts::Draft;
use crate::model::text::clean_multiline_in_place;

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS note_drafts (
    server TEXT NOT NULL, case_id TEXT NOT NULL, body TEXT NOT NULL, saved_at TEXT NOT NULL,
    PRIMARY KEY (server, case_id));
CREATE TABLE IF NOT EXISTS case_seen (
    server TEXT NOT NULL, case_id TEXT NOT NULL, seen INTEGER NOT NULL,
    PRIMARY KEY (server, case_id));
";

impl Store {
    /// Saves `d` unless the stored draft is newer (two saves racing at shutdown keep the later
    /// text).
    pub fn save_draft(&self, d: &Draft) -> anyhow::Result<()> {
        let conn = self.lock()?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let r = conn.execute(
            "INSERT INTO note_drafts (server, case_id, body, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (server, case_id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at
             WHERE excluded.saved_at >= note_drafts.saved_at",
            params![self.server, d.case_id, d.body, d.saved_at.to_rfc3339()],
        );
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        r?;
        Ok(())
    }

    pub fn delete_draft(&self, case_id: &str) -> anyhow::Result<()> {
        self.lock()?.execute(
            "DELETE FROM note_drafts WHERE server = ?1 AND case_id = ?2",
            params![self.server, case_id],
        )?;
        Ok(())
    }

    /// Every saved draft for this server, cleaned again (the file could have been edited).
    pub fn drafts(&self) -> anyhow::Result<BTreeMap<String, Draft>> {
        let conn = self.lock()?;
        let mut stmt =
            conn.prepare("SELECT case_id, body, saved_at FROM note_drafts WHERE server = ?1")?;
        let rows = stmt.query_map(params![self.server], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (case_id, mut body, at) = row?;
            clean_multiline_in_place(&mut body);
            let saved_at = chrono::DateTime::parse_from_rfc3339(&at)
                .map(|t| t.with_timezone(&chrono::Utc))
                .unwrap_or_default();
            let case_id = crate::model::text::clean(&case_id);
            out.insert(
                case_id.clone(),
                Draft {
                    case_id,
                    body,
                    saved_at,
                },
            );
        }
        Ok(out)
    }

    pub fn mark_seen(&self, case_id: &str, count: u32) -> anyhow::Result<()> {
        self.lock()?.execute(
            "INSERT INTO case_seen (server, case_id, seen) VALUES (?1, ?2, ?3)
             ON CONFLICT (server, case_id) DO UPDATE SET seen = max(seen, excluded.seen)",
            params![self.server, case_id, count],
        )?;
        Ok(())
    }

    /// How many notes of each case this console has shown.
    pub fn seen(&self) -> anyhow::Result<BTreeMap<String, u32>> {
        let conn = self.lock()?;
        let mut stmt = conn.prepare("SELECT case_id, seen FROM case_seen WHERE server = ?1")?;
        let rows = stmt.query_map(params![self.server], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_and_seen_counts_survive_reopening_per_server() {
        let dir = tempfile::tempdir().unwrap();
        let d = Draft {
            case_id: "CS-2026-0001".into(),
            body: "Revisar SZ-000123\nañadir #ABC123".into(),
            saved_at: chrono::Utc::now(),
        };
        {
            let s = Store::open(dir.path(), "http://a").unwrap();
            s.save_draft(&d).unwrap();
            s.mark_seen("CS-2026-0001", 4).unwrap();
            s.mark_seen("CS-2026-0001", 2).unwrap();
        }
        let s = Store::open(dir.path(), "http://a").unwrap();
        let drafts = s.drafts().unwrap();
        assert_eq!(drafts["CS-2026-0001"].body, d.body);
        assert_eq!(s.seen().unwrap()["CS-2026-0001"], 4);
        s.delete_draft("CS-2026-0001").unwrap();
        assert!(s.drafts().unwrap().is_empty());
        let other = Store::open(dir.path(), "http://b").unwrap();
        assert!(other.seen().unwrap().is_empty());
    }
}
