//! What the terminal on the other end can do, from its terminfo entry and the user's flags.
//!
//! Only what changes the bytes matters here: colour depth (`colors`), whether erasing fills with
//! the current background (`bce`), DEC line drawing through G1 (`acsc`, and not for terminals
//! that want UTF-8 lines, `U8`), and `--dumb-terminal`, which keeps to absolute moves.

use crate::app::options::ColorDepth;

/// The output features the frame writer may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub depth: ColorDepth,
    /// Relative cursor motion (CUF/CUB/CUU/CUD, CR, LF, BS); off: absolute moves only.
    pub relative: bool,
    /// Erase-characters (ECH) and scroll regions with insert/delete line.
    pub edit: bool,
    /// Erases fill with the current background colour (back-colour erase).
    pub bce: bool,
    /// Box-drawing lines as DEC special graphics in G1 (one byte each, SO/SI around them).
    pub acs: bool,
}

impl Caps {
    /// An xterm-like terminal at the given depth (tests, benches, and the default when the
    /// terminal has no terminfo entry).
    pub fn xterm(depth: ColorDepth) -> Caps {
        Caps {
            depth,
            relative: true,
            edit: true,
            bce: true,
            acs: true,
        }
    }

    /// Absolute moves only, no ECH, no scroll regions, no line-drawing charset.
    pub fn dumb(depth: ColorDepth) -> Caps {
        Caps {
            depth,
            relative: false,
            edit: false,
            bce: false,
            acs: false,
        }
    }

    /// What `$TERM`'s terminfo entry says, at the given colour depth.
    pub fn detect(depth: ColorDepth, dumb_terminal: bool) -> Caps {
        if dumb_terminal {
            return Caps::dumb(depth);
        }
        let Some(info) = Terminfo::from_env() else {
            return Caps::xterm(depth);
        };
        Caps {
            depth,
            relative: true,
            edit: true,
            bce: info.bce,
            acs: info.acs && !info.utf8_lines,
        }
    }
}

/// The few terminfo capabilities the writer needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminfo {
    /// `colors`, when the entry has it (`None`: no colour at all).
    pub colors: Option<i32>,
    pub bce: bool,
    /// `acsc` maps the plain line set (q x l k m j t u w v n).
    pub acs: bool,
    /// `U8`: the terminal wants UTF-8 line drawing rather than the DEC charset (the Linux
    /// console, screen).
    pub utf8_lines: bool,
}

impl Terminfo {
    /// `$TERM`'s entry, if it can be found and read.
    pub fn from_env() -> Option<Terminfo> {
        let db = terminfo::Database::from_env().ok()?;
        Some(Terminfo::of(&db))
    }

    /// A named entry (tests).
    pub fn named(name: &str) -> Option<Terminfo> {
        let db = terminfo::Database::from_name(name).ok()?;
        Some(Terminfo::of(&db))
    }

    fn of(db: &terminfo::Database) -> Terminfo {
        use terminfo::capability as cap;
        let colors = db.get::<cap::MaxColors>().map(|c| c.0);
        let bce = db.get::<cap::BackColorErase>().is_some_and(|b| b.0);
        let acs = db
            .get::<cap::AcsChars>()
            .is_some_and(|a| PLAIN_LINES.iter().all(|c| a.as_ref().contains(c)));
        let utf8_lines = matches!(
            db.raw("U8"),
            Some(terminfo::Value::Number(n)) if *n != 0
        );
        Terminfo {
            colors,
            bce,
            acs,
            utf8_lines,
        }
    }

    /// The colour depth the entry allows.
    pub fn depth(&self) -> ColorDepth {
        match self.colors {
            None | Some(..=1) => ColorDepth::Mono,
            Some(2..=16) => ColorDepth::Ansi16,
            Some(17..=256) => ColorDepth::Ansi256,
            Some(_) => ColorDepth::TrueColor,
        }
    }
}

/// The DEC graphics characters of the plain line set, as `acsc` names them.
const PLAIN_LINES: &[u8] = b"qxlkmjtuwvn";

/// The DEC special graphics byte for a box-drawing symbol of the plain line set.
pub fn dec_graphic(symbol: &str) -> Option<u8> {
    Some(match symbol {
        "─" => b'q',
        "│" => b'x',
        "┌" => b'l',
        "┐" => b'k',
        "└" => b'm',
        "┘" => b'j',
        "├" => b't',
        "┤" => b'u',
        "┬" => b'w',
        "┴" => b'v',
        "┼" => b'n',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_drawing_maps_the_plain_set_only() {
        assert_eq!(dec_graphic("─"), Some(b'q'));
        assert_eq!(dec_graphic("┼"), Some(b'n'));
        assert_eq!(dec_graphic("╭"), None);
        assert_eq!(dec_graphic("a"), None);
    }
}
