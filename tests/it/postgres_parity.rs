//! The same small seed on both engines answers the ballistic, graph and statistics reads the
//! same, byte for byte (the reads of `postgres_store/seed_parity.rs`'s test, continued): casing and
//! lead pages with their cursors, a correlation list, the review queue, a cluster, neighbours,
//! shortest paths, suspected rings and the outcome facts.

use chrono::DateTime;
use fwc::model::*;
use fwc::server::store::Store;
use fwc::server::store::postgres::PgStore;
use fwc::server::store::sqlite::SqliteStore;

use crate::support::postgres::cluster;

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

fn same(what: &str, a: String, b: String) {
    assert!(a == b, "{what} differs:\nSQLite: {a}\nPostgreSQL: {b}");
}

#[test]
fn ballistics_graph_and_stats_answer_the_same_on_both_engines() {
    let Some(pg) = cluster() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fwc.db");
    crate::support::server::seed_small_into(&path);
    let lite = SqliteStore::open(&path).unwrap();
    let url = pg.fresh_database();
    crate::support::pg_server::seed_small_into(std::path::Path::new(&url));
    let post = PgStore::open(&url).unwrap();
    let (a, b): (&dyn Store, &dyn Store) = (&lite, &post);
    let viewer = a
        .list_users()
        .unwrap()
        .into_iter()
        .map(|(u, _)| u)
        .find(|u| u.role == Role::Investigator && u.country == Country::MX)
        .unwrap();

    // Casings and leads, two pages each way.
    let mut q = CasingQuery {
        limit: Some(40),
        ..Default::default()
    };
    for _ in 0..2 {
        let pa = a.list_casings(&q, &viewer).unwrap();
        same(
            "casings",
            json(&pa),
            json(&b.list_casings(&q, &viewer).unwrap()),
        );
        q.cursor = pa.next_cursor;
    }
    for sort in [LeadSort::Score, LeadSort::Age] {
        let mut q = LeadQuery {
            sort: Some(sort),
            limit: Some(25),
            ..Default::default()
        };
        for _ in 0..2 {
            let pa = a.list_leads(&q).unwrap();
            same("leads", json(&pa), json(&b.list_leads(&q).unwrap()));
            q.cursor = pa.next_cursor;
        }
    }
    let leads = a.list_leads(&LeadQuery::default()).unwrap().items;
    let lead = &leads[0];
    same(
        "lead",
        json(&a.get_lead(&lead.id).unwrap()),
        json(&b.get_lead(&lead.id).unwrap()),
    );
    let casing = &lead.casing_id;
    same(
        "casing",
        json(&a.get_casing(casing, &viewer).unwrap()),
        json(&b.get_casing(casing, &viewer).unwrap()),
    );
    let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
    same(
        "correlations",
        json(&a.correlations(casing, 20, now).unwrap()),
        json(&b.correlations(casing, 20, now).unwrap()),
    );
    let rq = ReviewQuery {
        limit: Some(10),
        ..Default::default()
    };
    same(
        "reviews",
        json(&a.reviews(&rq, now).unwrap()),
        json(&b.reviews(&rq, now).unwrap()),
    );
    let hit = leads
        .iter()
        .find(|l| l.status == LeadStatus::Confirmed)
        .unwrap_or(lead);
    same(
        "cluster",
        json(&a.cluster(&hit.casing_id, &viewer).unwrap()),
        json(&b.cluster(&hit.casing_id, &viewer).unwrap()),
    );
    same(
        "queued",
        json(&a.queued_casings(50).unwrap()),
        json(&b.queued_casings(50).unwrap()),
    );
    same(
        "descriptors",
        format!("{:?}", a.casing_descriptors(&lead.caliber_class).unwrap()),
        format!("{:?}", b.casing_descriptors(&lead.caliber_class).unwrap()),
    );

    // The link graph: rings of both kinds, a ring's neighbourhood, paths from one of its guns.
    for kind in [RingKind::Purchaser, RingKind::Dealer] {
        let q = RingQuery {
            kind: Some(kind),
            limit: Some(20),
        };
        same(
            "rings",
            json(&a.graph_rings(&q).unwrap()),
            json(&b.graph_rings(&q).unwrap()),
        );
    }
    let rings = a.graph_rings(&RingQuery::default()).unwrap();
    let q = NeighborQuery {
        id: rings[0].id.clone(),
        depth: Some(2),
        limit: Some(300),
    };
    let near = a.graph_neighbors(&q, &viewer).unwrap();
    same(
        "neighbors",
        json(&near),
        json(&b.graph_neighbors(&q, &viewer).unwrap()),
    );
    let far = near
        .nodes
        .iter()
        .rev()
        .find(|n| n.kind == NodeKind::Seizure)
        .unwrap();
    let q = PathQuery {
        from: far.id.clone(),
        to: rings[0].id.clone(),
        max_hops: Some(6),
        k: Some(5),
    };
    same(
        "paths",
        json(&a.graph_paths(&q, &viewer).unwrap()),
        json(&b.graph_paths(&q, &viewer).unwrap()),
    );
    // The one-directional search `fwc bench graph` compares with: the same hops and the same
    // number of nodes visited on both engines, and a path found (the pair is 2 hops apart
    // at most 6, as the bidirectional search just showed).
    let one_way = lite
        .graph_paths_one_way(&q.from, &q.to, 6, &viewer)
        .unwrap();
    assert!(one_way.0.is_some(), "no one-way path {} → {}", q.from, q.to);
    assert_eq!(
        post.graph_paths_one_way(&q.from, &q.to, 6, &viewer)
            .unwrap(),
        one_way
    );

    // Outcome statistics read the same facts (in whatever order each engine scans them).
    same(
        "stats facts",
        facts(&a.stats_facts().unwrap()),
        facts(&b.stats_facts().unwrap()),
    );
    same(
        "indicted",
        format!("{:?}", a.indicted_cases(&viewer).unwrap()),
        format!("{:?}", b.indicted_cases(&viewer).unwrap()),
    );
}

