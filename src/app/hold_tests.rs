//! No wasted frames (issue 15 item 2), as the user's story: a pane with a copy at hand is shown
//! at once; one without keeps the previous frame until its data or 150 ms, and only then
//! shows its loading state.

use super::action::Action;
use super::effect::{CacheEntry, Effect};
use super::hold::{HOLD, is_moot};
use super::panes::PaneId;
use super::panes::trace::LIST;
use super::reply::{Data, Reply};
use super::test_support::fetches;
use super::update;
use super::update_tests::{reply, state, trace};
use crate::model::Page;

fn traces(ids: &[&str]) -> Data {
    Data::Traces(Page {
        items: ids.iter().map(|id| trace(id)).collect(),
        next_cursor: None,
    })
}

/// The deadline a step asked the runtime for.
fn deadline(fx: &[Effect]) -> Option<(u64, std::time::Duration)> {
    fx.iter().find_map(|e| match e {
        Effect::HoldFrame { id, after } => Some((*id, *after)),
        _ => None,
    })
}

fn expired(id: u64) -> Action {
    Action::Reply(Box::new(Reply::HoldExpired(id)))
}

#[test]
fn a_pane_with_a_cached_copy_is_shown_at_once_and_refreshed_behind_it() {
    let mut s = state();
    let cached = CacheEntry::Traces(vec![trace("TR-1")]);
    update(&mut s, Action::Reply(Box::new(Reply::Cached(cached))));
    let fx = update(&mut s, Action::Pane2);
    assert_eq!(s.active, PaneId::Trace);
    assert!(!s.holding(), "the copy is drawn at once");
    assert_eq!(deadline(&fx), None);
    assert_eq!(s.panes.trace.rows[0].id, "TR-1");
    assert!(
        fetches(&fx).iter().any(|f| f.0 == LIST),
        "and refreshed behind"
    );
}

#[test]
fn a_pane_without_a_copy_keeps_the_previous_frame_until_its_data() {
    let mut s = state();
    let fx = update(&mut s, Action::Pane2);
    assert!(s.holding(), "no loading frame yet");
    let (_, after) = deadline(&fx).expect("a deadline");
    assert_eq!(after, HOLD);
    assert_eq!(HOLD.as_millis(), 150);
    let generation = fetches(&fx).iter().find(|f| f.0 == LIST).unwrap().1;
    reply(&mut s, LIST, generation, Ok(traces(&["TR-7"])));
    assert!(!s.holding(), "the data frame is the next one drawn");
    assert_eq!(s.panes.trace.rows[0].id, "TR-7");
}

#[test]
fn after_150_ms_without_data_the_loading_state_is_drawn() {
    let mut s = state();
    let fx = update(&mut s, Action::Pane2);
    let (id, _) = deadline(&fx).unwrap();
    assert!(!is_moot(&s, &expired(id)), "the deadline draws a frame");
    update(&mut s, expired(id));
    assert!(!s.holding());
    assert!(s.loading(LIST), "drawn as loading");
    assert!(is_moot(&s, &expired(id)), "a second one draws nothing");
}

#[test]
fn a_failed_read_or_another_key_ends_the_hold_and_an_old_deadline_is_moot() {
    let mut s = state();
    let fx = update(&mut s, Action::Pane2);
    let (old, _) = deadline(&fx).unwrap();
    let generation = fetches(&fx)[0].1;
    reply(
        &mut s,
        LIST,
        generation,
        Err(super::backend::FetchError::new(
            super::backend::FetchErrorKind::Server,
            "boom",
        )),
    );
    assert!(!s.holding(), "the error is shown at once");

    let fx = update(&mut s, Action::Pane3);
    let (new, _) = deadline(&fx).unwrap();
    assert!(s.holding());
    assert!(is_moot(&s, &expired(old)));
    update(&mut s, expired(old));
    assert!(
        s.holding(),
        "an older hold's deadline does not end this one"
    );
    update(&mut s, Action::Help);
    assert!(!s.holding(), "the user sees what their key did");
    assert!(is_moot(&s, &expired(new)));
}

#[test]
fn a_loaded_pane_and_a_record_opened_from_its_row_never_hold() {
    let mut s = state();
    s.panes.queue.rows = vec![super::update_tests::seizure(1, 1)];
    s.panes.queue.loaded = true;
    let fx = update(&mut s, Action::Open);
    assert!(s.panes.queue.detail.is_some(), "the row is the copy shown");
    assert!(!s.holding() && deadline(&fx).is_none());
}
