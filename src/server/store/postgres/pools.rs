//! The store's two connection pools and their statement time limits (issue 13): a slow query
//! must not starve the others.
//!
//! Pages and writes use the main pool; lookups of one record by its id (and the token read,
//! the rate bucket, the audit queue) a pool of their own whose connections keep generic plans
//! (see [`PLANNING`]); long work — statistics, the link graph, serial
//! patterns no index answers, free-text seizure search — uses a small pool of its own, so a
//! burst of it (eight investigators opening the statistics at once) waits among itself for
//! those connections instead of taking the ones list pages need, and the database runs at
//! most [`LONG_POOL_SIZE`] such queries per node at a time. Each connection carries a
//! `statement_timeout`: a statement that runs longer is cancelled by PostgreSQL and the
//! request answers `503 busy` (see [`is_timeout`]) instead of holding its connection for good.
//! The main pool's limit can be set in the URL as libpq does
//! (`?options=-c%20statement_timeout%3D2s`); bulk loads and migrations lift it for their own
//! transaction (`SET LOCAL`). Connections also plan each statement for its values and, on the
//! main pool, run without parallel workers (see [`PLANNING`] and [`SERIAL`]).

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};

use super::tls::MakeRustls;
use crate::server::store::{StoreError, StoreResult};

/// Connections for pages and writes.
pub(super) const POOL_SIZE: usize = 16;
/// Connections for lookups by id: each holds its connection for a fraction of a millisecond.
pub(super) const LOOKUP_POOL_SIZE: usize = 8;
/// Connections for long work (as SQLite's two long-work readers).
pub(super) const LONG_POOL_SIZE: usize = 2;
/// The longest a statement of the main pool runs (unless the URL sets one): a list page takes
/// milliseconds, so a statement past this is stuck (a lock held, a plan gone wrong).
pub(super) const PAGE_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest a statement of long work runs: ring detection and the first statistics read of
/// the large seed take a few seconds.
pub(super) const LONG_TIMEOUT: Duration = Duration::from_secs(60);

/// The store's pools over one database.
pub(super) struct Pools {
    pub main: Pool,
    pub lookups: Pool,
    pub long: Pool,
    /// Lookups awaited on the server's runtime (`async_reads.rs`): the lookup pool's settings.
    pub direct: Pool,
}

/// The main, lookup and long-work pools over the same database.
pub(super) fn pools(config: &tokio_postgres::Config, tls: &MakeRustls) -> StoreResult<Pools> {
    let o = options(config.get_options());
    Ok(Pools {
        main: pool(config, tls, POOL_SIZE, o.main)?,
        lookups: pool(config, tls, LOOKUP_POOL_SIZE, o.lookups.clone())?,
        long: pool(config, tls, LONG_POOL_SIZE, o.long)?,
        direct: pool(config, tls, LOOKUP_POOL_SIZE, o.lookups.clone())?,
    })
}

/// Pages and long work plan each statement for its values (`plan_cache_mode`): statements
/// are prepared once per connection, and after five runs PostgreSQL would otherwise settle on
/// one generic plan for all values — the same plan for a status that is 2 % of the traces and
/// one that is 90 %, for a serial pattern matching ten firearms and one matching ten thousand.
/// Planning a page's statement costs a fraction of a millisecond. The lookup pool does not:
/// a record fetched by its primary key has one right plan whatever the id, and planning the
/// trace lookup's four-table join each time cost more than running it (0.4 ms against 0.2;
/// trace lookups went from about 1,600 to 2,800 a second on one node of the bench).
const PLANNING: &str = "-c plan_cache_mode=force_custom_plan";

/// Pages run without parallel workers: starting them costs more than a page's whole query (a
/// page reads a few hundred rows), and on a small machine they take the cores other requests
/// need. Long work keeps them.
const SERIAL: &str = "-c max_parallel_workers_per_gather=0";

/// Each pool's connection `options`.
#[derive(Debug, PartialEq)]
struct Options {
    main: String,
    lookups: String,
    long: String,
}

/// The connection `options` of each pool: the URL's options, with a `statement_timeout` added
/// where the URL sets none (the long pool never gets less than [`LONG_TIMEOUT`]).
fn options(url_options: Option<&str>) -> Options {
    let url = url_options.unwrap_or("").trim();
    let limit = |d: Duration| format!("-c statement_timeout={}", d.as_millis());
    let page_limit = if url.contains("statement_timeout") {
        String::new()
    } else {
        limit(PAGE_TIMEOUT)
    };
    let join = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    Options {
        main: join(&[PLANNING, url, &page_limit, SERIAL]),
        lookups: join(&[url, &page_limit, SERIAL]),
        // A later `-c` wins, so the long pool's limit holds even where the URL set a shorter one.
        long: join(&[PLANNING, url, &limit(LONG_TIMEOUT)]),
    }
}

fn pool(
    config: &tokio_postgres::Config,
    tls: &MakeRustls,
    size: usize,
    options: String,
) -> StoreResult<Pool> {
    let mut config = config.clone();
    config.options(options);
    let manager = Manager::from_config(
        config,
        tls.clone(),
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size)
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .build()
        .map_err(|e| StoreError::Internal(format!("PostgreSQL pool: {e}")))
}

/// Whether `e` is PostgreSQL cancelling a statement that ran past its `statement_timeout`.
pub(super) fn is_timeout(e: &tokio_postgres::Error) -> bool {
    e.code() == Some(&tokio_postgres::error::SqlState::QUERY_CANCELED)
}

/// The statement that lifts the limit for one transaction (bulk loads, migrations).
pub(super) const NO_TIMEOUT: &str = "SET LOCAL statement_timeout = 0";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pool_gets_a_limit_and_the_url_may_set_the_main_one() {
        let (p, s) = (PLANNING, SERIAL);
        assert_eq!(
            options(None),
            Options {
                main: format!("{p} -c statement_timeout=5000 {s}"),
                lookups: format!("-c statement_timeout=5000 {s}"),
                long: format!("{p} -c statement_timeout=60000"),
            }
        );
        let url = "-c statement_timeout=200 -c search_path=fwc";
        assert_eq!(
            options(Some(url)),
            Options {
                main: format!("{p} {url} {s}"),
                lookups: format!("{url} {s}"),
                long: format!("{p} {url} -c statement_timeout=60000"),
            }
        );
        assert_eq!(
            options(Some("-c search_path=fwc")).main,
            format!("{p} -c search_path=fwc -c statement_timeout=5000 {s}")
        );
    }
}
