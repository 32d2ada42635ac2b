//! The robust fine pass, in the spirit of NIST's congruent matching cells (CMC): the query's
//! breech face is cut into cells (annular sectors around the primer centre), each cell is
//! registered on its own against the stored casing at every rotation and a little radial play,
//! and the score counts what the cells agree on. A sector lost to a dent or dirt makes its cells
//! unusable — they are left out — instead of dragging a whole-image correlation down, and a
//! chance resemblance in one cell cannot carry a match that the other cells contradict.
//!
//! Everything is done in polar form (rings × angles around the primer centre), where a rotation
//! is a circular shift along the angle axis: registering a cell is a short correlation along a
//! ring, so aligning one candidate costs well under a millisecond.

use super::descriptor::Prepared;
use super::image::Plane;
use super::polar::{Centre, RING_MAX, blur};

/// Angular samples per ring: 3° each, about one pixel of arc at the rim of the read area.
pub const ANGLES: usize = 120;
const STEP_DEG: f32 = 360.0 / ANGLES as f32;
/// The stored side is sampled every half pixel in radius, so each query cell (on whole-pixel
/// radii) can slide by ±½ px: the primer centres found on two images differ by that much.
const RADIAL_STEP: f32 = 0.5;
const STORED_R0: f32 = 2.0;
const STORED_RINGS: usize = 2 * (RING_MAX - 2) + 2;
/// Query radii (whole pixels, inclusive) of the breech-face cells and of the firing-pin cells.
const FACE_RADII: (usize, usize) = (9, 18);
const PIN_RADII: (usize, usize) = (3, 7);
/// Cells around the circle: 12 face cells of 30°, 4 pin cells of 90°.
const FACE_SECTORS: usize = 12;
const PIN_SECTORS: usize = 4;
/// Blur before sampling: at this scale camera noise averages out while the breech-face relief
/// (wavelengths of 5–16 px) survives.
const CELL_BLUR: f32 = 1.0;
/// A cell is usable when its variance is at least this many times what noise alone would give
/// it after the blur: below that it holds no mark worth registering (flattened, smeared, worn).
const USABLE_RATIO: f32 = 1.15;
/// A cell agrees with the consensus when its own best rotation lies within this many angular
/// samples (±6°) of the consensus and its correlation there reaches [`CELL_AGREES`].
const AGREE_TOLERANCE: usize = 2;
const CELL_AGREES: f32 = 0.4;

/// A stored casing in the form the cells are registered against.
#[derive(Debug, Clone)]
pub struct StoredCells {
    /// STORED_RINGS rows of ANGLES samples, radii STORED_R0 + k·RADIAL_STEP.
    polar: Vec<f32>,
}

/// One cell of the query: its samples, zero-mean and unit-norm, or unusable.
#[derive(Debug, Clone)]
struct Cell {
    /// First query radius (whole pixels) and first angle sample.
    radius0: usize,
    angle0: usize,
    rings: usize,
    width: usize,
    values: Vec<f32>,
    usable: bool,
}

/// The query cut into cells, built once per query.
#[derive(Debug, Clone)]
pub struct QueryCells {
    centre: Centre,
    /// Camera noise estimated on the query (σ, grey units).
    noise: f32,
    face: Vec<Cell>,
    pin: Vec<Cell>,
}

/// Samples `plane` (already detrended) on whole-pixel or half-pixel rings around `c`.
fn polar(plane: &Plane, c: Centre, r0: f32, step: f32, rings: usize) -> Vec<f32> {
    let blurred = blur(plane, CELL_BLUR);
    let circle: Vec<(f32, f32)> = (0..ANGLES)
        .map(|a| (a as f32 * STEP_DEG).to_radians().sin_cos())
        .map(|(s, c)| (c, s))
        .collect();
    let mut out = Vec::with_capacity(rings * ANGLES);
    for k in 0..rings {
        let r = r0 + k as f32 * step;
        out.extend(
            circle
                .iter()
                .map(|&(cs, sn)| blurred.sample(c.x + r * cs, c.y + r * sn)),
        );
    }
    out
}

