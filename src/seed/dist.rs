//! Small sampling helpers over the seed's single deterministic random stream.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The one generator type used everywhere: ChaCha8 is portable, so the same seed gives the same
/// stream on every platform and release.
pub(crate) type SeedRng = ChaCha8Rng;

/// Picks an item with probability proportional to its weight.
pub(crate) fn weighted<'a, T>(rng: &mut SeedRng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut x = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if x < *w {
            return item;
        }
        x -= w;
    }
    &items[items.len() - 1].0
}

/// Picks the index of an item with probability proportional to `weight(item)`.
pub(crate) fn weighted_index<T>(
    rng: &mut SeedRng,
    items: &[T],
    weight: impl Fn(&T) -> u32,
) -> usize {
    let total: u32 = items.iter().map(&weight).sum();
    let mut x = rng.random_range(0..total.max(1));
    for (i, item) in items.iter().enumerate() {
        let w = weight(item);
        if x < w {
            return i;
        }
        x -= w;
    }
    items.len().saturating_sub(1)
}

/// Uniform pick from a non-empty slice.
pub(crate) fn pick<'a, T>(rng: &mut SeedRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Integer in `lo..=hi`.
pub(crate) fn between(rng: &mut SeedRng, lo: i64, hi: i64) -> i64 {
    if hi <= lo {
        lo
    } else {
        rng.random_range(lo..=hi)
    }
}

/// True with probability `p`.
pub(crate) fn chance(rng: &mut SeedRng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// Triangular distribution on `[lo, hi]` with the given mode: a long right tail without
/// floating-point special functions.
pub(crate) fn triangular(rng: &mut SeedRng, lo: f64, mode: f64, hi: f64) -> f64 {
    let u: f64 = rng.random();
    let c = (mode - lo) / (hi - lo);
    if u < c {
        lo + (u * (hi - lo) * (mode - lo)).sqrt()
    } else {
        hi - ((1.0 - u) * (hi - lo) * (hi - mode)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn weighted_respects_zero_weights_and_triangular_mean() {
        let mut rng = SeedRng::seed_from_u64(1);
        for _ in 0..100 {
            assert_eq!(*weighted(&mut rng, &[("a", 0), ("b", 5)]), "b");
        }
        let n = 20_000;
        let mean: f64 = (0..n)
            .map(|_| triangular(&mut rng, 3.0, 6.0, 40.0))
            .sum::<f64>()
            / n as f64;
        assert!((mean - 16.33).abs() < 0.5, "mean {mean}");
    }
}
