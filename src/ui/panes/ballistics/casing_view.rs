//! Draws a greyscale casing image in terminal cells.
//!
//! With colour, each cell is an upper half block `▀` whose foreground is the upper pixel and
//! background the lower one: two square-ish pixels per cell, greys reduced to the theme's colour
//! depth (so a 256-colour SSH session gets the xterm grey ramp, a 16-colour one four greys).
//! Without colour (mono theme, NO_COLOR) each cell is one character of a density ramp, which
//! still reads as an image in any terminal and in a plain-text capture.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

use crate::app::options::ColorDepth;
use crate::ballistics::{Gray, downsample};
use crate::ui::color;

/// Dark to bright; a space is the darkest so the primer's black surround stays empty.
const RAMP: &[u8] = b" .:-=+*#%@";

/// The centre `1/zoom` of the image (zoom 1 = all of it).
pub fn crop(img: &Gray, zoom: u8) -> Gray {
    let z = usize::from(zoom.max(1));
    if z == 1 {
        return img.clone();
    }
    let (w, h) = ((img.width / z).max(1), (img.height / z).max(1));
    let (x0, y0) = ((img.width - w) / 2, (img.height - h) / 2);
    let mut pixels = Vec::with_capacity(w * h);
    for y in y0..y0 + h {
        pixels.extend_from_slice(&img.pixels[y * img.width + x0..y * img.width + x0 + w]);
    }
    Gray {
        width: w,
        height: h,
        pixels,
    }
}

/// The cells a square image takes in `area`: as wide as fits, at two pixels per cell height
/// (terminal cells are about twice as tall as wide).
pub fn fitted(area: Rect) -> Rect {
    let side = area.width.min(area.height.saturating_mul(2));
    let rows = side.div_ceil(2);
    Rect {
        x: area.x + (area.width - side) / 2,
        y: area.y,
        width: side,
        height: rows,
    }
}

/// Spreads the grey levels over the full range: casing images are mostly mid-grey, and a few
/// terminal greys (or ten ramp characters) show their marks only when the range is used.
/// Not for a difference image, where black must keep meaning "the marks agree".
pub fn stretch(px: &mut [u8]) {
    let (Some(&lo), Some(&hi)) = (px.iter().min(), px.iter().max()) else {
        return;
    };
    if hi <= lo {
        return;
    }
    let span = u32::from(hi - lo);
    for p in px.iter_mut() {
        *p = (u32::from(*p - lo) * 255 / span) as u8;
    }
}

/// Draws `img` (already cropped) into `area`, centred, keeping its aspect; `contrast` stretches
/// its grey levels first.
pub fn draw(buf: &mut Buffer, area: Rect, img: &Gray, depth: ColorDepth, contrast: bool) {
    let cells = fitted(area);
    if cells.width == 0 || cells.height == 0 {
        return;
    }
    let (w, rows) = (usize::from(cells.width), usize::from(cells.height));
    if depth == ColorDepth::Mono {
        let mut px = downsample(img, w, rows);
        if contrast {
            stretch(&mut px);
        }
        for (i, v) in px.iter().enumerate() {
            let ch = RAMP[usize::from(*v) * RAMP.len() / 256] as char;
            put(buf, cells, i % w, i / w, ch, None, None);
        }
        return;
    }
    let mut px = downsample(img, w, rows * 2);
    if contrast {
        stretch(&mut px);
    }
    for y in 0..rows {
        for x in 0..w {
            let top = px[2 * y * w + x];
            let bottom = px.get((2 * y + 1) * w + x).copied().unwrap_or(top);
            put(buf, cells, x, y, '▀', grey(top, depth), grey(bottom, depth));
        }
    }
}

fn grey(v: u8, depth: ColorDepth) -> Option<Color> {
    color::fit(Color::Rgb(v, v, v), depth)
}

fn put(
    buf: &mut Buffer,
    cells: Rect,
    x: usize,
    y: usize,
    ch: char,
    fg: Option<Color>,
    bg: Option<Color>,
) {
    let (Ok(dx), Ok(dy)) = (u16::try_from(x), u16::try_from(y)) else {
        return;
    };
    if let Some(cell) = buf.cell_mut((cells.x + dx, cells.y + dy)) {
        cell.set_char(ch);
        if let Some(c) = fg {
            cell.set_fg(c);
        }
        if let Some(c) = bg {
            cell.set_bg(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ramp_image() -> Gray {
        let pixels = (0..16 * 16).map(|i| ((i % 16) * 17) as u8).collect();
        Gray::square(16, pixels).unwrap()
    }

    #[test]
    fn crop_takes_the_centre() {
        let c = crop(&ramp_image(), 2);
        assert_eq!((c.width, c.height), (8, 8));
        assert_eq!(c.pixels[0], 4 * 17);
        assert_eq!(crop(&ramp_image(), 1), ramp_image());
    }

    #[test]
    fn mono_uses_a_density_ramp_left_dark_right_bright() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 8));
        let area = buf.area;
        draw(&mut buf, area, &ramp_image(), ColorDepth::Mono, false);
        let row: String = (0..16).map(|x| buf[(x, 3)].symbol().to_string()).collect();
        assert!(row.starts_with(' '), "{row:?}");
        assert!(row.ends_with('@'), "{row:?}");
        assert!(buf[(0, 0)].fg == Color::Reset);
    }

    #[test]
    fn colour_uses_half_blocks_with_greys_of_the_depth() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 8));
        let area = buf.area;
        draw(&mut buf, area, &ramp_image(), ColorDepth::Ansi256, false);
        assert_eq!(buf[(3, 2)].symbol(), "▀");
        assert!(matches!(buf[(15, 2)].fg, Color::Indexed(231 | 255)));
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 8));
        let area = buf.area;
        draw(&mut buf, area, &ramp_image(), ColorDepth::TrueColor, false);
        assert_eq!(buf[(0, 0)].fg, Color::Rgb(0, 0, 0));
    }

    #[test]
    fn stretch_uses_the_full_range() {
        let mut px = vec![100, 150, 200];
        stretch(&mut px);
        assert_eq!(px, vec![0, 127, 255]);
        let mut flat = vec![9, 9];
        stretch(&mut flat);
        assert_eq!(flat, vec![9, 9]);
    }

    #[test]
    fn fits_square_in_half_height_rows() {
        assert_eq!(fitted(Rect::new(0, 0, 40, 10)), Rect::new(10, 0, 20, 10));
        assert_eq!(fitted(Rect::new(0, 0, 20, 30)), Rect::new(0, 0, 20, 10));
    }
}
