//! The coarse descriptor: a compact, band-limited polar signature of the casing, compared with
//! a rotation search done entirely in the frequency domain, so a new casing can be screened
//! against 100,000 stored ones in tens of milliseconds before the expensive alignment runs on a
//! short list.
//!
//! Per ring of the detrended polar image we keep the angular harmonics 1..=HARMONICS. A rotation
//! of the casing by θ multiplies harmonic k of every ring by e^{-ikθ}, so the correlation of two
//! casings at every rotation at once is Re Σ_k G[k]·e^{ikθ} with G[k] = Σ_rings Q[k]·conj(S[k])
//! (Parseval). The score — the best of those correlations — is therefore rotation-invariant,
//! yet unlike magnitude-only invariants it keeps how the mark is laid out between rings.

use super::image::{Gray, Plane};
use super::polar::{Centre, PIN_REGION, Polar, RINGS, blur, detrend, find_centre};
use std::f32::consts::TAU;

/// Angular samples per ring when building the descriptor.
const ANGLES: usize = 64;
/// Harmonics kept per ring (1..=HARMONICS); the mean (k = 0) was removed by detrending.
pub const HARMONICS: usize = 16;
/// Rotations tried when scoring (then refined by a parabola through the best three).
const ROTATIONS: usize = 64;
/// Blur applied before sampling: pixel noise is finer than any detail kept here.
const BLUR_SIGMA: f32 = 1.0;
/// Share of the coarse score given to the firing-pin rings; the breech face has the rest.
const PIN_WEIGHT: f32 = 0.3;

/// Every second ring is kept: after the blur, neighbouring rings carry nearly the same
/// information, and halving the descriptor halves the memory scanned per query.
const RING_STEP: usize = 2;
/// Rings in the descriptor.
const DESC_RINGS: usize = RINGS.div_ceil(RING_STEP);
/// Floats per descriptor: per ring, HARMONICS real parts then HARMONICS imaginary parts.
pub const FEATURES: usize = DESC_RINGS * HARMONICS * 2;

/// Serialisation tag and version; a blob with another tag is refused, never misread.
const MAGIC: &[u8; 4] = b"FWCD";
const VERSION: u8 = 1;

/// A casing's coarse signature plus the primer centre the fine pass will align around.
#[derive(Debug, Clone, PartialEq)]
pub struct Descriptor {
    pub centre: Centre,
    /// Weighted, normalised harmonics; see [`FEATURES`] for the layout.
    pub features: Vec<f32>,
}

/// Why a stored descriptor blob could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DescriptorError {
    #[error("descriptor blob has the wrong tag or version")]
    Format,
    #[error("descriptor blob is {0} bytes, expected {1}")]
    Length(usize, usize),
}

/// The working form of one casing shared by both passes, computed once per image.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub centre: Centre,
    pub detrended: Plane,
}

/// Finds the centre and removes the symmetric look.
pub fn prepare(img: &Gray) -> Prepared {
    let plane = img.to_f32();
    let centre = find_centre(&plane);
    Prepared {
        centre,
        detrended: detrend(&plane, centre),
    }
}

/// The descriptor of a casing image.
pub fn describe(img: &Gray) -> Descriptor {
    describe_prepared(&prepare(img))
}

/// The descriptor from an already prepared image (the engine prepares the query once).
pub fn describe_prepared(p: &Prepared) -> Descriptor {
    let polar = Polar::sample(&blur(&p.detrended, BLUR_SIGMA), p.centre, ANGLES);
    let mut features = Vec::with_capacity(FEATURES);
    for ring in (0..RINGS).step_by(RING_STEP) {
        // Weight by √r so every ring counts by the area it covers, as a 2D correlation would.
        let weight = Polar::radius(ring).sqrt();
        let spectrum = ring_spectrum(polar.ring(ring));
        features.extend(spectrum.iter().map(|&(re, _)| re * weight));
        features.extend(spectrum.iter().map(|&(_, im)| im * weight));
    }
    let pin_len = pin_rings() * HARMONICS * 2;
    let (pin, face) = features.split_at_mut(pin_len);
    normalise(pin, PIN_WEIGHT);
    normalise(face, 1.0 - PIN_WEIGHT);
    Descriptor {
        centre: p.centre,
        features,
    }
}

