//! The greyscale image type shared by the synthesiser, the engine and the console's drawing helpers.

/// An 8-bit greyscale image, row-major. Casing images are square, but nothing here assumes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Gray {
    /// A black image.
    pub fn new(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            pixels: vec![0; width * height],
        }
    }

    /// Wraps raw row-major bytes; `None` when the length does not match, so a truncated blob from
    /// storage is refused rather than read out of bounds.
    pub fn from_raw(width: usize, height: usize, pixels: Vec<u8>) -> Option<Self> {
        (pixels.len() == width * height && width > 0 && height > 0).then_some(Self {
            width,
            height,
            pixels,
        })
    }

    /// A square image from `size`² bytes (the shape the casings table stores).
    pub fn square(size: usize, pixels: Vec<u8>) -> Option<Self> {
        Self::from_raw(size, size, pixels)
    }

    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// The geometric centre in pixel coordinates (pixel centres sit on integers).
    pub fn centre(&self) -> (f32, f32) {
        (
            (self.width as f32 - 1.0) / 2.0,
            (self.height as f32 - 1.0) / 2.0,
        )
    }

    /// Pixels as floats in 0..=1, the working form of the engine.
    pub fn to_f32(&self) -> Plane {
        Plane {
            width: self.width,
            height: self.height,
            data: self.pixels.iter().map(|&p| f32::from(p) / 255.0).collect(),
        }
    }
}

/// A float image; the engine works on these so detrending and interpolation keep precision.
#[derive(Debug, Clone, PartialEq)]
pub struct Plane {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

impl Plane {
    /// Bilinear sample at a sub-pixel position; outside the image the nearest edge value is used,
    /// which is harmless because the engine only samples inside the primer disc.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        if self.width == 0 || self.height == 0 {
            return 0.0;
        }
        let max_x = (self.width - 1) as f32;
        let max_y = (self.height - 1) as f32;
        let x = x.clamp(0.0, max_x);
        let y = y.clamp(0.0, max_y);
        let x0 = x.floor() as usize;
        let y0 = y.floor() as usize;
        let x1 = (x0 + 1).min(self.width - 1);
        let y1 = (y0 + 1).min(self.height - 1);
        let fx = x - x0 as f32;
        let fy = y - y0 as f32;
        let row0 = y0 * self.width;
        let row1 = y1 * self.width;
        let top = self.data[row0 + x0] * (1.0 - fx) + self.data[row0 + x1] * fx;
        let bottom = self.data[row1 + x0] * (1.0 - fx) + self.data[row1 + x1] * fx;
        top * (1.0 - fy) + bottom * fy
    }
}

/// Box-filtered downsample to `w`×`h` bytes, for drawing a casing in a few terminal cells: each
/// output pixel averages the source pixels it covers, so fine texture turns to grey rather than
/// aliasing into false patterns.
pub fn downsample(img: &Gray, w: usize, h: usize) -> Vec<u8> {
    if w == 0 || h == 0 || img.width == 0 || img.height == 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(w * h);
    for oy in 0..h {
        let (y0, y1) = span(oy, h, img.height);
        for ox in 0..w {
            let (x0, x1) = span(ox, w, img.width);
            let mut sum = 0u32;
            for y in y0..y1 {
                let row = &img.pixels[y * img.width..(y + 1) * img.width];
                sum += row[x0..x1].iter().map(|&p| u32::from(p)).sum::<u32>();
            }
            let count = ((y1 - y0) * (x1 - x0)).max(1) as u32;
            out.push((sum / count) as u8);
        }
    }
    out
}

/// Source index range covered by output cell `i` of `n` over a source of length `len`; never
/// empty, so upsampling (n > len) repeats pixels instead of dividing by zero.
fn span(i: usize, n: usize, len: usize) -> (usize, usize) {
    let start = (i * len / n).min(len - 1);
    let end = ((i + 1) * len / n).max(start + 1).min(len);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downsample_averages_blocks() {
        let img = Gray::from_raw(4, 2, vec![0, 255, 10, 10, 255, 0, 30, 30]).unwrap();
        assert_eq!(downsample(&img, 2, 1), vec![127, 20]);
        assert_eq!(downsample(&img, 8, 4).len(), 32);
    }

    #[test]
    fn bilinear_interpolates_between_pixels() {
        let p = Gray::from_raw(2, 1, vec![0, 255]).unwrap().to_f32();
        assert!((p.sample(0.5, 0.0) - 0.5).abs() < 1e-6);
        assert!((p.sample(-3.0, 0.0)).abs() < 1e-6);
    }

    #[test]
    fn raw_length_is_checked() {
        assert!(Gray::square(3, vec![0; 8]).is_none());
        assert!(Gray::square(3, vec![0; 9]).is_some());
    }
}