/// Every fact with its interned names spelled out, sorted: the facts as a set.
fn facts(f: &fwc::server::stats::facts::Facts) -> String {
    use fwc::server::stats::facts::{NONE, Names};
    let name = |n: &Names, i: u16| {
        if i == NONE {
            "-".to_string()
        } else {
            n.name(i).to_string()
        }
    };
    let mut rows: Vec<String> = f
        .traces
        .iter()
        .map(|t| {
            format!(
                "T {} {} {} {} {} {} {} {} {:?} {} {}",
                t.submitted,
                t.completed,
                name(&f.agencies, t.agency),
                t.country,
                t.mx_state,
                name(&f.us_states, t.us_state),
                name(&f.types, t.firearm_type),
                name(&f.calibers, t.caliber),
                t.outcome,
                t.ttc_days,
                t.us_sourced
            )
        })
        .chain(f.seizures.iter().map(|s| {
            format!(
                "S {} {} {} {} {}",
                s.day,
                name(&f.agencies, s.agency),
                s.country,
                name(&f.ports, s.port),
                s.firearms
            )
        }))
        .chain(
            f.leads
                .iter()
                .map(|l| format!("L {} {:?}", l.created, l.decided)),
        )
        .collect();
    rows.sort();
    rows.join("\n")
}

/// The digest of a seeded PostgreSQL database is stable: two loads of one seed agree.
#[test]
fn the_postgresql_content_digest_is_stable_across_loads() {
    let Some(pg) = cluster() else { return };
    let digest = |url: &str| PgStore::open(url).unwrap().content_hash().unwrap();
    let (one, two) = (pg.fresh_database(), pg.fresh_database());
    crate::support::pg_server::seed_small_into(std::path::Path::new(&one));
    let seeded = PgStore::open(&two).unwrap();
    fwc::seed::run(&crate::support::server::small_seed(), &seeded).unwrap();
    drop(seeded);
    assert_eq!(digest(&one), digest(&two));
    assert_ne!(digest(&one), digest(&pg.fresh_database()));
}
