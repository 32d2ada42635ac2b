//! Scrolling instead of redrawing: when most rows of a list moved up or down between frames,
//! the terminal moves them itself inside a scroll region and only the rows that came into view
//! are drawn (ncurses' hash-based scroll optimisation, simplified to the best single shift).

use std::collections::HashMap;

use ratatui::style::Color;

use super::emit::Emitter;
use super::grid::Grid;
use crate::app::options::ColorDepth;

/// Rows that must match at one shift before a scroll is tried.
const MIN_ROWS: usize = 3;

/// Rows `top..=bottom` move by `shift` (positive: up, as when the list moves down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub shift: i32,
}

/// The shift most changed rows share, and the region it covers.
pub fn find(shown: &Grid, next: &Grid, depth: ColorDepth) -> Option<Scroll> {
    let h = next.height;
    let old: Vec<u64> = (0..h).map(|y| shown.row_hash(y, depth)).collect();
    let new: Vec<u64> = (0..h).map(|y| next.row_hash(y, depth)).collect();
    let mut at: HashMap<u64, Vec<u16>> = HashMap::new();
    for y in 0..h {
        if shown.blank_row(y, depth).is_none() {
            at.entry(old[usize::from(y)]).or_default().push(y);
        }
    }
    let mut votes: HashMap<i32, usize> = HashMap::new();
    for y in 0..h {
        let i = usize::from(y);
        if new[i] == old[i] {
            continue;
        }
        for &s in at.get(&new[i]).into_iter().flatten() {
            *votes.entry(i32::from(s) - i32::from(y)).or_default() += 1;
        }
    }
    let (&shift, &n) = votes
        .iter()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(k.abs())))?;
    if n < MIN_ROWS {
        return None;
    }
    let mut top = h;
    let mut bottom = 0;
    for y in 0..h {
        let s = i32::from(y) + shift;
        if s < 0 || s >= i32::from(h) || new[usize::from(y)] == old[usize::from(y)] {
            continue;
        }
        if new[usize::from(y)] == old[s as usize] {
            top = top.min(y.min(s as u16));
            bottom = bottom.max(y.max(s as u16));
        }
    }
    (top < bottom).then_some(Scroll { top, bottom, shift })
}

/// Does the scroll on the terminal: region, delete or insert lines at its top, region reset.
/// Lines come in on the default background: terminals differ on whether inserted lines take
/// the current one. The cursor is left unknown (they differ on where DECSTBM leaves it too).
pub fn emit(e: &mut Emitter, s: &Scroll) {
    let pen = super::frame::eraser(e.pen.as_ref(), Color::Reset);
    e.set_pen(&pen);
    e.raw(format!("\x1b[{};{}r", s.top + 1, s.bottom + 1).as_bytes());
    e.cursor = None;
    e.move_to(0, s.top);
    let n = s.shift.unsigned_abs();
    let op = if s.shift > 0 { 'M' } else { 'L' };
    if n == 1 {
        e.raw(format!("\x1b[{op}").as_bytes());
    } else {
        e.raw(format!("\x1b[{n}{op}").as_bytes());
    }
    e.raw(b"\x1b[r");
    e.cursor = None;
}

/// The screen after the scroll: rows moved, the exposed ones blank.
pub fn apply(shown: &mut Grid, s: &Scroll) {
    let blank = Grid::blank(shown.width, 1, Color::Reset).cells;
    let (top, bottom) = (i32::from(s.top), i32::from(s.bottom));
    let rows: Vec<Vec<_>> = (top..=bottom)
        .map(|y| {
            let src = y + s.shift;
            if (top..=bottom).contains(&src) {
                shown.row(src as u16).to_vec()
            } else {
                blank.clone()
            }
        })
        .collect();
    for (i, r) in rows.into_iter().enumerate() {
        shown.row_mut(s.top + i as u16).clone_from_slice(&r);
    }
}