/// Rings that belong to the firing-pin region.
fn pin_rings() -> usize {
    (0..RINGS)
        .step_by(RING_STEP)
        .filter(|&r| Polar::radius(r) <= PIN_REGION)
        .count()
}

/// Harmonics 1..=HARMONICS of one ring, by direct DFT (64 samples × 16 harmonics, once per
/// casing, is cheaper than pulling in an FFT crate).
fn ring_spectrum(ring: &[f32]) -> Vec<(f32, f32)> {
    let n = ring.len() as f32;
    (1..=HARMONICS)
        .map(|k| {
            ring.iter()
                .enumerate()
                .fold((0.0, 0.0), |(re, im), (i, &v)| {
                    let t = TAU * (k * i) as f32 / n;
                    (re + v * t.cos(), im - v * t.sin())
                })
        })
        .collect()
}

/// Scales a block so that its self-correlation at zero rotation is `share`: the total score
/// is then a weighted sum of per-region correlations, each in -1..=1.
fn normalise(block: &mut [f32], share: f32) {
    let energy: f32 = block.iter().map(|x| x * x).sum();
    if energy > 0.0 {
        let scale = (share / (2.0 * energy)).sqrt();
        block.iter_mut().for_each(|x| *x *= scale);
    }
}

/// Cosine and sine of k·θ for every tried rotation θ, built once and shared by all comparisons.
/// Stored harmonic-major so the inner loop runs over rotations and vectorises without a
/// horizontal sum.
#[derive(Debug, Clone)]
pub struct RotationTable {
    cos: [[f32; ROTATIONS]; HARMONICS],
    sin: [[f32; ROTATIONS]; HARMONICS],
}

impl Default for RotationTable {
    fn default() -> Self {
        let mut cos = [[0.0; ROTATIONS]; HARMONICS];
        let mut sin = [[0.0; ROTATIONS]; HARMONICS];
        for k in 0..HARMONICS {
            for m in 0..ROTATIONS {
                let t = TAU * (m * (k + 1)) as f32 / ROTATIONS as f32;
                cos[k][m] = t.cos();
                sin[k][m] = t.sin();
            }
        }
        Self { cos, sin }
    }
}

/// The best rotation of one descriptor onto another and the correlation there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoarseMatch {
    pub score: f32,
    /// Rotation (degrees, 0..360) that carries the stored casing onto the query.
    pub rotation_deg: f32,
}

impl RotationTable {
    /// Correlates two feature vectors at every tried rotation and returns the best.
    pub fn best(&self, query: &[f32], stored: &[f32]) -> CoarseMatch {
        self.best_above(query, stored, f32::MIN)
            .unwrap_or(CoarseMatch {
                score: f32::MIN,
                rotation_deg: 0.0,
            })
    }

    /// Like [`RotationTable::best`], but gives up early with `None` when even the triangle
    /// bound 2·Σ|G[k]| on the correlation cannot reach `floor`: most stored casings in a large
    /// index are dismissed that way without the rotation search.
    pub fn best_above(&self, query: &[f32], stored: &[f32], floor: f32) -> Option<CoarseMatch> {
        let (g_re, g_im) = cross_spectrum(query, stored);
        let bound: f32 = 2.0
            * g_re
                .iter()
                .zip(&g_im)
                .map(|(r, i)| (r * r + i * i).sqrt())
                .sum::<f32>();
        if bound < floor {
            return None;
        }
        let mut scores = [0.0f32; ROTATIONS];
        for k in 0..HARMONICS {
            let (gr, gi) = (2.0 * g_re[k], 2.0 * g_im[k]);
            for ((score, c), s) in scores.iter_mut().zip(&self.cos[k]).zip(&self.sin[k]) {
                *score += gr * c - gi * s;
            }
        }
        let (m, peak) = scores
            .iter()
            .enumerate()
            .fold((0, f32::MIN), |b, (i, &s)| if s > b.1 { (i, s) } else { b });
        let before = scores[(m + ROTATIONS - 1) % ROTATIONS];
        let after = scores[(m + 1) % ROTATIONS];
        let curve = before - 2.0 * peak + after;
        let offset = if curve < 0.0 {
            (0.5 * (before - after) / curve).clamp(-0.5, 0.5)
        } else {
            0.0
        };
        let step = 360.0 / ROTATIONS as f32;
        Some(CoarseMatch {
            score: peak,
            rotation_deg: ((m as f32 + offset) * step).rem_euclid(360.0),
        })
    }
}

