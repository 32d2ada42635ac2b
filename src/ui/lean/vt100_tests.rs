//! The frame writer against a terminal emulator: random frames (text, colours, attributes,
//! blanks, box lines, wide and combining characters, lists that scroll) go through the real
//! ratatui `Terminal` and the lean backend into `vt100`, whose screen must then equal the frame
//! cell by cell. `vt100` has no DEC charsets, so the SO/SI line drawing is mapped in front of it.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::{Caps, LeanBackend};
use crate::app::options::ColorDepth;
use crate::ui::lean::grid::{blank_bg, continuations};
use crate::ui::lean::pen::Pen;

const WORDS: &[&str] = &[
    "SZ-000123",
    "Nogales",
    "AK-pattern",
    "rifle",
    "é",
    "e\u{301}",
    "漢字",
    "🔥",
    "ñandú",
    "│",
    "─",
    "┌",
    "┐",
    "└",
    "┘",
    "├",
    "┼",
    "q",
    "m",
    "x",
];
const COLORS: &[Color] = &[
    Color::Reset,
    Color::Red,
    Color::Gray,
    Color::DarkGray,
    Color::White,
    Color::Indexed(236),
    Color::Indexed(81),
    Color::Rgb(30, 60, 90),
];
const MODS: &[Modifier] = &[
    Modifier::empty(),
    Modifier::BOLD,
    Modifier::REVERSED,
    Modifier::UNDERLINED,
    Modifier::ITALIC,
    Modifier::DIM,
];

fn style(r: &mut ChaCha8Rng) -> Style {
    Style::default()
        .fg(COLORS[r.random_range(0..COLORS.len())])
        .bg(COLORS[r.random_range(0..COLORS.len())])
        .add_modifier(MODS[r.random_range(0..MODS.len())])
}

/// A random screen: a background, some boxes and lines of text.
fn random_frame(r: &mut ChaCha8Rng, w: u16, h: u16) -> Buffer {
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut b = Buffer::empty(area);
    b.set_style(area, Style::default().bg(COLORS[r.random_range(0..3)]));
    for y in 0..h {
        if r.random_bool(0.3) {
            continue;
        }
        let mut x = r.random_range(0..w);
        while x < w {
            let word = WORDS[r.random_range(0..WORDS.len())];
            let (nx, _) = b.set_stringn(x, y, word, usize::from(w - x), style(r));
            x = nx + r.random_range(0..4);
        }
    }
    b
}

/// The next frame: mostly the previous one with changes, sometimes a list scrolled by a few
/// rows, sometimes a fresh screen.
fn next_frame(r: &mut ChaCha8Rng, prev: &Buffer) -> Buffer {
    let (w, h) = (prev.area.width, prev.area.height);
    match r.random_range(0..10) {
        0 => random_frame(r, w, h),
        1..=3 => {
            // A list between a header and a footer scrolls by k rows.
            let k = r.random_range(1..4i32) * if r.random_bool(0.5) { 1 } else { -1 };
            let fresh = random_frame(r, w, h);
            let mut b = prev.clone();
            for y in 1..h - 1 {
                let src = y as i32 + k;
                for x in 0..w {
                    let cell = if (1..h as i32 - 1).contains(&src) {
                        prev[(x, src as u16)].clone()
                    } else {
                        fresh[(x, y)].clone()
                    };
                    b[(x, y)] = cell;
                }
            }
            b
        }
        _ => {
            let mut b = prev.clone();
            for _ in 0..r.random_range(1..6) {
                let y = r.random_range(0..h);
                let x = r.random_range(0..w);
                let word = WORDS[r.random_range(0..WORDS.len())];
                if r.random_bool(0.3) {
                    let width = usize::from(w - x);
                    b.set_stringn(x, y, " ".repeat(width), width, style(r));
                } else {
                    b.set_stringn(x, y, word, usize::from(w - x), style(r));
                }
            }
            b
        }
    }
}

fn vt_color(c: Color) -> vt100::Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        named_color => {
            vt100::Color::Idx(named.iter().position(|n| *n == named_color).unwrap_or(0) as u8)
        }
    }
}

