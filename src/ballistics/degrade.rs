//! Damage done to a casing image the way scene evidence arrives: camera noise, a part of the
//! primer unreadable (a dent, dirt, a smear — as one sector or as scattered blobs), weak
//! contrast, an arbitrary rotation under the microscope, and the primer's own surface texture
//! competing with the gun's marks. Used only by the sweep benchmark and tests, to grade the
//! engine on evidence it was not tuned on; deterministic in its key and seed.

use super::image::{Gray, Plane};
use super::polar::find_centre;
use super::synth::{IMAGE_SIZE, Texture, normal, rng_for};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::f32::consts::TAU;

/// Standard deviation of the gun's breech-face relief in a clean synthetic image (0..1 grey
/// units), measured from [`super::synth`]: the unit in which [`Degradation::texture`] is given.
pub const MARK_STD: f32 = 0.07;

/// How the unreadable part of the primer is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// One wedge from the centre to the rim.
    Sector,
    /// Discs of random size and place until the share is covered.
    Blobs,
}

/// One level of the sweep. `Default` is the undamaged image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Degradation {
    /// Gaussian noise added last, in grey units (0..1).
    pub noise: f32,
    /// Share of the primer disc made unreadable (0..=1): flattened to the primer's mean grey.
    pub unreadable: f32,
    pub damage: Damage,
    /// Contrast kept around the primer's mean (1 = unchanged, 0.5 = half).
    pub contrast: f32,
    /// Extra rotation of the whole image about its centre, degrees.
    pub rotation_deg: f32,
    /// Extra surface texture of the casing itself, in units of the gun's mark strength.
    pub texture: f32,
}

impl Default for Degradation {
    fn default() -> Self {
        Self {
            noise: 0.0,
            unreadable: 0.0,
            damage: Damage::Sector,
            contrast: 1.0,
            rotation_deg: 0.0,
            texture: 0.0,
        }
    }
}

/// Applies `d` to `img`. The primer is found the way the engine finds it, so the damage falls
/// on the primer disc whatever the casing's position in the frame.
pub fn degrade(img: &Gray, d: &Degradation, key: &str, seed: u64) -> Gray {
    let mut rng = rng_for(&["degrade", key], seed);
    let mut plane = rotate(&img.to_f32(), d.rotation_deg);
    let c = find_centre(&plane);
    // Inside the primer, short of the dark gap ring.
    let radius = (c.radius - 1.5).max(1.0);
    let inside = |x: usize, y: usize| (x as f32 - c.x).hypot(y as f32 - c.y) <= radius;
    let disc: Vec<usize> = (0..plane.height)
        .flat_map(|y| (0..plane.width).map(move |x| (x, y)))
        .filter(|&(x, y)| inside(x, y))
        .map(|(x, y)| y * plane.width + x)
        .collect();
    if disc.is_empty() {
        return img.clone();
    }
    let mean = disc.iter().map(|&i| plane.data[i]).sum::<f32>() / disc.len() as f32;
    let lost = unreadable_mask(&plane, (c.x, c.y, radius), d, &mut rng);
    // The texture is rendered on the synthesiser's frame; other sizes keep their own surface.
    if d.texture > 0.0 && plane.width == IMAGE_SIZE && plane.height == IMAGE_SIZE {
        let own = Texture::random(&mut rng, 24, 0.06, 0.2);
        let field = own.render([[1.0, 0.0], [0.0, 1.0]], (0.0, 0.0));
        let std = (field.iter().map(|v| v * v).sum::<f32>() / field.len() as f32).sqrt();
        let scale = d.texture * MARK_STD / std.max(1e-6);
        for &i in &disc {
            plane.data[i] += scale * field[i];
        }
    }
    for &i in &disc {
        let v = if lost[i] { mean } else { plane.data[i] };
        plane.data[i] = mean + d.contrast * (v - mean);
    }
    let pixels = plane
        .data
        .iter()
        .map(|&v| {
            let v = v + d.noise * normal(&mut rng);
            (v.clamp(0.0, 1.0) * 255.0).round() as u8
        })
        .collect();
    Gray {
        width: img.width,
        height: img.height,
        pixels,
    }
}

