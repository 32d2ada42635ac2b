//! The Queue's import (`I`) at 80×24: the path prompt and the report of a file with invalid
//! rows, before and after "skip the invalid rows" is ticked, in every language.

use crate::support::ui::*;
use fwc::app::effect::Effect;
use fwc::app::import_job::ImportFile;
use fwc::app::reply::{Data, Reply};
use fwc::app::state::State;
use fwc::app::{Action, update};

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Char(c));
    }
}

/// The report of `crate::app::import::CSV`, as the runtime would answer it.
fn reported(s: &mut State) {
    update(s, Action::ImportSeizures);
    typed(s, "field/laredo.csv");
    let fx = update(s, Action::Open);
    let Some(Effect::ReadImport {
        slot, generation, ..
    }) = fx.into_iter().next()
    else {
        panic!("Enter at the path prompt reads the file");
    };
    let plan = fwc::import::plan(crate::app::import::CSV.as_bytes(), now()).unwrap();
    let file = ImportFile {
        path: "/home/ana/field/laredo.csv".into(),
        plan,
    };
    let reply = Reply::Fetched {
        slot,
        generation,
        result: Ok(Data::ImportChecked(Box::new(file))),
    };
    update(s, Action::Reply(Box::new(reply)));
}

#[test]
fn import_path_prompt() {
    for lang in LANGS {
        let mut s = state(lang, 80, 24);
        update(&mut s, Action::ImportSeizures);
        typed(&mut s, "field/laredo.csv");
        insta::assert_snapshot!(snap_name("import_path", &s), render(&s, &theme("dark")));
    }
}

#[test]
fn import_report() {
    for lang in LANGS {
        let mut s = state(lang, 80, 24);
        reported(&mut s);
        insta::assert_snapshot!(snap_name("import_report", &s), render(&s, &theme("dark")));
        update(&mut s, Action::Mark);
        let ticked = render(&s, &theme("dark"));
        assert!(ticked.contains("[x]"), "{ticked}");
    }
}

#[test]
fn import_progress_in_the_status_bar() {
    for lang in [fwc::app::state::Lang::En, fwc::app::state::Lang::Es] {
        let mut s = state(lang, 80, 24);
        s.panes.queue.importing = Some(fwc::app::import_job::ImportProgress {
            sent: 500,
            total: 1200,
            ..Default::default()
        });
        insta::assert_snapshot!(snap_name("import_progress", &s), render(&s, &theme("dark")));
    }
}

#[test]
fn a_hostile_file_cannot_drive_the_terminal() {
    let mut s = state(fwc::app::state::Lang::En, 80, 24);
    update(&mut s, Action::ImportSeizures);
    typed(&mut s, "x.csv");
    let fx = update(&mut s, Action::Open);
    let Some(Effect::ReadImport {
        slot, generation, ..
    }) = fx.into_iter().next()
    else {
        panic!("no read");
    };
    let csv = "fecha,estado,municipio\n2026-03-01,\u{1b}[2J\u{202e}Sonora,Centro\n";
    let plan = fwc::import::plan(csv.as_bytes(), now()).unwrap();
    assert!(!plan.problems.is_empty());
    let reply = Reply::Fetched {
        slot,
        generation,
        result: Ok(Data::ImportChecked(Box::new(ImportFile {
            path: "x.csv".into(),
            plan,
        }))),
    };
    update(&mut s, Action::Reply(Box::new(reply)));
    assert_inert(&buffer(&s, &theme("dark")));
}
