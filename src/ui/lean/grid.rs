//! The screen as the terminal shows it (or will): cells by row, compared by what they look
//! like rather than by how ratatui stored them — a blank is a blank whatever its foreground.

use std::hash::{Hash, Hasher};

use ratatui::buffer::Cell;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

use super::pen::{Pen, VISIBLE_ON_BLANK};
use crate::app::options::ColorDepth;

#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub width: u16,
    pub height: u16,
    pub cells: Vec<Cell>,
}

impl Grid {
    /// A screen of blanks on `bg` (what an erase leaves).
    pub fn blank(width: u16, height: u16, bg: Color) -> Grid {
        let mut cell = Cell::default();
        cell.set_bg(bg);
        Grid {
            width,
            height,
            cells: vec![cell; usize::from(width) * usize::from(height)],
        }
    }

    /// A screen whose every cell is unknown: it matches nothing, so everything is drawn.
    pub fn unknown(width: u16, height: u16) -> Grid {
        let mut cell = Cell::default();
        cell.set_symbol("\u{fffd}\u{fffd}");
        Grid {
            width,
            height,
            cells: vec![cell; usize::from(width) * usize::from(height)],
        }
    }

    pub fn row(&self, y: u16) -> &[Cell] {
        let w = usize::from(self.width);
        let start = usize::from(y) * w;
        &self.cells[start..start + w]
    }

    pub fn row_mut(&mut self, y: u16) -> &mut [Cell] {
        let w = usize::from(self.width);
        let start = usize::from(y) * w;
        &mut self.cells[start..start + w]
    }

    pub fn set(&mut self, x: u16, y: u16, cell: &Cell) {
        if x < self.width && y < self.height {
            let i = usize::from(y) * usize::from(self.width) + usize::from(x);
            self.cells[i] = cell.clone();
        }
    }

    /// A hash of what row `y` looks like (equal rows hash equal).
    pub fn row_hash(&self, y: u16, depth: ColorDepth) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for c in self.row(y) {
            match blank_bg(c, depth) {
                Some(bg) => (0u8, bg).hash(&mut h),
                None => (1u8, c.symbol(), Pen::of(c, depth)).hash(&mut h),
            }
        }
        h.finish()
    }

    /// The background of row `y` when the whole row is blank.
    pub fn blank_row(&self, y: u16, depth: ColorDepth) -> Option<Color> {
        let row = self.row(y);
        let bg = blank_bg(row.first()?, depth)?;
        row.iter()
            .all(|c| blank_bg(c, depth) == Some(bg))
            .then_some(bg)
    }
}

/// When the cell is a blank an erase can make, the background it has.
pub fn blank_bg(c: &Cell, depth: ColorDepth) -> Option<Color> {
    (c.symbol() == " " && !c.modifier.intersects(VISIBLE_ON_BLANK)).then(|| Pen::of(c, depth).bg)
}

/// Whether two cells look the same on the terminal.
pub fn same(a: &Cell, b: &Cell, depth: ColorDepth) -> bool {
    match (blank_bg(a, depth), blank_bg(b, depth)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.symbol() == b.symbol() && Pen::of(a, depth) == Pen::of(b, depth),
        _ => false,
    }
}

/// Columns a cell's symbol takes (1 or 2; a zero-width symbol is drawn as taking one).
pub fn width(c: &Cell) -> u16 {
    (c.symbol().width() as u16).clamp(1, 2)
}

/// For each column of a row, whether it is the right half of a wide character.
pub fn continuations(row: &[Cell]) -> Vec<bool> {
    let mut cont = vec![false; row.len()];
    let mut x = 0;
    while x < row.len() {
        let w = usize::from(width(&row[x]));
        if w == 2 && x + 1 < row.len() {
            cont[x + 1] = true;
        }
        x += w;
    }
    cont
}
