//! Geometry shared by the coarse and fine passes: finding the primer centre, removing the
//! rotationally symmetric look every casing of a calibre shares, and resampling around the
//! centre so that a rotation of the casing becomes a circular shift along the angle axis.

use super::image::Plane;
use std::f32::consts::TAU;

/// Innermost and outermost ring radius (pixels) that the engine reads. The outer limit stays
/// inside the smallest primer disc the synthesiser draws, so the dark gap never enters a score.
pub const RING_MIN: usize = 2;
pub const RING_MAX: usize = 19;
/// Rings up to this radius form the firing-pin region; the rest is the breech-face annulus.
pub const PIN_REGION: f32 = 8.5;

/// Where the primer sits in the image and how large it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Centre {
    pub x: f32,
    pub y: f32,
    pub radius: f32,
}

/// Unit-circle points for `n` samples, so circle sums cost no trigonometry.
fn unit_circle(n: usize) -> Vec<(f32, f32)> {
    (0..n)
        .map(|i| (TAU * i as f32 / n as f32).sin_cos())
        .map(|(s, c)| (c, s))
        .collect()
}

/// Mean intensity along a circle.
fn circle_mean(img: &Plane, cx: f32, cy: f32, r: f32, circle: &[(f32, f32)]) -> f32 {
    circle
        .iter()
        .map(|&(c, s)| img.sample(cx + r * c, cy + r * s))
        .sum::<f32>()
        / circle.len() as f32
}

/// How strongly a dark ring of radius `r` around (cx, cy) stands out from both sides.
fn gap_contrast(img: &Plane, cx: f32, cy: f32, r: f32, circle: &[(f32, f32)]) -> f32 {
    let inside = circle_mean(img, cx, cy, r - 2.5, circle);
    let outside = circle_mean(img, cx, cy, r + 2.5, circle);
    (inside + outside) / 2.0 - circle_mean(img, cx, cy, r, circle)
}

/// Finds the primer by its dark gap ring: a coarse grid search over centre and radius, then
/// finer ones around the best. The gap is the one feature every casing shows regardless of
/// wear, so everything downstream is measured from it rather than from the image centre.
pub fn find_centre(img: &Plane) -> Centre {
    let (w, h) = (img.width as f32, img.height as f32);
    let max_r = w.min(h) / 2.0 - 3.0;
    let mut best = (
        f32::MIN,
        Centre {
            x: (w - 1.0) / 2.0,
            y: (h - 1.0) / 2.0,
            radius: max_r - 4.0,
        },
    );
    for (reach, step, samples) in [(3, 1.5, 24), (2, 0.6, 48), (2, 0.25, 64), (1, 0.12, 128)] {
        let circle = unit_circle(samples);
        let from = best.1;
        // Rescore the incumbent with this stage's sampling so stages compare like with like.
        best.0 = f32::MIN;
        for iy in -reach..=reach {
            for ix in -reach..=reach {
                let (cx, cy) = (from.x + ix as f32 * step, from.y + iy as f32 * step);
                for ir in -reach..=reach {
                    let r = from.radius + ir as f32 * step;
                    if r < RING_MAX as f32 + 2.0 || r > max_r {
                        continue;
                    }
                    let c = gap_contrast(img, cx, cy, r, &circle);
                    if c > best.0 {
                        best = (
                            c,
                            Centre {
                                x: cx,
                                y: cy,
                                radius: r,
                            },
                        );
                    }
                }
            }
        }
    }
    best.1
}

/// The image with its radial profile around `c` removed, zero outside the read region: what is
/// left is the non-symmetric part of the mark, which is what tells one gun from another.
pub fn detrend(img: &Plane, c: Centre) -> Plane {
    let bins = RING_MAX + 3;
    let mut sum = vec![0.0f32; bins];
    let mut count = vec![0.0f32; bins];
    for y in 0..img.height {
        for x in 0..img.width {
            let r = ((x as f32 - c.x).powi(2) + (y as f32 - c.y).powi(2)).sqrt();
            let b = r.round() as usize;
            if b < bins {
                sum[b] += img.data[y * img.width + x];
                count[b] += 1.0;
            }
        }
    }
    let profile: Vec<f32> = sum
        .iter()
        .zip(&count)
        .map(|(s, n)| if *n > 0.0 { s / n } else { 0.0 })
        .collect();
    let mut out = Plane {
        width: img.width,
        height: img.height,
        data: vec![0.0; img.data.len()],
    };
    for y in 0..img.height {
        for x in 0..img.width {
            let r = ((x as f32 - c.x).powi(2) + (y as f32 - c.y).powi(2)).sqrt();
            if r <= RING_MAX as f32 + 0.5 {
                let lo = (r.floor() as usize).min(bins - 2);
                let t = r - lo as f32;
                let trend = profile[lo] * (1.0 - t) + profile[lo + 1] * t;
                out.data[y * img.width + x] = img.data[y * img.width + x] - trend;
            }
        }
    }
    out
}