/// Panics with the first cell where the emulator's screen differs from the frame.
fn assert_screen(screen: &vt100::Screen, frame: &Buffer, depth: ColorDepth, what: &str) {
    for y in 0..frame.area.height {
        let row: Vec<_> = (0..frame.area.width)
            .map(|x| frame[(x, y)].clone())
            .collect();
        let cont = continuations(&row);
        for x in 0..frame.area.width {
            if cont[usize::from(x)] {
                continue;
            }
            let want = &row[usize::from(x)];
            let got = screen.cell(y, x).expect("cell in range");
            let pen = Pen::of(want, depth);
            let at = format!("{what}: cell ({x},{y})");
            if let Some(bg) = blank_bg(want, depth) {
                assert!(
                    got.contents().is_empty() || got.contents() == " ",
                    "{at}: blank wanted, got {:?}",
                    got.contents()
                );
                let shown_bg = if got.inverse() {
                    got.fgcolor()
                } else {
                    got.bgcolor()
                };
                assert_eq!(shown_bg, vt_color(bg), "{at}: blank background");
                continue;
            }
            assert_eq!(got.contents(), want.symbol(), "{at}: symbol");
            assert_eq!(
                got.fgcolor(),
                vt_color(pen.fg),
                "{at}: fg of {:?}",
                want.symbol()
            );
            assert_eq!(
                got.bgcolor(),
                vt_color(pen.bg),
                "{at}: bg of {:?}",
                want.symbol()
            );
            let m = pen.modifier;
            // vt100 keeps one intensity (bold or dim), where xterm shows both.
            if !m.contains(Modifier::DIM) {
                assert_eq!(got.bold(), m.contains(Modifier::BOLD), "{at}: bold");
            }
            assert_eq!(got.italic(), m.contains(Modifier::ITALIC), "{at}: italic");
            assert_eq!(
                got.underline(),
                m.contains(Modifier::UNDERLINED),
                "{at}: underline"
            );
            assert_eq!(
                got.inverse(),
                m.contains(Modifier::REVERSED),
                "{at}: inverse"
            );
        }
    }
}

/// Runs `frames` random frames per seed through the writer into the emulator.
fn run(caps: Caps, sizes: &[(u16, u16)], seeds: u64, frames: usize) -> (usize, u64) {
    let mut checked = 0;
    let mut bytes = 0u64;
    for seed in 0..seeds {
        let mut r = ChaCha8Rng::seed_from_u64(seed);
        let (w, h) = sizes[seed as usize % sizes.len()];
        let backend = LeanBackend::fixed(Vec::new(), caps, w, h);
        let mut term = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fullscreen,
            },
        )
        .expect("terminal");
        let mut vt = vt100::Parser::new(h, w, 0);
        let mut charsets = super::charset::CharsetFilter::default();
        let mut frame = random_frame(&mut r, w, h);
        for n in 0..frames {
            term.draw(|f| f.buffer_mut().clone_from(&frame))
                .expect("draw");
            let out = std::mem::take(&mut term.backend_mut().out);
            bytes += out.len() as u64;
            vt.process(&charsets.feed(&out));
            assert!(!charsets.shifted(), "a frame ended in line-drawing mode");
            let what = format!("seed {seed} frame {n}");
            let shown = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                assert_screen(vt.screen(), &frame, caps.depth, &what)
            }));
            if let Err(e) = shown {
                eprintln!(
                    "{what} {caps:?}: {}",
                    String::from_utf8_lossy(&out).escape_debug()
                );
                eprintln!("screen:\n{}", vt.screen().contents());
                std::panic::resume_unwind(e);
            }
            checked += 1;
            frame = next_frame(&mut r, &frame);
        }
    }
    (checked, bytes)
}

const SIZES: &[(u16, u16)] = &[(20, 6), (33, 9), (48, 14), (80, 24)];

#[test]
fn random_frames_reach_the_emulator_exactly() {
    let (n, _) = run(Caps::xterm(ColorDepth::Ansi256), SIZES, 40, 60);
    assert_eq!(n, 2400);
}

#[test]
fn in_truecolor_sixteen_colours_and_mono_too() {
    for depth in [ColorDepth::TrueColor, ColorDepth::Ansi16, ColorDepth::Mono] {
        run(Caps::xterm(depth), SIZES, 8, 40);
    }
}

#[test]
fn a_dumb_terminal_and_one_without_bce_get_the_same_screen() {
    run(Caps::dumb(ColorDepth::Ansi256), SIZES, 8, 40);
    let no_bce = Caps {
        bce: false,
        ..Caps::xterm(ColorDepth::Ansi256)
    };
    run(no_bce, SIZES, 8, 40);
}
