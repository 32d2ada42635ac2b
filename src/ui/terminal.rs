//! Terminal setup and restore, and the frame writer.
//!
//! Each frame is collected in memory and written with a single write and flush, wrapped in
//! synchronized-output markers (DEC mode 2026) so SSH and tmux users never see half a frame.
//! The restore path — normal exit or panic — ends that mode too, so a crash mid-frame cannot
//! leave the terminal frozen.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;

use super::lean::{Caps, LeanBackend};

pub const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
pub const END_SYNC: &[u8] = b"\x1b[?2026l";

/// Buffers everything ratatui writes; [`FrameWriter::commit`] sends it as one synchronized frame.
/// `flush()` is deliberately a no-op so ratatui's internal flushes cannot split a frame.
/// Cloning gives a second handle onto the same buffer: the terminal owns one, the loop keeps
/// the other to commit frames and to add OSC 52 clipboard requests.
pub struct FrameWriter<W: Write> {
    inner: Arc<Mutex<Frame<W>>>,
}

struct Frame<W> {
    out: W,
    buf: Vec<u8>,
    sent: u64,
    /// The last frame that blocked its write long enough to time: bytes a second.
    rate: Option<u64>,
}

/// A frame at least this big, whose write blocked at least [`BLOCKED`], gives an output rate:
/// smaller or quicker writes only filled the terminal's buffers and say nothing of the link.
const TIMED_FRAME: usize = 2048;
const BLOCKED: std::time::Duration = std::time::Duration::from_millis(50);

impl<W: Write> Clone for FrameWriter<W> {
    fn clone(&self) -> Self {
        FrameWriter {
            inner: self.inner.clone(),
        }
    }
}

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> Self {
        FrameWriter {
            inner: Arc::new(Mutex::new(Frame {
                out,
                buf: Vec::with_capacity(64 * 1024),
                sent: 0,
                rate: None,
            })),
        }
    }

    fn lock(&self) -> io::Result<std::sync::MutexGuard<'_, Frame<W>>> {
        self.inner
            .lock()
            .map_err(|_| io::Error::other("frame writer poisoned"))
    }

    /// Writes the buffered frame, if any, in one go.
    pub fn commit(&self) -> io::Result<()> {
        let mut f = self.lock()?;
        if f.buf.is_empty() {
            return Ok(());
        }
        let mut frame = Vec::with_capacity(f.buf.len() + BEGIN_SYNC.len() + END_SYNC.len());
        frame.extend_from_slice(BEGIN_SYNC);
        frame.append(&mut f.buf);
        frame.extend_from_slice(END_SYNC);
        let t0 = std::time::Instant::now();
        f.out.write_all(&frame)?;
        f.out.flush()?;
        let took = t0.elapsed();
        f.sent += frame.len() as u64;
        if frame.len() >= TIMED_FRAME && took >= BLOCKED {
            f.rate = Some((frame.len() as f64 / took.as_secs_f64()) as u64);
        }
        Ok(())
    }

    /// The rate (bytes a second) the terminal took the last frame at, once, if that write
    /// blocked long enough to say something about the link.
    pub fn output_rate(&self) -> Option<u64> {
        self.lock().ok().and_then(|mut f| f.rate.take())
    }

    /// Bytes sent to the terminal so far (what frames cost on the link).
    pub fn sent(&self) -> u64 {
        self.lock().map(|f| f.sent).unwrap_or(0)
    }

    /// Reads the underlying output (tests inspect what reached the "terminal").
    pub fn with_output<T>(&self, f: impl FnOnce(&W) -> T) -> Option<T> {
        self.lock().ok().map(|g| f(&g.out))
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.lock()?.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub type Term = Terminal<LeanBackend<FrameWriter<io::Stdout>>>;

/// Raw mode, alternate screen, hidden cursor; installs the panic hook that undoes them. Frames
/// are written by the lean backend with what `caps` allows.
pub fn enter(caps: Caps) -> anyhow::Result<(Term, FrameWriter<io::Stdout>)> {
    install_panic_hook();
    enable_raw_mode()?;
    // Cleared here rather than with `Terminal::clear`, which asks the terminal for the cursor
    // position: a round trip that stalls start-up on a slow link.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide,
        Clear(ClearType::All)
    )?;
    let writer = FrameWriter::new(io::stdout());
    let term = Terminal::new(LeanBackend::new(writer.clone(), caps)?)?;
    Ok((term, writer))
}

/// Takes the terminal again after a suspend (`fg`); the caller redraws every cell.
pub fn resume() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide,
        Clear(ClearType::All)
    )
}

/// Ctrl-Z or SIGTSTP: gives the terminal back, stops the process (SIGSTOP, which no handler can
/// catch: the console's own SIGTSTP handler would otherwise catch it), and when the shell
/// continues it (`fg`, SIGCONT) takes the terminal again.
#[cfg(unix)]
pub fn suspend() -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    resume()
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(END_SYNC);
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The OSC 52 sequence that puts `text` on the clipboard of the user's own terminal — which is
/// the right clipboard over SSH, where the remote machine's clipboard is useless.
pub fn osc52(text: &str) -> Vec<u8> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_one_synchronized_write_and_empty_frames_write_nothing() {
        let handle = FrameWriter::new(Vec::new());
        let mut w = handle.clone();
        handle.commit().unwrap();
        assert_eq!(handle.with_output(|o| o.len()), Some(0));
        w.write_all(b"abc").unwrap();
        w.flush().unwrap();
        w.write_all(b"def").unwrap();
        assert_eq!(
            handle.with_output(|o| o.len()),
            Some(0),
            "nothing leaves before commit"
        );
        handle.commit().unwrap();
        assert_eq!(
            handle.with_output(|o| o.clone()).unwrap(),
            b"\x1b[?2026habcdef\x1b[?2026l"
        );
        assert_eq!(handle.sent(), 22);
    }

    #[test]
    fn osc52_encodes_base64() {
        assert_eq!(osc52("SZ-1"), b"\x1b]52;c;U1otMQ==\x07".to_vec());
    }
}
