//! Ballistic imaging: synthetic toolmark images and the correlation engine (pure, no I/O).
//!
//! The images are synthetic: [`synth`] draws each hidden gun's breech-face texture and
//! firing-pin crater onto 64×64 greyscale casings under random rotation, shift, wear and noise.
//! The engine never sees which gun fired a casing. It works in two passes:
//!
//! 1. **Coarse** ([`descriptor`]): find the primer by its dark gap ring, remove the rotationally
//!    symmetric look, resample in polar form and keep 16 angular harmonics of every second
//!    ring (288 floats). Comparing two descriptors searches all rotations at once in the
//!    frequency domain, so [`Engine::shortlist`] screens 100,000 casings in tens of ms.
//! 2. **Fine** ([`align`]): each short-listed casing is aligned onto the query by rotation and
//!    sub-pixel shift, and the breech-face annulus and the firing-pin region are scored by
//!    normalised cross-correlation; the combined score decides rank and leads
//!    ([`LEAD_THRESHOLD`]).
//!
//! [`eval::evaluate`] measures recall, false leads and speed on planted guns.

pub mod align;
pub mod calibration;
pub mod cells;
pub mod degrade;
pub mod descriptor;
pub mod engine;
pub mod eval;
pub mod evidence;
pub mod fft;
pub mod image;
pub mod polar;
pub mod robust;
pub mod sweep;
pub mod synth;

pub use align::{aligned_difference, aligned_overlay};
pub use descriptor::{Descriptor, DescriptorError, describe};
pub use engine::{Candidate, CellEvidence, Correlation, Engine, LEAD_THRESHOLD, correlate};
pub use eval::{EvalReport, evaluate};
pub use image::{Gray, Plane, downsample};
