//! Counting: pure functions from the facts and a resolved filter to the answers of
//! `/v1/stats/…`. One linear pass per answer, no I/O, so they are unit-tested on hand-made facts.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::facts::*;
use crate::model::*;

/// A filter with its dates as day numbers and its agency resolved against the facts.
#[derive(Debug, Clone)]
pub struct Filter {
    pub window: StatsWindow,
    pub from: i32,
    pub to: i32,
    pub prev_from: i32,
    pub prev_to: i32,
    /// `None`: any agency. `Some(None)`: an agency with no records (nothing matches).
    pub agency: Option<Option<u16>>,
    pub agency_name: Option<String>,
    pub country: Option<CountryCode>,
}

/// Days since the epoch of a date.
pub fn day_number(d: NaiveDate) -> i32 {
    day_of(
        d.and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp(),
    )
}

fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + 719_163).unwrap_or_default()
}

impl Filter {
    pub fn new(window: StatsWindow, agency: Option<String>, country: Option<Country>) -> Filter {
        Filter {
            from: day_number(window.from),
            to: day_number(window.to),
            prev_from: day_number(window.previous_from),
            prev_to: day_number(window.previous_to),
            window,
            agency: None,
            agency_name: agency,
            country: country.map(|c| country_code(Some(c.as_str()))),
        }
    }

    /// Resolves the agency name against the facts' interned names.
    pub fn resolve(mut self, f: &Facts) -> Filter {
        self.agency = self.agency_name.as_deref().map(|a| f.agencies.find(a));
        self
    }

    fn agency_ok(&self, a: u16) -> bool {
        match self.agency {
            None => true,
            Some(want) => want == Some(a),
        }
    }
    fn country_ok(&self, c: CountryCode) -> bool {
        self.country.is_none_or(|want| want == c)
    }
    fn keeps(&self, agency: u16, country: CountryCode) -> bool {
        self.agency_ok(agency) && self.country_ok(country)
    }
}

/// Months from the month of `from` to the month of `to`, and each day's month index.
struct Months {
    first: i32,
    labels: Vec<String>,
    index: Vec<u16>,
}

impl Months {
    fn new(from: i32, to: i32) -> Months {
        let key = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        let start = key(date_of(from));
        let mut labels = Vec::new();
        let mut index = Vec::new();
        for day in from..=to {
            let d = date_of(day);
            let i = (key(d) - start) as usize;
            if i == labels.len() {
                labels.push(format!("{:04}-{:02}", d.year(), d.month()));
            }
            index.push(u16::try_from(i).unwrap_or(u16::MAX));
        }
        Months {
            first: from,
            labels,
            index,
        }
    }
    fn of(&self, day: i32) -> Option<usize> {
        let i = usize::try_from(day - self.first).ok()?;
        self.index.get(i).map(|&m| usize::from(m))
    }
    fn counts(&self, counts: Vec<u64>) -> Vec<MonthCount> {
        self.labels
            .iter()
            .zip(counts)
            .map(|(m, count)| MonthCount {
                month: m.clone(),
                count,
            })
            .collect()
    }
}

/// Counts days in the current and previous windows, and month by month across both.
struct Tally<'a> {
    f: &'a Filter,
    months: &'a Months,
    current: u64,
    previous: u64,
    per_month: Vec<u64>,
}

impl<'a> Tally<'a> {
    fn new(f: &'a Filter, months: &'a Months) -> Tally<'a> {
        Tally {
            f,
            months,
            current: 0,
            previous: 0,
            per_month: vec![0; months.labels.len()],
        }
    }
    fn add(&mut self, day: i32) {
        if (self.f.from..=self.f.to).contains(&day) {
            self.current += 1;
        } else if (self.f.prev_from..=self.f.prev_to).contains(&day) {
            self.previous += 1;
        } else {
            return;
        }
        if let Some(m) = self.months.of(day) {
            self.per_month[m] += 1;
        }
    }
    fn measure(self) -> Measure {
        Measure {
            current: self.current,
            previous: self.previous,
            trend: self.months.counts(self.per_month),
        }
    }
}

