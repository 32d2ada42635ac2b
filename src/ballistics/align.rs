//! The fine pass: aligns a stored casing onto the query by rotation and sub-pixel shift and
//! scores each marking by normalised cross-correlation. It starts from the rotation the coarse
//! pass found and climbs from there, so it costs a few dozen warps per candidate rather than
//! an exhaustive search.

use super::descriptor::Prepared;
use super::image::{Gray, Plane};
use super::polar::{Centre, PIN_REGION, RING_MAX, blur};

/// Share of the combined score given to the firing pin. Measured: every crater of a calibre
/// has the same generic bowl, and a rotation can line up any two pin offsets, so different
/// guns still reach pin correlations of 0.5–0.8; the breech face separates guns far better
/// (same gun ≥ 0.6 in 95 % of pairs, the best of 1,500 other guns ≤ 0.53), so it carries most.
pub const PIN_WEIGHT: f32 = 0.2;
/// Blur before correlating: keeps the NCC about the mark, not the pixel noise.
const BLUR_SIGMA: f32 = 0.7;

/// One side of a comparison in its working form.
#[derive(Debug, Clone)]
pub struct Side {
    pub centre: Centre,
    pub plane: Plane,
}

impl Side {
    pub fn from_prepared(p: &Prepared) -> Self {
        Self::blurred(p, BLUR_SIGMA)
    }

    /// With a blur of one's choosing: a noisier query is compared at a coarser scale.
    pub fn blurred(p: &Prepared, sigma: f32) -> Self {
        Self {
            centre: p.centre,
            plane: blur(&p.detrended, sigma),
        }
    }
}

/// The query's pixels inside the read disc, with their region, gathered once per query.
#[derive(Debug, Clone)]
pub struct QueryPixels {
    /// (dx, dy, value, is_pin) relative to the query centre.
    pixels: Vec<(f32, f32, f32, bool)>,
    /// Every other pixel (a checkerboard): enough to steer the first, coarse climbing steps
    /// at half the cost, since the images are blurred beyond the pixel scale.
    sparse: Vec<(f32, f32, f32, bool)>,
}

impl QueryPixels {
    pub fn new(side: &Side) -> Self {
        Self::masked(side, |_, _| false)
    }

    /// Like [`QueryPixels::new`], leaving out the pixels `lost` says (from their offset to the
    /// primer centre) carry no usable mark: they then weigh in neither correlation, so a
    /// damaged region lowers no score.
    pub fn masked(side: &Side, lost: impl Fn(f32, f32) -> bool) -> Self {
        let c = side.centre;
        let limit = RING_MAX as f32;
        let mut pixels = Vec::new();
        for y in 0..side.plane.height {
            for x in 0..side.plane.width {
                let (dx, dy) = (x as f32 - c.x, y as f32 - c.y);
                let r = (dx * dx + dy * dy).sqrt();
                if r <= limit && !lost(dx, dy) {
                    pixels.push((
                        dx,
                        dy,
                        side.plane.data[y * side.plane.width + x],
                        r <= PIN_REGION,
                    ));
                }
            }
        }
        let sparse = pixels
            .iter()
            .copied()
            .filter(|&(dx, dy, _, _)| {
                (dx + c.x).round() as i64 % 2 == (dy + c.y).round() as i64 % 2
            })
            .collect();
        Self { pixels, sparse }
    }
}

/// Where a stored casing lands on the query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    /// Rotation (degrees) carrying the stored casing onto the query.
    pub rotation_deg: f32,
    /// Residual shift (pixels) after the two primer centres are put on top of each other.
    pub dx: f32,
    pub dy: f32,
}

/// The outcome of aligning one candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alignment {
    pub pose: Pose,
    /// Normalised cross-correlations in -1..=1.
    pub breech_face: f32,
    pub firing_pin: f32,
}

impl Alignment {
    pub fn combined(&self) -> f32 {
        combine(self.breech_face, self.firing_pin)
    }
}

/// The combined score from per-marking correlations, clamped to 0..=1 (a negative correlation
/// is no evidence at all, not negative evidence).
pub fn combine(breech_face: f32, firing_pin: f32) -> f32 {
    combine_weighted(breech_face, firing_pin, PIN_WEIGHT)
}

/// [`combine`] with the pin's share given: 0 when the query's firing pin is unreadable.
pub fn combine_weighted(breech_face: f32, firing_pin: f32, pin_weight: f32) -> f32 {
    ((1.0 - pin_weight) * breech_face.max(0.0) + pin_weight * firing_pin.max(0.0)).clamp(0.0, 1.0)
}

