//! SGR as deltas: only the attributes that changed are sent, unless a reset and the new set
//! is shorter (the way ncurses picks between `sgr0` and single attribute changes).

use std::io::Write;

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

use crate::app::options::ColorDepth;
use crate::ui::color::fit;

/// The drawing attributes the terminal holds between characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

impl Default for Pen {
    fn default() -> Self {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::empty(),
        }
    }
}

/// Modifiers that show on a blank cell: a space with any of these is not the same as erased.
pub const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK);

impl Pen {
    /// The pen a cell is drawn with, its colours fitted to what the terminal shows.
    pub fn of(cell: &Cell, depth: ColorDepth) -> Pen {
        Pen {
            fg: fitted(cell.fg, depth),
            bg: fitted(cell.bg, depth),
            modifier: cell.modifier,
        }
    }

    /// The background an erase (EL, ED, ECH, scrolled-in lines) fills with under this pen.
    pub fn erase_bg(&self) -> Color {
        self.bg
    }
}

fn fitted(c: Color, depth: ColorDepth) -> Color {
    match c {
        Color::Reset => Color::Reset,
        c => fit(c, depth).unwrap_or(Color::Reset),
    }
}

const MODS: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The codes that turn a modifier off; bold and dim share 22, the blinks share 25.
fn off_code(m: Modifier) -> u8 {
    if m == Modifier::BOLD || m == Modifier::DIM {
        22
    } else if m == Modifier::SLOW_BLINK || m == Modifier::RAPID_BLINK {
        25
    } else if m == Modifier::ITALIC {
        23
    } else if m == Modifier::UNDERLINED {
        24
    } else if m == Modifier::REVERSED {
        27
    } else if m == Modifier::HIDDEN {
        28
    } else {
        29
    }
}

fn color_code(out: &mut Vec<String>, c: Color, bg: bool) {
    let base = if bg { 10 } else { 0 };
    let named = |n: u8| (n + base).to_string();
    out.push(match c {
        Color::Reset => named(39),
        Color::Black => named(30),
        Color::Red => named(31),
        Color::Green => named(32),
        Color::Yellow => named(33),
        Color::Blue => named(34),
        Color::Magenta => named(35),
        Color::Cyan => named(36),
        Color::Gray => named(37),
        Color::DarkGray => named(90),
        Color::LightRed => named(91),
        Color::LightGreen => named(92),
        Color::LightYellow => named(93),
        Color::LightBlue => named(94),
        Color::LightMagenta => named(95),
        Color::LightCyan => named(96),
        Color::White => named(97),
        Color::Indexed(i) => format!("{};5;{i}", 38 + base),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", 38 + base),
    });
}

/// Codes from `from` to `to` by changing only what differs.
fn delta(from: &Pen, to: &Pen) -> Vec<String> {
    let mut codes = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut add = to.modifier - from.modifier;
    let mut offs: Vec<u8> = Vec::new();
    for (m, _) in MODS {
        if removed.contains(m) {
            let off = off_code(m);
            if !offs.contains(&off) {
                offs.push(off);
            }
            // 22 and 25 also end the modifier's partner: set it again if it stays.
            for (partner, _) in MODS {
                if off_code(partner) == off && partner != m && to.modifier.contains(partner) {
                    add |= partner;
                }
            }
        }
    }
    codes.extend(offs.iter().map(u8::to_string));
    for (m, on) in MODS {
        if add.contains(m) {
            codes.push(on.to_string());
        }
    }
    if from.fg != to.fg {
        color_code(&mut codes, to.fg, false);
    }
    if from.bg != to.bg {
        color_code(&mut codes, to.bg, true);
    }
    codes
}

/// Codes that reset everything and then set `to`.
fn from_reset(to: &Pen) -> Vec<String> {
    let mut codes = vec![String::new()];
    codes.extend(delta(&Pen::default(), to));
    codes
}

/// Writes the cheapest SGR taking the terminal from `from` (`None`: not known) to `to`.
pub fn change(out: &mut Vec<u8>, from: Option<&Pen>, to: &Pen) {
    let codes = match from {
        Some(f) if f == to => return,
        Some(f) => {
            let d = delta(f, to);
            let r = from_reset(to);
            if len(&d) <= len(&r) { d } else { r }
        }
        None => from_reset(to),
    };
    let _ = write!(out, "\x1b[{}m", codes.join(";"));
}

fn len(codes: &[String]) -> usize {
    codes.iter().map(|c| c.len() + 1).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgr(from: Option<Pen>, to: Pen) -> String {
        let mut v = Vec::new();
        change(&mut v, from.as_ref(), &to);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn only_what_changed_is_sent() {
        let a = Pen {
            fg: Color::Indexed(250),
            bg: Color::Indexed(236),
            modifier: Modifier::BOLD,
        };
        let b = Pen {
            fg: Color::Indexed(81),
            ..a
        };
        assert_eq!(sgr(Some(a), b), "\x1b[38;5;81m");
        assert_eq!(sgr(Some(a), a), "");
        // Unknown state: a reset first.
        assert_eq!(sgr(None, b), "\x1b[;1;38;5;81;48;5;236m");
    }

    #[test]
    fn bold_off_keeps_dim_and_a_reset_wins_when_shorter() {
        let both = Pen {
            modifier: Modifier::BOLD | Modifier::DIM,
            ..Pen::default()
        };
        let dim = Pen {
            modifier: Modifier::DIM,
            ..Pen::default()
        };
        assert_eq!(sgr(Some(both), dim), "\x1b[;2m");
        let red = |m| Pen {
            fg: Color::Red,
            modifier: m,
            ..Pen::default()
        };
        assert_eq!(
            sgr(
                Some(red(Modifier::BOLD | Modifier::DIM)),
                red(Modifier::DIM)
            ),
            "\x1b[22;2m"
        );
        let busy = Pen {
            fg: Color::Rgb(1, 2, 3),
            bg: Color::Rgb(4, 5, 6),
            modifier: Modifier::BOLD | Modifier::ITALIC | Modifier::UNDERLINED,
        };
        assert_eq!(sgr(Some(busy), Pen::default()), "\x1b[m");
    }

    #[test]
    fn colours_follow_the_depth() {
        let mut cell = Cell::default();
        cell.set_fg(Color::Rgb(255, 0, 0));
        assert_eq!(Pen::of(&cell, ColorDepth::Mono).fg, Color::Reset);
        assert!(matches!(
            Pen::of(&cell, ColorDepth::Ansi256).fg,
            Color::Indexed(_)
        ));
        assert_eq!(
            Pen::of(&cell, ColorDepth::TrueColor).fg,
            Color::Rgb(255, 0, 0)
        );
    }
}
