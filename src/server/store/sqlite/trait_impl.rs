//! [`Store`](crate::server::store::Store) for [`SqliteStore`]: each method lives with its
//! resource; `delegate_store!` maps the trait onto them.

use super::SqliteStore;

crate::server::store::delegate::delegate_store!(SqliteStore);
