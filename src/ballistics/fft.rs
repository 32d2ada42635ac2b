//! A small in-place radix-2 FFT. The engine only needs 64-point transforms of a few images per
//! query, which does not justify a dependency.

use std::f32::consts::TAU;

/// A complex number as (re, im).
pub type Complex = (f32, f32);

/// In-place forward FFT; `data.len()` must be a power of two (callers use fixed sizes).
pub fn fft(data: &mut [Complex]) {
    let n = data.len();
    debug_assert!(n.is_power_of_two());
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            data.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let step = -TAU / len as f32;
        for start in (0..n).step_by(len) {
            for k in 0..len / 2 {
                let (s, c) = (step * k as f32).sin_cos();
                let (ar, ai) = data[start + k];
                let (br, bi) = data[start + k + len / 2];
                let (tr, ti) = (br * c - bi * s, br * s + bi * c);
                data[start + k] = (ar + tr, ai + ti);
                data[start + k + len / 2] = (ar - tr, ai - ti);
            }
        }
        len <<= 1;
    }
}

/// In-place 2D FFT of a square `n`×`n` row-major grid.
pub fn fft2(data: &mut [Complex], n: usize) {
    for row in data.chunks_exact_mut(n) {
        fft(row);
    }
    let mut col = vec![(0.0, 0.0); n];
    for x in 0..n {
        for y in 0..n {
            col[y] = data[y * n + x];
        }
        fft(&mut col);
        for y in 0..n {
            data[y * n + x] = col[y];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_direct_dft() {
        let input: Vec<Complex> = (0..16)
            .map(|i| ((i as f32 * 0.7).sin(), (i as f32 * 0.3).cos()))
            .collect();
        let mut fast = input.clone();
        fft(&mut fast);
        for (k, got) in fast.iter().enumerate() {
            let want = input
                .iter()
                .enumerate()
                .fold((0.0, 0.0), |(re, im), (i, &(xr, xi))| {
                    let (s, c) = (-TAU * (k * i) as f32 / 16.0).sin_cos();
                    (re + xr * c - xi * s, im + xr * s + xi * c)
                });
            assert!(
                (got.0 - want.0).abs() < 1e-3 && (got.1 - want.1).abs() < 1e-3,
                "{k}"
            );
        }
    }
}
