//! The fixed cast generated before any seizure: dealers (with a few heavily over-represented
//! ones), wholesale distributors and the straw-purchasing rings an investigator can uncover.

use chrono::{DateTime, Duration, Utc};

use super::corridors::{self, Recovery};
use super::dist::{SeedRng, apportioned, between, chance, pick};
use super::geography::US_STATES;
use super::names;
use crate::server::store::{DealerRow, PersonRow};

/// A straw purchaser or associate in a ring.
#[derive(Debug, Clone)]
pub(crate) struct RingMember {
    pub id: String,
    pub name: String,
}

/// A straw-purchasing ring: one main buyer and a few related buyers shopping at the same
/// dealers, whose guns turn up in Mexico within months.
#[derive(Debug, Clone)]
pub(crate) struct Ring {
    /// `members[0]` is the main purchaser, behind most of the ring's guns.
    pub members: Vec<RingMember>,
    /// Indices into [`World::dealers`]; the first is one of the over-represented dealers.
    pub dealers: Vec<usize>,
    /// Recoveries of this ring's guns fall in this window.
    pub active_from: DateTime<Utc>,
    pub active_to: DateTime<Utc>,
}

pub(crate) struct World {
    pub dealers: Vec<DealerRow>,
    /// Dealer indices per entry of [`US_STATES`].
    pub by_state: Vec<Vec<usize>>,
    /// The over-represented dealers.
    pub hot: Vec<usize>,
    /// Wholesale distributors (also FFLs; stored with the dealers).
    pub distributors: Vec<DealerRow>,
    pub rings: Vec<Ring>,
    pub ring_persons: Vec<PersonRow>,
    /// Persons numbered so far (ring members take the first ids).
    pub persons_issued: u64,
}

/// FFL-style licence: `region-district-county-type-expiry-sequence`, e.g. `5-74-123-01-2K-12345`.
/// The sequence is a bijection of `n`, so licences never collide.
fn license(rng: &mut SeedRng, region: u8, district: u8, kind: &str, n: usize) -> String {
    const MONTHS: &[u8] = b"ABCDEFGHJKLM";
    let county = between(rng, 1, 999);
    let year_digit = between(rng, 0, 9);
    let month = MONTHS[between(rng, 0, 11) as usize] as char;
    let seq = (n as u64 * 7_919 + 13) % 90_000 + 10_000;
    format!("{region}-{district:02}-{county:03}-{kind}-{year_digit}{month}-{seq:05}")
}

/// The four border states (indices into [`US_STATES`]) weighted by their shares of traced
/// guns' purchase states (2022–23: TX 43%, AZ 22%, CA 9%, NM 3%), normalised among the four.
const BORDER_STATES: &[(usize, u32)] = &[(0, 56), (1, 29), (2, 11), (3, 4)];

pub(crate) fn person_id(n: u64) -> String {
    format!("P-{n:06}")
}

impl World {
    pub(crate) fn generate(
        rng: &mut SeedRng,
        dealers: usize,
        rings: usize,
        now: DateTime<Utc>,
    ) -> World {
        let total: u32 = US_STATES.iter().map(|s| s.weight).sum();
        let mut w = World {
            dealers: Vec::with_capacity(dealers),
            by_state: vec![Vec::new(); US_STATES.len()],
            hot: Vec::new(),
            distributors: Vec::new(),
            rings: Vec::new(),
            ring_persons: Vec::new(),
            persons_issued: 0,
        };
        for (si, s) in US_STATES.iter().enumerate() {
            let n = ((dealers as u64 * u64::from(s.weight)) / u64::from(total)).max(2) as usize;
            for _ in 0..n {
                let pawn = chance(rng, 0.2);
                let kind = if pawn { "02" } else { "01" };
                let idx = w.dealers.len();
                w.dealers.push(DealerRow {
                    license: license(rng, s.region, s.district, kind, idx),
                    name: names::dealer(rng, pawn),
                    city: pick(rng, s.cities).to_string(),
                    state: s.code.to_string(),
                    kind: kind.to_string(),
                });
                w.by_state[si].push(idx);
            }
        }
        w.pick_hot(rng, (dealers / 150).max(5));
        w.make_distributors(rng);
        for i in 0..rings {
            let ring = w.make_ring(rng, i, now);
            w.rings.push(ring);
        }
        w
    }

    /// Over-represented dealers sit in the four border states in proportion to the purchase
    /// states of traced guns (TX 43%, AZ 22%, CA 9%, NM 3% of all, so 56/29/11/4 among the
    /// four), dealt out evenly rather than drawn so that the shares hold at every scale.
    fn pick_hot(&mut self, rng: &mut SeedRng, n: usize) {
        let mut i = 0;
        while self.hot.len() < n {
            let si = apportioned(BORDER_STATES, i);
            i += 1;
            let d = *pick(rng, &self.by_state[si]);
            if !self.hot.contains(&d) {
                self.hot.push(d);
            }
        }
    }

