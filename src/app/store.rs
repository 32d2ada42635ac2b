//! The console's own SQLite file in the data dir: the last pages per pane (so a restart paints
//! at once) and the durable outbox of writes waiting for the server.
//!
//! Everything is keyed by server and by who is signed in (a digest of the token, never the
//! token): pointing the console elsewhere never shows another server's records or sends its
//! writes there, and a write queued by one user is never sent with another's token, nor their
//! drafts shown to someone else.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

mod cases;

use super::effect::{CacheEntry, PendingWrite};
use crate::model::text::Sanitize;
use crate::model::{Seizure, SeizureStats, Trace, User};

/// Rows of the cached queue read before the first frame.
const HEAD: usize = 500;

pub struct Store {
    conn: Mutex<Connection>,
    server: String,
}

/// What the cache holds for the first frame.
#[derive(Debug, Default)]
pub struct Cached {
    pub seizures: Option<Vec<Seizure>>,
    pub stats: Option<SeizureStats>,
    pub traces: Option<Vec<Trace>>,
    pub user: Option<User>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS cache (
    server TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, saved_at TEXT NOT NULL,
    PRIMARY KEY (server, key));
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, server TEXT NOT NULL,
    idem_key TEXT NOT NULL UNIQUE, json TEXT NOT NULL, created_at TEXT NOT NULL);
";

impl Store {
    /// Opens `<data_dir>/console.db` for `server` as the holder of `token`. Records kept before
    /// sign-ins were told apart (keyed by the server alone) are adopted by the first sign-in.
    pub fn open_for(data_dir: &Path, server: &str, token: &str) -> anyhow::Result<Store> {
        let store = Store::open(data_dir, &identity_key(server, token))?;
        store.adopt_legacy(server)?;
        Ok(store)
    }

