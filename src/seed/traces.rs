//! Trace requests and their results: outcome (about a third reach a purchaser), the dealer chain,
//! the purchaser, time-to-crime (long on average, with a short tail) and multiple-sale reports.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::corridors::Recovery;
use super::dist::{SeedRng, between, chance, pick, triangular, weighted};
use super::firearms::{Draft, SerialState};
use super::geography::{US_STATES, rifle_report_state};
use super::names;
use super::world::{World, person_id};
use crate::model::{
    ChainLink, ChainRole, FirearmType, MultipleSale, NotTraceableReason, Trace, TracePriority,
    TraceStatus,
};
use crate::server::store::{DealerRow, MultipleSaleRow, PersonRow};

/// A purchase by a ring member, shared by the guns of one seizure bought together.
#[derive(Debug, Clone)]
pub(crate) struct RingBuy {
    pub ring: usize,
    pub member: usize,
    pub dealer: usize,
    pub date: NaiveDate,
    pub report: Option<MultipleSale>,
}

/// What the trace is about: the gun and where and when it was recovered.
pub(crate) struct TraceInput<'a> {
    pub firearm_id: &'a str,
    pub seizure_id: &'a str,
    pub draft: &'a Draft,
    pub recovered: DateTime<Utc>,
    pub place: String,
    pub agency: String,
    pub crime_code: &'static str,
    pub case_number: Option<String>,
    /// Still being answered (the seizure is in `traces_requested`).
    pub pending: bool,
    pub ring: Option<&'a RingBuy>,
    /// Where it was recovered, which decides the likely state of purchase.
    pub recovery: Recovery,
}

/// A generated trace plus the rows it brought into being.
pub(crate) struct TraceOut {
    pub trace: Trace,
    pub person: Option<PersonRow>,
    pub report: Option<MultipleSaleRow>,
}

/// Running id counters for traces, persons and multiple-sale reports.
#[derive(Debug, Default, Clone)]
pub(crate) struct TraceIds {
    pub trace: u64,
    pub multiple_sale: u64,
}

const JUSTIFICATIONS: &[&str] = &[
    "Homicide investigation; suspect at large",
    "Active trafficking load; co-conspirators still purchasing",
    "Firearm linked to attack on security forces",
    "Kidnapping investigation; time-sensitive",
];

enum Outcome {
    Completed,
    Failed(NotTraceableReason),
}

fn outcome(rng: &mut SeedRng, d: &Draft, ring: bool) -> Outcome {
    use NotTraceableReason::*;
    match d.state {
        SerialState::Partial => return Outcome::Failed(ObliteratedSerial),
        SerialState::Unreadable => return Outcome::Failed(MissingSerial),
        SerialState::Intact | SerialState::Restored => {}
    }
    if ring {
        return Outcome::Completed;
    }
    if d.pre_1968 {
        return Outcome::Failed(Pre1968);
    }
    if !d.model.us_channel() {
        return Outcome::Failed(*weighted(
            rng,
            &[(ForeignNoImporter, 85), (InsufficientDescription, 15)],
        ));
    }
    // About a third of traces reach a purchaser (2021–23: about a third of 71,277 requests;
    // 2016: 46% reached a US retailer); ring purchases, always completed, make up the rest.
    match *weighted(rng, &[(0u8, 34), (1, 11), (2, 15), (3, 12)]) {
        0 => Outcome::Completed,
        1 => Outcome::Failed(InsufficientDescription),
        2 => Outcome::Failed(DealerRecordsIncomplete),
        _ => Outcome::Failed(DealerOutOfBusiness),
    }
}

/// Days from first retail sale to recovery for a gun outside the planted rings. Time-to-crime
/// runs long for Mexico: an older series (2006–10, 19,600 guns traced to the US) found 82% at 3
/// years or more; newer reports put Mexico's mean near 5 years (against 2.9 in the US). So a 10%
/// short tail under 3 years and a long body from 3 to 14 years: overall about 18% under 3 years
/// (the planted rings add the rest of the short tail) and a mean of about 5½ years.
fn ordinary_ttc_days(rng: &mut SeedRng) -> i64 {
    if chance(rng, 0.10) {
        between(rng, 60, 1_094)
    } else {
        (triangular(rng, 3.0, 3.3, 14.0) * 365.25) as i64
    }
}

