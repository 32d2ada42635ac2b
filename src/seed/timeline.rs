//! The skeleton of every seizure, planned before any detail: when, what kind, where and how many
//! guns. Planning first lets ids follow time order and lets the ballistic plan pick scenes and
//! later seizures of the same gun before the batches are written.

use chrono::{DateTime, Utc};

use super::dist::{SeedRng, between, weighted, weighted_index};
use super::geography::{MX_STATES, PORTS};
use crate::model::SeizureKind;

const DAY: i64 = 86_400;

/// One planned seizure.
#[derive(Debug, Clone)]
pub(crate) struct Skel {
    /// Unix seconds.
    pub at: i64,
    pub kind: SeizureKind,
    /// Index into [`PORTS`] for border inspections, else into [`MX_STATES`].
    pub place: usize,
    /// Index into the state's municipalities (unused for ports).
    pub muni: usize,
    pub guns: u32,
}

impl Skel {
    pub fn is_border(&self) -> bool {
        self.kind == SeizureKind::BorderInspection
    }

    /// "Municipality, State" or "Port, State".
    pub fn place_label(&self) -> String {
        if self.is_border() {
            let p = &PORTS[self.place];
            format!("{}, {}", p.name, p.state)
        } else {
            let s = &MX_STATES[self.place];
            format!(
                "{}, {}",
                s.municipalities[self.muni % s.municipalities.len()],
                s.name
            )
        }
    }
}

pub(crate) fn seizure_id(index: usize) -> String {
    format!("SZ-{:06}", index + 1)
}

/// Seconds before `now`: 3% in the last two weeks, 8% in the quarter before, the rest over
/// seven years with more toward the present (the programme is ramping up).
fn age_secs(rng: &mut SeedRng) -> i64 {
    let bucket = *weighted(rng, &[(0u8, 3), (1, 8), (2, 89)]);
    let days = match bucket {
        0 => between(rng, 0, 14 * DAY - 1),
        1 => between(rng, 14 * DAY, 90 * DAY),
        _ => {
            let u: f64 = rand::Rng::random(rng);
            (90.0 * DAY as f64 + u.powf(1.4) * (7.0 * 365.0 - 90.0) * DAY as f64) as i64
        }
    };
    days.max(600)
}

/// Guns in one seizure: border loads are a handful to a few dozen; crime scenes one or two;
/// operations anywhere from one to a cache of dozens.
fn guns_for(rng: &mut SeedRng, kind: SeizureKind) -> u32 {
    let (lo, hi) = match kind {
        SeizureKind::BorderInspection => {
            *weighted(rng, &[((1, 3), 60), ((4, 12), 30), ((13, 40), 10)])
        }
        SeizureKind::CrimeScene => *weighted(rng, &[((0, 0), 10), ((1, 1), 60), ((2, 3), 30)]),
        SeizureKind::Operation => *weighted(rng, &[((1, 2), 50), ((3, 6), 35), ((7, 30), 15)]),
    };
    between(rng, lo, hi) as u32
}

/// Plans seizures until their guns reach `target`, sorted oldest first, covering all 32 states.
pub(crate) fn plan(rng: &mut SeedRng, target: u64, now: DateTime<Utc>) -> Vec<Skel> {
    let now = now.timestamp();
    let mut out = Vec::new();
    let mut guns = 0u64;
    while guns < target {
        let kind = *weighted(
            rng,
            &[
                (SeizureKind::BorderInspection, 10),
                (SeizureKind::CrimeScene, 50),
                (SeizureKind::Operation, 40),
            ],
        );
        let (place, muni) = if kind == SeizureKind::BorderInspection {
            (weighted_index(rng, PORTS, |p| p.weight), 0)
        } else {
            let s = weighted_index(rng, MX_STATES, |s| s.weight);
            (
                s,
                between(rng, 0, MX_STATES[s].municipalities.len() as i64 - 1) as usize,
            )
        };
        let n = guns_for(rng, kind);
        guns += u64::from(n);
        out.push(Skel {
            at: now - age_secs(rng),
            kind,
            place,
            muni,
            guns: n,
        });
    }
    out.sort_by_key(|s| s.at);
    cover_all_states(rng, &mut out);
    out
}

/// Every Mexican state must appear, even at the small scale: a missing state takes over a
/// random recovery elsewhere.
fn cover_all_states(rng: &mut SeedRng, skels: &mut [Skel]) {
    let mx: Vec<usize> = (0..skels.len())
        .filter(|&i| !skels[i].is_border())
        .collect();
    if mx.len() < MX_STATES.len() {
        return;
    }
    let mut counts = vec![0usize; MX_STATES.len()];
    for &i in &mx {
        counts[skels[i].place] += 1;
    }
    for state in 0..MX_STATES.len() {
        // Take from a state that appears more than once, so no state is uncovered in turn.
        while counts[state] == 0 {
            let i = mx[between(rng, 0, mx.len() as i64 - 1) as usize];
            let old = skels[i].place;
            if counts[old] > 1 {
                counts[old] -= 1;
                counts[state] += 1;
                skels[i].place = state;
                skels[i].muni = 0;
            }
        }
    }
}

/// The status a seizure of this age has in the triage queue.
pub(crate) fn status_for(rng: &mut SeedRng, age_days: i64) -> crate::model::TriageStatus {
    use crate::model::TriageStatus::*;
    let table: &[(crate::model::TriageStatus, u32)] = match age_days {
        0..=2 => &[(New, 75), (InReview, 25)],
        3..=14 => &[(New, 35), (InReview, 35), (TracesRequested, 30)],
        15..=60 => &[
            (InReview, 10),
            (TracesRequested, 40),
            (Linked, 25),
            (Closed, 25),
        ],
        _ => &[(TracesRequested, 3), (Linked, 25), (Closed, 72)],
    };
    *weighted(rng, table)
}
