//! The note editor's text as plain data: lines, a cursor and an undo history, changed by
//! [`Edit`]s. No widget and no terminal type: the UI draws it (with `ratatui-textarea`, which
//! soft-wraps at word boundaries) and turns keys into edits through the keymap.

use regex::Regex;

/// Most undo steps kept (a note is short; this bounds memory on a long session).
const MAX_HISTORY: usize = 200;

/// One editing step, as the `[keys.editor]` actions name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Newline,
    /// Deletes the character before the cursor (joins lines at a line start).
    DeleteBack,
    /// Deletes the character under the cursor (joins lines at a line end).
    DeleteForward,
    /// Deletes the word before the cursor.
    DeleteWordBack,
    /// Deletes from the cursor to the end of the line.
    DeleteToLineEnd,
    Left,
    Right,
    Up,
    Down,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    Top,
    Bottom,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    lines: Vec<String>,
    cursor: (usize, usize),
}

/// Lines of text (never none: an empty text is one empty line) and a cursor `(row, column)`
/// counted in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBuffer {
    lines: Vec<String>,
    cursor: (usize, usize),
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Byte offset of character `col` in `s` (its end when `col` is past it).
fn byte_at(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map_or(s.len(), |(i, _)| i)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl TextBuffer {
    /// `text` with the cursor at its end.
    pub fn new(text: &str) -> TextBuffer {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let row = lines.len() - 1;
        let col = chars(&lines[row]);
        TextBuffer {
            lines,
            cursor: (row, col),
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// `(row, column)`, column in characters.
    pub fn cursor(&self) -> (usize, usize) {
        self.cursor
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.lines.len() == 1 && self.lines[0].is_empty()
    }

    fn line(&self) -> &str {
        &self.lines[self.cursor.0]
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lines: self.lines.clone(),
            cursor: self.cursor,
        }
    }

    /// Runs `change`; when the text changed, the state before it becomes one undo step.
    fn changing(&mut self, change: impl FnOnce(&mut TextBuffer)) -> bool {
        let before = self.snapshot();
        change(self);
        if self.lines == before.lines {
            return false;
        }
        self.undo.push(before);
        if self.undo.len() > MAX_HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        true
    }

    /// Applies one edit; returns whether the text changed (moves never do).
    pub fn apply(&mut self, e: Edit) -> bool {
        match e {
            Edit::Insert(c) => self.changing(|t| t.insert(c)),
            Edit::Newline => self.changing(|t| t.insert('\n')),
            Edit::DeleteBack => self.changing(TextBuffer::delete_back),
            Edit::DeleteForward => self.changing(TextBuffer::delete_forward),
            Edit::DeleteWordBack => self.changing(|t| {
                let end = t.cursor;
                t.word_left();
                t.delete_range(t.cursor, end);
            }),
            Edit::DeleteToLineEnd => self.changing(|t| {
                let (row, col) = t.cursor;
                let at = byte_at(&t.lines[row], col);
                t.lines[row].truncate(at);
            }),
            motion => {
                self.motion(motion);
                false
            }
        }
    }

    fn motion(&mut self, e: Edit) {
        let (row, col) = self.cursor;
        let len = chars(self.line());
        self.cursor = match e {
            Edit::Left if col > 0 => (row, col - 1),
            Edit::Left if row > 0 => (row - 1, chars(&self.lines[row - 1])),
            Edit::Right if col < len => (row, col + 1),
            Edit::Right if row + 1 < self.lines.len() => (row + 1, 0),
            Edit::Up if row > 0 => (row - 1, col.min(chars(&self.lines[row - 1]))),
            Edit::Down if row + 1 < self.lines.len() => {
                (row + 1, col.min(chars(&self.lines[row + 1])))
            }
            Edit::LineStart => (row, 0),
            Edit::LineEnd => (row, len),
            Edit::Top => (0, 0),
            Edit::Bottom => {
                let last = self.lines.len() - 1;
                (last, chars(&self.lines[last]))
            }
            Edit::WordLeft => {
                self.word_left();
                return;
            }
            Edit::WordRight => {
                self.word_right();
                return;
            }
            _ => (row, col),
        };
    }

    /// To the start of the word before the cursor (across a line start).
    fn word_left(&mut self) {
        let (row, col) = self.cursor;
        if col == 0 {
            if row > 0 {
                self.cursor = (row - 1, chars(&self.lines[row - 1]));
            }
            return;
        }
        let before: Vec<char> = self.line().chars().take(col).collect();
        let mut i = before.len();
        while i > 0 && !is_word(before[i - 1]) {
            i -= 1;
        }
        while i > 0 && is_word(before[i - 1]) {
            i -= 1;
        }
        self.cursor = (row, i);
    }

    /// To the end of the word after the cursor (across a line end).
    fn word_right(&mut self) {
        let (row, col) = self.cursor;
        let line: Vec<char> = self.line().chars().collect();
        if col >= line.len() {
            if row + 1 < self.lines.len() {
                self.cursor = (row + 1, 0);
            }
            return;
        }
        let mut i = col;
        while i < line.len() && !is_word(line[i]) {
            i += 1;
        }
        while i < line.len() && is_word(line[i]) {
            i += 1;
        }
        self.cursor = (row, i);
    }

    fn insert(&mut self, c: char) {
        let (row, col) = self.cursor;
        let at = byte_at(&self.lines[row], col);
        if c == '\n' {
            let rest = self.lines[row].split_off(at);
            self.lines.insert(row + 1, rest);
            self.cursor = (row + 1, 0);
        } else {
            self.lines[row].insert(at, c);
            self.cursor = (row, col + 1);
        }
    }

    fn delete_back(&mut self) {
        let (row, col) = self.cursor;
        if col > 0 {
            self.delete_range((row, col - 1), (row, col));
        } else if row > 0 {
            let prev = chars(&self.lines[row - 1]);
            self.delete_range((row - 1, prev), (row, 0));
        }
    }

    fn delete_forward(&mut self) {
        let (row, col) = self.cursor;
        if col < chars(self.line()) {
            self.delete_range((row, col), (row, col + 1));
        } else if row + 1 < self.lines.len() {
            self.delete_range((row, col), (row + 1, 0));
        }
    }

    /// Removes the text between two positions (`from` before `to`); the cursor goes to `from`.
    fn delete_range(&mut self, from: (usize, usize), to: (usize, usize)) {
        let tail = {
            let line = &self.lines[to.0];
            line[byte_at(line, to.1)..].to_string()
        };
        let start = byte_at(&self.lines[from.0], from.1);
        self.lines[from.0].truncate(start);
        self.lines[from.0].push_str(&tail);
        self.lines.drain(from.0 + 1..=to.0);
        self.cursor = from;
    }

    /// Inserts `text` (newlines included) at the cursor as one undo step.
    pub fn insert_str(&mut self, text: &str) -> bool {
        self.changing(|t| text.chars().for_each(|c| t.insert(c)))
    }

    /// Undoes the last change; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        let Some(before) = self.undo.pop() else {
            return false;
        };
        let now = std::mem::replace(self, TextBuffer::new(""));
        self.redo = now.redo;
        self.redo.push(Snapshot {
            lines: now.lines,
            cursor: now.cursor,
        });
        self.undo = now.undo;
        self.lines = before.lines;
        self.cursor = before.cursor;
        true
    }

    /// Redoes the last undone change; returns whether there was one.
    pub fn redo(&mut self) -> bool {
        let Some(after) = self.redo.pop() else {
            return false;
        };
        let before = self.snapshot();
        self.undo.push(before);
        self.lines = after.lines;
        self.cursor = after.cursor;
        true
    }

    /// Moves the cursor to the next match of `pattern` after it, wrapping past the end; returns
    /// whether there was a match.
    pub fn find_next(&mut self, pattern: &Regex) -> bool {
        let (row, col) = self.cursor;
        let n = self.lines.len();
        // The cursor's line from just after the cursor, every other line, then the cursor's
        // line again from its start (a match before the cursor, reached by wrapping).
        for step in 0..=n {
            let r = (row + step) % n;
            let line = &self.lines[r];
            let from = if step == 0 { byte_at(line, col + 1) } else { 0 };
            if from > line.len() {
                continue;
            }
            if let Some(m) = pattern.find_at(line, from) {
                self.cursor = (r, chars(&line[..m.start()]));
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(t: &mut TextBuffer, s: &str) {
        for c in s.chars() {
            t.apply(if c == '\n' {
                Edit::Newline
            } else {
                Edit::Insert(c)
            });
        }
    }

    #[test]
    fn typing_moving_and_deleting_across_lines_and_accents() {
        let mut t = TextBuffer::new("");
        assert!(t.is_empty());
        typed(&mut t, "Año uno\ndos");
        assert_eq!(t.lines(), ["Año uno", "dos"]);
        assert_eq!(t.cursor(), (1, 3));
        t.apply(Edit::Up);
        assert_eq!(t.cursor(), (0, 3));
        t.apply(Edit::WordLeft);
        assert_eq!(t.cursor(), (0, 0));
        t.apply(Edit::WordRight);
        assert_eq!(t.cursor(), (0, 3), "past «Año», a multi-byte word");
        t.apply(Edit::DeleteBack);
        assert_eq!(t.lines()[0], "Añ uno");
        t.apply(Edit::LineEnd);
        t.apply(Edit::DeleteForward);
        assert_eq!(t.lines(), ["Añ unodos"], "joined at the line end");
        t.apply(Edit::DeleteWordBack);
        assert_eq!(t.text(), "Añ dos");
        t.apply(Edit::LineStart);
        t.apply(Edit::Right);
        t.apply(Edit::DeleteToLineEnd);
        assert_eq!(t.text(), "A");
        assert!(!t.apply(Edit::Bottom), "a move changes no text");
    }

    #[test]
    fn undo_and_redo_step_through_changes_and_a_paste_is_one_step() {
        let mut t = TextBuffer::new("uno");
        typed(&mut t, "!");
        assert!(t.insert_str(" ver SZ-000001\nsí"));
        assert_eq!(t.text(), "uno! ver SZ-000001\nsí");
        assert!(t.undo());
        assert_eq!(t.text(), "uno!");
        assert!(t.undo());
        assert_eq!((t.text().as_str(), t.cursor()), ("uno", (0, 3)));
        assert!(!t.undo(), "nothing before the opened text");
        assert!(t.redo());
        assert_eq!(t.text(), "uno!");
        typed(&mut t, "?");
        assert!(!t.redo(), "a new change ends the redo chain");
        assert_eq!(t.text(), "uno!?");
    }

    #[test]
    fn find_next_moves_past_the_cursor_and_wraps() {
        let mut t = TextBuffer::new("SZ-1 uno\ndos SZ-2\ntres");
        t.apply(Edit::Top);
        let re = Regex::new("SZ-[0-9]").unwrap();
        assert!(t.find_next(&re));
        assert_eq!(t.cursor(), (1, 4));
        assert!(t.find_next(&re));
        assert_eq!(t.cursor(), (0, 0), "wrapped to the first match");
        assert!(!t.find_next(&Regex::new("cuatro").unwrap()));
        assert_eq!(t.cursor(), (0, 0));
    }
}
