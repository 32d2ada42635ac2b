//! The console's frame writer: a ratatui backend that sends the cheapest bytes for each frame,
//! the way ncurses optimises output for slow links.
//!
//! ratatui hands over the cells that changed; the backend keeps the screen the terminal shows
//! and, at `flush`, writes the difference choosing per frame among a plain row-by-row update,
//! a scroll of the terminal followed by the update, and a clear followed by the update —
//! whichever is shortest. Rows use erase-to-end-of-line and erase-characters for blanks, the
//! shortest cursor motion, SGR deltas and one-byte DEC line drawing. The bytes go to the writer
//! given (the console's [`FrameWriter`](super::terminal::FrameWriter), which sends each frame as
//! one synchronised write).

pub mod caps;
pub mod charset;
mod emit;
mod frame;
mod grid;
pub mod pen;
mod scroll;

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::Color;

pub use caps::Caps;
use emit::Emitter;
use grid::Grid;
use pen::Pen;

/// A ratatui backend writing lean frames to `W`.
pub struct LeanBackend<W: Write> {
    out: W,
    caps: Caps,
    /// Fixed size (benches, tests); `None`: the terminal's, asked on each resize check.
    fixed: Option<Size>,
    size: Size,
    /// What the terminal shows.
    shown: Grid,
    /// What ratatui has drawn so far this frame.
    next: Grid,
    cursor: Option<(u16, u16)>,
    pen: Option<Pen>,
    /// Whether the terminal's cursor is visible (the console starts it hidden).
    visible: bool,
    want_visible: bool,
    want_at: Option<(u16, u16)>,
}

impl<W: Write> LeanBackend<W> {
    /// A backend on a terminal of the current size (cleared and with the cursor hidden by the
    /// caller).
    pub fn new(out: W, caps: Caps) -> io::Result<Self> {
        let (w, h) = crossterm::terminal::size()?;
        Ok(Self::build(out, caps, None, Size::new(w, h)))
    }

    /// A backend on a blank terminal of a fixed size.
    pub fn fixed(out: W, caps: Caps, width: u16, height: u16) -> Self {
        let size = Size::new(width, height);
        Self::build(out, caps, Some(size), size)
    }

