//! Cursor movement shared by every list, independent of what the rows are.

use crate::app::action::Action;

/// Selection and scroll position of a list. Only `offset..offset+height` rows are drawn, so a
/// list of 100,000 rows costs no more to draw than one of 20.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Applies a movement action; returns false when the action is not a movement.
    pub fn apply(&mut self, action: &Action, len: usize, height: usize) -> bool {
        let page = height.max(1) as isize;
        let target = match action {
            Action::Up => self.selected as isize - 1,
            Action::Down => self.selected as isize + 1,
            Action::PageUp => self.selected as isize - page,
            Action::PageDown => self.selected as isize + page,
            Action::Top => 0,
            Action::Bottom => len as isize - 1,
            _ => return false,
        };
        self.select(target.max(0) as usize, len, height);
        true
    }

    /// Selects `index` (clamped) and scrolls just enough to keep it visible.
    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = if len == 0 { 0 } else { index.min(len - 1) };
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
        if self.selected < self.offset {
            self.offset = self.selected;
        }
    }

    /// Whether the selection is close enough to the end of the loaded rows to fetch the next page.
    pub fn near_end(&self, len: usize, height: usize) -> bool {
        self.selected + 2 * height.max(1) >= len
    }
}

/// Applies a scroll key to a detail view (a record's lines, counted only when drawn, so the
/// bottom is the renderer's to clamp); returns false when the action is not a scroll key.
pub fn scroll(scroll: &mut usize, action: &Action, height: usize) -> bool {
    match action {
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll += 1,
        Action::PageUp => *scroll = scroll.saturating_sub(height),
        Action::PageDown => *scroll += height,
        Action::Top => *scroll = 0,
        _ => return false,
    }
    true
}

/// Rows a list's first read asks for. With nothing on screen yet (a cold start, a pane opened
/// for the first time, a new filter), one screenful and a few rows to move into: on a 64 kbit/s
/// link that is rows in under a second instead of three. With rows shown, a whole `page` (a 304
/// when nothing changed).
pub fn first_read(shown: usize, list_height: usize, page: u32) -> u32 {
    if shown == 0 {
        (list_height + 8).min(page as usize) as u32
    } else {
        page
    }
}

/// Rows the next read asks for when `have` are loaded: the rest of the first page after a
/// screenful (so it follows at once: the screenful leaves the selection near the end), whole
/// pages after that.
pub fn next_read(have: usize, page: u32) -> u32 {
    match page as usize - have.min(page as usize) {
        0 => page,
        short => short as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_only_as_needed() {
        let mut c = ListCursor::default();
        for _ in 0..12 {
            c.apply(&Action::Down, 100, 10);
        }
        assert_eq!((c.selected, c.offset), (12, 3));
        c.apply(&Action::Up, 100, 10);
        assert_eq!((c.selected, c.offset), (11, 3));
        c.apply(&Action::Bottom, 100, 10);
        assert_eq!((c.selected, c.offset), (99, 90));
        c.apply(&Action::PageUp, 100, 10);
        assert_eq!((c.selected, c.offset), (89, 89));
        c.apply(&Action::Top, 100, 10);
        assert_eq!((c.selected, c.offset), (0, 0));
    }

    #[test]
    fn empty_list_is_safe() {
        let mut c = ListCursor::default();
        c.apply(&Action::Down, 0, 10);
        assert_eq!((c.selected, c.offset), (0, 0));
    }
}
