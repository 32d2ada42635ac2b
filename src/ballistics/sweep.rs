//! The harder benchmark: scene-like degradations of the query casing ([`super::degrade`]), each
//! level run through the whole-image pass (the engine as it was) and the cell matcher on the
//! same casings, graded on ground truth. Also measures the different-gun score distribution the
//! false-match rates come from ([`super::calibration`]).

use super::align::Side;
use super::calibration::AUTO_LEAD_SCORE;
use super::degrade::{Damage, Degradation, degrade};
use super::descriptor::{Descriptor, Prepared, describe_prepared, prepare};
use super::engine::{Candidate, DEFAULT_SHORTLIST, Engine, LEAD_THRESHOLD};
use super::robust::{CELLS_SHORTLIST, RobustQuery};
use super::synth;
use std::collections::HashMap;

/// One row of the sweep.
#[derive(Debug, Clone)]
pub struct Level {
    pub name: String,
    pub degradation: Degradation,
    /// The recall@10 target for this level, if it sets one.
    pub target: Option<f32>,
}

/// The levels: noise, unreadable share as sectors and as blobs (0–50 %), contrast, rotation,
/// and the casing's own surface texture, alone and with noise.
pub fn levels() -> Vec<Level> {
    let d = Degradation::default();
    let mut out = Vec::new();
    let mut add = |name: &str, degradation: Degradation, target: Option<f32>| {
        out.push(Level {
            name: name.to_string(),
            degradation,
            target,
        })
    };
    add("none", d, None);
    for noise in [0.05, 0.10, 0.15] {
        add(
            &format!("noise σ {noise:.2}"),
            Degradation { noise, ..d },
            None,
        );
    }
    for damage in [Damage::Sector, Damage::Blobs] {
        let shape = if damage == Damage::Sector {
            "sector"
        } else {
            "blobs"
        };
        for (noise, unreadable) in [
            (0.05, 0.10),
            (0.05, 0.25),
            (0.10, 0.25),
            (0.15, 0.40),
            (0.10, 0.50),
        ] {
            let target = match (noise, unreadable) {
                (0.10, 0.25) => Some(0.95),
                (0.15, 0.40) => Some(0.80),
                _ => None,
            };
            add(
                &format!(
                    "σ {noise:.2}, {:.0}% unreadable ({shape})",
                    unreadable * 100.0
                ),
                Degradation {
                    noise,
                    unreadable,
                    damage,
                    ..d
                },
                target,
            );
        }
    }
    for contrast in [0.5, 0.3] {
        add(
            &format!("σ 0.05, contrast ×{contrast}"),
            Degradation {
                noise: 0.05,
                contrast,
                ..d
            },
            None,
        );
    }
    add(
        "σ 0.05, rotated 137°",
        Degradation {
            noise: 0.05,
            rotation_deg: 137.0,
            ..d
        },
        None,
    );
    for texture in [1.0, 2.0] {
        add(
            &format!("σ 0.05, own texture ×{texture}"),
            Degradation {
                noise: 0.05,
                texture,
                ..d
            },
            None,
        );
    }
    out
}

/// How one engine did at one level.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Grade {
    pub recall_at_1: f32,
    pub recall_at_10: f32,
    /// Best same-gun candidate at or above the engine's automatic-lead score.
    pub lead_recall: f32,
    /// Different-gun candidates in the top 10 at or above that score, per query.
    pub false_leads_per_query: f32,
    /// Different-gun candidates ranked above every same-gun one, per query (top 10).
    pub false_above_per_query: f32,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub level: Level,
    pub whole: Grade,
    pub cells: Grade,
}

/// The store the sweep runs against, kept in the working forms of both passes.
pub struct Bench {
    engine: Engine,
    truth: HashMap<String, String>,
    queries: Vec<(String, String, u32)>,
    sides: HashMap<String, Side>,
    prepared: HashMap<String, Prepared>,
    seed: u64,
}

