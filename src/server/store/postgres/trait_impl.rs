//! [`Store`](crate::server::store::Store) for [`PgStore`]: each method lives with its
//! resource; `delegate_store!` maps the trait onto them, as for SQLite.

use super::PgStore;

crate::server::store::delegate::delegate_store!(PgStore);
