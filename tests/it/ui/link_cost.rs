//! What the console costs on a slow link: a cursor move rewrites a few cells, not the screen,
//! and every frame is one synchronized write. (How fast a frame renders is a figure of
//! `fwc bench console`, never a timed assert here.)

use fwc::ui::bench;

#[test]
fn one_cursor_move_writes_under_a_kilobyte() {
    let (full, moved) = bench::cursor_move_bytes(100_000, 120, 40).unwrap();
    assert!(moved <= 1024, "a cursor move wrote {moved} bytes");
    assert!(
        full > 10 * moved,
        "full redraw {full} bytes vs move {moved}"
    );
}
