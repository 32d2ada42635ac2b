//! The short-gram index (`store/short_grams.rs`) is the same on both engines: SQLite computes
//! the grams in Rust, PostgreSQL in SQL (migration 9's functions), and both must agree gram for
//! gram on the same seed, whether built by the seed's bulk load or by the migration over a
//! database that already holds seizures.

use fwc::server::store::postgres::PgStore;

use super::raw;
use crate::support::postgres::{cluster, connect};

/// Every gram with its count and mark, and how many postings it keeps, in byte order.
const INDEX: &str = "SELECT g.gram, g.docs, g.common, \
     (SELECT count(*) FROM seizure_gram_postings p WHERE p.gram = g.gram) \
     FROM seizure_grams g ORDER BY g.gram";

type Index = Vec<(String, i64, bool, i64)>;

fn sqlite_index(path: &std::path::Path) -> Index {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut st = c.prepare(INDEX).unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn pg_index(url: &str) -> Index {
    let url = url.to_string();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let rows = connect(&url).await.query(INDEX, &[]).await.unwrap();
                rows.iter()
                    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
                    .collect()
            })
    })
    .join()
    .unwrap()
}

/// The bound on a gram's postings in the tests' seeds: low enough that the small seed has
/// common grams (the default, 10,000, is above its 1,500 seizures).
const BOUND: &str = "UPDATE seizure_gram_index SET common_above = 300";

#[test]
fn both_engines_build_the_same_gram_index_from_a_seed_and_from_the_migration() {
    let Some(pg) = cluster() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fwc.db");
    let lite = fwc::server::store::sqlite::SqliteStore::open(&path).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(BOUND)
        .unwrap();
    fwc::seed::run(&crate::support::server::small_seed(), &lite).unwrap();
    let url = pg.fresh_database();
    let post = PgStore::open(&url).unwrap();
    raw(&url, BOUND);
    fwc::seed::run(&crate::support::server::small_seed(), &post).unwrap();
    drop(post);
    let lite = sqlite_index(&path);
    assert!(lite.len() > 500, "{}", lite.len());
    assert!(lite.iter().any(|g| g.2 && g.3 == 0), "common, no postings");
    assert!(
        lite.iter().any(|g| !g.2 && g.3 == g.1),
        "rare, every posting"
    );
    assert!(lite.iter().all(|g| g.2 || g.3 == g.1));
    assert!(lite.iter().any(|g| !g.0.is_ascii()));
    assert_eq!(pg_index(&url), lite, "the seed's index");
    // A database from before migration 9 (its seizures there, no index; nor the later
    // migrations' changes): the migration builds the same counts, under the default bound (no
    // gram of the small seed passes it).
    raw(
        &url,
        "DROP INDEX traces_seizure_id;
         CREATE INDEX traces_seizure ON traces(seizure_id);
         DROP TRIGGER seizure_grams_added ON seizures;
         DROP FUNCTION seizure_grams_added(), seizure_grams_rebuild(),
             seizure_grams_of(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT);
         DROP TABLE seizure_gram_index, seizure_grams, seizure_gram_postings;
         UPDATE fwc_schema SET version = 8;",
    );
    drop(PgStore::open(&url).unwrap());
    let all_rare: Index = lite
        .into_iter()
        .map(|(g, n, _, _)| (g, n, false, n))
        .collect();
    assert_eq!(pg_index(&url), all_rare, "migration 9's index");
}

/// Two nodes (two stores over one database) adding seizures at once keep the index as a build
/// from scratch makes it: every count right, a gram passing the bound marked and emptied once.
#[test]
fn two_nodes_adding_seizures_at_once_keep_the_index_right() {
    use fwc::model::Role;
    let Some(pg) = cluster() else { return };
    let url = pg.fresh_database();
    let nodes = [PgStore::open(&url).unwrap(), PgStore::open(&url).unwrap()];
    // A low bound, so grams pass it while both nodes write.
    raw(&url, "UPDATE seizure_gram_index SET common_above = 15");
    let ana = super::user("ana.us", Role::Investigator).user;
    std::thread::scope(|s| {
        for (n, node) in nodes.iter().enumerate() {
            let ana = &ana;
            s.spawn(move || {
                for i in 0..20 {
                    let mut new = crate::support::server::sample_seizure();
                    new.summary = format!("Nodo {n}, envío {i}: qj y {}", "xw".repeat(i % 3));
                    node.create_seizure_impl(&new, ana, None).unwrap();
                }
            });
        }
    });
    let kept = pg_index(&url);
    assert!(
        kept.iter()
            .any(|g| g.0 == "qj" && g.1 == 40 && g.2 && g.3 == 0)
    );
    assert!(
        kept.iter()
            .any(|g| g.0 == "xw" && g.1 > 15 && g.2 && g.3 == 0)
    );
    let nine = kept.iter().find(|g| g.0 == "9:").unwrap();
    assert_eq!(
        nine,
        &("9:".to_string(), 4, false, 4),
        "envío 9 and 19 of each node"
    );
    raw(&url, "SELECT seizure_grams_rebuild()");
    assert_eq!(pg_index(&url), kept);
}
