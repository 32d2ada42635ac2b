//! DEC line drawing turned back into Unicode lines, for terminal emulators without charsets
//! (the `vt100` crate the tests read the screen with): SO/SI select G1/G0, and in G1 the plain
//! line set (`q x l k m j t u w v n`) becomes `─ │ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼`. Escape sequences pass
//! through untouched, including one split across two reads.

/// A stream filter; feed it the terminal's output in whatever pieces it arrives.
#[derive(Debug, Default)]
pub struct CharsetFilter {
    shifted: bool,
    /// An escape sequence not complete at the end of the last piece.
    pending: Vec<u8>,
}

impl CharsetFilter {
    /// Whether the stream is in G1 (line drawing) now.
    pub fn shifted(&self) -> bool {
        self.shifted
    }

    pub fn feed(&mut self, piece: &[u8]) -> Vec<u8> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(piece);
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == 0x1b {
                match escape_len(&bytes[i..]) {
                    Some(n) => {
                        out.extend_from_slice(&bytes[i..i + n]);
                        i += n;
                    }
                    None => {
                        self.pending = bytes[i..].to_vec();
                        break;
                    }
                }
                continue;
            }
            match b {
                0x0e => self.shifted = true,
                0x0f => self.shifted = false,
                0x20..=0x7e if self.shifted => match line(b) {
                    Some(l) => out.extend_from_slice(l.as_bytes()),
                    None => out.push(b),
                },
                _ => out.push(b),
            }
            i += 1;
        }
        out
    }
}

/// Length of the escape sequence at the start of `b`, if it is complete.
fn escape_len(b: &[u8]) -> Option<usize> {
    match b.get(1)? {
        b'[' => {
            let end = b[2..].iter().position(|c| (0x40..=0x7e).contains(c))?;
            Some(end + 3)
        }
        b']' => {
            // OSC, ended by BEL or ST.
            let bel = b.iter().position(|c| *c == 0x07);
            let st = b.windows(2).position(|w| w == b"\x1b\\").map(|p| p + 1);
            let end = match (bel, st) {
                (Some(x), Some(y)) => x.min(y),
                (x, y) => x.or(y)?,
            };
            Some(end + 1)
        }
        b'(' | b')' => b.get(2).map(|_| 3),
        _ => Some(2),
    }
}

fn line(b: u8) -> Option<&'static str> {
    Some(match b {
        b'q' => "─",
        b'x' => "│",
        b'l' => "┌",
        b'k' => "┐",
        b'm' => "└",
        b'j' => "┘",
        b't' => "├",
        b'u' => "┤",
        b'w' => "┬",
        b'v' => "┴",
        b'n' => "┼",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_and_split_sequences_pass_through() {
        let mut f = CharsetFilter::default();
        let mut out = f.feed(b"\x1b)0\x0eqqk\x0fmq\x1b[3");
        out.extend(f.feed(b"8;5;81m\x0ex\x0f"));
        assert_eq!(String::from_utf8(out).unwrap(), "\x1b)0──┐mq\x1b[38;5;81m│");
        assert!(!f.shifted());
    }
}