impl Bench {
    /// Plants `guns` guns with `per_gun` casings each among `distractors` one-off casings; the
    /// first casing of each planted gun is the query, the rest are stored.
    pub fn new(guns: usize, per_gun: usize, distractors: usize, seed: u64) -> Self {
        let calibre = "9mm";
        let mut b = Self {
            engine: Engine::new(),
            truth: HashMap::new(),
            queries: Vec::new(),
            sides: HashMap::new(),
            prepared: HashMap::new(),
            seed,
        };
        let planted = (0..guns).flat_map(|g| (0..per_gun).map(move |i| (format!("SG-{g}"), i)));
        let others = (0..distractors).map(|d| (format!("SD-{d}"), 0));
        for (gun, index) in planted.chain(others) {
            let id = format!("{gun}/{index}");
            b.truth.insert(id.clone(), gun.clone());
            if index == 0 && gun.starts_with("SG-") {
                b.queries.push((id, gun, 0));
                continue;
            }
            let img = synth::fire(&gun, calibre, index as u32, seed);
            let p = prepare(&img);
            b.engine.insert(id.clone(), &describe_prepared(&p));
            b.sides.insert(id.clone(), Side::from_prepared(&p));
            b.prepared.insert(id, p);
        }
        b
    }

    pub fn stored(&self) -> usize {
        self.engine.len()
    }

    pub fn queries(&self) -> usize {
        self.queries.len()
    }

    fn query(&self, gun: &str, index: u32, level: &Level) -> Prepared {
        let img = synth::fire(gun, "9mm", index, self.seed);
        let key = format!("{gun}/{index}/{}", level.name);
        prepare(&degrade(&img, &level.degradation, &key, self.seed))
    }

    /// Runs both engines at one level.
    pub fn run(&self, level: &Level) -> Row {
        let mut whole = Tally::default();
        let mut cells = Tally::default();
        for (id, gun, index) in &self.queries {
            let p = self.query(gun, *index, level);
            let d: Descriptor = describe_prepared(&p);
            let same = |c: &Candidate| self.truth.get(&c.id) == Some(gun) && &c.id != id;
            let w = self.engine.correlate_sides(
                &p,
                &d,
                |id, _| self.sides.get(id).cloned(),
                DEFAULT_SHORTLIST,
                10,
            );
            whole.add(&w, same, LEAD_THRESHOLD);
            let c = self.engine.correlate_cells_prepared(
                &p,
                |id, _| self.prepared.get(id).cloned(),
                CELLS_SHORTLIST,
                10,
            );
            cells.add(&c, same, AUTO_LEAD_SCORE);
        }
        let n = self.queries.len();
        Row {
            level: level.clone(),
            whole: whole.grade(n),
            cells: cells.grade(n),
        }
    }

    /// The robust pass's different-gun scores for clean queries against `per_query` casings
    /// of other guns each, with the query's usable cells limited to `usable` (a contiguous
    /// sector of the rest blanked): the distribution behind [`super::calibration`].
    pub fn null_scores(&self, usable: usize, per_query: usize) -> Vec<f32> {
        let level = Level {
            name: "calibration".into(),
            degradation: Degradation {
                noise: 0.05,
                ..Degradation::default()
            },
            target: None,
        };
        let mut ids: Vec<&String> = self.prepared.keys().collect();
        ids.sort();
        let mut scores = Vec::new();
        for (qi, (_, gun, index)) in self.queries.iter().enumerate() {
            let q = RobustQuery::limit_usable(&self.query(gun, *index, &level), usable, qi);
            let others = ids
                .iter()
                .cycle()
                .skip(qi * 7919 % ids.len().max(1))
                .filter(|id| self.truth.get(**id) != Some(gun))
                .take(per_query);
            scores.extend(others.map(|id| q.score_any_rotation(&self.prepared[*id])));
        }
        scores.sort_by(f32::total_cmp);
        scores
    }
}

/// One casing against a large store: what [`Bench::at_scale`] measured.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub stored: usize,
    /// Seconds to build the coarse index from serialised descriptors (what start-up reads
    /// from the store), and the bytes it holds.
    pub build_s: f64,
    pub index_bytes: usize,
    /// Mean milliseconds per query, coarse screen plus the robust pass on the short list.
    pub ms_per_query: f64,
}