/// G[k] = Σ_rings Q[k]·conj(S[k]), as separate real and imaginary parts.
fn cross_spectrum(q: &[f32], s: &[f32]) -> ([f32; HARMONICS], [f32; HARMONICS]) {
    let mut re = [0.0f32; HARMONICS];
    let mut im = [0.0f32; HARMONICS];
    for (qr, sr) in q
        .chunks_exact(2 * HARMONICS)
        .zip(s.chunks_exact(2 * HARMONICS))
    {
        let (q_re, q_im) = qr.split_at(HARMONICS);
        let (s_re, s_im) = sr.split_at(HARMONICS);
        for k in 0..HARMONICS {
            re[k] += q_re[k] * s_re[k] + q_im[k] * s_im[k];
            im[k] += q_im[k] * s_re[k] - q_re[k] * s_im[k];
        }
    }
    (re, im)
}

impl Descriptor {
    /// Best rotation-searched correlation with another descriptor (-1..=1).
    pub fn similarity(&self, other: &Descriptor, table: &RotationTable) -> CoarseMatch {
        table.best(&self.features, &other.features)
    }

    /// Compact little-endian blob for the `casings.descriptor` column.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(Self::byte_len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        for v in [self.centre.x, self.centre.y, self.centre.radius]
            .iter()
            .chain(&self.features)
        {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads a blob written by [`Descriptor::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DescriptorError> {
        if bytes.len() < 5 || &bytes[..4] != MAGIC || bytes[4] != VERSION {
            return Err(DescriptorError::Format);
        }
        if bytes.len() != Self::byte_len() {
            return Err(DescriptorError::Length(bytes.len(), Self::byte_len()));
        }
        let floats: Vec<f32> = bytes[5..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let centre = Centre {
            x: floats[0],
            y: floats[1],
            radius: floats[2],
        };
        Ok(Self {
            centre,
            features: floats[3..].to_vec(),
        })
    }

    fn byte_len() -> usize {
        5 + 4 * (3 + FEATURES)
    }
}

#[cfg(test)]
mod tests {
    use super::super::synth;
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let d = describe(&synth::fire("G-bytes", "9mm", 0, 5));
        assert_eq!(d.features.len(), FEATURES);
        let back = Descriptor::from_bytes(&d.to_bytes()).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn bad_blobs_are_refused() {
        let bytes = describe(&synth::fire("G-bytes", "9mm", 0, 5)).to_bytes();
        let short = Descriptor::from_bytes(&bytes[..bytes.len() - 1]).map(|_| ());
        assert_eq!(
            short,
            Err(DescriptorError::Length(bytes.len() - 1, bytes.len()))
        );
        assert_eq!(
            Descriptor::from_bytes(b"XXXX\x01").map(|_| ()),
            Err(DescriptorError::Format)
        );
    }

    #[test]
    fn self_similarity_is_one_at_zero_rotation() {
        let d = describe(&synth::fire("G-self", "9mm", 0, 5));
        let m = d.similarity(&d, &RotationTable::default());
        assert!((m.score - 1.0).abs() < 1e-3, "{m:?}");
        assert!(m.rotation_deg < 1.0 || m.rotation_deg > 359.0, "{m:?}");
    }

    #[test]
    fn the_best_coarse_match_is_the_same_gun() {
        let t = RotationTable::default();
        let descs: Vec<Descriptor> = (0..16)
            .map(|n| describe(&synth::fire(&format!("G{}", n / 2), "9mm", n % 2, 11)))
            .collect();
        for (n, q) in descs.iter().enumerate() {
            let best = (0..descs.len()).filter(|&m| m != n).max_by(|&a, &b| {
                q.similarity(&descs[a], &t)
                    .score
                    .total_cmp(&q.similarity(&descs[b], &t).score)
            });
            assert_eq!(best, Some(n ^ 1), "casing {n}");
        }
    }
}