impl StoredCells {
    pub fn new(p: &Prepared) -> Self {
        Self {
            polar: polar(&p.detrended, p.centre, STORED_R0, RADIAL_STEP, STORED_RINGS),
        }
    }

    /// Bytes held per stored casing (for memory figures).
    pub fn bytes(&self) -> usize {
        self.polar.len() * std::mem::size_of::<f32>()
    }
}

/// Camera noise (σ, grey units) estimated from the query itself: the spread of each pixel
/// about its four neighbours, robustly (median), inside the read area. The breech-face relief
/// adds a little to it, which only makes the usable test stricter.
fn noise_sigma(p: &Prepared) -> f32 {
    let d = &p.detrended;
    let c = p.centre;
    let mut residuals = Vec::new();
    for y in 1..d.height.saturating_sub(1) {
        for x in 1..d.width.saturating_sub(1) {
            if (x as f32 - c.x).hypot(y as f32 - c.y) > RING_MAX as f32 - 1.5 {
                continue;
            }
            let at = |x: usize, y: usize| d.data[y * d.width + x];
            let around = (at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1)) / 4.0;
            residuals.push((at(x, y) - around).abs());
        }
    }
    if residuals.is_empty() {
        return 0.0;
    }
    let mid = residuals.len() / 2;
    let (_, median, _) = residuals.select_nth_unstable_by(mid, f32::total_cmp);
    // |e| of a normal has median 0.6745σ; e = p − mean of 4 has variance 1.25σ².
    *median / 0.6745 / 1.25f32.sqrt()
}

/// How much of a unit noise variance survives [`CELL_BLUR`] (Σ of the 2D kernel squared).
fn blurred_noise_gain() -> f32 {
    let radius = (3.0 * CELL_BLUR).ceil() as i32;
    let k: Vec<f32> = (-radius..=radius)
        .map(|i| (-(i * i) as f32 / (2.0 * CELL_BLUR * CELL_BLUR)).exp())
        .collect();
    let total: f32 = k.iter().sum();
    let sq: f32 = k.iter().map(|v| (v / total).powi(2)).sum();
    sq * sq
}

impl QueryCells {
    pub fn new(p: &Prepared) -> Self {
        let sigma = noise_sigma(p);
        let floor = (USABLE_RATIO * sigma * sigma * blurred_noise_gain()).max(1e-7);
        let rings = RING_MAX + 1;
        let grid = polar(&p.detrended, p.centre, 0.0, 1.0, rings);
        let cut = |(lo, hi): (usize, usize), sectors: usize| -> Vec<Cell> {
            (0..sectors)
                .map(|s| {
                    let (a0, a1) = (s * ANGLES / sectors, (s + 1) * ANGLES / sectors);
                    let mut values: Vec<f32> = (lo..=hi)
                        .flat_map(|r| grid[r * ANGLES + a0..r * ANGLES + a1].iter().copied())
                        .collect();
                    let n = values.len() as f32;
                    let mean = values.iter().sum::<f32>() / n;
                    values.iter_mut().for_each(|v| *v -= mean);
                    let energy: f32 = values.iter().map(|v| v * v).sum();
                    let usable = energy / n >= floor;
                    if energy > 0.0 {
                        let norm = energy.sqrt();
                        values.iter_mut().for_each(|v| *v /= norm);
                    }
                    Cell {
                        radius0: lo,
                        angle0: a0,
                        rings: hi - lo + 1,
                        width: a1 - a0,
                        values,
                        usable,
                    }
                })
                .collect()
        };
        Self {
            centre: p.centre,
            noise: sigma,
            face: cut(FACE_RADII, FACE_SECTORS),
            pin: cut(PIN_RADII, PIN_SECTORS),
        }
    }

    /// Usable face cells out of all of them.
    pub fn usable(&self) -> (usize, usize) {
        (
            self.face.iter().filter(|c| c.usable).count(),
            self.face.len(),
        )
    }

