//! Ballistic imaging: synthetic toolmark images and the correlation engine (pure, no I/O).

pub mod align;
pub mod descriptor;
pub mod engine;
pub mod eval;
pub mod fft;
pub mod image;
pub mod polar;
pub mod synth;

pub use image::{Gray, Plane, downsample};
