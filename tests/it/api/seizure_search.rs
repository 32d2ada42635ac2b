//! Free-text seizure search (`GET /v1/seizures?q=`): a substring of the id, summary, state,
//! municipality, port or agency, ignoring ASCII case. Both engines answer it from a trigram
//! index (three characters or more) and must give exactly the rows a plain substring match
//! over every seizure gives, new and changed seizures included.

use super::harness::*;

use fwc::api::ApiClient;
use fwc::model::*;

async fn seeded() -> TestServer {
    server_with(seed_small_into).await
}

/// Every page of `q`, in order.
async fn all(c: &ApiClient, q: SeizureQuery) -> Vec<Seizure> {
    pages_of(c, q, 500).await
}

/// Every page of `q` at `limit` rows a page, following the cursor.
async fn pages_of(c: &ApiClient, mut q: SeizureQuery, limit: u32) -> Vec<Seizure> {
    q.limit = Some(limit);
    let mut out = Vec::new();
    loop {
        let page = c.seizures(&q).await.expect("page");
        out.extend(page.items);
        match page.next_cursor {
            Some(cur) => q.cursor = Some(cur),
            None => return out,
        }
    }
}

/// What `q` must match: an ASCII-case-insensitive substring of one of the six columns.
fn matches(s: &Seizure, text: &str) -> bool {
    let needle = text.to_ascii_lowercase();
    [
        Some(s.id.as_str()),
        Some(s.summary.as_str()),
        Some(s.state.as_str()),
        Some(s.municipality.as_str()),
        s.port.as_deref(),
        Some(s.agency.as_str()),
    ]
    .into_iter()
    .flatten()
    .any(|col| col.to_ascii_lowercase().contains(&needle))
}

fn ids(v: &[Seizure]) -> Vec<&str> {
    v.iter().map(|s| s.id.as_str()).collect()
}

async fn search(c: &ApiClient, text: &str) -> Vec<Seizure> {
    all(
        c,
        SeizureQuery {
            q: Some(text.to_string()),
            ..Default::default()
        },
    )
    .await
}

#[tokio::test]
async fn free_text_finds_exactly_the_seizures_a_substring_match_finds() {
    let ts = seeded().await;
    let c = ts.client("ana.us");
    let every = all(&c, SeizureQuery::default()).await;
    assert!(every.len() > 1000, "{}", every.len());
    let s = &every[every.len() / 3];
    let word: String = s.summary.chars().skip(4).take(7).collect();
    let queries = [
        word.to_ascii_uppercase(),            // a piece of a summary, another case
        s.municipality.to_ascii_lowercase(),  // a whole column
        s.id[..s.id.len() - 1].to_string(),   // a piece of an id
        every[7].agency.to_ascii_uppercase(), // an agency
        "la".to_string(),                     // two characters: no trigram, a scan
        "100%".to_string(),                   // LIKE's wildcards are literal
        "a_b".to_string(),
        "\"quoted\" words".to_string(), // the index's query syntax is literal too
        "zzqzzq".to_string(),           // nothing
        "LEÓN".to_string(),             // ASCII case only: not "León"
        "León".to_string(),
    ];
    for text in &queries {
        let got = search(&c, text).await;
        let want: Vec<&Seizure> = every.iter().filter(|s| matches(s, text)).collect();
        assert_eq!(
            ids(&got),
            want.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            "q={text:?}"
        );
    }
    assert!(!search(&c, &queries[0]).await.is_empty());
}

#[tokio::test]
async fn a_new_seizure_is_found_at_once_and_still_after_its_status_changes() {
    let ts = seeded().await;
    let c = ts.client("ana.us");
    let mut new = sample_seizure();
    new.summary = "Crate marked with a painted zebra under the spare tyre".into();
    let s = c.create_seizure(&new, "search-1").await.expect("create");
    let found = search(&c, "PAINTED ZEBRA").await;
    assert_eq!(ids(&found), vec![s.id.as_str()]);
    c.update_seizure(
        &s.id,
        &SeizureUpdate {
            status: TriageStatus::InReview,
        },
        "search-2",
    )
    .await
    .expect("triage");
    let found = search(&c, "zebra under").await;
    assert_eq!(ids(&found), vec![s.id.as_str()]);
    assert_eq!(found[0].status, TriageStatus::InReview);
    assert!(search(&c, "zebra over").await.is_empty());
}

/// The store reads a free-text page one of two ways (`store/free_text.rs`): a common term by
/// walking the time index until the page is full, a rare one by sorting the trigram index's
/// candidates; a term under three characters always walks. Each way must page with a cursor
/// in both orders and keep the other filters.
#[tokio::test]
async fn common_rare_and_short_terms_page_with_a_cursor_both_ways_beside_other_filters() {
    let ts = seeded().await;
    let c = ts.client("ana.us");
    let every = all(&c, SeizureQuery::default()).await;
    let count = |text: &str| every.iter().filter(|s| matches(s, text)).count();
    // On the small seed (about 1,500 seizures, pages of 50) the walk wins above ~200 matches.
    assert!(count("ARMAS") > 500, "common: {}", count("ARMAS"));
    assert!(
        (1..150).contains(&count("firearms")),
        "rare: {}",
        count("firearms")
    );
    let mid = every[every.len() / 2].occurred_at;
    let narrowed = [
        ("alone", SeizureQuery::default()),
        (
            "status",
            SeizureQuery {
                status: Some(TriageStatus::Closed),
                ..Default::default()
            },
        ),
        (
            "from",
            SeizureQuery {
                from: Some(mid),
                ..Default::default()
            },
        ),
    ];
    for text in ["ARMAS", "firearms", "a", "La", "zz", "zzqzzq"] {
        for sort in [SeizureSort::Newest, SeizureSort::Oldest] {
            for (what, filter) in &narrowed {
                let q = SeizureQuery {
                    q: Some(text.to_string()),
                    sort: Some(sort),
                    ..filter.clone()
                };
                let got = pages_of(&c, q.clone(), 50).await;
                let mut want: Vec<&Seizure> = every
                    .iter()
                    .filter(|s| matches(s, text))
                    .filter(|s| q.status.is_none_or(|st| s.status == st))
                    .filter(|s| q.from.is_none_or(|f| s.occurred_at >= f))
                    .collect();
                if sort == SeizureSort::Oldest {
                    want.reverse();
                }
                assert_eq!(
                    ids(&got),
                    want.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
                    "q={text:?} {sort:?} {what}"
                );
            }
        }
    }
}
