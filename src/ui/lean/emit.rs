//! The output primitives of one frame, each written the cheapest way the terminal allows:
//! cursor motion chosen among absolute, relative and carriage-return moves; SGR as deltas;
//! box lines through the DEC graphics charset; erases instead of blanks.

use std::io::Write;

use ratatui::buffer::Cell;

use super::caps::{Caps, dec_graphic};
use super::pen::{Pen, change};

const SO: u8 = 0x0e;
const SI: u8 = 0x0f;
/// Designates DEC special graphics as G1, which SO then selects.
const G1_GRAPHICS: &[u8] = b"\x1b)0";

/// Bytes of one frame being built, with what the terminal's cursor and pen are known to be.
pub struct Emitter {
    pub out: Vec<u8>,
    caps: Caps,
    width: u16,
    height: u16,
    /// `None`: not known (start of a frame after a clear, after a scroll, or in the pending-wrap
    /// state after the last column was written).
    pub cursor: Option<(u16, u16)>,
    pub pen: Option<Pen>,
    shifted: bool,
    designated: bool,
}

impl Emitter {
    pub fn new(
        caps: Caps,
        width: u16,
        height: u16,
        cursor: Option<(u16, u16)>,
        pen: Option<Pen>,
    ) -> Emitter {
        Emitter {
            out: Vec::with_capacity(4096),
            caps,
            width,
            height,
            cursor,
            pen,
            shifted: false,
            designated: false,
        }
    }

    pub fn caps(&self) -> Caps {
        self.caps
    }

    /// Moves the cursor to column `x`, row `y` by the shortest sequence.
    pub fn move_to(&mut self, x: u16, y: u16) {
        if self.cursor == Some((x, y)) {
            return;
        }
        let bytes = self.motion(x, y);
        self.out.extend_from_slice(&bytes);
        self.cursor = Some((x, y));
    }

    /// Bytes of the cheapest motion to (x, y) from where the cursor is.
    pub fn motion(&self, x: u16, y: u16) -> Vec<u8> {
        let abs = absolute(x, y);
        let Some((cx, cy)) = self.cursor.filter(|_| self.caps.relative) else {
            return abs;
        };
        let mut rel = vertical(cy, y, self.height);
        rel.extend(horizontal(cx, x));
        if rel.len() < abs.len() { rel } else { abs }
    }

    /// Bytes the motion to (x, y) would cost.
    pub fn motion_cost(&self, x: u16, y: u16) -> usize {
        if self.cursor == Some((x, y)) {
            0
        } else {
            self.motion(x, y).len()
        }
    }

    pub fn set_pen(&mut self, pen: &Pen) {
        change(&mut self.out, self.pen.as_ref(), pen);
        self.pen = Some(*pen);
    }

    /// Writes a cell's symbol at the cursor (which the caller placed) with its pen; `width` is
    /// its column count (2 for a wide character).
    pub fn put(&mut self, cell: &Cell, width: u16) {
        self.set_pen(&Pen::of(cell, self.caps.depth));
        let sym = cell.symbol();
        match dec_graphic(sym).filter(|_| self.caps.acs) {
            Some(b) => {
                if !self.designated {
                    self.out.extend_from_slice(G1_GRAPHICS);
                    self.designated = true;
                }
                if !self.shifted {
                    self.out.push(SO);
                    self.shifted = true;
                }
                self.out.push(b);
            }
            None => {
                self.shift_in();
                self.out.extend_from_slice(sym.as_bytes());
            }
        }
        self.cursor = match self.cursor {
            Some((x, y)) if x + width < self.width => Some((x + width, y)),
            // The last column: the terminal now waits to wrap, where relative moves differ
            // between terminals. The next move is absolute.
            _ => None,
        };
    }

    /// What writing this cell costs in bytes (symbol and pen change), for choosing between
    /// moving over cells and writing them again.
    pub fn put_cost(&self, cell: &Cell, pen_now: Option<&Pen>) -> usize {
        let pen = Pen::of(cell, self.caps.depth);
        let mut v = Vec::new();
        change(&mut v, pen_now, &pen);
        let sym = cell.symbol();
        let shift = usize::from(dec_graphic(sym).is_some() && self.caps.acs && !self.shifted);
        v.len()
            + shift
            + if self.caps.acs && dec_graphic(sym).is_some() {
                1
            } else {
                sym.len()
            }
    }

    /// Erase to end of line with `pen`'s background; the cursor stays.
    pub fn erase_line(&mut self, pen: &Pen) {
        self.set_pen(pen);
        self.out.extend_from_slice(b"\x1b[K");
    }

