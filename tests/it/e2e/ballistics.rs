//! An investigator reviews one ballistic lead in the real `fwc demo`, in a pseudo-terminal:
//! opens the queue, compares the casings in every view, zooms, steps through the candidates,
//! is told that confirming is for examiners, and excludes the lead with a comment.

use crate::support::pty::*;
use fwc::app::panes::{PaneId, index_of};

fn demo(dir: &tempfile::TempDir, cols: u16, rows: u16) -> Console {
    let data = dir.path().join("data");
    let cfg = config_dir(dir.path());
    let home = dir.path().display().to_string();
    Console::spawn(
        &["demo", "--data-dir", data.to_str().unwrap()],
        &[
            ("HOME", home.as_str()),
            ("XDG_CONFIG_HOME", cfg.as_str()),
            ("XDG_DATA_HOME", home.as_str()),
            ("LANG", "en_US.UTF-8"),
        ],
        cols,
        rows,
    )
}

/// The lead id in the detail's title line (`┌ BL-000123 · pending …`).
fn open_lead_id(screen: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.contains("┌ BL-"))?;
    let at = line.find("BL-")?;
    line[at..].split_whitespace().next().map(str::to_string)
}

#[test]
fn an_investigator_reviews_and_excludes_one_lead() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = demo(&dir, 120, 40);
    c.wait_for("queue rows", |s| s.contains("SZ-") && s.contains("online"));

    let key = (index_of(PaneId::Ballistics) + 1).to_string();
    c.send(&key);
    c.wait_text("Ballistic leads");
    c.wait_for("pending leads", |s| {
        s.lines()
            .any(|l| l.contains("BL-") && l.contains("pending"))
    });
    c.send("o");
    c.wait_text("oldest first");

    let before = c.bytes();
    c.send(ENTER);
    let s = c.wait_for("both casings and the cluster", |s| {
        s.contains("Breech face")
            && s.contains("SYNTHETIC IMAGES")
            && s.matches('▀').count() > 200
            && s.contains("Cluster of confirmed hits")
            && !s.contains("loading")
    });
    let id = open_lead_id(&s).expect("lead id in the title");
    // What the comparison costs on the wire: it must stay usable on a slow field-office link.
    let cost = c.bytes() - before;
    eprintln!("opening the comparison at 120x40 wrote {cost} bytes");
    assert!(cost < 96 * 1024, "{cost} bytes");
    assert!(s.contains("Firing pin") && s.contains("Rank "), "{s}");

    c.send("v");
    c.wait_text("aligned onto the casing");
    c.send("v");
    c.wait_text("difference (dark = marks agree)");
    c.send("+");
    c.wait_text("zoom 2×");
    c.send("-");
    c.wait_text("zoom 1×");

    // Stepping to another candidate of the same casing and back (or being told there is none).
    c.send(">");
    let s = c.wait_for("another candidate or the end", |s| {
        open_lead_id(s).is_some_and(|x| x != id) || s.contains("No more candidates")
    });
    if open_lead_id(&s).is_some_and(|x| x != id) {
        c.send("<");
        c.wait_for("back on the first lead", |s| {
            open_lead_id(s).as_deref() == Some(id.as_str())
        });
    }

    c.send("C");
    c.wait_text("Only a ballistics examiner can confirm a hit.");

    c.send("e");
    c.wait_text(&format!("Exclude {id} — comment"));
    c.send("breech face differs");
    c.send(ENTER);
    c.wait_for("the decision recorded by the server", |s| {
        s.contains(&format!("Lead {id} is now excluded"))
    });
    c.wait_text("“breech face differs”");

    c.send(ESC);
    c.wait_text("awaiting review");
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}
