//! The test server over PostgreSQL: the same helpers as [`super::server`] (which the API tests
//! import), each test on a fresh database of the process's cluster ([`super::postgres`]). The
//! API modules are compiled a second time with these in place (`api_pg`), so every API test
//! also runs against PostgreSQL.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use super::postgres::{Cluster, cluster, connect};
use super::server::{Engine, FROZEN, TestServer, server_in, small_seed};

/// The cluster, or a loud failure: these tests exist to run on PostgreSQL.
fn pg() -> &'static Cluster {
    cluster().expect(
        "the API tests on PostgreSQL need postgresql-15 (see support::postgres; .ci/run installs it)",
    )
}

/// The database of a test's directory: created on first ask, the same URL afterwards (a test
/// may name it several times, or restart its server over it).
pub fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    static BY_DIR: OnceLock<Mutex<HashMap<PathBuf, String>>> = OnceLock::new();
    let mut map = BY_DIR
        .get_or_init(Default::default)
        .lock()
        .expect("database map");
    let url = map
        .entry(dir.path().to_path_buf())
        .or_insert_with(|| pg().fresh_database());
    PathBuf::from(url.as_str())
}

pub async fn server() -> TestServer {
    server_with(|_| {}).await
}

pub async fn server_with(prepare: impl FnOnce(&Path) + Send) -> TestServer {
    server_in(Engine::Postgres, prepare, Duration::from_secs(1)).await
}

pub async fn server_frozen(prepare: impl FnOnce(&Path) + Send) -> TestServer {
    server_in(Engine::Postgres, prepare, FROZEN).await
}

/// The small seed, loaded once per process into a template database and copied from it.
pub fn seed_small_into(url: &Path) {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let url = pg().fresh_database();
        {
            let store = fwc::server::store::postgres::PgStore::open(&url).expect("open template");
            fwc::seed::run(&small_seed(), &store).expect("seed the template");
        }
        Cluster::name_of(&url).to_string()
    });
    pg().copy_of(&url.to_string_lossy(), template);
}

/// Runs `sql` on the database at `url`.
pub fn try_sql(url: &Path, sql: &str) -> Result<(), String> {
    pg().admin(Cluster::name_of(&url.to_string_lossy()), sql)
}

/// The integer `query` answers on the database at `url`.
pub fn number(url: &Path, query: &str) -> i64 {
    let (url, query) = (url.to_string_lossy().into_owned(), query.to_string());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            let row = connect(&url)
                .await
                .query_one(&query, &[])
                .await
                .unwrap_or_else(|e| panic!("{query}: {e:?}"));
            row.try_get::<_, i64>(0)
                .or_else(|_| row.try_get::<_, i32>(0).map(i64::from))
                .expect("an integer")
        })
    })
    .join()
    .expect("query thread")
}