    /// Erase from the cursor to the end of the screen.
    pub fn erase_below(&mut self, pen: &Pen) {
        self.set_pen(pen);
        self.out.extend_from_slice(b"\x1b[J");
    }

    /// Erase `n` characters from the cursor (ECH); the cursor stays.
    pub fn erase_chars(&mut self, n: u16, pen: &Pen) {
        self.set_pen(pen);
        if n == 1 {
            self.out.extend_from_slice(b"\x1b[X");
        } else {
            let _ = write!(self.out, "\x1b[{n}X");
        }
    }

    /// Raw bytes whose effect on the cursor the caller accounts for.
    pub fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn shift_in(&mut self) {
        if self.shifted {
            self.out.push(SI);
            self.shifted = false;
        }
    }

    /// Ends the frame in the normal charset, so nothing written between frames (a clipboard
    /// request, the shell after exit) lands in line-drawing mode.
    pub fn finish(mut self) -> (Vec<u8>, Option<(u16, u16)>, Option<Pen>) {
        self.shift_in();
        (self.out, self.cursor, self.pen)
    }
}

fn absolute(x: u16, y: u16) -> Vec<u8> {
    match (x, y) {
        (0, 0) => b"\x1b[H".to_vec(),
        (0, y) => format!("\x1b[{}H", y + 1).into_bytes(),
        (x, y) => format!("\x1b[{};{}H", y + 1, x + 1).into_bytes(),
    }
}

fn csi(n: u16, fin: char) -> Vec<u8> {
    if n == 1 {
        format!("\x1b[{fin}").into_bytes()
    } else {
        format!("\x1b[{n}{fin}").into_bytes()
    }
}

/// Row change keeping the column: LF (never past the last row, where it would scroll), CUD,
/// CUU.
fn vertical(from: u16, to: u16, height: u16) -> Vec<u8> {
    use std::cmp::Ordering::*;
    match to.cmp(&from) {
        Equal => Vec::new(),
        Greater => {
            let n = to - from;
            let cud = csi(n, 'B');
            if usize::from(n) <= cud.len() && to < height {
                vec![b'\n'; usize::from(n)]
            } else {
                cud
            }
        }
        Less => csi(from - to, 'A'),
    }
}

/// Column change on one row: CUF, CUB, backspaces, or CR and a move right.
fn horizontal(from: u16, to: u16) -> Vec<u8> {
    use std::cmp::Ordering::*;
    match to.cmp(&from) {
        Equal => Vec::new(),
        Greater => csi(to - from, 'C'),
        Less => {
            let n = from - to;
            let mut cr = vec![b'\r'];
            if to > 0 {
                cr.extend(csi(to, 'C'));
            }
            let back = if usize::from(n) <= 3 {
                vec![8u8; usize::from(n)]
            } else {
                csi(n, 'D')
            };
            if cr.len() < back.len() { cr } else { back }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::options::ColorDepth;

    fn at(x: u16, y: u16) -> Emitter {
        Emitter::new(
            Caps::xterm(ColorDepth::Ansi256),
            120,
            40,
            Some((x, y)),
            None,
        )
    }

    #[test]
    fn the_shortest_motion_is_chosen() {
        assert_eq!(at(5, 5).motion(5, 6), b"\n");
        assert_eq!(at(5, 5).motion(5, 4), b"\x1b[A");
        assert_eq!(at(5, 5).motion(9, 5), b"\x1b[4C");
        assert_eq!(at(5, 5).motion(3, 5), b"\x08\x08");
        assert_eq!(at(50, 5).motion(0, 6), b"\n\r");
        assert_eq!(at(50, 5).motion(2, 30), b"\x1b[31;3H");
        let mut lost = at(0, 0);
        lost.cursor = None;
        assert_eq!(lost.motion(0, 9), b"\x1b[10H");
    }

    #[test]
    fn dumb_terminals_get_absolute_moves_only() {
        let e = Emitter::new(Caps::dumb(ColorDepth::Mono), 80, 24, Some((5, 5)), None);
        assert_eq!(e.motion(5, 6), b"\x1b[7;6H");
    }

    #[test]
    fn line_drawing_goes_through_g1_and_the_frame_ends_in_g0() {
        let mut e = at(0, 0);
        let mut c = Cell::default();
        c.set_symbol("─");
        e.put(&c, 1);
        e.put(&c, 1);
        c.set_symbol("a");
        e.put(&c, 1);
        e.put(&Cell::new("│"), 1);
        let (out, cursor, _) = e.finish();
        assert_eq!(out, b"\x1b[m\x1b)0\x0eqq\x0fa\x0ex\x0f");
        assert_eq!(cursor, Some((4, 0)));
    }
}