/// Which pixels of the disc (cx, cy, r) are unreadable: exactly a share `d.unreadable` of the
/// disc for a sector, at least that share for blobs (the last blob may overshoot a little).
fn unreadable_mask(
    plane: &Plane,
    (cx, cy, radius): (f32, f32, f32),
    d: &Degradation,
    rng: &mut ChaCha8Rng,
) -> Vec<bool> {
    let mut lost = vec![false; plane.data.len()];
    if d.unreadable <= 0.0 {
        return lost;
    }
    let share = d.unreadable.min(1.0);
    let pixel = |i: usize| ((i % plane.width) as f32, (i / plane.width) as f32);
    let in_disc = |x: f32, y: f32| (x - cx).hypot(y - cy) <= radius;
    match d.damage {
        Damage::Sector => {
            let start = rng.random_range(0.0..TAU);
            let width = share * TAU;
            for (i, l) in lost.iter_mut().enumerate() {
                let (x, y) = pixel(i);
                let a = ((y - cy).atan2(x - cx) - start).rem_euclid(TAU);
                *l = in_disc(x, y) && a < width;
            }
        }
        Damage::Blobs => {
            let total = (0..lost.len())
                .filter(|&i| {
                    let (x, y) = pixel(i);
                    in_disc(x, y)
                })
                .count();
            let want = (share * total as f32).round() as usize;
            let mut covered = 0;
            // A bounded number of tries: a degenerate disc must not loop for ever.
            for _ in 0..10_000 {
                if covered >= want {
                    break;
                }
                let r = rng.random_range(0.0..radius);
                let a = rng.random_range(0.0..TAU);
                let (bx, by) = (cx + r * a.cos(), cy + r * a.sin());
                let br = rng.random_range(2.5..radius * 0.35);
                for (i, l) in lost.iter_mut().enumerate() {
                    let (x, y) = pixel(i);
                    if !*l && in_disc(x, y) && (x - bx).hypot(y - by) <= br {
                        *l = true;
                        covered += 1;
                    }
                }
            }
        }
    }
    lost
}

/// The plane rotated by `deg` about its centre (bilinear; the frame's edge fills the corners).
fn rotate(p: &Plane, deg: f32) -> Plane {
    if deg == 0.0 {
        return p.clone();
    }
    let (sin, cos) = (-deg.to_radians()).sin_cos();
    let (cx, cy) = ((p.width as f32 - 1.0) / 2.0, (p.height as f32 - 1.0) / 2.0);
    let mut data = Vec::with_capacity(p.data.len());
    for y in 0..p.height {
        for x in 0..p.width {
            let (ux, uy) = (x as f32 - cx, y as f32 - cy);
            data.push(p.sample(cx + cos * ux - sin * uy, cy + sin * ux + cos * uy));
        }
    }
    Plane {
        width: p.width,
        height: p.height,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::super::synth;
    use super::*;

    #[test]
    fn no_degradation_leaves_the_image_alone() {
        let img = synth::fire("G-deg", "9mm", 0, 3);
        assert_eq!(degrade(&img, &Degradation::default(), "k", 1), img);
    }

    #[test]
    fn a_sector_flattens_its_share_of_the_primer() {
        let img = synth::fire("G-deg", "9mm", 0, 3);
        for damage in [Damage::Sector, Damage::Blobs] {
            let d = Degradation {
                unreadable: 0.25,
                damage,
                ..Degradation::default()
            };
            let out = degrade(&img, &d, "k", 1);
            let c = find_centre(&img.to_f32());
            let (mut disc, mut flat) = (0, 0);
            let changed: Vec<usize> = (0..img.pixels.len())
                .filter(|&i| img.pixels[i] != out.pixels[i])
                .collect();
            for y in 0..img.height {
                for x in 0..img.width {
                    if (x as f32 - c.x).hypot(y as f32 - c.y) <= c.radius - 1.5 {
                        disc += 1;
                        if changed.contains(&(y * img.width + x)) {
                            flat += 1;
                        }
                    }
                }
            }
            let share = flat as f32 / disc as f32;
            assert!((0.18..0.34).contains(&share), "{damage:?}: {share}");
        }
    }
}