/// The three measures of success, this window against the previous one.
pub fn measures(facts: &Facts, cases: &[IndictedCase], f: &Filter) -> Measures {
    let months = Months::new(f.prev_from, f.to);
    let mut traced = Tally::new(f, &months);
    for t in &facts.traces {
        if t.outcome == Outcome::Reached && t.completed != NO_DAY && f.keeps(t.agency, t.country) {
            traced.add(t.completed);
        }
    }
    let mut indicted = Tally::new(f, &months);
    for c in cases {
        let agency_ok = f.agency_name.as_deref().is_none_or(|a| a == c.lead_agency);
        let country_ok = f.country.is_none_or(|want| c.countries.contains(&want));
        if agency_ok && country_ok {
            indicted.add(c.day);
        }
    }
    let mut southbound = Tally::new(f, &months);
    for z in &facts.seizures {
        if f.keeps(z.agency, z.country) {
            southbound.add(z.day);
        }
    }
    Measures {
        window: f.window.clone(),
        traced_to_purchaser: traced.measure(),
        networks_indicted: indicted.measure(),
        southbound_seizures: southbound.measure(),
    }
}

fn share(n: u64, of: u64) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
}

/// Counts by interned key, most first (ties by name), as shares of `total`.
fn ranked(counts: HashMap<u16, u64>, names: &Names, total: u64) -> Vec<Share> {
    let mut v: Vec<Share> = counts
        .into_iter()
        .map(|(k, count)| Share {
            key: names.name(k).to_string(),
            count,
            share: share(count, total),
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    v
}

/// Time-to-crime buckets, in years: upper bounds (exclusive) and labels.
const TTC: [(i32, &str); 6] = [
    (365, "<1"),
    (3 * 365, "1-3"),
    (5 * 365, "3-5"),
    (10 * 365, "5-10"),
    (20 * 365, "10-20"),
    (i32::MAX, "20+"),
];

/// Trace requests made in the window.
pub fn traces(facts: &Facts, f: &Filter) -> TraceStats {
    let months = Months::new(f.from, f.to);
    let mut per_month = vec![(0u64, 0u64); months.labels.len()];
    let (mut total, mut reached, mut not_traceable, mut us_sourced) = (0u64, 0u64, 0u64, 0u64);
    let mut states = [(0u64, 0u64); 32];
    let (mut by_us, mut types, mut calibers) = (HashMap::new(), HashMap::new(), HashMap::new());
    let mut corridors: HashMap<(u16, u8), u64> = HashMap::new();
    let (mut corridor_total, mut us_total) = (0u64, 0u64);
    let mut ttc = [0u64; TTC.len()];
    let (mut ttc_n, mut ttc_sum) = (0u64, 0f64);
    for t in &facts.traces {
        if !(f.from..=f.to).contains(&t.submitted) || !f.keeps(t.agency, t.country) {
            continue;
        }
        let hit = t.outcome == Outcome::Reached;
        total += 1;
        us_sourced += u64::from(t.us_sourced);
        *types.entry(t.firearm_type).or_insert(0) += 1;
        *calibers.entry(t.caliber).or_insert(0) += 1;
        if let Some(m) = months.of(t.submitted) {
            per_month[m].0 += 1;
            per_month[m].1 += u64::from(hit);
        }
        if let Some(s) = states.get_mut(usize::from(t.mx_state)) {
            s.0 += 1;
            s.1 += u64::from(hit);
        }
        match t.outcome {
            Outcome::NotTraceable => not_traceable += 1,
            Outcome::Pending => {}
            Outcome::Reached => {
                reached += 1;
                if t.us_state != NONE {
                    us_total += 1;
                    *by_us.entry(t.us_state).or_insert(0) += 1;
                    if t.mx_state != u8::MAX {
                        corridor_total += 1;
                        *corridors.entry((t.us_state, t.mx_state)).or_insert(0) += 1;
                    }
                }
                if t.ttc_days >= 0 {
                    ttc_n += 1;
                    ttc_sum += f64::from(t.ttc_days) / 365.25;
                    let b = TTC.iter().position(|(lim, _)| t.ttc_days < *lim);
                    ttc[b.unwrap_or(TTC.len() - 1)] += 1;
                }
            }
        }
    }
    let mut by_mx_state: Vec<StateTraces> = MX_STATES
        .iter()
        .zip(states)
        .map(|((code, name), (traces, reached))| StateTraces {
            code: code.to_string(),
            state: name.to_string(),
            traces,
            reached,
        })
        .collect();
    by_mx_state.sort_by(|a, b| b.traces.cmp(&a.traces).then_with(|| a.code.cmp(&b.code)));
    let mut corridors: Vec<Corridor> = corridors
        .into_iter()
        .map(|((us, mx), count)| Corridor {
            from: facts.us_states.name(us).to_string(),
            to: MX_STATES[usize::from(mx)].1.to_string(),
            count,
            share: share(count, corridor_total),
        })
        .collect();
    corridors.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
    });
    corridors.truncate(20);
    let mut calibers = ranked(calibers, &facts.calibers, total);
    if calibers.len() > 10 {
        let rest: u64 = calibers[10..].iter().map(|s| s.count).sum();
        calibers.truncate(10);
        calibers.push(Share {
            key: "other".into(),
            count: rest,
            share: share(rest, total),
        });
    }
    let within = |n: usize| share(ttc[..n].iter().sum(), ttc_n);
    TraceStats {
        window: f.window.clone(),
        traces: total,
        reached,
        not_traceable,
        pending: total - reached - not_traceable,
        reached_share: share(reached, reached + not_traceable),
        us_sourced_share: share(us_sourced, total),
        per_month: months
            .labels
            .iter()
            .zip(per_month)
            .map(|(m, (traces, reached))| MonthTraces {
                month: m.clone(),
                traces,
                reached,
            })
            .collect(),
        by_mx_state,
        by_us_state: ranked(by_us, &facts.us_states, us_total),
        corridors,
        firearm_types: ranked(types, &facts.types, total),
        calibers,
        time_to_crime: TtcHistogram {
            buckets: TTC
                .iter()
                .zip(ttc)
                .map(|((_, key), count)| Share {
                    key: key.to_string(),
                    count,
                    share: share(count, ttc_n),
                })
                .collect(),
            within_1y: within(1),
            within_3y: within(2),
            mean_years: if ttc_n == 0 {
                0.0
            } else {
                ttc_sum / ttc_n as f64
            },
        },
    }
}

