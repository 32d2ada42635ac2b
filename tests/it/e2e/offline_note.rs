//! Issue 5: "offline note posted exactly once after the server restarts", as the investigator
//! meets it — the real `fwc` console in a pseudo-terminal against a real `fwc serve` process
//! that is killed (SIGKILL) and started again on the same port and database.

use crate::support::process::{Seeded, ServerProcess, free_port, note_bodies, seed};
use crate::support::proxy::LossyProxy;
use crate::support::pty::*;

const CTRL_S: &str = "\x13";

/// Text pasted the way a terminal delivers a paste when bracketed paste is on.
fn paste(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

/// The console signed in as the seed's first investigator, with its data dir (and so its
/// outbox) under `dir`.
fn console(dir: &tempfile::TempDir, seeded: &Seeded, url: &str) -> Console {
    signed_in(dir.path(), &seeded.token, url)
}

/// The first case id (`CS-YYYY-NNNN`) in the Cases list (not in a toast such as "Note posted
/// to CS-…", which can be up while the list is still being read).
fn first_case_id(screen: &str) -> Option<String> {
    if !screen.contains("c new case") {
        return None;
    }
    let row = screen
        .lines()
        .find(|l| l.contains("CS-") && !l.contains("Note "))?;
    let at = row.find("CS-")?;
    Some(
        row[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect(),
    )
}

/// The count in the timeline's "Notes (N)" header.
fn notes_shown(screen: &str) -> Option<usize> {
    let at = screen.find("Notes (")? + "Notes (".len();
    screen[at..].split(')').next()?.parse().ok()
}

/// Opens the Cases pane and its first case; waits for the case's notes to be read.
/// Returns the case id and how many notes its timeline shows.
fn open_first_case(c: &mut Console) -> (String, usize) {
    c.send("3");
    let list = c.wait_for("the case list", |s| first_case_id(s).is_some());
    let id = first_case_id(&list).expect("a case id");
    c.send(ENTER);
    let s = c.wait_for("the case's notes", |s| {
        s.contains(&format!(" {id} "))
            && notes_shown(s).is_some()
            && !s.contains("loading…")
            && (s.contains("No notes yet.") || notes_shown(s) > Some(0))
    });
    (id, notes_shown(&s).unwrap())
}

/// Writes a note while the server is away and sends it: it must be queued, counted as
/// pending and shown as sending, not refused or lost.
fn write_note_offline(c: &mut Console, case_id: &str, typed: &str, pasted: &str) {
    c.send("n");
    c.wait_text(&format!("Note for {case_id}"));
    c.send(typed);
    c.send(&paste(pasted));
    c.wait_for("the typed and pasted text in the editor", |s| {
        s.contains("año próximo") && s.contains("conjunta")
    });
    c.send(CTRL_S);
    c.wait_for("the note queued in the outbox", |s| {
        s.contains("1 pending") && s.contains("OFFLINE")
    });
}

/// What the server holds: the marker in exactly one note, with its accents intact.
fn assert_posted_once(url: &str, seeded: &Seeded, case_id: &str, marker: &str, before: usize) {
    let bodies = note_bodies(url, &seeded.token, case_id);
    let with_marker: Vec<&String> = bodies.iter().filter(|b| b.contains(marker)).collect();
    assert_eq!(
        with_marker.len(),
        1,
        "the offline note must be posted exactly once: {with_marker:#?}"
    );
    assert_eq!(bodies.len(), before + 1, "one note more, no other change");
    let body = with_marker[0];
    assert!(body.contains("Revisión de la armería en Nogales"), "{body}");
    assert!(body.contains("año próximo"), "{body}");
    // The paste was decomposed (e + U+0301); what was posted is the composed form.
    assert!(body.contains("Revisión conjunta"), "{body:?}");
}

fn typed(marker: &str) -> String {
    format!("Revisión de la armería en Nogales {marker}: seis rifles, año próximo.")
}

/// Pasted text as it often comes from another program: accents decomposed.
const PASTED: &str = " Revisio\u{301}n conjunta.";

#[test]
fn a_note_written_offline_is_posted_once_when_the_server_returns() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let mut server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    let mut c = console(&dir, &seeded, &url);
    c.wait_for("online", |s| s.contains("SZ-") && s.contains("online"));
    let (case_id, before) = open_first_case(&mut c);
    assert_eq!(note_bodies(&url, &seeded.token, &case_id).len(), before);

    server.kill();
    c.wait_text("OFFLINE");
    let marker = "MARCA-OFFLINE-7Q4Z";
    write_note_offline(&mut c, &case_id, &typed(marker), PASTED);
    c.wait_for("the queued note shown as sending", |s| {
        s.contains("sending…") && s.contains(marker)
    });

    let server = ServerProcess::start(&seeded.db, server.port);
    let s = c.wait_for("the note delivered into the timeline", |s| {
        !s.contains("pending")
            && !s.contains("sending…")
            && notes_shown(s) == Some(before + 1)
            && s.contains(marker)
    });
    assert_eq!(s.matches(marker).count(), 1, "shown once:\n{s}");
    assert_posted_once(&server.url(), &seeded, &case_id, marker, before);

    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn a_note_queued_offline_survives_quitting_and_is_posted_once_later() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let mut server = ServerProcess::start(&seeded.db, free_port());
    let url = server.url();
    let mut c = console(&dir, &seeded, &url);
    c.wait_for("online", |s| s.contains("SZ-") && s.contains("online"));
    let (case_id, before) = open_first_case(&mut c);

    server.kill();
    c.wait_text("OFFLINE");
    let marker = "MARCA-REINICIO-3K8W";
    write_note_offline(&mut c, &case_id, &typed(marker), PASTED);

    // Quit while still offline: the note lives only in the console's outbox on disk.
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
    let mut c = console(&dir, &seeded, &url);
    c.wait_for("the note still pending after the restart", |s| {
        s.contains("1 pending") && s.contains("OFFLINE")
    });

    let server = ServerProcess::start(&seeded.db, server.port);
    c.wait_for("the note delivered", |s| {
        s.contains("online") && !s.contains("pending")
    });
    let (again, shown) = open_first_case(&mut c);
    assert_eq!(again, case_id);
    assert_eq!(shown, before + 1);
    c.wait_for("the note in the timeline", |s| s.contains(marker));
    assert_posted_once(&server.url(), &seeded, &case_id, marker, before);

    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

/// The race an idempotency key exists for: the server applies the note but its answers never
/// get back (the link drops them), so the console cannot know and sends it again — through
/// the client's own retries, then the outbox once the link looks back. Still one note.
#[test]
fn a_note_whose_answers_are_lost_is_resent_and_posted_once() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = seed(dir.path());
    let server = ServerProcess::start(&seeded.db, free_port());
    let proxy = LossyProxy::start(server.port);
    let mut c = console(&dir, &seeded, &proxy.url());
    c.wait_for("online", |s| s.contains("SZ-") && s.contains("online"));
    let (case_id, before) = open_first_case(&mut c);

    // More lost answers than the client retries by itself, so the outbox must resend too.
    proxy.lose_note_answers(3);
    let marker = "MARCA-PERDIDA-5J2X";
    c.send("n");
    c.wait_text(&format!("Note for {case_id}"));
    c.send(&typed(marker));
    c.send(&paste(PASTED));
    c.wait_for("the text in the editor", |s| s.contains("conjunta"));
    c.send(CTRL_S);

    let s = c.wait_for("the note confirmed and shown once", |s| {
        !s.contains("pending")
            && !s.contains("sending…")
            && s.contains("online")
            && notes_shown(s) == Some(before + 1)
    });
    assert_eq!(s.matches(marker).count(), 1, "shown once:\n{s}");
    assert!(
        proxy.note_posts() >= 4,
        "the note went out {} time(s): the lost answers must have forced resends",
        proxy.note_posts()
    );
    assert_posted_once(&server.url(), &seeded, &case_id, marker, before);

    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}
