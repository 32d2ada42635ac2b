//! Turning one planned seizure into records: the seizure, its firearms, their traces, purchasers
//! and multiple-sale reports, appended to the current import batch.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::catalog::Model;
use super::corridors::Recovery;
use super::dist::{SeedRng, between, chance, pick};
use super::firearms::{self, Draft};
use super::geography::{MX_STATES, PORTS};
use super::names;
use super::plan::TestFire;
use super::samples::{Samples, TraceSample};
use super::seizures;
use super::shootings::ForcedGun;
use super::timeline::{self, Skel, seizure_id};
use super::traces::{self, RingBuy, TraceIds, TraceInput};
use super::world::World;
use crate::model::{
    Country, Firearm, ItemKind, MultipleSale, Seizure, SeizureItem, SeizureKind, TriageStatus,
};
use crate::server::store::ImportBatch;

/// Generator state that lives across batches.
pub(crate) struct Gen {
    pub rng: SeedRng,
    pub now: DateTime<Utc>,
    pub world: World,
    pub ids: TraceIds,
    pub firearms_issued: u64,
    pub batch: ImportBatch,
    pub seizures: u64,
    pub traces: u64,
    pub test_fires: Vec<TestFire>,
    pub samples: Samples,
}

/// One firearm slot of a seizure: what decided its model.
enum Slot<'a> {
    Forced(&'a ForcedGun),
    /// The `n`th ring gun of the seizure.
    Ring(usize),
    Ordinary,
}

/// The ring guns of one seizure: the purchases behind them (one per straw buyer whose guns the
/// trafficker put in this load), how many guns, and whether rifles.
struct RingLoad {
    buys: Vec<RingBuy>,
    guns: usize,
    rifles: bool,
}

/// What every firearm of one seizure shares.
struct SeizureCtx<'a> {
    skel: &'a Skel,
    crime_code: &'static str,
    case_number: Option<String>,
    ring: Option<&'a RingLoad>,
}

/// The seizure's record with its place filled in from the skeleton; items come later.
fn empty_seizure(
    skel: &Skel,
    id: String,
    status: TriageStatus,
    occurred: DateTime<Utc>,
    agency: String,
) -> Seizure {
    let (country, state, municipality, port) = if skel.is_border() {
        let p = &PORTS[skel.place];
        (
            Country::US,
            p.state.to_string(),
            p.city.to_string(),
            Some(p.name.to_string()),
        )
    } else {
        let s = &MX_STATES[skel.place];
        let muni = s.municipalities[skel.muni % s.municipalities.len()];
        (Country::MX, s.name.to_string(), muni.to_string(), None)
    };
    Seizure {
        id,
        kind: skel.kind,
        status,
        occurred_at: occurred,
        country,
        state,
        municipality,
        port,
        agency,
        conveyance: None,
        concealment: None,
        summary: String::new(),
        items: Vec::new(),
        trace_ids: Vec::new(),
        case_ids: Vec::new(),
        updated_at: occurred,
    }
}

/// The corridor key of a planned seizure: its Mexican state, or the US state of its port.
fn recovery_of(skel: &Skel) -> Recovery {
    if skel.is_border() {
        Recovery::Port(PORTS[skel.place].state)
    } else {
        Recovery::Mexico(MX_STATES[skel.place].code)
    }
}

fn at(ts: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(ts, 0).single().unwrap_or_default()
}

impl Gen {
    pub(crate) fn new(rng: SeedRng, now: DateTime<Utc>, world: World) -> Gen {
        let rings = world.rings.len();
        Gen {
            rng,
            now,
            world,
            ids: TraceIds::default(),
            firearms_issued: 0,
            batch: ImportBatch::default(),
            seizures: 0,
            traces: 0,
            test_fires: Vec::new(),
            samples: Samples::new(rings),
        }
    }

    /// Generates seizure number `index` from its skeleton.
    pub(crate) fn seizure(
        &mut self,
        index: usize,
        skel: &Skel,
        forced: &[ForcedGun],
        scene_casings: u32,
    ) {
        let occurred = at(skel.at);
        let age_days = (self.now - occurred).num_days();
        let status = timeline::status_for(&mut self.rng, age_days);
        let agency = seizures::agency(&mut self.rng, skel);
        let (conveyance, concealment) = seizures::transport(&mut self.rng, skel.kind);
        let mut z = empty_seizure(skel, seizure_id(index), status, occurred, agency);
        let guns = (skel.guns as usize).max(forced.len());
        let ring = self.ring_buy(skel, occurred, guns - forced.len());
        let ring_n = ring.as_ref().map_or(0, |l| l.guns);
        let mut slots: Vec<Slot<'_>> = forced.iter().map(Slot::Forced).collect();
        slots.extend((0..ring_n).map(Slot::Ring));
        slots.extend((slots.len()..guns).map(|_| Slot::Ordinary));

        let ctx = SeizureCtx {
            skel,
            crime_code: seizures::crime_code(&mut self.rng, skel.kind),
            case_number: self.case_number(skel, occurred),
            ring: ring.as_ref(),
        };
        let models: Vec<&'static Model> = slots
            .iter()
            .map(|slot| self.firearm(&ctx, &mut z, slot))
            .collect();
        z.items.extend(seizures::extra_items(
            &mut self.rng,
            skel.kind,
            &models,
            scene_casings,
        ));
        z.summary = seizures::summary(skel, &models, conveyance.as_deref(), concealment.as_deref());
        z.conveyance = conveyance;
        z.concealment = concealment;
        if status != TriageStatus::New {
            let later = between(&mut self.rng, 600, age_days.clamp(1, 30) * 86_400);
            z.updated_at = (occurred + Duration::seconds(later)).min(self.now);
        }
        self.samples.seizure(&z, guns);
        self.batch.seizures.push(z);
        self.seizures += 1;
    }

