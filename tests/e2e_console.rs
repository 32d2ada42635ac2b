//! The console as the investigator meets it: the real `fwc demo` in a pseudo-terminal.

mod e2e_support;

use e2e_support::*;

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
    Some(rest.split_whitespace().next()?.trim_end_matches('.').to_string())
}

#[test]
fn open_filter_open_submit_find_the_trace_and_see_its_chain() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = demo(&dir, 120, 40);
    c.wait_text("SYNTHETIC DEMO DATA");
    c.wait_for("queue rows", |s| s.contains("SZ-") && s.contains("online"));

    c.send("/");
    c.wait_text("Filter the queue");
    c.send("status:new");
    c.send(ENTER);
    c.wait_text("filter: status:new");
    c.wait_for("filtered rows", |s| s.lines().filter(|l| l.contains("SZ-") && l.contains(" new ")).count() > 0);

    c.send(ENTER);
    c.wait_text("Items");
    c.send("t");
    let s = c.wait_for("confirmation or queued toast", |s| s.contains("Submit ") || s.contains("queued"));
    if s.contains("Submit ") {
        c.send("y");
    }
    let s = c.wait_for("the trace to be submitted", |s| submitted_trace_id(s).is_some());
    let id = submitted_trace_id(&s).unwrap();

    c.send("2");
    c.wait_text("Recent traces");
    c.send("/");
    c.wait_text("Search traces");
    c.send(&id);
    c.send(ENTER);
    c.wait_for("the trace in the results", |s| s.contains("Trace · 1 ") && s.lines().any(|l| l.contains(&id) && l.contains("submitted")));
    c.send(ENTER);
    c.wait_text("Chain of custody");
    // The stand-in for the dealers answers after a few seconds; the change stream brings it in.
    c.wait_for("the trace to be answered", |s| s.contains("completed") || s.contains("not traceable"));

    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn help_palette_language_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = demo(&dir, 80, 24);
    c.wait_for("queue rows", |s| s.contains("SZ-"));
    c.send("?");
    c.wait_text("Command palette");
    c.send(ESC);
    c.wait_for("help closed", |s| !s.contains("Command palette"));
    c.send(":");
    c.wait_text("type to filter");
    c.send("espa");
    c.wait_text("Español / English");
    c.send(ENTER);
    c.wait_text("DATOS SINTÉTICOS");
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}