    /// Whether the pixel at offset (dx, dy) from the primer centre lies in an unusable cell:
    /// the coarse pass blanks those so a lost region adds no noise to the screening either.
    pub fn is_lost(&self, dx: f32, dy: f32) -> bool {
        let r = dx.hypot(dy);
        let angle = (dy.atan2(dx).to_degrees().rem_euclid(360.0) / STEP_DEG) as usize % ANGLES;
        let holds = |c: &&Cell| {
            let (lo, hi) = (c.radius0 as f32 - 0.5, (c.radius0 + c.rings) as f32 - 0.5);
            r >= lo && r < hi && angle >= c.angle0 && angle < c.angle0 + c.width
        };
        let cell = self
            .face
            .iter()
            .find(holds)
            .or_else(|| self.pin.iter().find(holds));
        cell.is_some_and(|c| !c.usable)
    }

    /// Keeps at most `keep` usable face cells, blanking the others as one contiguous sector
    /// from cell `start` on, the way damage takes them: for measuring the score distribution
    /// at a given number of usable cells.
    pub fn limit_usable(&mut self, keep: usize, start: usize) {
        let n = self.face.len();
        let mut usable = self.usable().0;
        for k in 0..n {
            if usable <= keep {
                break;
            }
            let cell = &mut self.face[(start + k) % n];
            if cell.usable {
                cell.usable = false;
                usable -= 1;
            }
        }
    }

    /// The camera noise estimated on the query (σ, grey units).
    pub fn noise(&self) -> f32 {
        self.noise
    }

    pub fn centre(&self) -> Centre {
        self.centre
    }

    /// Whether any firing-pin cell is usable.
    pub fn pin_usable(&self) -> bool {
        self.pin.iter().any(|c| c.usable)
    }

    /// Registers every usable face cell on its own against `stored` and counts those whose
    /// best rotation agrees with `rotation_deg` (the pose the whole candidate was aligned at):
    /// (agreeing, usable).
    pub fn agreement(&self, stored: &StoredCells, rotation_deg: f32) -> (u32, u32) {
        let doubled = Doubled::new(&stored.polar);
        let o = (-rotation_deg / STEP_DEG).round().rem_euclid(ANGLES as f32) as usize % ANGLES;
        let mut usable = 0;
        let mut agreeing = 0;
        for cell in self.face.iter().filter(|c| c.usable) {
            usable += 1;
            let (peak, v) = argmax(&doubled.register(cell));
            let off = (peak + ANGLES - o) % ANGLES;
            if v >= CELL_AGREES && off.min(ANGLES - off) <= AGREE_TOLERANCE {
                agreeing += 1;
            }
        }
        (agreeing, usable)
    }
}

fn argmax(v: &[f32]) -> (usize, f32) {
    v.iter()
        .enumerate()
        .fold((0, f32::MIN), |b, (i, &x)| if x > b.1 { (i, x) } else { b })
}

/// The stored polar grid with every ring written twice in a row, so a window that wraps past
/// 360° is one contiguous slice, plus running sums for the windows' mean and variance.
struct Doubled {
    rows: Vec<f32>,
    sums: Vec<f32>,
    squares: Vec<f32>,
}

impl Doubled {
    fn new(polar: &[f32]) -> Self {
        let w = 2 * ANGLES;
        let mut rows = Vec::with_capacity(STORED_RINGS * w);
        let mut sums = Vec::with_capacity(STORED_RINGS * (w + 1));
        let mut squares = Vec::with_capacity(STORED_RINGS * (w + 1));
        for ring in polar.chunks_exact(ANGLES) {
            rows.extend_from_slice(ring);
            rows.extend_from_slice(ring);
            let (mut s, mut q) = (0.0f32, 0.0f32);
            sums.push(0.0);
            squares.push(0.0);
            for &v in ring.iter().chain(ring) {
                s += v;
                q += v * v;
                sums.push(s);
                squares.push(q);
            }
        }
        Self {
            rows,
            sums,
            squares,
        }
    }

