//! Drives the real `fwc` binary in a pseudo-terminal and reads its screen through a terminal
//! emulator. Waits are on the screen reaching a state (with a generous deadline), never sleeps.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const DEADLINE: Duration = Duration::from_secs(120);

struct Screen {
    parser: vt100::Parser,
    /// Every byte the console wrote, for measuring what frames cost.
    bytes: u64,
    closed: bool,
}

pub struct Console {
    screen: Arc<(Mutex<Screen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Console {
    /// Starts `fwc <args>` in a `cols`×`rows` pseudo-terminal with the given environment.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Console {
        Console::spawn_over(args, env, cols, rows, None)
    }

    /// As [`Console::spawn`], with the terminal at the far end of `link` (an SSH session over a
    /// slow line): the console's output and the keys typed cross it.
    pub fn spawn_over(
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        link: Option<super::throttle::Link>,
    ) -> Console {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_fwc"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn fwc");
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let mut writer = pty.master.take_writer().expect("writer");
        if let Some(link) = link {
            reader = Box::new(super::throttle::shaped_reader(reader, link));
            writer = Box::new(super::throttle::shaped_writer(writer, link));
        }
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(rows, cols, 0),
                bytes: 0,
                closed: false,
            }),
            Condvar::new(),
        ));
        let s2 = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            // The console draws box lines in the DEC charset, which vt100 does not have.
            let mut charsets = fwc::ui::lean::charset::CharsetFilter::default();
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cv) = &*s2;
                let mut s = lock.lock().unwrap();
                if n == 0 {
                    s.closed = true;
                    cv.notify_all();
                    return;
                }
                s.parser.process(&charsets.feed(&buf[..n]));
                s.bytes += n as u64;
                cv.notify_all();
            }
        });
        Console {
            screen,
            writer,
            child,
            _master: pty.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.0.lock().unwrap().parser.screen().contents()
    }

    pub fn bytes(&self) -> u64 {
        self.screen.0.lock().unwrap().bytes
    }

    /// Waits until `pred` holds for the screen; panics with the screen after the deadline.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let (lock, cv) = &*self.screen;
        let end = Instant::now() + DEADLINE;
        let mut s = lock.lock().unwrap();
        loop {
            let text = s.parser.screen().contents();
            if pred(&text) {
                return text;
            }
            let now = Instant::now();
            if now >= end || s.closed {
                drop(s);
                panic!("waiting for {what}; screen was:\n{text}");
            }
            s = cv.wait_timeout(s, end - now).unwrap().0;
        }
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end and returns its exit status code.
    pub fn wait_exit(&mut self) -> u32 {
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(
                Instant::now() < end,
                "fwc did not exit; screen:\n{}",
                self.contents()
            );
            // Waiting on a child has no event to block on portably; poll gently.
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Console {
    /// Sends `signal` (`TERM`, `HUP`, …) to the console process, as `kill -s` would.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("a running console");
        let ok = std::process::Command::new("kill")
            .args(["-s", signal, &pid.to_string()])
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill -s {signal} {pid} failed");
    }

    /// The terminal as the console left it: (in the alternate screen, cursor hidden).
    pub fn terminal_modes(&self) -> (bool, bool) {
        let s = self.screen.0.lock().unwrap();
        (
            s.parser.screen().alternate_screen(),
            s.parser.screen().hide_cursor(),
        )
    }

    /// Waits until the console has closed the terminal (all its output read).
    pub fn wait_closed(&self) {
        let (lock, cv) = &*self.screen;
        let end = Instant::now() + DEADLINE;
        let mut s = lock.lock().unwrap();
        while !s.closed {
            let now = Instant::now();
            assert!(now < end, "the console kept its terminal open");
            s = cv.wait_timeout(s, end - now).unwrap().0;
        }
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";

/// A private config dir with nothing in it (defaults only).
/// The console against `url`, signed in with `token`, with its home, config and data dir (and so
/// its outbox and drafts) under `root`, at 120×40 in English.
pub fn signed_in(root: &Path, token: &str, url: &str) -> Console {
    signed_in_over(root, token, url, None)
}

/// As [`signed_in`], with the terminal at the far end of `link`.
pub fn signed_in_over(
    root: &Path,
    token: &str,
    url: &str,
    link: Option<super::throttle::Link>,
) -> Console {
    let home = root.display().to_string();
    let cfg = config_dir(root);
    Console::spawn_over(
        &["--server", url],
        &[
            ("FWC_TOKEN", token),
            ("HOME", home.as_str()),
            ("XDG_CONFIG_HOME", cfg.as_str()),
            ("XDG_DATA_HOME", home.as_str()),
            ("LANG", "en_US.UTF-8"),
        ],
        120,
        40,
        link,
    )
}

pub fn config_dir(root: &Path) -> String {
    let d = root.join("config");
    std::fs::create_dir_all(&d).unwrap();
    d.display().to_string()
}