    fn adopt_legacy(&self, server: &str) -> anyhow::Result<()> {
        let mut conn = self.lock()?;
        let tx = conn.transaction()?;
        for table in ["cache", "outbox", "note_drafts", "case_seen"] {
            tx.execute(
                &format!("UPDATE OR IGNORE {table} SET server = ?1 WHERE server = ?2"),
                params![self.server, server],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes queued for the same server under another sign-in: kept, not sent by this one.
    pub fn waiting_for_others(&self) -> anyhow::Result<usize> {
        let Some((server, _)) = self.server.rsplit_once('#') else {
            return Ok(0);
        };
        let n: i64 = self.lock()?.query_row(
            "SELECT count(*) FROM outbox WHERE server <> ?1 AND substr(server, 1, ?2) = ?3",
            params![self.server, server.len() as i64 + 1, format!("{server}#")],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Opens (creating) `<data_dir>/console.db`.
    pub fn open(data_dir: &Path, server: &str) -> anyhow::Result<Store> {
        std::fs::create_dir_all(data_dir)?;
        let conn = Connection::open(data_dir.join("console.db"))?;
        Store::init(conn, server)
    }

    /// A store that forgets everything on exit (when the data dir is unusable).
    pub fn in_memory(server: &str) -> anyhow::Result<Store> {
        Store::init(Connection::open_in_memory()?, server)
    }

    fn init(conn: Connection, server: &str) -> anyhow::Result<Store> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(cases::SCHEMA)?;
        Ok(Store {
            conn: Mutex::new(conn),
            server: server.to_string(),
        })
    }

    fn lock(&self) -> anyhow::Result<std::sync::MutexGuard<'_, Connection>> {
        self.conn
            .lock()
            .map_err(|_| anyhow::anyhow!("local store lock poisoned"))
    }

    fn put<T: Serialize>(&self, key: &str, value: &T) -> anyhow::Result<()> {
        let json = serde_json::to_string(value)?;
        self.lock()?.execute(
            "INSERT INTO cache (server, key, json, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (server, key) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at",
            params![self.server, key, json, chrono::Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    /// A cached value, sanitised again: the file is on disk and could have been edited.
    fn get<T: DeserializeOwned + Sanitize>(&self, key: &str) -> Option<T> {
        let conn = self.lock().ok()?;
        let json: String = conn
            .query_row(
                "SELECT json FROM cache WHERE server = ?1 AND key = ?2",
                params![self.server, key],
                |r| r.get(0),
            )
            .optional()
            .ok()??;
        let mut v: T = serde_json::from_str(&json).ok()?;
        v.sanitize();
        Some(v)
    }

    pub fn save(&self, entry: &CacheEntry) -> anyhow::Result<()> {
        match entry {
            CacheEntry::Queue(rows, stats) => {
                // A short head paints the first frame at once; the rest follows in the background.
                self.put("seizures_head", &rows.iter().take(HEAD).collect::<Vec<_>>())?;
                self.put("seizures", rows)?;
                if let Some(s) = stats {
                    self.put("stats", s)?;
                }
                Ok(())
            }
            CacheEntry::Traces(rows) => self.put("traces", rows),
            CacheEntry::User(u) => self.put("user", u),
        }
    }

    /// What the first frame needs: only the head of a long cached queue.
    pub fn load(&self) -> Cached {
        Cached {
            seizures: self.get("seizures_head"),
            stats: self.get("stats"),
            traces: self.get("traces"),
            user: self.get("user"),
        }
    }

    /// What the first frame needs, as the entries the panes take (see `Reply::Cached`).
    pub fn first_frame(&self) -> Vec<CacheEntry> {
        let c = self.load();
        let mut v = Vec::new();
        if let Some(rows) = c.seizures {
            v.push(CacheEntry::Queue(rows, c.stats));
        }
        if let Some(rows) = c.traces {
            v.push(CacheEntry::Traces(rows));
        }
        if let Some(u) = c.user {
            v.push(CacheEntry::User(u));
        }
        v
    }

    /// The whole cached queue (read after the first frame is on screen).
    pub fn load_queue(&self) -> Option<Vec<Seizure>> {
        self.get("seizures")
    }

    /// Adds a write to the outbox (durably, before anything is sent).
    pub fn push(&self, w: &PendingWrite) -> anyhow::Result<()> {
        self.lock()?.execute(
            "INSERT OR IGNORE INTO outbox (server, idem_key, json, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![self.server, w.key, serde_json::to_string(w)?, chrono::Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    /// Writes waiting for this server, oldest first.
    pub fn pending(&self) -> anyhow::Result<Vec<PendingWrite>> {
        let conn = self.lock()?;
        let mut stmt = conn.prepare("SELECT json FROM outbox WHERE server = ?1 ORDER BY seq")?;
        let rows = stmt.query_map(params![self.server], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            out.push(serde_json::from_str(&json?)?);
        }
        Ok(out)
    }

    pub fn remove(&self, key: &str) -> anyhow::Result<()> {
        self.lock()?
            .execute("DELETE FROM outbox WHERE idem_key = ?1", params![key])?;
        Ok(())
    }
}

/// `server#<16 hex digits of the token's SHA-256>`: tells sign-ins apart without storing a
/// token (or anything a token could be recovered from).
pub fn identity_key(server: &str, token: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = hex::encode(Sha256::digest(token.as_bytes()));
    format!("{server}#{}", &digest[..16])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::effect::WriteOp;
    use crate::model::{SeizureUpdate, TriageStatus};

    fn write(key: &str) -> PendingWrite {
        PendingWrite {
            key: key.into(),
            op: WriteOp::UpdateSeizure {
                id: "SZ-1".into(),
                update: SeizureUpdate {
                    status: TriageStatus::Closed,
                },
            },
        }
    }

    #[test]
    fn outbox_survives_reopening_and_is_per_server() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path(), "http://a").unwrap();
            s.push(&write("k1")).unwrap();
            s.push(&write("k2")).unwrap();
            s.push(&write("k1")).unwrap();
        }
        let s = Store::open(dir.path(), "http://a").unwrap();
        assert_eq!(
            s.pending()
                .unwrap()
                .iter()
                .map(|w| w.key.as_str())
                .collect::<Vec<_>>(),
            ["k1", "k2"]
        );
        s.remove("k1").unwrap();
        assert_eq!(s.pending().unwrap().len(), 1);
        assert!(
            Store::open(dir.path(), "http://b")
                .unwrap()
                .pending()
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn each_sign_in_has_its_own_outbox_and_drafts() {
        let dir = tempfile::tempdir().unwrap();
        // Kept before sign-ins were told apart: the first sign-in adopts it.
        Store::open(dir.path(), "demo")
            .unwrap()
            .push(&write("old"))
            .unwrap();
        let ana = Store::open_for(dir.path(), "demo", "tok-ana").unwrap();
        assert_eq!(ana.pending().unwrap().len(), 1);
        ana.push(&write("a1")).unwrap();
        ana.save_draft(&crate::app::panes::cases::drafts::Draft {
            case_id: "CS-1".into(),
            body: "borrador de Ana".into(),
            saved_at: chrono::Utc::now(),
        })
        .unwrap();

        let ben = Store::open_for(dir.path(), "demo", "tok-ben").unwrap();
        assert!(
            ben.pending().unwrap().is_empty(),
            "never sent with Ben's token"
        );
        assert!(
            ben.drafts().unwrap().is_empty(),
            "Ana's draft is not shown to Ben"
        );
        assert_eq!(ben.waiting_for_others().unwrap(), 2);
        let ana = Store::open_for(dir.path(), "demo", "tok-ana").unwrap();
        assert_eq!(ana.pending().unwrap().len(), 2);
        assert_eq!(ana.waiting_for_others().unwrap(), 0);
        assert!(!identity_key("demo", "tok-ana").contains("tok-ana"));
    }

    #[test]
    fn cache_round_trips_and_sanitises() {
        let s = Store::in_memory("x").unwrap();
        let u = User {
            name: "Ana\u{1b}[2J".into(),
            agency: "FGR".into(),
            country: crate::model::Country::MX,
            role: crate::model::Role::Investigator,
        };
        s.save(&CacheEntry::User(u)).unwrap();
        assert_eq!(s.load().user.unwrap().name, "Ana[2J");
        assert!(s.load().seizures.is_none());
    }
}
