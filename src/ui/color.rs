//! Fitting theme colours to what the terminal can show.
//!
//! SSH does not forward `COLORTERM`, so truecolor is used only when it is known; otherwise theme
//! colours are reduced to what the terminal's terminfo entry allows (`colors`): the xterm
//! 256-colour palette, the 16 ANSI colours, or none.

use ratatui::style::Color;

use crate::app::options::ColorDepth;

/// The colour depth to use: the forced one, else what the environment says.
pub fn detect(forced: Option<ColorDepth>) -> ColorDepth {
    if let Some(d) = forced {
        return d;
    }
    if no_color() {
        return ColorDepth::Mono;
    }
    let colorterm = std::env::var("COLORTERM")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if colorterm == "truecolor" || colorterm == "24bit" {
        return ColorDepth::TrueColor;
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return ColorDepth::Mono;
    }
    // The terminal's terminfo entry: `TERM=linux` has 8 colours, `vt100` none. Without an
    // entry (or without TERM), 256 colours, which nearly every terminal in use shows.
    crate::ui::lean::caps::Terminfo::from_env().map_or(ColorDepth::Ansi256, |t| t.depth())
}

/// `NO_COLOR` set to anything non-empty (https://no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Parses `#rrggbb`, an xterm index `0`–`255`, or a colour name.
pub fn parse(s: &str) -> Option<Color> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let v = u32::from_str_radix(hex, 16).ok()?;
        return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    if let Ok(i) = s.parse::<u8>() {
        return Some(Color::Indexed(i));
    }
    s.parse::<Color>().ok()
}

/// Reduces a colour to the given depth (`None` for monochrome).
pub fn fit(c: Color, depth: ColorDepth) -> Option<Color> {
    match depth {
        ColorDepth::Mono => None,
        ColorDepth::TrueColor => Some(c),
        ColorDepth::Ansi256 => Some(match c {
            Color::Rgb(r, g, b) => Color::Indexed(rgb_to_256(r, g, b)),
            other => other,
        }),
        ColorDepth::Ansi16 => Some(match c {
            Color::Rgb(r, g, b) => ANSI16[nearest16(r, g, b)].0,
            Color::Indexed(i) => {
                let (r, g, b) = index_to_rgb(i);
                ANSI16[nearest16(r, g, b)].0
            }
            other => other,
        }),
    }
}

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn cube_index(v: u8) -> usize {
    CUBE.iter()
        .enumerate()
        .min_by_key(|(_, c)| (i32::from(**c) - i32::from(v)).abs())
        .map_or(0, |(i, _)| i)
}

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> i32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

/// Nearest entry of the xterm 6×6×6 cube or grey ramp.
pub fn rgb_to_256(r: u8, g: u8, b: u8) -> u8 {
    let (ri, gi, bi) = (cube_index(r), cube_index(g), cube_index(b));
    let cube = (CUBE[ri], CUBE[gi], CUBE[bi]);
    let avg = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let grey_i = if avg < 8 {
        0
    } else {
        ((avg - 8) / 10).min(23) as u8
    };
    let grey_v = 8 + 10 * grey_i;
    if dist((r, g, b), (grey_v, grey_v, grey_v)) < dist((r, g, b), cube) {
        232 + grey_i
    } else {
        16 + (36 * ri + 6 * gi + bi) as u8
    }
}

fn index_to_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI16[usize::from(i)].1,
        16..=231 => {
            let n = usize::from(i - 16);
            (CUBE[n / 36], CUBE[(n / 6) % 6], CUBE[n % 6])
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

fn nearest16(r: u8, g: u8, b: u8) -> usize {
    (0..16)
        .min_by_key(|&i| dist((r, g, b), ANSI16[i].1))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantizes_to_the_palette() {
        assert_eq!(rgb_to_256(0, 0, 0), 16);
        assert_eq!(rgb_to_256(255, 255, 255), 231);
        assert_eq!(rgb_to_256(0x87, 0xaf, 0xff), 111);
        assert_eq!(rgb_to_256(0x30, 0x30, 0x30), 236);
        assert_eq!(
            fit(Color::Rgb(250, 10, 10), ColorDepth::Ansi16),
            Some(Color::LightRed)
        );
        assert_eq!(fit(Color::Rgb(1, 2, 3), ColorDepth::Mono), None);
        assert_eq!(
            fit(Color::Rgb(1, 2, 3), ColorDepth::TrueColor),
            Some(Color::Rgb(1, 2, 3))
        );
    }

    #[test]
    fn parses_colour_spellings() {
        assert_eq!(parse("#ff0000"), Some(Color::Rgb(255, 0, 0)));
        assert_eq!(parse("123"), Some(Color::Indexed(123)));
        assert_eq!(parse("red"), Some(Color::Red));
        assert_eq!(parse("#ff00"), None);
    }
}