    fn build(out: W, caps: Caps, fixed: Option<Size>, size: Size) -> Self {
        LeanBackend {
            out,
            caps,
            fixed,
            size,
            shown: Grid::blank(size.width, size.height, Color::Reset),
            next: Grid::blank(size.width, size.height, Color::Reset),
            cursor: None,
            pen: None,
            visible: false,
            want_visible: false,
            want_at: None,
        }
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn caps(&self) -> Caps {
        self.caps
    }

    fn current_size(&self) -> Size {
        self.fixed.unwrap_or_else(|| {
            crossterm::terminal::size()
                .map(|(w, h)| Size::new(w, h))
                .unwrap_or(self.size)
        })
    }

    /// The bytes that take the terminal to `next`: the shortest of a plain update, a scroll
    /// and then an update, and a clear and then an update.
    fn frame(&self) -> (Vec<u8>, Option<(u16, u16)>, Option<Pen>) {
        let (w, h) = (self.size.width, self.size.height);
        let start = || Emitter::new(self.caps, w, h, self.cursor, self.pen);
        let mut plain = start();
        let dirty = frame::render(&mut plain, &self.shown, &self.next);
        let mut best = plain.finish();
        if dirty == 0 {
            return best;
        }
        let depth = self.caps.depth;
        let scrolled = self
            .caps
            .edit
            .then(|| scroll::find(&self.shown, &self.next, depth))
            .flatten();
        if let Some(s) = scrolled {
            let mut e = start();
            scroll::emit(&mut e, &s);
            let mut moved = self.shown.clone();
            scroll::apply(&mut moved, &s);
            frame::render(&mut e, &moved, &self.next);
            let cand = e.finish();
            if cand.0.len() < best.0.len() {
                best = cand;
            }
        }
        if dirty * 3 > usize::from(w) * usize::from(h) {
            let bg = dominant_bg(&self.next, depth);
            if self.caps.bce || bg == Color::Reset {
                let mut e = start();
                e.move_to(0, 0);
                let pen = frame::eraser(e.pen.as_ref(), bg);
                e.erase_below(&pen);
                frame::render(&mut e, &Grid::blank(w, h, bg), &self.next);
                let cand = e.finish();
                if cand.0.len() < best.0.len() {
                    best = cand;
                }
            }
        }
        best
    }
}

/// The background most blank cells of the frame have.
fn dominant_bg(g: &Grid, depth: crate::app::options::ColorDepth) -> Color {
    let mut counts: Vec<(Color, usize)> = Vec::new();
    for c in &g.cells {
        if let Some(bg) = grid::blank_bg(c, depth) {
            match counts.iter_mut().find(|(b, _)| *b == bg) {
                Some((_, n)) => *n += 1,
                None => counts.push((bg, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(Color::Reset, |(b, _)| b)
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, c) in content {
            self.next.set(x, y, c);
            // ratatui does not send the column a wide character covers; its buffer holds a
            // reset cell there (what `Buffer::set_stringn` leaves), and so does this copy.
            if grid::width(c) == 2 {
                self.next.set(x + 1, y, &Cell::default());
            }
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.want_visible = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.want_visible = true;
        Ok(())
    }

    /// Where the cursor was put (never asked of the terminal: a round trip on a slow link).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = self.want_at.or(self.cursor).unwrap_or((0, 0));
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.want_at = Some((p.x, p.y));
        Ok(())
    }

    /// Clears the screen at once and forgets what it showed; takes the terminal's size again
    /// (ratatui clears after a resize).
    fn clear(&mut self) -> io::Result<()> {
        self.out.write_all(b"\x1b[m\x1b[H\x1b[2J")?;
        self.size = self.current_size();
        self.shown = Grid::blank(self.size.width, self.size.height, Color::Reset);
        self.next = self.shown.clone();
        self.cursor = Some((0, 0));
        self.pen = Some(Pen::default());
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        if clear_type == ClearType::All {
            return self.clear();
        }
        let seq: &[u8] = match clear_type {
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            _ => b"\x1b[K",
        };
        self.out.write_all(seq)?;
        // What is left is not known exactly: everything is drawn again next frame.
        self.shown = Grid::unknown(self.size.width, self.size.height);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.current_size())
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let columns_rows = self.current_size();
        let pixels = crossterm::terminal::window_size()
            .map(|w| Size::new(w.width, w.height))
            .unwrap_or_default();
        Ok(WindowSize {
            columns_rows,
            pixels,
        })
    }

    /// Writes the frame: the update, then the cursor (shown only where a text field wants it).
    fn flush(&mut self) -> io::Result<()> {
        if self.next.width != self.size.width || self.next.height != self.size.height {
            self.next = Grid::blank(self.size.width, self.size.height, Color::Reset);
        }
        let (mut bytes, cursor, pen) = self.frame();
        self.cursor = cursor;
        self.pen = pen;
        self.shown = self.next.clone();
        if self.visible && !self.want_visible {
            bytes.extend_from_slice(b"\x1b[?25l");
            self.visible = false;
        }
        if self.want_visible {
            if let Some((x, y)) = self.want_at {
                let mut e = Emitter::new(
                    self.caps,
                    self.size.width,
                    self.size.height,
                    self.cursor,
                    self.pen,
                );
                e.move_to(x, y);
                let (b, c, _) = e.finish();
                bytes.extend_from_slice(&b);
                self.cursor = c;
            }
            if !self.visible {
                bytes.extend_from_slice(b"\x1b[?25h");
                self.visible = true;
            }
        }
        self.out.write_all(&bytes)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod vt100_tests;