/// The sale date, never before the 1968 Gun Control Act made retail records the rule.
fn sale_date(recovered: NaiveDate, ttc: i64) -> NaiveDate {
    let floor = NaiveDate::from_ymd_opt(1969, 1, 2).unwrap_or_default();
    (recovered - Duration::days(ttc)).max(floor)
}

/// The distribution chain up to (and without) the purchaser, dated backwards from the sale.
fn supply_chain(
    rng: &mut SeedRng,
    d: &Draft,
    dealer: Option<(&DealerRow, &DealerRow)>,
    sale: NaiveDate,
) -> Vec<ChainLink> {
    let at_dealer = sale - Duration::days(between(rng, 3, 200));
    let at_dist = at_dealer - Duration::days(between(rng, 3, 60));
    let made = at_dist - Duration::days(between(rng, 10, 300));
    let mut chain = vec![ChainLink {
        role: ChainRole::Manufacturer,
        name: d.model.make.to_string(),
        reference: None,
        location: Some(d.model.origin.to_string()),
        date: Some(made),
    }];
    if let Some(imp) = d.model.importer {
        chain.push(ChainLink {
            role: ChainRole::Importer,
            name: imp.to_string(),
            reference: None,
            location: Some("US".into()),
            date: Some(made + Duration::days(between(rng, 5, 9))),
        });
    }
    if let Some((dist, dealer)) = dealer {
        chain.push(ChainLink {
            role: ChainRole::Distributor,
            name: dist.name.clone(),
            reference: Some(dist.license.clone()),
            location: Some(dist.state.clone()),
            date: Some(at_dist),
        });
        chain.push(ChainLink {
            role: ChainRole::Dealer,
            name: dealer.name.clone(),
            reference: Some(dealer.license.clone()),
            location: Some(dealer.state.clone()),
            date: Some(at_dealer),
        });
    }
    chain
}

fn purchaser_link(id: &str, name: &str, state: &str, sale: NaiveDate) -> ChainLink {
    ChainLink {
        role: ChainRole::Purchaser,
        name: name.to_string(),
        reference: Some(id.to_string()),
        location: Some(state.to_string()),
        date: Some(sale),
    }
}

/// Submission and answer times: final answers within days to weeks, never after `now`.
fn timing(
    rng: &mut SeedRng,
    recovered: DateTime<Utc>,
    now: DateTime<Utc>,
    pending: bool,
) -> (DateTime<Utc>, Option<DateTime<Utc>>) {
    let room = (now - recovered).num_seconds().max(3_600);
    if pending {
        // Open requests were filed recently, even for an old recovery traced late.
        let from = recovered.max(now - Duration::days(30));
        let span = (now - from).num_seconds().max(120);
        return (from + Duration::seconds(between(rng, 60, span - 60)), None);
    }
    let submitted = recovered + Duration::seconds(between(rng, 3_600, (45 * 86_400).min(room / 2)));
    let done = submitted
        + Duration::seconds(between(
            rng,
            3_600,
            (20 * 86_400).min((now - submitted).num_seconds().max(3_601)),
        ));
    (submitted, Some(done.min(now)))
}

