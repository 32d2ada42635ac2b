//! Opening "the database" a command names: a SQLite file, or a PostgreSQL URL
//! (`postgres://user@host/db?sslmode=…`) for many nodes over one cluster.

use std::path::Path;
use std::sync::Arc;

use super::postgres::{self, PgStore};
use super::sqlite::SqliteStore;
use super::{Store, StoreResult};

/// The engine `db` names, opened and migrated.
pub fn open(db: &Path) -> StoreResult<Arc<dyn Store>> {
    Ok(match pg_url(db) {
        Some(url) => Arc::new(PgStore::open(url)?),
        None => Arc::new(SqliteStore::open(db)?),
    })
}

/// The URL when `db` names a PostgreSQL database rather than a SQLite file.
pub fn pg_url(db: &Path) -> Option<&str> {
    db.to_str().filter(|s| postgres::is_url(s))
}

/// How to name `db` in messages: a URL without its password, or the file's path.
pub fn display(db: &Path) -> String {
    match pg_url(db) {
        Some(url) => without_password(url),
        None => db.display().to_string(),
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((auth, host)) = rest.split_once('@') else {
        return url.to_string();
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_postgres_and_messages_hide_the_password() {
        assert_eq!(
            pg_url(Path::new("postgres://fwc@db1/fwc?sslmode=require")),
            Some("postgres://fwc@db1/fwc?sslmode=require")
        );
        assert_eq!(pg_url(Path::new("fwc.db")), None);
        assert_eq!(
            display(Path::new("postgresql://fwc:hunter2@db1:5432/fwc")),
            "postgresql://fwc:***@db1:5432/fwc"
        );
        assert_eq!(
            display(Path::new("/var/lib/fwc/fwc.db")),
            "/var/lib/fwc/fwc.db"
        );
    }
}
