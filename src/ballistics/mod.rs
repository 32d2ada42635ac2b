//! Ballistic imaging: synthetic toolmark images and the correlation engine (pure, no I/O).

pub mod descriptor;
pub mod fft;
pub mod image;
pub mod polar;
pub mod synth;

pub use image::{Gray, Plane, downsample};