/// Builds the trace of one recovered firearm.
pub(crate) fn generate(
    rng: &mut SeedRng,
    world: &mut World,
    ids: &mut TraceIds,
    now: DateTime<Utc>,
    t: &TraceInput<'_>,
) -> TraceOut {
    ids.trace += 1;
    let (submitted, completed) = timing(rng, t.recovered, now, t.pending);
    let urgent = chance(rng, 0.08);
    let trace = Trace {
        id: format!("TR-{}-{:07}", submitted.year(), ids.trace),
        firearm_id: t.firearm_id.to_string(),
        serial: t.draft.serial.clone(),
        make: t.draft.model.make.to_string(),
        model: t.draft.model.model.to_string(),
        caliber: t.draft.model.caliber.to_string(),
        status: TraceStatus::Submitted,
        priority: if urgent {
            TracePriority::Urgent
        } else {
            TracePriority::Routine
        },
        justification: urgent.then(|| pick(rng, JUSTIFICATIONS).to_string()),
        crime_code: t.crime_code.to_string(),
        requesting_agency: t.agency.clone(),
        case_number: t.case_number.clone(),
        submitted_at: submitted,
        completed_at: None,
        failure_reason: None,
        chain: Vec::new(),
        dealer_license: None,
        dealer_name: None,
        dealer_state: None,
        purchaser_id: None,
        purchaser_name: None,
        purchase_date: None,
        recovery_date: t.recovered.date_naive(),
        recovery_place: t.place.clone(),
        time_to_crime_days: None,
        multiple_sales: Vec::new(),
        seizure_id: Some(t.seizure_id.to_string()),
    };
    let mut out = TraceOut {
        trace,
        person: None,
        report: None,
    };
    match completed {
        None => pending_progress(rng, &mut out.trace, t, now),
        Some(done) => {
            out.trace.completed_at = Some(done);
            finish(rng, world, ids, t, &mut out);
        }
    }
    out
}

/// A trace still being answered: after two days it is in progress and the maker has answered.
fn pending_progress(rng: &mut SeedRng, trace: &mut Trace, t: &TraceInput<'_>, now: DateTime<Utc>) {
    if now - trace.submitted_at > Duration::days(2) {
        trace.status = TraceStatus::InProgress;
        let sale = t.recovered.date_naive() - Duration::days(ordinary_ttc_days(rng));
        trace.chain = supply_chain(rng, t.draft, None, sale);
    }
}

fn finish(
    rng: &mut SeedRng,
    world: &mut World,
    ids: &mut TraceIds,
    t: &TraceInput<'_>,
    out: &mut TraceOut,
) {
    let recovered = t.recovered.date_naive();
    match outcome(rng, t.draft, t.ring.is_some()) {
        Outcome::Completed => match t.ring {
            Some(buy) => complete_ring(rng, world, t, buy, out),
            None => complete_ordinary(rng, world, ids, t, out),
        },
        Outcome::Failed(reason) => {
            out.trace.status = TraceStatus::NotTraceable;
            out.trace.failure_reason = Some(reason);
            let sale = sale_date(recovered, ordinary_ttc_days(rng));
            match reason {
                NotTraceableReason::DealerRecordsIncomplete
                | NotTraceableReason::DealerOutOfBusiness => {
                    let di = world.ordinary_dealer(rng, t.recovery);
                    let dealer = world.dealers[di].clone();
                    let dist = world.distributor_for(rng, &dealer.state).clone();
                    out.trace.chain = supply_chain(rng, t.draft, Some((&dist, &dealer)), sale);
                    set_dealer(&mut out.trace, &dealer);
                }
                NotTraceableReason::Pre1968 => {
                    let made = NaiveDate::from_ymd_opt(between(rng, 1948, 1967) as i32, 6, 1);
                    out.trace.chain = vec![ChainLink {
                        role: ChainRole::Manufacturer,
                        name: t.draft.model.make.to_string(),
                        reference: None,
                        location: Some(t.draft.model.origin.to_string()),
                        date: made,
                    }];
                }
                NotTraceableReason::ForeignNoImporter => {
                    let mut chain = supply_chain(rng, t.draft, None, sale);
                    chain.truncate(1);
                    out.trace.chain = chain;
                }
                _ => {}
            }
        }
    }
}

fn set_dealer(trace: &mut Trace, dealer: &DealerRow) {
    trace.dealer_license = Some(dealer.license.clone());
    trace.dealer_name = Some(dealer.name.clone());
    trace.dealer_state = Some(dealer.state.clone());
}

fn set_purchaser(trace: &mut Trace, id: &str, name: &str, sale: NaiveDate) {
    trace.status = TraceStatus::Completed;
    trace.purchaser_id = Some(id.to_string());
    trace.purchaser_name = Some(name.to_string());
    trace.purchase_date = Some(sale);
    trace.time_to_crime_days = Some((trace.recovery_date - sale).num_days());
}

