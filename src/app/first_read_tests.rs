//! What a console asks for first, for slow links (issue 15 item 4): with nothing to show yet,
//! one screenful, then the rest of the page behind it; with the cache on screen, whole pages.

use super::action::Action;
use super::effect::{CacheEntry, Request};
use super::init;
use super::panes::queue::{LIST, PAGE};
use super::reply::Data;
use super::test_support::fetches;
use super::update;
use super::update_tests::{reply, seizure, state};
use crate::model::{Page, Seizure, SeizureQuery};

fn queue_reads(fx: &[super::Effect]) -> Vec<(u64, SeizureQuery)> {
    fetches(fx)
        .into_iter()
        .filter_map(|(slot, generation, req)| match (slot, req) {
            (LIST, Request::Seizures(q)) => Some((generation, q)),
            _ => None,
        })
        .collect()
}

fn rows(from: u32, n: u32) -> Vec<Seizure> {
    (from..from + n).map(|i| seizure(i, 1)).collect()
}

fn page(items: Vec<Seizure>, next: Option<&str>) -> Data {
    Data::Seizures(Page {
        items,
        next_cursor: next.map(str::to_string),
    })
}

#[test]
fn a_cold_start_asks_for_one_screenful_then_tops_the_page_up_behind_it() {
    let mut s = state();
    update(&mut s, Action::ListRows(33));
    let first = queue_reads(&init(&mut s));
    assert_eq!(first.len(), 1);
    let (generation, q) = &first[0];
    // The 33 rows on screen and a few to move into, not a 200-row page.
    assert_eq!(q.limit, Some(41));
    assert_eq!(q.cursor, None);

    let fx = reply(
        &mut s,
        LIST,
        *generation,
        Ok(page(rows(1, 41), Some("c41"))),
    );
    assert_eq!(s.panes.queue.rows.len(), 41);
    let more = queue_reads(&fx);
    assert_eq!(more.len(), 1, "the rest of the first page follows at once");
    assert_eq!(more[0].1.cursor.as_deref(), Some("c41"));
    assert_eq!(more[0].1.limit, Some(PAGE - 41));

    let fx = reply(
        &mut s,
        LIST,
        more[0].0,
        Ok(page(rows(42, 159), Some("c200"))),
    );
    assert_eq!(s.panes.queue.rows.len(), PAGE as usize);
    // Two screens from the end no longer: nothing more until the user scrolls.
    assert!(queue_reads(&fx).is_empty());

    // A refresh of a queue with rows on screen asks for the whole first page again (a 304
    // when nothing changed).
    let again = queue_reads(&update(&mut s, Action::Refresh));
    assert_eq!(again[0].1.limit, Some(PAGE));
}

#[test]
fn a_warm_start_shows_the_cache_and_refreshes_the_whole_page() {
    let mut s = state();
    update(&mut s, Action::ListRows(33));
    update(
        &mut s,
        Action::Reply(Box::new(super::reply::Reply::Cached(CacheEntry::Queue(
            rows(1, 120),
            None,
        )))),
    );
    assert_eq!(s.panes.queue.rows.len(), 120);
    let first = queue_reads(&init(&mut s));
    assert_eq!(first[0].1.limit, Some(PAGE));
}