/// Southbound inspections in the window, by month and by port.
pub fn seizures(facts: &Facts, f: &Filter) -> SeizureStatsOut {
    let months = Months::new(f.from, f.to);
    let mut per_month = vec![(0u64, 0u64); months.labels.len()];
    let mut ports: HashMap<u16, (u64, u64)> = HashMap::new();
    let (mut n, mut guns) = (0u64, 0u64);
    for z in &facts.seizures {
        if !(f.from..=f.to).contains(&z.day) || !f.keeps(z.agency, z.country) {
            continue;
        }
        n += 1;
        guns += u64::from(z.firearms);
        if let Some(m) = months.of(z.day) {
            per_month[m].0 += 1;
            per_month[m].1 += u64::from(z.firearms);
        }
        let p = ports.entry(z.port).or_insert((0, 0));
        p.0 += 1;
        p.1 += u64::from(z.firearms);
    }
    let mut by_port: Vec<PortSeizures> = ports
        .into_iter()
        .filter(|(p, _)| *p != NONE)
        .map(|(p, (seizures, firearms))| PortSeizures {
            port: facts.ports.name(p).to_string(),
            seizures,
            firearms,
        })
        .collect();
    by_port.sort_by(|a, b| {
        b.seizures
            .cmp(&a.seizures)
            .then_with(|| a.port.cmp(&b.port))
    });
    SeizureStatsOut {
        window: f.window.clone(),
        seizures: n,
        firearms: guns,
        per_month: months
            .labels
            .iter()
            .zip(per_month)
            .map(|(m, (seizures, firearms))| MonthSeizures {
                month: m.clone(),
                seizures,
                firearms,
            })
            .collect(),
        by_port,
    }
}

/// The goal from recovery to lead decision (NIBIN: 24–48 hours).
pub const GOAL_HOURS: u32 = 48;

/// The lead queue now (`now`: seconds since the epoch) and the decisions made in the window.
pub fn leads(facts: &Facts, f: &Filter, now: i64) -> LeadStats {
    let goal = i64::from(GOAL_HOURS) * 3600;
    let (mut pending, mut overdue) = (0u64, 0u64);
    let mut hours: Vec<f64> = Vec::new();
    for l in &facts.leads {
        match l.decided {
            None => {
                pending += 1;
                overdue += u64::from(now - l.created > goal);
            }
            Some(d) if (f.from..=f.to).contains(&day_of(d)) => {
                hours.push((d - l.created).max(0) as f64 / 3600.0);
            }
            Some(_) => {}
        }
    }
    hours.sort_by(f64::total_cmp);
    let median = match hours.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours[n / 2]),
        n => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    };
    let within = hours
        .iter()
        .filter(|h| **h <= f64::from(GOAL_HOURS))
        .count();
    LeadStats {
        window: f.window.clone(),
        pending,
        overdue,
        goal_hours: GOAL_HOURS,
        decided: hours.len() as u64,
        median_hours_to_decision: median,
        within_goal: share(within as u64, hours.len() as u64),
    }
}

#[cfg(test)]
#[path = "aggregate_tests.rs"]
mod tests;