/// Separable Gaussian blur: suppresses pixel noise, which is finer than any toolmark detail the
/// engine relies on.
pub fn blur(img: &Plane, sigma: f32) -> Plane {
    let radius = (3.0 * sigma).ceil() as isize;
    let kernel: Vec<f32> = (-radius..=radius)
        .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
    let (w, h) = (img.width as isize, img.height as isize);
    let pass = |src: &[f32], horizontal: bool| -> Vec<f32> {
        let mut out = vec![0.0; src.len()];
        for y in 0..h {
            for x in 0..w {
                let mut acc = 0.0;
                for (k, &kv) in kernel.iter().enumerate() {
                    let o = k as isize - radius;
                    let (sx, sy) = if horizontal {
                        ((x + o).clamp(0, w - 1), y)
                    } else {
                        (x, (y + o).clamp(0, h - 1))
                    };
                    acc += kv * src[(sy * w + sx) as usize];
                }
                out[(y * w + x) as usize] = acc;
            }
        }
        out
    };
    let data = pass(&pass(&img.data, true), false);
    Plane {
        width: img.width,
        height: img.height,
        data,
    }
}

/// A polar resampling: `rings` rows (radii RING_MIN..=RING_MAX) × `angles` columns, each ring
/// with its mean removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Polar {
    pub angles: usize,
    pub data: Vec<f32>,
}

/// Number of rings the polar grids hold.
pub const RINGS: usize = RING_MAX - RING_MIN + 1;

impl Polar {
    /// Samples `img` (normally already detrended) around `c`.
    pub fn sample(img: &Plane, c: Centre, angles: usize) -> Self {
        let mut data = Vec::with_capacity(RINGS * angles);
        let step = TAU / angles as f32;
        for ring in 0..RINGS {
            let r = (RING_MIN + ring) as f32;
            let start = data.len();
            data.extend((0..angles).map(|a| {
                let t = a as f32 * step;
                img.sample(c.x + r * t.cos(), c.y + r * t.sin())
            }));
            let row = &mut data[start..];
            let mean = row.iter().sum::<f32>() / angles as f32;
            row.iter_mut().for_each(|v| *v -= mean);
        }
        Self { angles, data }
    }

    pub fn ring(&self, ring: usize) -> &[f32] {
        &self.data[ring * self.angles..(ring + 1) * self.angles]
    }

    pub fn radius(ring: usize) -> f32 {
        (RING_MIN + ring) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::super::synth;
    use super::*;

    #[test]
    fn finds_the_primer_despite_the_shift() {
        // The synthesiser shifts each casing by up to 3 px; the centre found must follow it.
        for i in 0..6 {
            let img = synth::fire("G-centre", "9mm", i, 3).to_f32();
            let c = find_centre(&img);
            let (mx, my) = (
                (img.width as f32 - 1.0) / 2.0,
                (img.height as f32 - 1.0) / 2.0,
            );
            assert!((c.x - mx).abs() < 4.0 && (c.y - my).abs() < 4.0, "{c:?}");
            assert!(c.radius > RING_MAX as f32, "{c:?}");
        }
    }

    #[test]
    fn polar_rings_have_zero_mean() {
        let img = synth::fire("G-polar", "9mm", 0, 3).to_f32();
        let c = find_centre(&img);
        let p = Polar::sample(&detrend(&img, c), c, 64);
        for ring in 0..RINGS {
            assert!(p.ring(ring).iter().sum::<f32>().abs() < 1e-3);
        }
    }
}