    /// One firearm of seizure `z`: its record, its inventory line, and its trace when the
    /// seizure has reached tracing. Returns the model for the seizure's summary.
    fn firearm(
        &mut self,
        ctx: &SeizureCtx<'_>,
        z: &mut Seizure,
        slot: &Slot<'_>,
    ) -> &'static Model {
        let (model, allow_damage) = match slot {
            Slot::Forced(g) => (firearms::model_of_class(&mut self.rng, g.class), true),
            Slot::Ring(_) => {
                let rifles = ctx.ring.is_some_and(|l| l.rifles);
                (firearms::ring_model(&mut self.rng, rifles), false)
            }
            Slot::Ordinary => (
                firearms::any_model(&mut self.rng, ctx.skel.is_border()),
                true,
            ),
        };
        let draft = firearms::draft(&mut self.rng, model, allow_damage);
        self.firearms_issued += 1;
        let fid = format!("FA-{:07}", self.firearms_issued);
        let is_ring = matches!(slot, Slot::Ring(_));
        let traced = matches!(
            z.status,
            TriageStatus::TracesRequested | TriageStatus::Linked | TriageStatus::Closed
        );
        let trace_id = if traced && chance(&mut self.rng, if is_ring { 0.9 } else { 0.85 }) {
            let input = TraceInput {
                firearm_id: &fid,
                seizure_id: &z.id,
                draft: &draft,
                recovered: z.occurred_at,
                place: ctx.skel.place_label(),
                agency: seizures::tracing_agency(&z.agency, ctx.skel.is_border()),
                crime_code: ctx.crime_code,
                case_number: ctx.case_number.clone(),
                pending: z.status == TriageStatus::TracesRequested,
                ring: match (slot, ctx.ring) {
                    (Slot::Ring(n), Some(l)) => l.buys.get(n % l.buys.len()),
                    _ => None,
                },
                recovery: recovery_of(ctx.skel),
            };
            Some(self.trace(&input))
        } else {
            None
        };
        if let Slot::Forced(g) = slot {
            self.test_fire(g, &fid, &z.id, ctx.skel, z.occurred_at);
        }
        if draft.state.obliterated() {
            self.samples.obliterated(&fid, &draft.serial, &z.id);
        }
        z.items.push(SeizureItem {
            kind: ItemKind::Firearm,
            quantity: 1,
            description: firearms::describe(draft.model, !ctx.skel.is_border()),
            firearm_id: Some(fid.clone()),
        });
        let (sid, recovered) = (z.id.clone(), z.occurred_at);
        let es = !ctx.skel.is_border();
        self.push_firearm(fid, &draft, &sid, trace_id, recovered, es);
        model
    }

    /// About half of trace requests carry the requester's own case number.
    fn case_number(&mut self, skel: &Skel, occurred: DateTime<Utc>) -> Option<String> {
        use chrono::Datelike;
        if !chance(&mut self.rng, 0.5) {
            return None;
        }
        Some(if skel.is_border() {
            names::us_case_number(&mut self.rng, occurred.year())
        } else {
            names::mx_case_number(&mut self.rng, MX_STATES[skel.place].code, occurred.year())
        })
    }

    /// Whether some of this seizure's guns were bought by a ring active at the time, and if so
    /// by whom. A trafficker pools the guns of several straw buyers into one load, so most (70%)
    /// of the loads of two or more guns hold a second member's purchase too (the co-purchasers an
    /// analyst links through the seizures they share).
    fn ring_buy(&mut self, skel: &Skel, occurred: DateTime<Utc>, free: usize) -> Option<RingLoad> {
        if free == 0
            || skel.kind == SeizureKind::CrimeScene && chance(&mut self.rng, 0.5)
            || !chance(&mut self.rng, 0.10)
        {
            return None;
        }
        let rings = self.world.rings.len();
        let r = (0..6)
            .map(|_| between(&mut self.rng, 0, rings as i64 - 1) as usize)
            .find(|&r| {
                self.world.rings[r].active_from <= occurred
                    && occurred <= self.world.rings[r].active_to
            })?;
        let members = self.world.rings[r].members.len();
        let guns = (between(&mut self.rng, 1, 4) as usize).min(free);
        let rifles = chance(&mut self.rng, 0.75);
        let first = if chance(&mut self.rng, 0.45) {
            0
        } else {
            between(&mut self.rng, 1, members as i64 - 1) as usize
        };
        let mut buyers = vec![first];
        if guns >= 2 && chance(&mut self.rng, 0.7) {
            let other = (first + between(&mut self.rng, 1, members as i64 - 1) as usize) % members;
            buyers.push(other);
        }
        // Buyer `i` of `k` bought the load's guns `i`, `i + k`, …
        let k = buyers.len();
        let buys = buyers
            .into_iter()
            .enumerate()
            .map(|(i, member)| self.purchase(r, member, (guns - i).div_ceil(k), rifles, occurred))
            .collect();
        Some(RingLoad { buys, guns, rifles })
    }

    /// One ring member's purchase of `n` guns at one of the ring's dealers, with the
    /// multiple-sale report it calls for.
    fn purchase(
        &mut self,
        r: usize,
        member: usize,
        n: usize,
        rifles: bool,
        occurred: DateTime<Utc>,
    ) -> RingBuy {
        let ring = &self.world.rings[r];
        let dealer = if chance(&mut self.rng, 0.5) {
            ring.dealers[0]
        } else {
            *pick(&mut self.rng, &ring.dealers)
        };
        // Planted rings' guns surface fast: time-to-crime well under a year.
        let date = occurred.date_naive() - Duration::days(between(&mut self.rng, 20, 300));
        let d = &self.world.dealers[dealer];
        let kind = if rifles {
            crate::model::FirearmType::Rifle
        } else {
            crate::model::FirearmType::Pistol
        };
        let report = traces::report_form(kind, true, &d.state, date).map(|form| MultipleSale {
            form: form.to_string(),
            date,
            count: (n as i64 + between(&mut self.rng, 1, 3)) as u32,
            dealer_license: d.license.clone(),
        });
        if let Some(ms) = &report {
            let row = traces::report_row(&mut self.ids, &ring.members[member].id, ms);
            self.batch.multiple_sales.push(row);
        }
        RingBuy {
            ring: r,
            member,
            dealer,
            date,
            report,
        }
    }

    fn trace(&mut self, input: &TraceInput<'_>) -> String {
        let out = traces::generate(
            &mut self.rng,
            &mut self.world,
            &mut self.ids,
            self.now,
            input,
        );
        let t = out.trace;
        if let (Some(ttc), Some(pid)) = (t.time_to_crime_days, &t.purchaser_id) {
            let sample = TraceSample {
                trace_id: t.id.clone(),
                firearm_id: t.firearm_id.clone(),
                seizure_id: input.seizure_id.to_string(),
                serial: t.serial.clone(),
                ttc,
                purchaser_id: pid.clone(),
                purchaser_name: t.purchaser_name.clone().unwrap_or_default(),
                place: t.recovery_place.clone(),
            };
            self.samples.trace(
                input.ring.map(|b| b.ring),
                t.dealer_license.as_deref(),
                sample,
            );
        }
        if let Some(p) = out.person {
            self.batch.persons.push(p);
        }
        if let Some(r) = out.report {
            self.batch.multiple_sales.push(r);
        }
        let id = t.id.clone();
        self.batch.traces.push(t);
        self.traces += 1;
        id
    }

    fn test_fire(
        &mut self,
        g: &ForcedGun,
        fid: &str,
        sid: &str,
        skel: &Skel,
        occurred: DateTime<Utc>,
    ) {
        let lab = occurred + Duration::hours(between(&mut self.rng, 24, 20 * 24));
        self.test_fires.push(TestFire {
            gun_key: g.gun_key.clone(),
            firearm_id: fid.to_string(),
            seizure_id: Some(sid.to_string()),
            caliber_class: g.class.to_string(),
            at: lab.min(self.now).max(occurred),
            place: skel.place_label(),
        });
    }

    fn push_firearm(
        &mut self,
        id: String,
        d: &Draft,
        sid: &str,
        trace_id: Option<String>,
        occurred: DateTime<Utc>,
        es: bool,
    ) {
        self.batch.firearms.push(Firearm {
            id,
            serial: d.serial.clone(),
            obliterated: d.state.obliterated(),
            make: d.model.make.to_string(),
            model: d.model.model.to_string(),
            kind: d.model.kind,
            caliber: d.model.caliber.to_string(),
            origin_country: d.model.origin.to_string(),
            importer: d.model.importer.map(str::to_string),
            markings: firearms::markings(d, es),
            seizure_id: Some(sid.to_string()),
            trace_id,
            recovered_at: occurred,
        });
    }
}