/// Running sums for one region's Pearson correlation.
#[derive(Default, Clone, Copy)]
struct Sums {
    n: f32,
    q: f32,
    s: f32,
    qq: f32,
    ss: f32,
    qs: f32,
}

impl Sums {
    fn add(&mut self, q: f32, s: f32) {
        self.n += 1.0;
        self.q += q;
        self.s += s;
        self.qq += q * q;
        self.ss += s * s;
        self.qs += q * s;
    }

    fn ncc(&self) -> f32 {
        if self.n < 2.0 {
            return 0.0;
        }
        let cov = self.qs - self.q * self.s / self.n;
        let vq = self.qq - self.q * self.q / self.n;
        let vs = self.ss - self.s * self.s / self.n;
        if vq <= 0.0 || vs <= 0.0 {
            0.0
        } else {
            cov / (vq * vs).sqrt()
        }
    }
}

/// Correlates the query with the stored side warped by `pose`.
pub fn score(query: &QueryPixels, stored: &Side, pose: Pose) -> Alignment {
    score_on(&query.pixels, stored, pose)
}

fn score_on(pixels: &[(f32, f32, f32, bool)], stored: &Side, pose: Pose) -> Alignment {
    let (sin, cos) = (-pose.rotation_deg.to_radians()).sin_cos();
    let (cx, cy) = (stored.centre.x, stored.centre.y);
    let mut pin = Sums::default();
    let mut face = Sums::default();
    for &(dx, dy, q, is_pin) in pixels {
        let (ux, uy) = (dx - pose.dx, dy - pose.dy);
        let s = stored
            .plane
            .sample(cx + cos * ux - sin * uy, cy + sin * ux + cos * uy);
        if is_pin {
            pin.add(q, s)
        } else {
            face.add(q, s)
        }
    }
    Alignment {
        pose,
        breech_face: face.ncc(),
        firing_pin: pin.ncc(),
    }
}

/// Below this combined score after the coarse climbing steps a candidate is not refined
/// further: the fine steps add a few hundredths at most, so it cannot reach a lead, and the
/// order among such weak candidates matters to nobody. Most different-gun candidates stop here.
const REFINE_FROM: f32 = 0.45;

/// Hill-climbs rotation and shift from `start` — coarse steps on half the pixels, then finer
/// steps on all of them for candidates that look promising — and keeps the pose with the best
/// combined correlation. Shifts are bounded to a few pixels: the primer centres are already
/// on top of each other, only the play of the mark remains.
pub fn refine(query: &QueryPixels, stored: &Side, start: Pose) -> Alignment {
    let coarse = climb(&query.sparse, stored, start, &[(3.0, 0.6)]);
    if coarse.combined() < REFINE_FROM {
        let mut a = score(query, stored, coarse.pose);
        a.pose.rotation_deg = a.pose.rotation_deg.rem_euclid(360.0);
        return a;
    }
    let mut best = climb(
        &query.pixels,
        stored,
        coarse.pose,
        &[(1.0, 0.3), (0.5, 0.15)],
    );
    best.pose.rotation_deg = best.pose.rotation_deg.rem_euclid(360.0);
    best
}

/// Climbing moves per step size at most: a true match starts within a step or two of its
/// peak, and a wrong one is not worth chasing across the whole search box.
const MAX_MOVES: usize = 4;

/// Greedy coordinate ascent over (rotation, dx, dy) with the given step sizes in turn.
fn climb(
    pixels: &[(f32, f32, f32, bool)],
    stored: &Side,
    start: Pose,
    steps: &[(f32, f32)],
) -> Alignment {
    const MAX_SHIFT: f32 = 1.5;
    let objective = |a: &Alignment| a.combined() + 1e-3 * (a.breech_face + a.firing_pin);
    let mut best = score_on(pixels, stored, start);
    let mut best_value = objective(&best);
    for &(rot_step, shift_step) in steps {
        for _ in 0..MAX_MOVES {
            let p = best.pose;
            let moves = [
                Pose {
                    rotation_deg: p.rotation_deg - rot_step,
                    ..p
                },
                Pose {
                    rotation_deg: p.rotation_deg + rot_step,
                    ..p
                },
                Pose {
                    dx: p.dx - shift_step,
                    ..p
                },
                Pose {
                    dx: p.dx + shift_step,
                    ..p
                },
                Pose {
                    dy: p.dy - shift_step,
                    ..p
                },
                Pose {
                    dy: p.dy + shift_step,
                    ..p
                },
            ];
            let improved = moves
                .into_iter()
                .filter(|m| m.dx.abs() <= MAX_SHIFT && m.dy.abs() <= MAX_SHIFT)
                .map(|m| score_on(pixels, stored, m))
                .map(|a| (objective(&a), a))
                .filter(|(v, _)| *v > best_value)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match improved {
                Some((v, a)) => (best_value, best) = (v, a),
                None => break,
            }
        }
    }
    best
}