impl Bench {
    /// Fills an index of `n` casings by cycling the bench's real descriptors under fresh ids
    /// (synthesising a million distinct images would take an hour and changes nothing about
    /// the cost), then times `runs` degraded queries through the robust pass.
    pub fn at_scale(&self, n: usize, runs: usize) -> Scale {
        let mut ids: Vec<&String> = self.prepared.keys().collect();
        ids.sort();
        let blobs: Vec<Vec<u8>> = ids
            .iter()
            .map(|id| describe_prepared(&self.prepared[*id]).to_bytes())
            .collect();
        if blobs.is_empty() {
            return Scale {
                stored: 0,
                build_s: 0.0,
                index_bytes: 0,
                ms_per_query: 0.0,
            };
        }
        let t = std::time::Instant::now();
        let mut engine = Engine::new();
        for i in 0..n {
            if let Ok(d) = Descriptor::from_bytes(&blobs[i % blobs.len()]) {
                engine.insert(format!("BC-{i:07}"), &d);
            }
        }
        let build_s = t.elapsed().as_secs_f64();
        let fetch = |id: &str, _| {
            let i: usize = id.strip_prefix("BC-")?.parse().ok()?;
            self.prepared.get(ids[i % ids.len()]).cloned()
        };
        let level = Level {
            name: "scale".into(),
            degradation: Degradation {
                noise: 0.10,
                unreadable: 0.25,
                ..Degradation::default()
            },
            target: None,
        };
        let queries: Vec<Prepared> = self
            .queries
            .iter()
            .take(runs.max(1))
            .map(|(_, gun, index)| self.query(gun, *index, &level))
            .collect();
        let t = std::time::Instant::now();
        for q in &queries {
            let _ = engine.correlate_cells_prepared(q, fetch, CELLS_SHORTLIST, 10);
        }
        Scale {
            stored: engine.len(),
            build_s,
            index_bytes: engine.bytes(),
            ms_per_query: t.elapsed().as_secs_f64() * 1000.0 / queries.len().max(1) as f64,
        }
    }
}

/// The score exceeded by a share `p` of sorted scores.
pub fn exceeded_by(sorted: &[f32], p: f64) -> f32 {
    if sorted.is_empty() {
        return 0.0;
    }
    let k = ((1.0 - p) * sorted.len() as f64).floor() as usize;
    sorted[k.min(sorted.len() - 1)]
}

#[derive(Default)]
struct Tally {
    top1: usize,
    top10: usize,
    leads: usize,
    false_leads: usize,
    false_above: usize,
}

impl Tally {
    fn add(&mut self, list: &[Candidate], same: impl Fn(&Candidate) -> bool, lead: f32) {
        let top = &list[..list.len().min(10)];
        self.top1 += usize::from(top.first().is_some_and(&same));
        self.top10 += usize::from(top.iter().any(&same));
        self.leads += usize::from(top.iter().any(|c| same(c) && c.scores.combined >= lead));
        self.false_leads += top
            .iter()
            .filter(|c| !same(c) && c.scores.combined >= lead)
            .count();
        self.false_above += top.iter().take_while(|c| !same(c)).count();
    }

    fn grade(&self, n: usize) -> Grade {
        let share = |k: usize| k as f32 / n.max(1) as f32;
        Grade {
            recall_at_1: share(self.top1),
            recall_at_10: share(self.top10),
            lead_recall: share(self.leads),
            false_leads_per_query: share(self.false_leads),
            false_above_per_query: share(self.false_above),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_robust_pass_finds_the_gun_with_a_quarter_unreadable() {
        let bench = Bench::new(12, 2, 30, 5);
        let level = levels()
            .into_iter()
            .find(|l| l.target == Some(0.95))
            .expect("the σ 0.10, 25 % level");
        let row = bench.run(&level);
        assert!(row.cells.recall_at_10 >= 0.9, "{row:?}");
    }
}
