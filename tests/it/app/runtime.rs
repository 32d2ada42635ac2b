//! The effect runtime on its own: a fake backend and tokio's paused clock, so back-off pauses of
//! minutes run in no real time and every timing is exact. Covers the outbox (delivery exactly
//! once, back-off), the link watch, and reads (a superseded read aborted, a reply of an old
//! generation dropped by `update()`).

use std::time::Duration;

use fwc::app::effect::{Effect, PendingWrite, Request, WriteOp};
use fwc::app::panes::{queue, trace as trace_pane};
use fwc::app::reply::{Data, Reply};
use fwc::app::state::{Conn, Lang};
use fwc::app::{Action, update};
use fwc::model::{NewNote, Page};

use crate::support::backend::*;
use crate::support::ui::{state, trace};

fn note(key: &str) -> PendingWrite {
    PendingWrite {
        key: key.into(),
        op: WriteOp::AddNote {
            case_id: "CS-2026-0001".into(),
            note: NewNote {
                body: format!("note {key}"),
            },
        },
    }
}

fn secs(list: &[u64]) -> Vec<Duration> {
    list.iter().map(|s| Duration::from_secs(*s)).collect()
}

/// The pauses between the calls matching `pred`.
fn gaps(backend: &FakeBackend, pred: impl Fn(&Call) -> bool) -> Vec<Duration> {
    let t = backend.times(pred);
    t.windows(2).map(|w| w[1] - w[0]).collect()
}

fn writes_of(backend: &FakeBackend, key: &str) -> usize {
    let call = Call::Write(key.into());
    backend.calls().iter().filter(|c| **c == call).count()
}

async fn delivered(h: &mut Harness) -> (String, Result<Data, fwc::app::backend::FetchError>) {
    h.next("a write delivered", |r| match r {
        Reply::Wrote { key, result } => Some((key, result)),
        _ => None,
    })
    .await
}

#[tokio::test(start_paused = true)]
async fn a_write_queued_while_the_link_is_down_is_delivered_exactly_once_when_it_returns() {
    let backend = FakeBackend::default();
    backend.script_writes([Err(offline())]);
    backend.script_health([Err(offline()), Err(offline())]);
    let mut h = Harness::start(&backend).await;

    h.runtime.execute(Effect::Write(note("k-1")));
    let why = h
        .next("offline", |r| match r {
            Reply::Offline(why) => Some(why),
            _ => None,
        })
        .await;
    assert_eq!(why, "connection refused");
    h.next("online", |r| (r == Reply::Online).then_some(()))
        .await;
    let (key, result) = delivered(&mut h).await;
    assert_eq!(key, "k-1");
    assert!(result.is_ok(), "{result:?}");

    // More wake-ups — a second write, a day of retries' worth of time — never send it again.
    h.runtime.execute(Effect::Write(note("k-2")));
    assert_eq!(delivered(&mut h).await.0, "k-2");
    tokio::time::sleep(Duration::from_secs(86_400)).await;
    assert_eq!(
        writes_of(&backend, "k-1"),
        2,
        "one refused try, one delivery"
    );
    assert_eq!(writes_of(&backend, "k-2"), 1);
    assert!(
        !h.waiting().iter().any(|r| matches!(r, Reply::Wrote { .. })),
        "no second delivery reported"
    );
    assert_eq!(h.store.pending().unwrap(), vec![]);

    // While the link was down the outbox waited instead of retrying: the delivery came only
    // after the health check that found the server back.
    let last_health = *backend
        .times(|c| *c == Call::Fetch(Request::Health))
        .last()
        .unwrap();
    let writes = backend.times(|c| *c == Call::Write("k-1".into()));
    assert!(writes[1] >= last_health);
}

#[tokio::test(start_paused = true)]
async fn a_failing_server_is_retried_with_pauses_doubling_to_thirty_seconds() {
    let backend = FakeBackend::default();
    backend.script_writes(std::iter::repeat_n(Err(server_error()), 7));
    let mut h = Harness::start(&backend).await;

    h.runtime.execute(Effect::Write(note("k-1")));
    let (key, result) = delivered(&mut h).await;
    assert_eq!((key.as_str(), result.is_ok()), ("k-1", true));
    assert_eq!(writes_of(&backend, "k-1"), 8);
    assert_eq!(
        gaps(&backend, |c| *c == Call::Write("k-1".into())),
        secs(&[2, 4, 8, 16, 30, 30, 30])
    );

    // A server error is not a lost link: nobody was told the console is offline.
    assert!(!h.waiting().iter().any(|r| matches!(r, Reply::Offline(_))));
}

#[tokio::test(start_paused = true)]
async fn a_write_the_server_refuses_is_reported_once_and_not_sent_again() {
    let backend = FakeBackend::default();
    let refused = fwc::app::backend::FetchError::new(
        fwc::app::backend::FetchErrorKind::Forbidden,
        "not a member",
    );
    backend.script_writes([Err(refused.clone())]);
    let mut h = Harness::start(&backend).await;

    h.runtime.execute(Effect::Write(note("k-1")));
    assert_eq!(delivered(&mut h).await, ("k-1".into(), Err(refused)));
    tokio::time::sleep(Duration::from_secs(3_600)).await;
    assert_eq!(writes_of(&backend, "k-1"), 1);
    assert_eq!(h.store.pending().unwrap(), vec![]);
}