/// The pose expressed about the image centres instead of the primer centres, rounded to whole
/// pixels, which is what the console needs to draw the overlay: the stored image rotated by
/// `rotation_deg` about its centre and moved by (x, y) lands on the query.
pub fn image_shift(
    query_centre: Centre,
    stored_centre: Centre,
    pose: Pose,
    img_centre: (f32, f32),
) -> (i32, i32) {
    let (sin, cos) = pose.rotation_deg.to_radians().sin_cos();
    let (bx, by) = (
        stored_centre.x - img_centre.0,
        stored_centre.y - img_centre.1,
    );
    let tx = query_centre.x + pose.dx - img_centre.0 - (cos * bx - sin * by);
    let ty = query_centre.y + pose.dy - img_centre.1 - (sin * bx + cos * by);
    (tx.round() as i32, ty.round() as i32)
}

/// `b` rotated by `rotation_deg` about its centre and shifted by (dx, dy) onto `a`, then the
/// absolute difference per pixel: matching marks cancel to black, so the review pane can show
/// where two casings agree. Pixels that fall outside `b` count as full difference.
pub fn aligned_difference(a: &Gray, b: &Gray, rotation_deg: f32, dx: i32, dy: i32) -> Gray {
    let warped = warp(b, rotation_deg, dx, dy, a.width, a.height);
    let pixels = a
        .pixels
        .iter()
        .zip(&warped)
        .map(|(&p, w)| w.map_or(255, |w| p.abs_diff(w)))
        .collect();
    Gray {
        width: a.width,
        height: a.height,
        pixels,
    }
}

/// `b` rotated and shifted onto a `width`×`height` canvas, for the overlay view; pixels that
/// fall outside `b` are black.
pub fn aligned_overlay(
    b: &Gray,
    rotation_deg: f32,
    dx: i32,
    dy: i32,
    width: usize,
    height: usize,
) -> Gray {
    let pixels = warp(b, rotation_deg, dx, dy, width, height)
        .into_iter()
        .map(|w| w.unwrap_or(0))
        .collect();
    Gray {
        width,
        height,
        pixels,
    }
}

fn warp(
    b: &Gray,
    rotation_deg: f32,
    dx: i32,
    dy: i32,
    width: usize,
    height: usize,
) -> Vec<Option<u8>> {
    let plane = b.to_f32();
    let (bcx, bcy) = b.centre();
    let (acx, acy) = ((width as f32 - 1.0) / 2.0, (height as f32 - 1.0) / 2.0);
    let (sin, cos) = (-rotation_deg.to_radians()).sin_cos();
    let mut out = Vec::with_capacity(width * height);
    for y in 0..height {
        for x in 0..width {
            let (ux, uy) = (x as f32 - acx - dx as f32, y as f32 - acy - dy as f32);
            let (sx, sy) = (bcx + cos * ux - sin * uy, bcy + sin * ux + cos * uy);
            let inside =
                sx >= 0.0 && sy >= 0.0 && sx <= (b.width - 1) as f32 && sy <= (b.height - 1) as f32;
            out.push(inside.then(|| (plane.sample(sx, sy) * 255.0).round() as u8));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{descriptor::prepare, synth};
    use super::*;

    #[test]
    fn difference_of_an_image_with_itself_is_black() {
        let img = synth::fire("G-diff", "9mm", 0, 2);
        let d = aligned_difference(&img, &img, 0.0, 0, 0);
        assert!(d.pixels.iter().all(|&p| p == 0));
    }

    #[test]
    fn a_rotated_copy_is_found_again() {
        let img = synth::fire("G-rot", "9mm", 0, 2);
        let turned = aligned_overlay(&img, 40.0, 1, -1, img.width, img.height);
        let q = Side::from_prepared(&prepare(&turned));
        let s = Side::from_prepared(&prepare(&img));
        let a = refine(
            &QueryPixels::new(&q),
            &s,
            Pose {
                rotation_deg: 36.0,
                dx: 0.0,
                dy: 0.0,
            },
        );
        assert!((a.pose.rotation_deg - 40.0).abs() < 1.5, "{a:?}");
        assert!(a.breech_face > 0.9 && a.firing_pin > 0.9, "{a:?}");
        let shift = image_shift(q.centre, s.centre, a.pose, img.centre());
        assert_eq!(shift, (1, -1));
    }
}
