//! The Cases pane as the investigator meets it: the real `fwc demo` in a pseudo-terminal.

use crate::support::pty::*;

fn demo(dir: &tempfile::TempDir) -> Console {
    let data = dir.path().join("data");
    let cfg = config_dir(dir.path());
    let home = dir.path().display().to_string();
    Console::spawn(
        &["demo", "--data-dir", data.to_str().unwrap()],
        &[
            ("HOME", home.as_str()),
            ("XDG_CONFIG_HOME", cfg.as_str()),
            ("XDG_DATA_HOME", home.as_str()),
            ("LANG", "es_MX.UTF-8"),
        ],
        120,
        40,
    )
}

const CTRL_S: &str = "\x13";

/// The first seizure id on the queue screen.
fn first_seizure(screen: &str) -> String {
    let at = screen.find("SZ-").expect("a seizure on screen");
    screen[at..at + 9].to_string()
}

/// Opens the Cases pane and the first case in it.
fn open_first_case(c: &mut Console) {
    c.send("3");
    c.wait_for("the case list", |s| {
        s.contains("CS-") && s.contains("Casos")
    });
    c.send(ENTER);
    c.wait_text("Notas (");
}

#[test]
fn open_a_case_write_notes_with_references_and_follow_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = demo(&dir);
    let queue = c.wait_for("queue rows", |s| {
        s.contains("SZ-") && s.contains("en línea")
    });
    let sz = first_seizure(&queue);

    open_first_case(&mut c);
    c.send("n");
    c.wait_text("Nota para CS-");
    let body = format!("Revisión conjunta: ver {sz}, año próximo");
    c.send(&body);
    c.wait_text("año próximo");
    c.send(CTRL_S);
    c.wait_for("the note posted and in the timeline", |s| {
        s.contains("Nota publicada") && s.contains(&format!("ver {sz}, año"))
    });

    // The new note is the selected one: `f` follows its one reference to the seizure.
    c.send("f");
    c.wait_for("the seizure's detail in the Queue pane", |s| {
        s.contains("Objetos") && s.lines().any(|l| l.contains(&sz) && l.contains('┌'))
    });

    // Back in the case, a note naming the seed's first ballistic lead opens it for review.
    c.send("3");
    c.wait_text("Notas (");
    c.send("n");
    c.wait_text("Nota para CS-");
    c.send("Pista BL-000001: pedir cotejo");
    c.wait_text("pedir cotejo");
    c.send(CTRL_S);
    // The editor closed and the note in the timeline (no longer "enviando…"), hence selected:
    // the first note's toast may still show, so it proves nothing here.
    c.wait_for("the second note in the timeline", |s| {
        s.contains("BL-000001: pedir") && !s.contains("Nota para CS-") && !s.contains("enviando…")
    });
    c.send("f");
    c.wait_for("the lead's comparison in the Ballistics pane", |s| {
        s.lines().any(|l| l.contains("┌ BL-000001"))
    });
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn a_draft_survives_the_console_being_killed_and_is_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = demo(&dir);
    c.wait_for("online", |s| s.contains("en línea"));
    open_first_case(&mut c);
    c.send("n");
    c.wait_text("Nota para CS-");
    c.send("Borrador: la serie #KF12345 aparece en Nogales");
    c.wait_for("the draft on disk", |s| {
        s.contains("en Nogales") && s.contains("borrador guardado")
    });
    // Like a dropped SSH session: the process is killed with the editor open.
    drop(c);

    let mut c = demo(&dir);
    c.wait_text("de nota sin enviar");
    open_first_case(&mut c);
    c.wait_for("the draft marked in the list", |s| s.contains("Notas ("));
    c.send("n");
    c.wait_for("the recovered draft in the editor", |s| {
        s.contains("borrador recuperado") && s.contains("#KF12345 aparece en Nogales")
    });
    c.send(ESC);
    c.wait_for("the editor closed, draft kept", |s| {
        s.contains("n lo retoma")
    });
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

/// `kill -TERM`, a dropped SSH link (SIGHUP) and SIGQUIT each end the console with the shell's
/// status for the signal, leave the terminal as it was (main screen, cursor shown), and keep
/// the note being typed: it is offered back at the next start.
#[test]
fn a_signal_restores_the_terminal_and_keeps_the_draft() {
    for (signal, status) in [("TERM", 143), ("HUP", 129), ("QUIT", 131)] {
        let dir = tempfile::tempdir().unwrap();
        let mut c = demo(&dir);
        c.wait_for("online", |s| s.contains("en línea"));
        open_first_case(&mut c);
        c.send("n");
        c.wait_text("Nota para CS-");
        let text = format!("Borrador {signal}: la serie #KF12345 en Nogales");
        c.send(&text);
        c.wait_text(&text);
        c.signal(signal);
        assert_eq!(c.wait_exit(), status, "after SIG{signal}");
        c.wait_closed();
        assert_eq!(
            c.terminal_modes(),
            (false, false),
            "after SIG{signal}: (alternate screen, cursor hidden)"
        );

        let mut c = demo(&dir);
        c.wait_text("de nota sin enviar");
        open_first_case(&mut c);
        c.send("n");
        c.wait_for("the draft typed before the signal", |s| {
            s.contains("borrador recuperado") && s.contains(&text)
        });
        c.send(ESC);
        c.wait_for("the editor closed, draft kept", |s| {
            s.contains("n lo retoma")
        });
        c.send("q");
        assert_eq!(c.wait_exit(), 0);
    }
}