#[tokio::test(start_paused = true)]
async fn the_link_watch_asks_for_health_with_growing_pauses() {
    let backend = FakeBackend::default();
    backend.script_health(std::iter::repeat_n(Err(offline()), 6));
    let mut h = Harness::start(&backend).await;

    // A read that finds the link down is what starts the watch.
    backend.script_reads_offline(true);
    h.runtime.execute(Effect::Fetch {
        slot: queue::LIST,
        generation: 1,
        req: Request::SeizureStats,
    });
    h.next("offline", |r| matches!(r, Reply::Offline(_)).then_some(()))
        .await;
    backend.script_reads_offline(false);
    h.next("online", |r| (r == Reply::Online).then_some(()))
        .await;

    let health = |c: &Call| *c == Call::Fetch(Request::Health);
    let read = backend.times(|c| *c == Call::Fetch(Request::SeizureStats))[0];
    let checks = backend.times(health);
    assert_eq!(checks.len(), 7);
    assert_eq!(checks[0] - read, Duration::from_secs(2));
    assert_eq!(gaps(&backend, health), secs(&[4, 8, 16, 30, 30, 30]));
}

/// The console started while the server was still coming up (or it restarted): the change
/// stream found it down, then a read came through and the app showed the link up again while
/// the link watch still waited on its health check. The server then went away for good. Each
/// later failure of the stream must tell the app, or the status bar says `online` for ever.
#[tokio::test(start_paused = true)]
async fn a_lost_link_is_told_again_after_an_answer_showed_it_up() {
    let backend = FakeBackend::default();
    backend.script_health(std::iter::repeat_n(Err(offline()), 100));
    let mut h = Harness::start(&backend).await;
    let mut s = state(Lang::En, 120, 40);
    let offline_reply = |r| matches!(r, Reply::Offline(_)).then_some(r);

    backend.push_event(Err(offline()));
    let r = h.next("offline", offline_reply).await;
    update(&mut s, Action::Reply(Box::new(r)));
    assert!(matches!(s.session.conn, Conn::Offline(_)));

    for fx in update(&mut s, Action::Open) {
        h.runtime.execute(fx);
    }
    let answer = h.next("a read that came through", fetched_only).await;
    update(&mut s, Action::Reply(Box::new(answer)));
    assert_eq!(s.session.conn, Conn::Online, "an answer shows the link up");

    backend.push_event(Err(offline()));
    let r = h.next("offline again", offline_reply).await;
    update(&mut s, Action::Reply(Box::new(r)));
    assert!(matches!(s.session.conn, Conn::Offline(_)));
}

/// A health check answered, but the link was lost again while it was on its way: the answer is
/// older than that sign, so the watch asks again instead of calling the link back up.
#[tokio::test(start_paused = true)]
async fn a_health_answer_older_than_a_lost_link_does_not_call_it_back() {
    let backend = FakeBackend::default();
    backend.slow(&Request::Health, Duration::from_secs(10));
    let mut h = Harness::start(&backend).await;

    backend.push_event(Err(offline()));
    h.next("offline", |r| matches!(r, Reply::Offline(_)).then_some(()))
        .await;
    let lost = tokio::time::Instant::now();
    // The watch asks for health 2 s later; its answer takes 10 s; the link fails again at 5 s.
    tokio::time::sleep(Duration::from_secs(5)).await;
    backend.push_event(Err(offline()));
    h.next("offline again", |r| {
        matches!(r, Reply::Offline(_)).then_some(())
    })
    .await;
    h.next("online", |r| (r == Reply::Online).then_some(()))
        .await;

    let health = |c: &Call| *c == Call::Fetch(Request::Health);
    let checks = backend.times(health);
    assert_eq!(checks.len(), 2, "the first answer was not believed");
    assert_eq!(checks[0] - lost, Duration::from_secs(2));
    assert_eq!(tokio::time::Instant::now() - lost, Duration::from_secs(24));
}

#[tokio::test(start_paused = true)]
async fn a_newer_read_for_a_slot_aborts_the_one_in_flight() {
    let backend = FakeBackend::default();
    let old = Request::Seizure("SZ-000001".into());
    let new = Request::Seizure("SZ-000002".into());
    let other = Request::Trace("TR-000001".into());
    backend.slow(&old, Duration::from_secs(60));
    backend.slow(&other, Duration::from_secs(60));
    let mut h = Harness::start(&backend).await;

    for (slot, generation, req) in [
        (queue::DETAIL, 1, old.clone()),
        (trace_pane::DETAIL, 2, other.clone()),
    ] {
        h.runtime.execute(Effect::Fetch {
            slot,
            generation,
            req: req.clone(),
        });
        backend.wait_for(&Call::Fetch(req)).await;
    }
    h.runtime.execute(Effect::Fetch {
        slot: queue::DETAIL,
        generation: 3,
        req: new.clone(),
    });

    let fetched = |r| match r {
        Reply::Fetched {
            slot,
            generation,
            result,
        } => Some((slot, generation, result)),
        _ => None,
    };
    assert_eq!(
        h.next("the newer read", fetched).await,
        (queue::DETAIL, 3, Ok(answer_to(&new)))
    );
    backend.wait_for(&Call::Dropped(old.clone())).await;
    // The read of another slot was left alone and answers in its own time.
    assert_eq!(
        h.next("the other slot's read", fetched).await,
        (trace_pane::DETAIL, 2, Ok(answer_to(&other)))
    );
    tokio::time::sleep(Duration::from_secs(3_600)).await;
    assert!(!backend.calls().contains(&Call::Answered(old)));
    assert!(
        !h.waiting()
            .iter()
            .any(|r| matches!(r, Reply::Fetched { .. })),
        "the aborted read never answered"
    );
}

