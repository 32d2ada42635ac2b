//! The Queue's `I`, from the key to the server and back: a path typed at the prompt, the file
//! read and checked by the runtime, the report overlay, nothing sent while rows are invalid,
//! the choice to skip them, batches sent with their progress in the state, then a toast and a
//! fresh queue. A fake backend and tokio's paused clock.

use fwc::app::effect::{Effect, Request};
use fwc::app::overlay::{Overlay, PromptFor};
use fwc::app::panes::PaneNotice;
use fwc::app::panes::queue::QueueNotice;
use fwc::app::reply::Reply;
use fwc::app::state::{Lang, Notice, State};
use fwc::app::{Action, update};

use crate::support::backend::*;
use crate::support::ui::state;

/// Two valid rows (a Laredo inspection, a Hermosillo recovery), a bad date and an unknown state.
pub const CSV: &str = "\
fecha,estado,municipio,puerto,serie,marca,modelo,tipo_de_arma,calibre,origen
2026-03-01,Texas,,Laredo,LRD-1001,Colt,M4,rifle,5.56,US
2026-03-02,Sonora,Hermosillo,,SON-2002,Glock,19,pistol,9mm,US
2026-02-30,Sonora,Nogales,,X1,Glock,19,pistol,9mm,US
2026-03-03,Narnia,Centro,,X2,Glock,19,pistol,9mm,US
";

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Char(c));
    }
}

/// Runs every effect and feeds each answer of `slot` back through `update()` until `done`
/// holds; returns the effects those answers asked for.
async fn settle(
    h: &mut Harness,
    s: &mut State,
    fx: Vec<Effect>,
    done: impl Fn(&State) -> bool,
) -> Vec<Effect> {
    for e in fx {
        h.runtime.execute(e);
    }
    let slot = fwc::app::panes::queue::import::IMPORT;
    let mut after = Vec::new();
    while !done(s) {
        let r = h
            .next("an answer of the import slot", |r| match r {
                Reply::Fetched { slot: got, .. } if got == slot => Some(r),
                _ => None,
            })
            .await;
        after.extend(update(s, Action::Reply(Box::new(r))));
    }
    after
}

fn toasts(s: &State) -> Vec<Notice> {
    s.toasts.iter().map(|t| t.notice.clone()).collect()
}

#[tokio::test(start_paused = true)]
async fn a_spreadsheet_is_checked_shown_and_imported_only_on_the_users_choice() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("field")).unwrap();
    std::fs::write(dir.path().join("field/laredo.csv"), CSV).unwrap();
    let backend = FakeBackend::default();
    let mut h = Harness::saving_into(&backend, dir.path().to_path_buf()).await;
    let mut s = state(Lang::En, 80, 24);

    // I opens the path prompt; Enter there opens the report and asks the runtime to read.
    assert!(update(&mut s, Action::ImportSeizures).is_empty());
    assert!(matches!(
        s.overlays.last(),
        Some(Overlay::Prompt(p)) if p.purpose == PromptFor::ImportPath
    ));
    typed(&mut s, "field/laredo.csv");
    let fx = update(&mut s, Action::Open);
    assert!(
        matches!(fx.as_slice(), [Effect::ReadImport { path, .. }] if path == "field/laredo.csv"),
        "{fx:?}"
    );
    let checked =
        |s: &State| matches!(s.overlays.last(), Some(Overlay::Import(v)) if v.file.is_some());
    settle(&mut h, &mut s, fx, checked).await;
    let Some(Overlay::Import(view)) = s.overlays.last() else {
        unreachable!()
    };
    let file = view.file.as_ref().unwrap();
    assert!(file.path.ends_with("field/laredo.csv"), "{}", file.path);
    assert_eq!(file.plan.rows, 4);
    assert_eq!(file.plan.seizures.len(), 2);
    let problems: Vec<(usize, &str)> = file
        .plan
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(problems, [(4, "fecha"), (5, "estado")]);

    // Invalid rows: Enter writes nothing and says why; the report stays.
    let fx = update(&mut s, Action::Open);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Import { .. })));
    assert_eq!(
        toasts(&s).last(),
        Some(&Notice::Pane(PaneNotice::Queue(
            QueueNotice::ImportBlocked { invalid_rows: 2 }
        )))
    );
    assert!(matches!(s.overlays.last(), Some(Overlay::Import(_))));
    assert!(backend.calls().is_empty(), "nothing reached the server");

    // Ticking "skip the invalid rows" (mark) and Enter: the valid seizures go, the overlay
    // closes, the status bar's progress is in the state until the last batch is answered.
    update(&mut s, Action::Mark);
    let fx = update(&mut s, Action::Open);
    assert!(s.overlays.is_empty());
    let progress = s.panes.queue.importing.clone().expect("an import running");
    assert_eq!((progress.sent, progress.total), (0, 2));
    let after = settle(&mut h, &mut s, fx, |s| s.panes.queue.importing.is_none()).await;
    let sent: Vec<Vec<String>> = backend
        .calls()
        .into_iter()
        .filter_map(|c| match c {
            Call::Import(keys) => Some(keys),
            _ => None,
        })
        .collect();
    assert_eq!(sent.len(), 1, "two seizures fit one batch");
    assert_eq!(sent[0].len(), 2);
    assert_eq!(
        toasts(&s).last(),
        Some(&Notice::Pane(PaneNotice::Queue(QueueNotice::Imported {
            created: 2,
            existing: 0
        })))
    );
    assert!(
        after.iter().any(|e| matches!(
            e,
            Effect::Fetch {
                req: Request::Seizures(_),
                ..
            }
        )),
        "the queue reloads: {after:?}"
    );

    // I again offers the same path.
    update(&mut s, Action::ImportSeizures);
    assert!(matches!(
        s.overlays.last(),
        Some(Overlay::Prompt(p)) if p.input == "field/laredo.csv"
    ));
}

#[tokio::test(start_paused = true)]
async fn a_missing_file_closes_the_report_and_a_refused_batch_says_what_went_in() {
    let dir = tempfile::tempdir().unwrap();
    let clean: String = CSV.lines().take(3).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("ok.csv"), clean).unwrap();
    let backend = FakeBackend::default();
    backend.script_imports([Err(server_error())]);
    let mut h = Harness::saving_into(&backend, dir.path().to_path_buf()).await;
    let mut s = state(Lang::En, 80, 24);

    update(&mut s, Action::ImportSeizures);
    typed(&mut s, "nope.csv");
    let fx = update(&mut s, Action::Open);
    settle(&mut h, &mut s, fx, |s| s.overlays.is_empty()).await;
    let said = format!("{:?}", toasts(&s));
    assert!(said.contains("nope.csv"), "{said}");

    update(&mut s, Action::ImportSeizures);
    for _ in 0.."nope.csv".len() {
        update(&mut s, Action::Backspace);
    }
    typed(&mut s, "ok.csv");
    let fx = update(&mut s, Action::Open);
    let checked =
        |s: &State| matches!(s.overlays.last(), Some(Overlay::Import(v)) if v.file.is_some());
    settle(&mut h, &mut s, fx, checked).await;
    // Every row valid: Enter imports at once.
    let fx = update(&mut s, Action::Open);
    settle(&mut h, &mut s, fx, |s| s.panes.queue.importing.is_none()).await;
    match toasts(&s).last() {
        Some(Notice::Pane(PaneNotice::Queue(QueueNotice::ImportStopped { sent, refusal }))) => {
            assert_eq!(*sent, 0);
            assert!(!refusal.detail.is_empty());
        }
        other => panic!("{other:?}"),
    }
}
