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

/// Item `i` of a sequence that deals out `items` in proportion to their weights as evenly as
/// possible (smooth weighted round-robin): any prefix of `n` items is within one of its quota per
/// item. For the few planted structures whose shares must hold even at the small scale, where a
/// random draw of five would be lumpy.
pub(crate) fn apportioned<T: Copy>(items: &[(T, u32)], i: usize) -> T {
    let total: i64 = items.iter().map(|(_, w)| i64::from(*w)).sum();
    let mut current = vec![0i64; items.len()];
    let mut chosen = 0;
    for _ in 0..=i {
        for (c, (_, w)) in current.iter_mut().zip(items) {
            *c += i64::from(*w);
        }
        chosen = (0..items.len())
            .max_by_key(|&k| (current[k], std::cmp::Reverse(k)))
            .unwrap_or(0);
        current[chosen] -= total;
    }
    items[chosen].0
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

    #[test]
    fn apportioned_deals_every_prefix_within_one_of_its_quota() {
        let items = [("tx", 56), ("az", 29), ("ca", 11), ("nm", 4)];
        let five: Vec<&str> = (0..5).map(|i| apportioned(&items, i)).collect();
        assert_eq!(five.iter().filter(|s| **s == "tx").count(), 3, "{five:?}");
        assert_eq!(five.iter().filter(|s| **s == "az").count(), 1, "{five:?}");
        for n in [10, 37, 100] {
            let got: Vec<&str> = (0..n).map(|i| apportioned(&items, i)).collect();
            for (name, w) in items {
                let quota = n as f64 * f64::from(w) / 100.0;
                let count = got.iter().filter(|s| **s == name).count() as f64;
                assert!((count - quota).abs() <= 1.0, "{name} {count} of {n}");
            }
        }
    }
}