    /// The over-represented dealers of one state (indices into [`US_STATES`]).
    fn hot_in(&self, state: usize) -> Vec<usize> {
        self.hot
            .iter()
            .copied()
            .filter(|&d| self.state_of(d) == state)
            .collect()
    }

    fn make_distributors(&mut self, rng: &mut SeedRng) {
        for (i, (name, code)) in names::DISTRIBUTORS.iter().enumerate() {
            let s = US_STATES
                .iter()
                .find(|s| s.code == *code)
                .unwrap_or(&US_STATES[0]);
            self.distributors.push(DealerRow {
                license: license(rng, s.region, s.district, "01", 90_000 - 1 - i),
                name: (*name).to_string(),
                city: pick(rng, s.cities).to_string(),
                state: s.code.to_string(),
                kind: "01".to_string(),
            });
        }
    }

    fn new_person(&mut self, rng: &mut SeedRng, name: String, state: usize) -> RingMember {
        self.persons_issued += 1;
        let id = person_id(self.persons_issued);
        let s = &US_STATES[state];
        self.ring_persons.push(PersonRow {
            id: id.clone(),
            name: name.clone(),
            birth_year: Some(between(rng, 1975, 2003) as i32),
            city: Some(pick(rng, s.cities).to_string()),
            state: Some(s.code.to_string()),
        });
        RingMember { id, name }
    }

    /// Ring 0 is active right up to now, so the demo's current queue holds its guns. Rings live
    /// in the border states in the proportions of the purchase states (dealt out evenly, as the
    /// over-represented dealers are) and shop first at one of their state's over-represented
    /// dealers.
    fn make_ring(&mut self, rng: &mut SeedRng, i: usize, now: DateTime<Utc>) -> Ring {
        let home = apportioned(BORDER_STATES, i);
        let main_name = names::person(rng, true);
        let mut members = vec![self.new_person(rng, main_name.clone(), home)];
        for _ in 0..between(rng, 2, 5) {
            let name = if chance(rng, 0.5) {
                names::relative_of(rng, &main_name)
            } else {
                names::person(rng, true)
            };
            members.push(self.new_person(rng, name, home));
        }
        let local = self.hot_in(home);
        let mut dealers = vec![*pick(
            rng,
            if local.is_empty() { &self.hot } else { &local },
        )];
        for _ in 0..between(rng, 1, 2) {
            let d = *pick(rng, &self.by_state[home]);
            if !dealers.contains(&d) {
                dealers.push(d);
            }
        }
        let (active_from, active_to) = if i == 0 {
            (now - Duration::days(3 * 365), now)
        } else {
            let end_days_ago = between(rng, 0, 6 * 365);
            let len = between(rng, 2 * 365, 4 * 365);
            (
                now - Duration::days(end_days_ago + len),
                now - Duration::days(end_days_ago),
            )
        };
        Ring {
            members,
            dealers,
            active_from,
            active_to,
        }
    }

    /// A retail dealer for an ordinary (non-ring) sale of a gun recovered at `r`: the state of
    /// purchase follows the trafficking corridor of the recovery; within it the state's
    /// over-represented dealers get a share far above their number (so they stand out without
    /// moving the state shares), the rest is uniform.
    pub(crate) fn ordinary_dealer(&self, rng: &mut SeedRng, r: Recovery) -> usize {
        let si = corridors::source_state(rng, r);
        let hot = self.hot_in(si);
        if !hot.is_empty() && chance(rng, 0.15) {
            return *pick(rng, &hot);
        }
        *pick(rng, &self.by_state[si])
    }

    /// A distributor, preferring one in the dealer's state.
    pub(crate) fn distributor_for(&self, rng: &mut SeedRng, state: &str) -> &DealerRow {
        let local: Vec<&DealerRow> = self
            .distributors
            .iter()
            .filter(|d| d.state == state)
            .collect();
        if !local.is_empty() && chance(rng, 0.7) {
            let d: &&DealerRow = pick(rng, &local);
            return d;
        }
        pick(rng, &self.distributors)
    }

    /// Index into [`US_STATES`] of a dealer.
    pub(crate) fn state_of(&self, dealer: usize) -> usize {
        US_STATES
            .iter()
            .position(|s| s.code == self.dealers[dealer].state)
            .unwrap_or(0)
    }

    /// All FFL rows to store: retail dealers and distributors.
    pub(crate) fn dealer_rows(&self) -> Vec<DealerRow> {
        self.dealers
            .iter()
            .chain(self.distributors.iter())
            .cloned()
            .collect()
    }
}