/// The user opens one seizure, then another before the console has taken in the first one's
/// answers (they are already on the channel, too late to abort): the first one's traces must not
/// land in the second one's detail.
#[tokio::test(start_paused = true)]
async fn an_answer_of_an_old_generation_is_dropped_by_update() {
    let backend = FakeBackend::default();
    backend.answer_with(|req| match req {
        Request::Traces(q) => {
            let n = if q.seizure_id.as_deref() == Some("SZ-000001") {
                1
            } else {
                2
            };
            Some(Data::Traces(Page {
                items: vec![trace(n)],
                next_cursor: None,
            }))
        }
        Request::Seizure(id) => {
            let n = id.trim_start_matches("SZ-").parse().ok()?;
            Some(Data::Seizure(crate::support::ui::seizure(n)))
        }
        _ => None,
    });
    let mut h = Harness::start(&backend).await;
    let mut s = state(Lang::En, 120, 40);

    let first = update(&mut s, Action::Open);
    let n = first
        .iter()
        .filter(|e| matches!(e, Effect::Fetch { .. }))
        .count();
    assert!(n > 0, "opening a seizure reads it");
    for fx in first {
        h.runtime.execute(fx);
    }
    let mut early = Vec::new();
    while early.len() < n {
        early.push(h.next("the first seizure's answers", fetched_only).await);
    }

    update(&mut s, Action::Back);
    update(&mut s, Action::Down);
    for fx in update(&mut s, Action::Open) {
        h.runtime.execute(fx);
    }
    let mut late = Vec::new();
    while late.len() < n {
        late.push(h.next("the second seizure's answers", fetched_only).await);
    }

    // The stale answers reach update() first, as they come off the channel: none may land.
    for r in early {
        update(&mut s, Action::Reply(Box::new(r)));
    }
    let detail = s
        .panes
        .queue
        .detail
        .as_ref()
        .expect("the second seizure is open");
    assert_eq!(detail.seizure.id, "SZ-000002");
    assert!(
        detail.traces.is_empty() && !detail.traces_loaded,
        "the first seizure's traces were shown as the second's"
    );
    for r in late {
        update(&mut s, Action::Reply(Box::new(r)));
    }
    let detail = s
        .panes
        .queue
        .detail
        .as_ref()
        .expect("the second seizure is open");
    let traces: Vec<_> = detail.traces.iter().map(|t| t.id.clone()).collect();
    assert_eq!(traces, vec![trace(2).id]);
}

/// A file the user asked for (the case packet) is written by its own effect into the directory
/// the CLI chose, and answered in the slot that asked; a name that would leave it is refused.
#[tokio::test(start_paused = true)]
async fn a_saved_file_lands_in_the_save_directory_and_answers_its_slot() {
    let dir = tempfile::tempdir().unwrap();
    let backend = FakeBackend::default();
    let mut h = Harness::saving_into(&backend, dir.path().to_path_buf()).await;
    let slot = fwc::app::panes::cases::EXPORT;
    h.runtime.execute(Effect::SaveFile {
        slot,
        generation: 7,
        name: "CS-2026-0001.md".into(),
        text: "# CS-2026-0001\n".into(),
    });
    let path = dir.path().join("CS-2026-0001.md");
    assert_eq!(
        h.next("the saved file", fetched_only).await,
        Reply::Fetched {
            slot,
            generation: 7,
            result: Ok(Data::Exported(path.display().to_string())),
        }
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# CS-2026-0001\n");
    assert!(
        backend.calls().is_empty(),
        "saving asks nothing of the server"
    );

    for name in ["../escape.md", ".hidden.md", "sub/dir.md"] {
        h.runtime.execute(Effect::SaveFile {
            slot,
            generation: 8,
            name: name.into(),
            text: "x".into(),
        });
        let Reply::Fetched { result, .. } = h.next("the refusal", fetched_only).await else {
            unreachable!()
        };
        let err = result.expect_err(name);
        assert_eq!(
            err.kind,
            fwc::app::backend::FetchErrorKind::Invalid,
            "{name}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "only the packet was written: {left:?}");
    assert!(!dir.path().parent().unwrap().join("escape.md").exists());
}

fn fetched_only(r: Reply) -> Option<Reply> {
    matches!(r, Reply::Fetched { .. }).then_some(r)
}
