//! Synthetic but honest casing images. Each hidden gun gets a toolmark — a band-limited
//! breech-face texture and a firing-pin crater of its own shape and offset — and every casing it
//! fires is a fresh image of that mark under a random rotation, shift, lighting, wear and noise.
//! Guns of one calibre share only the generic look (primer disc, roughly central crater), so two
//! guns resemble each other only by chance. Nothing about the gun is written into the pixels
//! except through the mark itself.

use super::image::Gray;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};
use std::f32::consts::TAU;

/// Side of every synthetic casing image, in pixels.
pub const IMAGE_SIZE: usize = 64;

/// A deterministic generator for one purpose, derived from labelled parts, so a gun's mark
/// never depends on how many other guns or casings were generated before it.
pub(crate) fn rng_for(parts: &[&str], seed: u64) -> ChaCha8Rng {
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    ChaCha8Rng::from_seed(h.finalize().into())
}

/// Standard normal deviate (Box–Muller); `rand_distr` is not worth a dependency for this.
pub(crate) fn normal(rng: &mut ChaCha8Rng) -> f32 {
    let u1: f32 = rng.random_range(f32::EPSILON..1.0);
    let u2: f32 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (TAU * u2).cos()
}

/// A plane wave: one component of a band-limited texture.
#[derive(Debug, Clone, Copy)]
struct Wave {
    kx: f32,
    ky: f32,
    phase: f32,
    amp: f32,
}

/// A sum of random plane waves with spatial frequencies in `lo..hi` cycles per pixel: cheap to
/// evaluate at any rotated, sub-pixel position, which is what rendering a rotated mark needs.
#[derive(Debug, Clone)]
pub(crate) struct Texture(Vec<Wave>);

impl Texture {
    pub(crate) fn random(rng: &mut ChaCha8Rng, count: usize, lo: f32, hi: f32) -> Self {
        let norm = (2.0 / count as f32).sqrt();
        let waves = (0..count)
            .map(|_| {
                let f = rng.random_range(lo..hi) * TAU;
                let dir = rng.random_range(0.0..TAU);
                Wave {
                    kx: f * dir.cos(),
                    ky: f * dir.sin(),
                    phase: rng.random_range(0.0..TAU),
                    amp: norm * rng.random_range(0.5..1.0),
                }
            })
            .collect();
        Self(waves)
    }

    /// The texture over the whole image grid, read through the affine map
    /// (tx, ty) = m·(x − ox, y − oy). Each wave is split into per-column and per-row phasors,
    /// cos(a·x + b·y + φ) = cos(a·x)·cos(b·y + φ) − sin(a·x)·sin(b·y + φ), so a wave costs two
    /// multiplies per pixel instead of a cosine.
    pub(crate) fn render(&self, m: [[f32; 2]; 2], origin: (f32, f32)) -> Vec<f32> {
        let n = IMAGE_SIZE;
        let mut out = vec![0.0f32; n * n];
        let mut cols = vec![(0.0f32, 0.0f32); n];
        let mut rows = vec![(0.0f32, 0.0f32); n];
        for w in &self.0 {
            let a = w.kx * m[0][0] + w.ky * m[1][0];
            let b = w.kx * m[0][1] + w.ky * m[1][1];
            let phase = w.phase - a * origin.0 - b * origin.1;
            for (x, c) in cols.iter_mut().enumerate() {
                let (sin, cos) = (a * x as f32).sin_cos();
                *c = (cos, sin);
            }
            for (y, r) in rows.iter_mut().enumerate() {
                let (sin, cos) = (b * y as f32 + phase).sin_cos();
                *r = (w.amp * cos, w.amp * sin);
            }
            for (line, &(rc, rs)) in out.chunks_exact_mut(n).zip(&rows) {
                for (v, &(cc, cs)) in line.iter_mut().zip(&cols) {
                    *v += cc * rc - cs * rs;
                }
            }
        }
        out
    }
}

/// The generic look of a calibre class: all its guns share these proportions.
#[derive(Debug, Clone, Copy)]
struct CalibreLook {
    primer_radius: f32,
    pin_radius: f32,
    crater_depth: f32,
}

impl CalibreLook {
    fn of(caliber_class: &str) -> Self {
        let mut rng = rng_for(&["calibre", caliber_class], 0);
        Self {
            primer_radius: rng.random_range(22.5..25.0),
            pin_radius: rng.random_range(4.5..6.0),
            crater_depth: rng.random_range(0.25..0.35),
        }
    }
}

/// A gun's hidden toolmark, in the gun's own frame centred on the primer.
#[derive(Debug, Clone)]
struct GunMark {
    look: CalibreLook,
    texture: Texture,
    /// Small pits and burrs of the breech face: (x, y, radius, depth).
    pits: Vec<(f32, f32, f32, f32)>,
    pin_offset: (f32, f32),
    pin_scale: f32,
    /// Out-of-round harmonics of the crater rim: (order, amplitude, phase).
    rim: [(f32, f32, f32); 2],
    /// Firing-pin drag: direction and length (0 = none).
    drag: (f32, f32),
}

