//! What the console costs on a slow link: a cursor move rewrites a few cells, not the screen,
//! and every frame is one synchronized write.

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

#[test]
fn a_frame_of_a_100k_row_queue_is_quick() {
    // Generous for unoptimised test builds on a loaded machine; `fwc bench` reports the real
    // figure against the 2 ms target.
    let t = bench::frame_time(100_000, 120, 40, 50).unwrap();
    assert!(t.as_millis() < 50, "{t:?} per frame");
}
