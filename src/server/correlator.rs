//! Correlation on acquisition: one in-memory engine per calibre class, built from the stored
//! descriptors the first time a class is queried (descriptors missing from older rows are
//! computed from their images and saved), then kept current as casings arrive.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::ballistics::descriptor::Descriptor;
use crate::ballistics::engine::{DEFAULT_SHORTLIST, DEFAULT_TOP, Engine, LEAD_THRESHOLD};
use crate::ballistics::image::Gray;
use crate::model::{Casing, NewCasing, User};
use crate::server::store::{Acquisition, CandidateRow, Store, StoreError, StoreResult, Written};

#[derive(Default)]
pub struct Correlator {
    /// Held for a whole acquisition, so each new casing is compared with every earlier one.
    engines: Mutex<HashMap<String, Engine>>,
}

impl Correlator {
    /// Correlates and stores a new casing (blocking: call from the blocking pool).
    pub fn acquire(
        &self,
        store: &dyn Store,
        casing: NewCasing,
        image: Vec<u8>,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Casing>> {
        let side = casing.image_size as usize;
        let gray = Gray::square(side, image.clone()).ok_or_else(|| {
            StoreError::Invalid("the image must be image_size × image_size bytes".into())
        })?;
        let mut engines = self
            .engines
            .lock()
            .map_err(|_| StoreError::Internal("correlator lock poisoned".into()))?;
        if !engines.contains_key(&casing.caliber_class) {
            let engine = load_engine(store, &casing.caliber_class)?;
            engines.insert(casing.caliber_class.clone(), engine);
        }
        let engine = engines
            .get_mut(&casing.caliber_class)
            .ok_or_else(|| StoreError::Internal("engine missing".into()))?;
        let fetch = |id: &str| stored_image(store, id);
        let result = engine.correlate(&gray, fetch, DEFAULT_SHORTLIST, DEFAULT_TOP);
        let candidates = result
            .candidates
            .iter()
            .map(|c| CandidateRow {
                casing_id: String::new(),
                candidate_id: c.id.clone(),
                rank: c.rank,
                scores: c.scores,
                rotation_deg: c.rotation_deg,
                shift_x: c.shift_x,
                shift_y: c.shift_y,
            })
            .collect();
        let acq = Acquisition {
            casing,
            image,
            descriptor: result.descriptor.to_bytes(),
            candidates,
            threshold: LEAD_THRESHOLD,
        };
        let written = store.acquire_casing(&acq, by, idem)?;
        if let Some(c) = &written.value {
            engine.insert(c.id.clone(), &result.descriptor);
        }
        Ok(written)
    }
}

fn stored_image(store: &dyn Store, id: &str) -> Option<Gray> {
    let (side, pixels) = store.casing_image(id).ok()??;
    Gray::square(side as usize, pixels)
}

/// Builds the engine of one calibre class, computing and saving descriptors that are missing.
fn load_engine(store: &dyn Store, caliber: &str) -> StoreResult<Engine> {
    let mut engine = Engine::new();
    let mut computed = Vec::new();
    for (id, bytes) in store.casing_descriptors(caliber)? {
        let descriptor = match bytes.as_deref().map(Descriptor::from_bytes) {
            Some(Ok(d)) => d,
            _ => {
                let Some(img) = stored_image(store, &id) else {
                    tracing::warn!("casing {id} has no readable image; left out of correlation");
                    continue;
                };
                let d = crate::ballistics::descriptor::describe(&img);
                computed.push((id.clone(), d.to_bytes()));
                d
            }
        };
        engine.insert(id, &descriptor);
    }
    if !computed.is_empty() {
        store.save_descriptors(&computed)?;
    }
    Ok(engine)
}