    /// The cell's correlation with the stored casing at every angular offset, the best of the
    /// three radial positions (−½, 0, +½ px) at each.
    fn register(&self, cell: &Cell) -> Vec<f32> {
        let w = 2 * ANGLES;
        let n = (cell.rings * cell.width) as f32;
        let mut best = vec![f32::MIN; ANGLES];
        for shift in [-1isize, 0, 1] {
            let mut dot = vec![0.0f32; ANGLES];
            let mut sum = vec![0.0f32; ANGLES];
            let mut square = vec![0.0f32; ANGLES];
            for ring in 0..cell.rings {
                let r = (cell.radius0 + ring) as f32;
                let k = ((r - STORED_R0) / RADIAL_STEP) as isize + shift;
                let Ok(k) = usize::try_from(k) else { continue };
                if k >= STORED_RINGS {
                    continue;
                }
                let row = &self.rows[k * w..(k + 1) * w];
                let q = &cell.values[ring * cell.width..(ring + 1) * cell.width];
                let (ps, pq) = (
                    &self.sums[k * (w + 1)..(k + 1) * (w + 1)],
                    &self.squares[k * (w + 1)..(k + 1) * (w + 1)],
                );
                for o in 0..ANGLES {
                    let start = cell.angle0 + o;
                    let window = &row[start..start + cell.width];
                    dot[o] += q.iter().zip(window).map(|(a, b)| a * b).sum::<f32>();
                    sum[o] += ps[start + cell.width] - ps[start];
                    square[o] += pq[start + cell.width] - pq[start];
                }
            }
            for o in 0..ANGLES {
                let var = square[o] - sum[o] * sum[o] / n;
                let ncc = if var > 1e-12 {
                    dot[o] / var.sqrt()
                } else {
                    0.0
                };
                best[o] = best[o].max(ncc);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::super::align::aligned_overlay;
    use super::super::degrade::{Degradation, degrade};
    use super::super::descriptor::prepare;
    use super::super::synth;
    use super::*;

    fn cells_of(img: &super::super::Gray) -> (QueryCells, StoredCells) {
        let p = prepare(img);
        (QueryCells::new(&p), StoredCells::new(&p))
    }

    #[test]
    fn a_rotated_copy_agrees_in_every_cell_at_its_rotation() {
        let img = synth::fire("G-cells", "9mm", 0, 2);
        let turned = aligned_overlay(&img, 40.0, 0, 0, img.width, img.height);
        let (q, _) = cells_of(&turned);
        let (_, s) = cells_of(&img);
        let (agreeing, usable) = q.agreement(&s, 40.0);
        assert!(usable >= 10 && agreeing == usable, "{agreeing}/{usable}");
        assert!(q.agreement(&s, 130.0).0 <= 1);
    }

    #[test]
    fn an_unreadable_sector_is_left_out_and_the_rest_still_agrees() {
        let img = synth::fire("G-cells", "9mm", 0, 2);
        let d = Degradation {
            unreadable: 0.4,
            noise: 0.05,
            ..Degradation::default()
        };
        let damaged = degrade(&img, &d, "t", 1);
        let (q, _) = cells_of(&damaged);
        let (usable, all) = q.usable();
        assert!(usable <= all - 3 && usable >= all / 3, "{usable}/{all}");
        let (_, same) = cells_of(&img);
        let (agreeing, of) = q.agreement(&same, 0.0);
        assert_eq!(of as usize, usable);
        assert!(agreeing * 2 > of, "{agreeing}/{of}");
    }

    #[test]
    fn a_blank_image_has_no_usable_cell() {
        let blank = super::super::Gray::new(64, 64);
        let (q, s) = cells_of(&blank);
        assert_eq!(q.usable().0, 0);
        assert_eq!(q.agreement(&s, 0.0), (0, 0));
    }
}
