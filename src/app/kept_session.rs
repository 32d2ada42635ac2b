//! Sessions kept on this machine: one file per server in the data dir, readable by its owner
//! only, holding the session token `fwc login`, the console's sign-in form or its lock screen
//! got, so the next start reuses it until it ends.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::SessionCreated;

/// A session kept on disk for one server.
#[derive(Clone, Serialize, Deserialize)]
pub struct SavedSession {
    pub server: String,
    pub user: String,
    pub token: String,
    pub expires_at: DateTime<Utc>,
    /// The server's idle time for the session (older files lack it: the server's maximum).
    #[serde(default = "default_idle_s")]
    pub idle_timeout_s: u32,
}

fn default_idle_s() -> u32 {
    30 * 60
}

/// The token never reaches a log through `{:?}`.
impl std::fmt::Debug for SavedSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SavedSession")
            .field("server", &self.server)
            .field("user", &self.user)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// `<data dir>/sessions/<first 16 hex of SHA-256(server URL)>.json`.
pub fn session_file(data_dir: &Path, server: &str) -> PathBuf {
    use sha2::{Digest, Sha256};
    let key = hex::encode(Sha256::digest(server.trim_end_matches('/').as_bytes()));
    data_dir
        .join("sessions")
        .join(format!("{}.json", &key[..16]))
}

/// Writes `contents` to `path` readable by its owner only (created so: never briefly wider).
pub fn write_private(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(contents)?;
    Ok(())
}

/// The kept session for `server`, if there is one that has not reached its absolute end
/// (the server may still have ended it for idling: then it answers 401 and the user signs in).
pub fn load(data_dir: &Path, server: &str) -> Option<SavedSession> {
    let path = session_file(data_dir, server);
    let text = std::fs::read_to_string(&path).ok()?;
    let s: SavedSession = serde_json::from_str(&text).ok()?;
    (s.expires_at > Utc::now() && s.server == server.trim_end_matches('/')).then_some(s)
}

/// Forgets the kept session for `server` (the server no longer accepts it).
pub fn forget(data_dir: &Path, server: &str) {
    let _ = std::fs::remove_file(session_file(data_dir, server));
}

/// Keeps new sessions for one server in one data dir.
#[derive(Debug, Clone)]
pub struct Keeper {
    pub data_dir: PathBuf,
    pub server: String,
}

impl Keeper {
    /// Writes the session of `user` (mode 0600) and returns where.
    pub fn keep(&self, user: &str, created: &SessionCreated) -> anyhow::Result<PathBuf> {
        let server = self.server.trim_end_matches('/').to_string();
        let saved = SavedSession {
            server: server.clone(),
            user: user.to_string(),
            token: created.token.clone(),
            expires_at: created.expires_at,
            idle_timeout_s: created.idle_timeout_s,
        };
        let path = session_file(&self.data_dir, &server);
        write_private(&path, serde_json::to_string_pretty(&saved)?.as_bytes())?;
        Ok(path)
    }
}
