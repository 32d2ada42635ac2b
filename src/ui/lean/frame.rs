//! One frame's bytes: from the screen the terminal shows to the next one, row by row, with the
//! cheapest of writing, moving over, and erasing (ncurses' `TransformLine` in spirit).

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

use super::emit::Emitter;
use super::grid::{Grid, blank_bg, continuations, same, width};
use super::pen::{Pen, VISIBLE_ON_BLANK};

/// Dirty blanks in a row's tail worth an erase-to-end-of-line rather than writing them.
const EL_MIN: usize = 4;
/// Dirty blanks in a run worth an erase-characters and a move over them.
const ECH_MIN: usize = 8;

/// The pen that erases to `bg` without showing anything on the blanks.
pub fn eraser(current: Option<&Pen>, bg: Color) -> Pen {
    let mut p = current.copied().unwrap_or_default();
    p.bg = bg;
    p.modifier -= VISIBLE_ON_BLANK;
    // Bold/dim/italic do nothing to blanks; keep them so no SGR is spent on them.
    p.modifier &= Modifier::BOLD | Modifier::DIM | Modifier::ITALIC | Modifier::HIDDEN;
    p
}

/// Writes what turns `shown` into `next` (same size) into `e`; returns the number of cells
/// that differed.
pub fn render(e: &mut Emitter, shown: &Grid, next: &Grid) -> usize {
    let depth = e.caps().depth;
    let h = next.height;
    // Erase below: from the first row of the all-blank tail of the screen, if rows there change.
    let mut tail = h;
    let mut tail_bg = None;
    while tail > 0 {
        match (next.blank_row(tail - 1, depth), tail_bg) {
            (Some(bg), None) => tail_bg = Some(bg),
            (Some(bg), Some(t)) if bg == t => {}
            _ => break,
        }
        tail -= 1;
    }
    let mut erase_from = h;
    if let Some(bg) = tail_bg.filter(|_| e.caps().bce || tail_bg == Some(Color::Reset)) {
        let changed = (tail..h)
            .filter(|&y| next.row_hash(y, depth) != shown.row_hash(y, depth))
            .count();
        if changed >= 2 {
            erase_from = tail;
            e.move_to(0, tail);
            let pen = eraser(e.pen.as_ref(), bg);
            e.erase_below(&pen);
        }
    }
    let mut dirty = 0;
    for y in 0..erase_from {
        dirty += row(e, y, shown.row(y), next.row(y));
    }
    dirty
}

/// Columns of a row to draw: those that look different, widened to whole wide characters.
fn dirty_columns(e: &Emitter, old: &[Cell], new: &[Cell]) -> Vec<bool> {
    let depth = e.caps().depth;
    let (co, cn) = (continuations(old), continuations(new));
    let w = new.len();
    let mut dirty: Vec<bool> = (0..w)
        .map(|x| {
            co[x] != cn[x]
                || (!cn[x] && (!same(&old[x], &new[x], depth) || width(&old[x]) != width(&new[x])))
        })
        .collect();
    for x in (1..w).rev() {
        // Touching half of a wide character (old or new) redraws the whole of it.
        if dirty[x] && (cn[x] || co[x]) {
            dirty[x - 1] = true;
        }
    }
    for x in 0..w {
        if cn[x] {
            dirty[x] = false;
        }
    }
    dirty
}

/// Draws row `y`; returns how many cells differed.
fn row(e: &mut Emitter, y: u16, old: &[Cell], new: &[Cell]) -> usize {
    let depth = e.caps().depth;
    let dirty = dirty_columns(e, old, new);
    let count = dirty.iter().filter(|d| **d).count();
    if count == 0 {
        return 0;
    }
    let w = new.len();
    let cn = continuations(new);
    // The row's blank tail, erased at once when enough of it changes.
    let mut limit = w;
    let mut tail_bg = None;
    if let Some(bg) = blank_bg(&new[w - 1], depth) {
        let mut t = w;
        while t > 0 && !cn[t - 1] && blank_bg(&new[t - 1], depth) == Some(bg) {
            t -= 1;
        }
        let dirty_tail = dirty[t..].iter().filter(|d| **d).count();
        if dirty_tail >= EL_MIN && (e.caps().bce || bg == Color::Reset) {
            limit = t;
            tail_bg = Some(bg);
        }
    }
    let next_dirty = |from: usize| (from..limit).find(|&x| dirty[x]);
    let mut x = match next_dirty(0) {
        Some(x) => x,
        None => limit,
    };
    while x < limit {
        e.move_to(x as u16, y);
        let run = blank_run(e, &dirty, new, x, limit);
        if run >= ECH_MIN && e.caps().edit {
            let bg = blank_bg(&new[x], depth).unwrap_or(Color::Reset);
            let pen = eraser(e.pen.as_ref(), bg);
            e.erase_chars(run as u16, &pen);
            x += run;
        } else {
            let cw = width(&new[x]);
            e.put(&new[x], cw);
            x += usize::from(cw);
        }
        let Some(j) = next_dirty(x) else { break };
        // Move over the clean cells, or write them again when that is shorter.
        if e.cursor == Some((x as u16, y)) && j > x {
            let mut cost = 0;
            let mut pen = e.pen;
            let mut k = x;
            while k < j {
                cost += e.put_cost(&new[k], pen.as_ref());
                pen = Some(Pen::of(&new[k], depth));
                k += usize::from(width(&new[k]));
            }
            if k == j && cost < e.motion_cost(j as u16, y) {
                let mut k = x;
                while k < j {
                    let cw = width(&new[k]);
                    e.put(&new[k], cw);
                    k += usize::from(cw);
                }
            }
        }
        x = j;
    }
    if let Some(bg) = tail_bg {
        e.move_to(limit as u16, y);
        let pen = eraser(e.pen.as_ref(), bg);
        e.erase_line(&pen);
    }
    count
}

/// Length of the run of dirty blanks of one background starting at `x`.
fn blank_run(e: &Emitter, dirty: &[bool], new: &[Cell], x: usize, limit: usize) -> usize {
    let depth = e.caps().depth;
    let Some(bg) = blank_bg(&new[x], depth) else {
        return 0;
    };
    if !(e.caps().bce || bg == Color::Reset) {
        return 0;
    }
    (x..limit)
        .take_while(|&k| dirty[k] && blank_bg(&new[k], depth) == Some(bg))
        .count()
}
