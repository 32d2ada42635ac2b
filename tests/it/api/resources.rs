//! Each resource over real HTTP against the small synthetic seed: lists, filters, cursor paging
//! and single records.

use super::harness::*;
use std::collections::HashSet;

use fwc::model::serial::SerialPattern;
use fwc::model::*;

async fn seeded() -> TestServer {
    server_with(seed_small_into).await
}

#[tokio::test]
async fn seizures_page_filter_and_open() {
    let ts = seeded().await;
    let c = ts.client("ana.us");
    let stats = c.seizure_stats().await.unwrap();
    assert!(stats.total > 1000);

    // Walk every page of the newest-first queue: no duplicates, strictly ordered, all counted.
    let mut seen = HashSet::new();
    let mut q = SeizureQuery {
        limit: Some(500),
        ..Default::default()
    };
    let mut last: Option<chrono::DateTime<chrono::Utc>> = None;
    loop {
        let page = c.seizures(&q).await.unwrap();
        for s in &page.items {
            assert!(seen.insert(s.id.clone()), "duplicate {}", s.id);
            if let Some(l) = last {
                assert!(s.occurred_at <= l);
            }
            last = Some(s.occurred_at);
        }
        match page.next_cursor {
            Some(cur) => q.cursor = Some(cur),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, stats.total);

    let new = c
        .seizures(&SeizureQuery {
            status: Some(TriageStatus::New),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!new.items.is_empty());
    assert!(new.items.iter().all(|s| s.status == TriageStatus::New));
    let border = c
        .seizures(&SeizureQuery {
            kind: Some(SeizureKind::BorderInspection),
            item: Some(ItemKind::Magazine),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        border
            .items
            .iter()
            .all(|s| s.port.is_some() && s.items.iter().any(|i| i.kind == ItemKind::Magazine))
    );
    let sonora = c
        .seizures(&SeizureQuery {
            state: Some("Sonora".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!sonora.items.is_empty() && sonora.items.iter().all(|s| s.state == "Sonora"));

    let one = c.seizure(&new.items[0].id).await.unwrap();
    assert_eq!(one.id, new.items[0].id);
    let text = c
        .seizures(&SeizureQuery {
            q: Some(one.id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(text.items[0].id, one.id);
}

#[tokio::test]
async fn serial_search_exact_prefix_and_partial() {
    let ts = seeded().await;
    let c = ts.client("luis.mx");
    let some = c
        .firearms(&FirearmQuery {
            limit: Some(50),
            ..Default::default()
        })
        .await
        .unwrap();
    let fa = some
        .items
        .iter()
        .find(|f| !f.obliterated && f.serial.len() >= 7)
        .unwrap()
        .clone();
    assert_eq!(c.firearm(&fa.id).await.unwrap(), fa);

    let exact = c
        .firearms(&FirearmQuery {
            serial: Some(fa.serial.to_lowercase()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(exact.items.iter().any(|f| f.id == fa.id));
    for pattern in [
        format!("{}*", &fa.serial[..3]),
        format!("*{}*", &fa.serial[2..6]),
        format!("{}?{}", &fa.serial[..2], &fa.serial[3..]),
        format!("*{}", &fa.serial[fa.serial.len() - 2..]),
    ] {
        let p = SerialPattern::parse(&pattern).unwrap();
        let page = c
            .firearms(&FirearmQuery {
                serial: Some(pattern.clone()),
                limit: Some(1000),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(
            page.items.iter().any(|f| f.id == fa.id),
            "{pattern} misses {}",
            fa.serial
        );
        assert!(
            page.items.iter().all(|f| p.matches(&f.serial)),
            "{pattern} returned a non-match"
        );
    }
    // Paging a broad pattern in small pages returns the same rows as one big page, once each.
    for pattern in [
        format!("{}*", &fa.serial[..2]),
        format!("*{}*", &fa.serial[1..4]),
    ] {
        let all = c
            .firearms(&FirearmQuery {
                serial: Some(pattern.clone()),
                limit: Some(1000),
                ..Default::default()
            })
            .await
            .unwrap();
        let mut paged = Vec::new();
        let mut q = FirearmQuery {
            serial: Some(pattern.clone()),
            limit: Some(7),
            ..Default::default()
        };
        loop {
            let page = c.firearms(&q).await.unwrap();
            paged.extend(page.items.into_iter().map(|f| f.id));
            match page.next_cursor {
                Some(cur) if paged.len() < 1000 => q.cursor = Some(cur),
                _ => break,
            }
        }
        let ids: Vec<String> = all.items.into_iter().map(|f| f.id).collect();
        assert_eq!(
            paged[..ids.len().min(paged.len())],
            ids[..ids.len().min(paged.len())],
            "{pattern}"
        );
        assert_eq!(paged.iter().collect::<HashSet<_>>().len(), paged.len());
    }
    // Obliterated serials are stored partially and found by their readable part.
    let obl = c
        .firearms(&FirearmQuery {
            limit: Some(1000),
            ..Default::default()
        })
        .await
        .unwrap();
    if let Some(o) = obl.items.iter().find(|f| f.obliterated) {
        let readable: String = o
            .serial
            .split('?')
            .max_by_key(|s| s.len())
            .unwrap()
            .to_string();
        let page = c
            .firearms(&FirearmQuery {
                serial: Some(format!("*{readable}*")),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(page.items.iter().any(|f| f.id == o.id));
    }
}

#[tokio::test]
async fn traces_chains_and_the_planted_straw_ring() {
    let ts = seeded().await;
    let c = ts.client("ana.us");
    let done = c
        .traces(&TraceQuery {
            status: Some(TraceStatus::Completed),
            short_ttc: Some(true),
            limit: Some(1000),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!done.items.is_empty());
    let t = &done.items[0];
    assert!(t.short_ttc());
    assert_eq!(
        t.chain.first().map(|l| l.role),
        Some(ChainRole::Manufacturer)
    );
    assert_eq!(t.chain.last().map(|l| l.role), Some(ChainRole::Purchaser));
    assert!(t.purchase_date.is_some() && t.dealer_license.is_some());
    assert_eq!(&c.trace(&t.id).await.unwrap(), t);

    // One buyer behind many short-TTC recoveries: the straw-purchasing signal is discoverable.
    let mut by_buyer: std::collections::HashMap<String, usize> = Default::default();
    for t in &done.items {
        *by_buyer.entry(t.purchaser_id.clone().unwrap()).or_default() += 1;
    }
    let (buyer, n) = by_buyer.into_iter().max_by_key(|(_, n)| *n).unwrap();
    assert!(
        n >= 5,
        "no straw buyer with five short-TTC traces (best {n})"
    );
    let same = c
        .traces(&TraceQuery {
            purchaser_id: Some(buyer.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(same.items.len() >= n);
    assert!(
        same.items.iter().any(|t| !t.multiple_sales.is_empty()),
        "ring buyer without multiple-sale reports"
    );

    let failed = c
        .traces(&TraceQuery {
            status: Some(TraceStatus::NotTraceable),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(failed.items.iter().all(|t| t.failure_reason.is_some()));
}

#[tokio::test]
async fn cases_notes_and_ballistics_lists() {
    let ts = seeded().await;
    let us = ts.client("ana.us");
    let cases = us.cases(&CaseQuery::default()).await.unwrap();
    assert!(!cases.items.is_empty());
    let case = &cases.items[0];
    let notes = us.notes(&case.id, &NoteQuery::default()).await.unwrap();
    assert!(
        notes
            .items
            .windows(2)
            .all(|w| w[0].created_at <= w[1].created_at)
    );
    assert_eq!(us.case(&case.id).await.unwrap().id, case.id);

    let leads = us.leads(&LeadQuery::default()).await.unwrap();
    assert!(
        leads
            .items
            .windows(2)
            .all(|w| w[0].scores.combined >= w[1].scores.combined)
    );
    let casings = us.casings(&CasingQuery::default()).await.unwrap();
    if let Some(first) = casings.items.first() {
        let full = us.casing(&first.id).await.unwrap();
        assert!(full.image.is_some());
    }
}

/// The seeded traces answer the make, model and calibre filters with the firearm's own values
/// (copied onto each trace at import): no match among the newest traces is missed.
#[tokio::test]
async fn seeded_traces_filter_by_their_firearms_make_model_and_calibre() {
    let ts = seeded().await;
    let c = ts.client("ana.us");
    let all = c
        .traces(&TraceQuery {
            limit: Some(1000),
            ..Default::default()
        })
        .await
        .unwrap();
    let t = all.items.first().expect("seeded traces").clone();
    for q in [
        TraceQuery {
            make: Some(t.make.clone()),
            ..Default::default()
        },
        TraceQuery {
            model: Some(t.model.clone()),
            ..Default::default()
        },
        TraceQuery {
            caliber: Some(t.caliber.clone()),
            ..Default::default()
        },
    ] {
        let q = TraceQuery {
            limit: Some(1000),
            ..q
        };
        let got = c.traces(&q).await.unwrap();
        let matches = |x: &Trace| {
            q.make.as_ref().is_none_or(|m| &x.make == m)
                && q.model.as_ref().is_none_or(|m| &x.model == m)
                && q.caliber.as_ref().is_none_or(|m| &x.caliber == m)
        };
        assert!(got.items.iter().all(matches), "{q:?}");
        let want: Vec<&str> = all
            .items
            .iter()
            .filter(|x| matches(x))
            .map(|x| x.id.as_str())
            .collect();
        let got: Vec<&str> = got.items.iter().map(|x| x.id.as_str()).collect();
        // Both newest first: the matches among the newest 1,000 traces open the filtered list.
        assert!(got.starts_with(&want), "{q:?}");
        assert!(!got.is_empty(), "{q:?}");
    }
    ts.server.shutdown().await.unwrap();
}
