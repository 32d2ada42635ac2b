//! The console as the investigator meets it: the real `fwc demo` in a pseudo-terminal.

use crate::support::process::{Seeded, ServerProcess, free_port, seed};
use crate::support::pty::*;

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

/// The trace id in a "Trace TR-… submitted." toast.
fn submitted_trace_id(screen: &str) -> Option<String> {
    let at = screen.find("Trace TR-")?;
    let rest = &screen[at + 6..];
    Some(
        rest.split_whitespace()
            .next()?
            .trim_end_matches('.')
            .to_string(),
    )
}

#[test]
fn open_filter_open_submit_find_the_trace_and_see_its_chain() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = demo(&dir, 120, 40);
    c.wait_text("SYNTHETIC DEMO DATA");
    c.wait_for("queue rows", |s| s.contains("SZ-") && s.contains("online"));

    c.send("/");
    c.wait_text("Filter the queue");
    // New seizures with firearms in them (some seizures hold only magazines or ammunition).
    c.send("status:new item:firearm");
    c.send(ENTER);
    c.wait_text("filter: status:new item:firearm");
    c.wait_for("filtered rows", |s| {
        s.lines()
            .filter(|l| l.contains("SZ-") && l.contains(" new "))
            .count()
            > 0
    });

    c.send(ENTER);
    c.wait_text("Items");
    c.send("t");
    let s = c.wait_for("confirmation or queued toast", |s| {
        s.contains("Submit ") || s.contains("queued")
    });
    if s.contains("Submit ") {
        c.send("y");
    }
    let s = c.wait_for("the trace to be submitted", |s| {
        submitted_trace_id(s).is_some()
    });
    let id = submitted_trace_id(&s).unwrap();

    c.send("2");
    c.wait_text("Recent traces");
    c.send("/");
    c.wait_text("Search traces");
    c.send(&id);
    c.send(ENTER);
    // The search's own answer: the recent list behind the prompt can also hold just this trace
    // (its row arrives with the write's answer), and Enter then would open nothing.
    let heading = format!("Search: {id}");
    c.wait_for("the trace in the results", |s| {
        s.contains(&heading)
            && s.contains("Trace · 1 ")
            && !s.contains("loading")
            && s.lines()
                // On a loaded machine the dealers may already have answered.
                .any(|l| {
                    l.contains(&id)
                        && ["submitted", "in progress", "completed", "not traceable"]
                            .iter()
                            .any(|st| l.contains(st))
                })
    });
    c.send(ENTER);
    c.wait_text("Chain of distribution");
    // The stand-in for the dealers answers after a few seconds; the change stream brings it in.
    c.wait_for("the trace to be answered", |s| {
        s.contains("completed") || s.contains("not traceable")
    });

    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn help_palette_language_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = demo(&dir, 80, 24);
    c.wait_for("queue rows", |s| s.contains("SZ-"));
    c.send("?");
    c.wait_text("Next pane");
    c.send(ESC);
    c.wait_for("help closed", |s| !s.contains("Next pane"));
    c.send(":");
    c.wait_text("type to filter");
    c.send("espa");
    c.wait_text("Español / English");
    c.send(ENTER);
    c.wait_text("DATOS SINTÉTICOS");
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn a_lost_server_keeps_the_work_and_delivers_it_once_back() {
    let dir = tempfile::tempdir().unwrap();
    let Seeded { db, token, .. } = seed(dir.path());
    let port = free_port();
    let mut server = ServerProcess::start(&db, port);
    let home = dir.path().display().to_string();
    let cfg = config_dir(dir.path());
    let url = format!("http://127.0.0.1:{port}");
    let console = |url: &str| {
        Console::spawn(
            &["--server", url],
            &[
                ("FWC_TOKEN", token.as_str()),
                ("HOME", home.as_str()),
                ("XDG_CONFIG_HOME", cfg.as_str()),
                ("XDG_DATA_HOME", home.as_str()),
                ("LANG", "en_US.UTF-8"),
            ],
            120,
            40,
        )
    };
    let mut c = console(&url);
    c.wait_for("queue rows", |s| s.contains("SZ-") && s.contains("online"));

    server.kill();
    c.wait_text("OFFLINE");
    // A change made while the server is away: shown at once, kept, and counted as pending.
    c.send("s");
    c.wait_text("Set triage status");
    c.send("jjjj");
    c.send(ENTER);
    c.wait_text("1 pending");
    c.wait_for("the closed status shown at once", |s| {
        s.lines().nth(4).is_some_and(|l| l.contains("closed"))
    });

    // Quit while offline: the write must survive a restart.
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
    let mut c = console(&url);
    c.wait_text("1 pending");

    let _server = ServerProcess::start(&db, port);
    c.wait_for("the write delivered", |s| {
        s.contains("is now closed") && !s.contains("pending")
    });
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}
