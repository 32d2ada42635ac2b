//! Bounded samples of what was generated, kept so seeded cases can link to real records without
//! holding a million rows in memory. Seizures arrive oldest first, so rolling windows keep the
//! most recent ones (cases should look current).

use std::collections::{BTreeMap, VecDeque};

use crate::model::{Seizure, SeizureKind};

const KEEP: usize = 16;

/// A completed trace worth linking to a case.
#[derive(Debug, Clone)]
pub(crate) struct TraceSample {
    pub trace_id: String,
    pub firearm_id: String,
    pub seizure_id: String,
    pub serial: String,
    pub ttc: i64,
    pub purchaser_id: String,
    pub purchaser_name: String,
    pub place: String,
}

/// A seizure worth linking to a case.
#[derive(Debug, Clone)]
pub(crate) struct SeizureSample {
    pub id: String,
    pub label: String,
    /// Port of entry or municipality.
    pub place: String,
    pub state: String,
    pub agency: String,
}

#[derive(Debug, Clone)]
pub(crate) struct ObliteratedSample {
    pub firearm_id: String,
    pub serial: String,
    pub seizure_id: String,
}

#[derive(Debug, Default)]
pub(crate) struct Samples {
    /// Per ring: its most recent completed traces.
    pub ring: Vec<VecDeque<TraceSample>>,
    /// Per ring: how many completed traces it has in total.
    pub ring_totals: Vec<u64>,
    /// Per dealer licence: completed traces (only the over-represented dealers are read).
    pub by_dealer: BTreeMap<String, (u64, VecDeque<TraceSample>)>,
    pub border: VecDeque<SeizureSample>,
    pub operations: VecDeque<SeizureSample>,
    pub obliterated: VecDeque<ObliteratedSample>,
}

fn keep<T>(q: &mut VecDeque<T>, x: T) {
    if q.len() == KEEP {
        q.pop_front();
    }
    q.push_back(x);
}

impl Samples {
    pub fn new(rings: usize) -> Samples {
        Samples {
            ring: vec![VecDeque::new(); rings],
            ring_totals: vec![0; rings],
            ..Samples::default()
        }
    }

    pub fn trace(&mut self, ring: Option<usize>, dealer: Option<&str>, s: TraceSample) {
        if let Some(r) = ring {
            self.ring_totals[r] += 1;
            keep(&mut self.ring[r], s.clone());
        }
        if let Some(d) = dealer {
            let e = self.by_dealer.entry(d.to_string()).or_default();
            e.0 += 1;
            keep(&mut e.1, s);
        }
    }

    pub fn seizure(&mut self, z: &Seizure, guns: usize) {
        let sample = SeizureSample {
            id: z.id.clone(),
            label: z.summary.clone(),
            place: z.port.clone().unwrap_or_else(|| z.municipality.clone()),
            state: z.state.clone(),
            agency: z.agency.clone(),
        };
        match z.kind {
            SeizureKind::BorderInspection if guns > 0 => keep(&mut self.border, sample),
            SeizureKind::Operation if guns >= 3 => keep(&mut self.operations, sample),
            _ => {}
        }
    }

    pub fn obliterated(&mut self, firearm_id: &str, serial: &str, seizure_id: &str) {
        keep(
            &mut self.obliterated,
            ObliteratedSample {
                firearm_id: firearm_id.into(),
                serial: serial.into(),
                seizure_id: seizure_id.into(),
            },
        );
    }
}