impl GunMark {
    fn of(gun_key: &str, caliber_class: &str, seed: u64) -> Self {
        let look = CalibreLook::of(caliber_class);
        let mut rng = rng_for(&["gun", gun_key], seed);
        let texture = Texture::random(&mut rng, 48, 0.06, 0.2);
        let pits = (0..rng.random_range(6..14))
            .map(|_| {
                let r = rng.random_range(look.pin_radius + 3.0..look.primer_radius - 2.0);
                let a = rng.random_range(0.0..TAU);
                let depth = rng.random_range(-0.5..0.5);
                (r * a.cos(), r * a.sin(), rng.random_range(0.8..1.8), depth)
            })
            .collect();
        let off_r = rng.random_range(0.0..2.0f32);
        let off_a = rng.random_range(0.0..TAU);
        let drag_len = if rng.random_bool(0.5) {
            rng.random_range(1.5..4.0)
        } else {
            0.0
        };
        Self {
            look,
            texture,
            pits,
            pin_offset: (off_r * off_a.cos(), off_r * off_a.sin()),
            pin_scale: rng.random_range(0.85..1.15),
            rim: [
                (2.0, rng.random_range(0.0..0.15), rng.random_range(0.0..TAU)),
                (3.0, rng.random_range(0.0..0.08), rng.random_range(0.0..TAU)),
            ],
            drag: (rng.random_range(0.0..TAU), drag_len),
        }
    }

    /// Depth of the firing-pin impression at a point of the gun frame (0 outside, 1 at the floor).
    fn crater(&self, x: f32, y: f32) -> f32 {
        let dx = x - self.pin_offset.0;
        let dy = y - self.pin_offset.1;
        let a = dy.atan2(dx);
        let rim = self
            .rim
            .iter()
            .map(|&(n, amp, ph)| amp * (n * a + ph).cos())
            .sum::<f32>();
        let radius = self.look.pin_radius * self.pin_scale * (1.0 + rim);
        let r = (dx * dx + dy * dy).sqrt();
        let bowl = smoothstep(radius + 1.0, radius - 1.0, r);
        let (dir, len) = self.drag;
        let along = dx * dir.cos() + dy * dir.sin();
        let across = -dx * dir.sin() + dy * dir.cos();
        let drag = if len > 0.0 && along > 0.0 && along < radius + len {
            0.45 * smoothstep(1.8, 0.6, across.abs())
        } else {
            0.0
        };
        bowl.max(drag)
    }

    /// Depth of the pits and burrs at a point of the gun frame.
    fn pits(&self, x: f32, y: f32) -> f32 {
        self.pits
            .iter()
            .map(|&(px, py, pr, d)| {
                let d2 = (x - px).powi(2) + (y - py).powi(2);
                if d2 > 16.0 * pr * pr {
                    0.0
                } else {
                    d * (-d2 / (2.0 * pr * pr)).exp()
                }
            })
            .sum()
    }

    /// Beyond this distance from the primer centre the crater cannot reach.
    fn crater_reach(&self) -> f32 {
        let (ox, oy) = self.pin_offset;
        (ox * ox + oy * oy).sqrt() + self.look.pin_radius * self.pin_scale * 1.3 + self.drag.1 + 2.0
    }
}