fn complete_ring(
    rng: &mut SeedRng,
    world: &World,
    t: &TraceInput<'_>,
    buy: &RingBuy,
    out: &mut TraceOut,
) {
    let ring = &world.rings[buy.ring];
    let member = &ring.members[buy.member];
    let dealer = &world.dealers[buy.dealer];
    let dist = world.distributor_for(rng, &dealer.state);
    let mut chain = supply_chain(rng, t.draft, Some((dist, dealer)), buy.date);
    chain.push(purchaser_link(
        &member.id,
        &member.name,
        &dealer.state,
        buy.date,
    ));
    out.trace.chain = chain;
    set_dealer(&mut out.trace, dealer);
    set_purchaser(&mut out.trace, &member.id, &member.name, buy.date);
    out.trace.multiple_sales = buy.report.iter().cloned().collect();
}

fn complete_ordinary(
    rng: &mut SeedRng,
    world: &mut World,
    ids: &mut TraceIds,
    t: &TraceInput<'_>,
    out: &mut TraceOut,
) {
    let sale = sale_date(t.recovered.date_naive(), ordinary_ttc_days(rng));
    let di = world.ordinary_dealer(rng, t.recovery);
    let dealer = world.dealers[di].clone();
    let dist = world.distributor_for(rng, &dealer.state).clone();
    world.persons_issued += 1;
    let pid = person_id(world.persons_issued);
    let si = world.state_of(di);
    let name = names::person(rng, si < 4);
    let person = PersonRow {
        id: pid.clone(),
        name: name.clone(),
        birth_year: Some(sale.year() - between(rng, 21, 62) as i32),
        city: Some(if chance(rng, 0.7) {
            dealer.city.clone()
        } else {
            pick(rng, US_STATES[si].cities).to_string()
        }),
        state: Some(dealer.state.clone()),
    };
    let mut chain = supply_chain(rng, t.draft, Some((&dist, &dealer)), sale);
    chain.push(purchaser_link(&pid, &name, &dealer.state, sale));
    out.trace.chain = chain;
    set_dealer(&mut out.trace, &dealer);
    set_purchaser(&mut out.trace, &pid, &name, sale);
    if let Some(form) = report_form(
        t.draft.model.kind,
        t.draft.model.family.reportable_rifle(),
        &dealer.state,
        sale,
    ) && chance(rng, 0.03)
    {
        let count = between(rng, 2, 4) as u32;
        let ms = MultipleSale {
            form: form.to_string(),
            date: sale,
            count,
            dealer_license: dealer.license.clone(),
        };
        out.report = Some(report_row(ids, &pid, &ms));
        out.trace.multiple_sales.push(ms);
    }
    out.person = Some(person);
}

/// Which multiple-sale form a sale of this gun would fall under, if any: 3310.4 for handguns;
/// 3310.12 for semi-automatic rifles sold in TX/AZ/CA/NM since August 2011.
pub(crate) fn report_form(
    kind: FirearmType,
    reportable_rifle: bool,
    state: &str,
    date: NaiveDate,
) -> Option<&'static str> {
    let since = NaiveDate::from_ymd_opt(2011, 8, 14).unwrap_or_default();
    match kind {
        FirearmType::Pistol | FirearmType::Revolver => Some("3310.4"),
        FirearmType::Rifle if reportable_rifle && rifle_report_state(state) && date >= since => {
            Some("3310.12")
        }
        _ => None,
    }
}

pub(crate) fn report_row(
    ids: &mut TraceIds,
    purchaser: &str,
    ms: &MultipleSale,
) -> MultipleSaleRow {
    ids.multiple_sale += 1;
    MultipleSaleRow {
        id: format!("MS-{:06}", ids.multiple_sale),
        form: ms.form.clone(),
        purchaser_id: purchaser.to_string(),
        dealer_license: ms.dealer_license.clone(),
        date: ms.date,
        count: ms.count,
    }
}
