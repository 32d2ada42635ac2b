//! The 32 Mexican states as a tile-grid cartogram: one tile per state, placed roughly where the
//! state lies (north-west at the top left), shaded by its count with a character ramp so the map
//! reads the same in the mono theme. Real outlines would need a map data package; tiles need none.

use ratatui::text::{Line, Span};

use crate::model::StateTraces;
use crate::ui::theme::{Role, Theme};

/// (code, column, row) of each state's tile.
#[rustfmt::skip]
const TILES: [(&str, u16, u16); 32] = [
    ("BCN", 0, 0), ("SON", 1, 0), ("CHH", 2, 0), ("COA", 3, 0), ("NLE", 4, 0), ("TAM", 5, 0),
    ("BCS", 0, 1), ("SIN", 1, 1), ("DUR", 2, 1), ("ZAC", 3, 1), ("SLP", 4, 1), ("VER", 5, 1),
    ("NAY", 1, 2), ("AGU", 2, 2), ("GUA", 3, 2), ("QUE", 4, 2), ("HID", 5, 2), ("YUC", 7, 2),
    ("JAL", 1, 3), ("MIC", 2, 3), ("MEX", 3, 3), ("CMX", 4, 3), ("TLA", 5, 3), ("TAB", 6, 3),
    ("CAM", 7, 3),
    ("COL", 1, 4), ("GRO", 2, 4), ("MOR", 3, 4), ("PUE", 4, 4), ("OAX", 5, 4), ("CHP", 6, 4),
    ("ROO", 7, 4),
];
const COLS: u16 = 8;
const ROWS: u16 = 5;
/// Light to dark; `·` is a state with nothing counted.
pub const RAMP: [char; 5] = ['·', '░', '▒', '▓', '█'];
/// Columns a tile takes: the code, its shade, a space.
pub const TILE_W: u16 = 5;
pub const WIDTH: u16 = COLS * TILE_W;

/// The shade of `count` against the largest count: 0 for none, else 1–4.
pub fn level(count: u64, max: u64) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    (((count as f64 / max as f64) * 4.0).ceil() as usize).clamp(1, 4)
}

/// The map's lines, `selected` (a state code) drawn in the selection style. The last line is the
/// legend (`legend` is the caption, e.g. "traces").
pub fn lines(
    states: &[StateTraces],
    selected: Option<&str>,
    legend: &str,
    th: &Theme,
) -> Vec<Line<'static>> {
    let max = states.iter().map(|s| s.traces).max().unwrap_or(0);
    let mut grid: Vec<Vec<Span<'static>>> = (0..ROWS)
        .map(|_| (0..COLS).map(|_| Span::raw("     ")).collect())
        .collect();
    for (code, col, row) in TILES {
        let count = states
            .iter()
            .find(|s| s.code == code)
            .map_or(0, |s| s.traces);
        let lv = level(count, max);
        let role = match (selected == Some(code), lv) {
            (true, _) => Role::Selection,
            (_, 0) => Role::Muted,
            (_, 1 | 2) => Role::Base,
            _ => Role::Alert,
        };
        let cell = format!("{code}{} ", RAMP[lv]);
        grid[usize::from(row)][usize::from(col)] = Span::styled(cell, th.style(role));
    }
    let mut out: Vec<Line<'static>> = grid.into_iter().map(Line::from).collect();
    out.push(Line::styled(
        format!("{} {legend}  0 … {max}", RAMP.iter().collect::<String>()),
        th.style(Role::Muted),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_one_tile_of_its_own() {
        let mut seen: Vec<(u16, u16)> = TILES.iter().map(|t| (t.1, t.2)).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 32);
        for (code, _) in crate::model::MX_STATES {
            assert!(TILES.iter().any(|t| t.0 == code), "{code}");
        }
    }

    #[test]
    fn shades_rise_with_the_count() {
        assert_eq!(level(0, 100), 0);
        assert_eq!(level(1, 100), 1);
        assert_eq!(level(50, 100), 2);
        assert_eq!(level(100, 100), 4);
    }
}