/// Hermite step from 0 at `edge0` to 1 at `edge1` (either order).
fn smoothstep(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The conditions of one firing and imaging: how the casing sat under the camera.
struct Shot {
    rotation: f32,
    centre: (f32, f32),
    /// How the mark sat on this primer, relative to its centre (sub-pixel play in the breech).
    jitter: (f32, f32),
    gain: f32,
    offset: f32,
    /// Faded regions: (x, y, radius, strength) in image coordinates.
    wear: Vec<(f32, f32, f32, f32)>,
    /// The primer's own surface, independent of the gun.
    own: Texture,
    noise: f32,
}

impl Shot {
    fn random(rng: &mut ChaCha8Rng) -> Self {
        let (cx, cy) = (
            (IMAGE_SIZE as f32 - 1.0) / 2.0,
            (IMAGE_SIZE as f32 - 1.0) / 2.0,
        );
        let wear = (0..rng.random_range(1..4))
            .map(|_| {
                let r = rng.random_range(4.0..18.0f32);
                let a = rng.random_range(0.0..TAU);
                (
                    cx + r * a.cos(),
                    cy + r * a.sin(),
                    rng.random_range(5.0..10.0),
                    rng.random_range(0.4..0.85),
                )
            })
            .collect();
        Self {
            rotation: rng.random_range(0.0..TAU),
            centre: (
                cx + rng.random_range(-3.0..3.0),
                cy + rng.random_range(-3.0..3.0),
            ),
            jitter: (0.25 * normal(rng), 0.25 * normal(rng)),
            gain: rng.random_range(0.85..1.15),
            offset: rng.random_range(-0.05..0.05),
            wear,
            own: Texture::random(rng, 24, 0.08, 0.3),
            noise: rng.random_range(0.025..0.05),
        }
    }

    fn wear_at(&self, x: f32, y: f32) -> f32 {
        self.wear.iter().fold(1.0, |keep, &(wx, wy, wr, s)| {
            let d2 = (x - wx).powi(2) + (y - wy).powi(2);
            keep * (1.0 - s * (-d2 / (2.0 * wr * wr)).exp())
        })
    }
}

/// Renders casing number `index` fired by `gun_key`: deterministic in (gun, calibre, index, seed).
pub fn fire(gun_key: &str, caliber_class: &str, index: u32, seed: u64) -> Gray {
    let mark = GunMark::of(gun_key, caliber_class, seed);
    let mut rng = rng_for(&["casing", gun_key, &index.to_string()], seed);
    let shot = Shot::random(&mut rng);
    // Into the gun frame: undo this firing's play and the camera rotation.
    let (sin, cos) = (-shot.rotation).sin_cos();
    let origin = (shot.centre.0 + shot.jitter.0, shot.centre.1 + shot.jitter.1);
    let gun_texture = mark.texture.render([[cos, -sin], [sin, cos]], origin);
    let own = shot.own.render([[1.0, 0.0], [0.0, 1.0]], (0.0, 0.0));
    let head = shot.own.render([[0.5, 0.0], [0.0, 0.5]], (0.0, 0.0));
    let rp = mark.look.primer_radius;
    let reach = mark.crater_reach();
    let mut img = Gray::new(IMAGE_SIZE, IMAGE_SIZE);
    for y in 0..IMAGE_SIZE {
        for x in 0..IMAGE_SIZE {
            let i = y * IMAGE_SIZE + x;
            let dx = x as f32 - shot.centre.0;
            let dy = y as f32 - shot.centre.1;
            let r = (dx * dx + dy * dy).sqrt();
            let base = if r > rp + 2.0 {
                0.62 + 0.03 * head[i]
            } else if r > rp {
                0.08
            } else {
                let (mx, my) = (x as f32 - origin.0, y as f32 - origin.1);
                let (gx, gy) = (cos * mx - sin * my, sin * mx + cos * my);
                let relief = gun_texture[i] + 2.0 * mark.pits(gx, gy);
                let worn = 0.09 * relief * shot.wear_at(x as f32, y as f32);
                let crater = if r < reach { mark.crater(gx, gy) } else { 0.0 };
                let edge = 0.08 * smoothstep(rp - 3.0, rp, r);
                0.5 + worn + 0.03 * own[i] - edge - mark.look.crater_depth * crater
            };
            let v = shot.gain * base + shot.offset + shot.noise * normal(&mut rng);
            img.pixels[i] = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        }
    }
    img
}

/// A test index of `guns` 9 mm guns, one stored casing each (`C0`, `C1`, … fired by `G0`,
/// `G1`, …), with the images the fine pass fetches by id.
#[cfg(test)]
pub(super) fn stored_guns(
    guns: usize,
) -> (
    super::engine::Engine,
    std::collections::HashMap<String, Gray>,
) {
    let mut images = std::collections::HashMap::new();
    let mut engine = super::engine::Engine::new();
    for g in 0..guns {
        let img = fire(&format!("G{g}"), "9mm", 1, 4);
        engine.insert(format!("C{g}"), &super::describe(&img));
        images.insert(format!("C{g}"), img);
    }
    (engine, images)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firing_is_deterministic() {
        assert_eq!(fire("G1", "9mm", 0, 7), fire("G1", "9mm", 0, 7));
        assert_ne!(fire("G1", "9mm", 0, 7), fire("G1", "9mm", 1, 7));
        assert_ne!(fire("G1", "9mm", 0, 7), fire("G1", "9mm", 0, 8));
    }

    #[test]
    fn image_has_a_dark_primer_gap_and_a_crater() {
        let img = fire("G2", "9mm", 3, 1);
        assert_eq!(img.pixels.len(), IMAGE_SIZE * IMAGE_SIZE);
        let mean: f32 =
            img.pixels.iter().map(|&p| f32::from(p)).sum::<f32>() / img.pixels.len() as f32;
        let dark = img.pixels.iter().filter(|&&p| p < 40).count();
        assert!(mean > 80.0 && mean < 200.0, "mean {mean}");
        assert!(dark > 50, "the primer gap should show as a dark ring");
    }
}
