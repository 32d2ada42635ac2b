//! The PostgreSQL harness itself: the throwaway cluster starts, answers queries, has `pg_trgm`
//! (the partial-serial index needs it), and gives each test a database of its own.

use crate::support::postgres::{cluster, connect};

#[tokio::test]
async fn the_cluster_starts_answers_a_query_and_has_pg_trgm() {
    let Some(pg) = cluster() else { return };
    let url = pg.fresh_database();
    let client = connect(&url).await;
    let row = client
        .query_one(
            "SELECT current_database(), split_part(version(), ' ', 2)",
            &[],
        )
        .await
        .unwrap();
    let (db, version): (String, String) = (row.get(0), row.get(1));
    assert!(url.ends_with(&format!("/{db}")), "{url} is not {db}");
    assert!(version.starts_with("15."), "PostgreSQL {version}");
    // The unix socket lives in the cluster's own directory.
    let local = connect(&pg.socket_conninfo(&db)).await;
    let one: i32 = local.query_one("SELECT 1", &[]).await.unwrap().get(0);
    assert_eq!(one, 1);
    // pg_trgm from postgresql-contrib: a trigram GIN index answers a LIKE with wildcards.
    client
        .batch_execute(
            "CREATE EXTENSION pg_trgm;
             CREATE TABLE f (serial TEXT NOT NULL);
             INSERT INTO f SELECT 'SN' || g FROM generate_series(1, 2000) g;
             CREATE INDEX f_serial_trgm ON f USING gin (serial gin_trgm_ops);
             ANALYZE f;",
        )
        .await
        .unwrap();
    let hits: i64 = client
        .query_one("SELECT count(*) FROM f WHERE serial LIKE '%N199%'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(hits, 11, "SN199 and SN1990…SN1999");
    client
        .batch_execute("SET enable_seqscan = off")
        .await
        .unwrap();
    let plan: Vec<String> = client
        .query(
            "EXPLAIN SELECT serial FROM f WHERE serial LIKE '%N199%'",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        plan.iter().any(|l| l.contains("f_serial_trgm")),
        "the trigram index is not used: {plan:#?}"
    );
}

#[test]
fn each_test_gets_a_database_of_its_own() {
    let Some(pg) = cluster() else { return };
    let (a, b) = (pg.fresh_database(), pg.fresh_database());
    assert_ne!(a, b);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let ca = connect(&a).await;
        ca.batch_execute("CREATE TABLE only_in_a (x INT)")
            .await
            .unwrap();
        let cb = connect(&b).await;
        let n: i64 = cb
            .query_one(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_a'",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(
            n, 0,
            "a table made in one test's database shows in another's"
        );
    });
}
