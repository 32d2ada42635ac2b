//! The ballistic side of the world: hidden crime guns, the scenes each fired at (several scenes
//! for some, by design) and which of them were later seized and test-fired.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};

use super::dist::{SeedRng, between, chance, pick, weighted};
use super::geography::MX_STATES;
use super::plan::Shooting;
use super::timeline::{Skel, seizure_id};
use crate::model::SeizureKind;

const DAY: i64 = 86_400;

/// A gun that must appear among a seizure's firearms (so a lab can test-fire it).
#[derive(Debug, Clone)]
pub(crate) struct ForcedGun {
    pub gun_key: String,
    pub class: &'static str,
}

pub(crate) struct BallisticPlan {
    pub shootings: Vec<Shooting>,
    /// Seizure index → guns that are seized there and test-fired.
    pub forced: BTreeMap<usize, Vec<ForcedGun>>,
    /// Seizure index → casings recovered at that scene (for its inventory).
    pub scene_casings: BTreeMap<usize, u32>,
}

const CLASSES: &[(&str, u32)] = &[
    ("9mm", 40),
    ("7.62x39", 30),
    ("5.56/.223", 15),
    (".38 Super", 10),
    (".45 ACP", 5),
];

pub(crate) fn gun_key(n: usize) -> String {
    format!("G-{:06}", n + 1)
}

fn at(ts: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(ts, 0).single().unwrap_or_default()
}

/// Plans `guns` crime guns over the crime scenes of the last three years.
pub(crate) fn plan(
    rng: &mut SeedRng,
    skels: &[Skel],
    guns: usize,
    now: DateTime<Utc>,
) -> BallisticPlan {
    let now = now.timestamp();
    let scenes: Vec<usize> = (0..skels.len())
        .filter(|&i| skels[i].kind == SeizureKind::CrimeScene && skels[i].at > now - 3 * 365 * DAY)
        .collect();
    let mut by_state: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &scenes {
        by_state.entry(skels[i].place).or_default().push(i);
    }
    let mut p = BallisticPlan {
        shootings: Vec::new(),
        forced: BTreeMap::new(),
        scene_casings: BTreeMap::new(),
    };
    if scenes.is_empty() {
        return p;
    }
    for g in 0..guns {
        let key = gun_key(g);
        let class = *weighted(rng, CLASSES);
        let incidents = *weighted(
            rng,
            &[(1usize, 55), (2, 20), (3, 12), (4, 7), (5, 4), (6, 2)],
        );
        let first = *pick(rng, &scenes);
        let local = &by_state[&skels[first].place];
        let mut chosen = vec![first];
        for _ in 1..incidents {
            // Serial shooters stay mostly in one state; some cross to another.
            let next = if local.len() > 1 && chance(rng, 0.8) {
                *pick(rng, local)
            } else {
                *pick(rng, &scenes)
            };
            if !chosen.contains(&next) {
                chosen.push(next);
            }
        }
        chosen.sort_unstable();
        for &i in &chosen {
            let casings = between(rng, 1, 4) as u32;
            *p.scene_casings.entry(i).or_default() += casings;
            p.shootings.push(Shooting {
                incident_id: format!("INC-MX-{}-{:05}", MX_STATES[skels[i].place].code, i + 1),
                gun_key: key.clone(),
                caliber_class: class.to_string(),
                at: at(skels[i].at),
                place: skels[i].place_label(),
                seizure_id: Some(seizure_id(i)),
                casings,
            });
        }
        let last = skels[*chosen.last().unwrap_or(&first)].at;
        let seize_p = if chosen.len() > 1 { 0.45 } else { 0.15 };
        if chance(rng, seize_p)
            && let Some(i) = later_seizure(rng, skels, last + 7 * DAY, now - DAY)
        {
            p.forced.entry(i).or_default().push(ForcedGun {
                gun_key: key,
                class,
            });
        }
    }
    add_unrelated_test_fires(rng, skels, guns, now, &mut p);
    p
}

/// A recovery (not a border find) with guns between `from` and `to`, if one exists.
fn later_seizure(rng: &mut SeedRng, skels: &[Skel], from: i64, to: i64) -> Option<usize> {
    let lo = skels.partition_point(|s| s.at < from);
    let hi = skels.partition_point(|s| s.at <= to);
    if lo >= hi {
        return None;
    }
    for _ in 0..32 {
        let i = between(rng, lo as i64, hi as i64 - 1) as usize;
        if !skels[i].is_border() && skels[i].guns > 0 {
            return Some(i);
        }
    }
    None
}

/// Seized guns test-fired as routine that match no scene: the database must hold more than
/// just the planted answers.
fn add_unrelated_test_fires(
    rng: &mut SeedRng,
    skels: &[Skel],
    guns: usize,
    now: i64,
    p: &mut BallisticPlan,
) {
    for n in 0..guns / 2 {
        if let Some(i) = later_seizure(rng, skels, now - 3 * 365 * DAY, now - DAY) {
            let class = *weighted(rng, CLASSES);
            p.forced.entry(i).or_default().push(ForcedGun {
                gun_key: gun_key(guns + n),
                class,
            });
        }
    }
}
