//! Ballistic imaging: synthetic toolmark images and the correlation engine (pure, no I/O).
