//! Counting on hand-made facts: windows, filters, shares, the 32 states, corridors, time-to-crime
//! and the lead queue.

use chrono::NaiveDate;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// January 2026 against December 2025.
fn filter(agency: Option<&str>, country: Option<Country>) -> Filter {
    let w = StatsWindow {
        from: d(2026, 1, 1),
        to: d(2026, 1, 31),
        previous_from: d(2025, 12, 1),
        previous_to: d(2025, 12, 31),
    };
    Filter::new(w, agency.map(str::to_string), country)
}

struct Builder {
    f: Facts,
}

impl Builder {
    fn trace(&mut self, day: NaiveDate, agency: &str, mx_state: &str, us: Option<&str>, ttc: i32) {
        let reached = us.is_some();
        let t = TraceFact {
            submitted: day_number(day),
            completed: if reached { day_number(day) + 2 } else { NO_DAY },
            agency: self.f.agencies.id(agency),
            country: if mx_state.is_empty() { US } else { MX },
            mx_state: mx_state_index(mx_state),
            us_state: us.map_or(NONE, |s| self.f.us_states.id(s)),
            firearm_type: self
                .f
                .types
                .id(if ttc % 2 == 0 { "pistol" } else { "rifle" }),
            caliber: self.f.calibers.id("9mm Luger"),
            outcome: if reached {
                Outcome::Reached
            } else {
                Outcome::NotTraceable
            },
            ttc_days: if reached { ttc } else { -1 },
            us_sourced: reached,
        };
        self.f.traces.push(t);
    }
}

fn facts() -> Facts {
    let mut b = Builder {
        f: Facts::default(),
    };
    b.trace(d(2026, 1, 5), "FGR Sonora", "Sonora", Some("AZ"), 200);
    b.trace(d(2026, 1, 6), "FGR Sonora", "Sonora", Some("AZ"), 800);
    b.trace(d(2026, 1, 7), "FGR", "Tamaulipas", Some("TX"), 4000);
    b.trace(d(2026, 1, 8), "FGR", "Tamaulipas", None, 0);
    b.trace(d(2025, 12, 20), "FGR", "Sonora", Some("AZ"), 100);
    b.trace(d(2025, 11, 20), "FGR", "Sonora", Some("AZ"), 100);
    let port = b.f.ports.id("Nogales");
    let cbp = b.f.agencies.id("CBP Nogales");
    for (day, guns) in [
        (d(2026, 1, 10), 3),
        (d(2026, 1, 11), 5),
        (d(2025, 12, 2), 1),
    ] {
        b.f.seizures.push(SeizureFact {
            day: day_number(day),
            agency: cbp,
            country: US,
            port,
            firearms: guns,
        });
    }
    b.f
}

#[test]
fn trace_counts_follow_the_window_and_the_filters() {
    let f = facts();
    let t = traces(&f, &filter(None, None).resolve(&f));
    assert_eq!(
        (t.traces, t.reached, t.not_traceable, t.pending),
        (4, 3, 1, 0)
    );
    assert!((t.reached_share - 0.75).abs() < 1e-9);
    assert_eq!(t.per_month.len(), 1);
    assert_eq!(t.per_month[0].month, "2026-01");
    assert_eq!(t.by_mx_state.len(), 32, "every state, zeros included");
    assert_eq!(
        (t.by_mx_state[0].code.as_str(), t.by_mx_state[0].traces),
        ("SON", 2)
    );
    assert_eq!(t.by_us_state[0].key, "AZ");
    assert!((t.by_us_state[0].share - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        (t.corridors[0].from.as_str(), t.corridors[0].to.as_str()),
        ("AZ", "Sonora")
    );
    // Time-to-crime: 200 d and 800 d and 4,000 d.
    let ttc = &t.time_to_crime;
    assert!((ttc.within_1y - 1.0 / 3.0).abs() < 1e-9);
    assert!((ttc.within_3y - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(ttc.buckets.len(), 6);

    let sonora = traces(&f, &filter(Some("FGR Sonora"), None).resolve(&f));
    assert_eq!(sonora.traces, 2);
    let nobody = traces(&f, &filter(Some("No such agency"), None).resolve(&f));
    assert_eq!(nobody.traces, 0);
    let us = traces(&f, &filter(None, Some(Country::US)).resolve(&f));
    assert_eq!(us.traces, 0, "every trace here was recovered in Mexico");
}

#[test]
fn measures_compare_the_window_with_the_previous_one() {
    let f = facts();
    let cases = vec![
        IndictedCase {
            day: day_number(d(2026, 1, 15)),
            lead_agency: "ATF Phoenix FD".into(),
            countries: vec![US, MX],
        },
        IndictedCase {
            day: day_number(d(2025, 6, 1)),
            lead_agency: "FGR".into(),
            countries: vec![MX],
        },
    ];
    let m = measures(&f, &cases, &filter(None, None).resolve(&f));
    assert_eq!(
        (
            m.traced_to_purchaser.current,
            m.traced_to_purchaser.previous
        ),
        (3, 1)
    );
    let trend: Vec<_> = m
        .traced_to_purchaser
        .trend
        .iter()
        .map(|c| (c.month.as_str(), c.count))
        .collect();
    assert_eq!(trend, [("2025-12", 1), ("2026-01", 3)]);
    assert_eq!(
        (m.networks_indicted.current, m.networks_indicted.previous),
        (1, 0)
    );
    assert_eq!(
        (
            m.southbound_seizures.current,
            m.southbound_seizures.previous
        ),
        (2, 1)
    );
    let mx = measures(&f, &cases, &filter(None, Some(Country::MX)).resolve(&f));
    assert_eq!(mx.southbound_seizures.current, 0);
    assert_eq!(mx.networks_indicted.current, 1);
}

#[test]
fn southbound_seizures_by_port_and_month() {
    let f = facts();
    let s = seizures(&f, &filter(None, None).resolve(&f));
    assert_eq!((s.seizures, s.firearms), (2, 8));
    assert_eq!(s.by_port[0].port, "Nogales");
    assert_eq!(s.per_month[0].firearms, 8);
}

#[test]
fn the_lead_queue_against_the_48_hour_goal() {
    let mut f = Facts::default();
    let jan = i64::from(day_number(d(2026, 1, 10))) * 86_400;
    let h = 3600;
    f.leads = vec![
        LeadFact {
            created: jan,
            decided: Some(jan + 10 * h),
        },
        LeadFact {
            created: jan,
            decided: Some(jan + 30 * h),
        },
        LeadFact {
            created: jan,
            decided: Some(jan + 100 * h),
        },
        LeadFact {
            created: jan,
            decided: None,
        },
        LeadFact {
            created: jan + 300 * h,
            decided: None,
        },
        // Decided before the window: not counted in its decisions.
        LeadFact {
            created: jan - 40 * 86_400,
            decided: Some(jan - 39 * 86_400),
        },
    ];
    let now = jan + 310 * h;
    let l = leads(&f, &filter(None, None), now);
    assert_eq!((l.pending, l.overdue, l.decided), (2, 1, 3));
    assert_eq!(l.median_hours_to_decision, Some(30.0));
    assert!((l.within_goal - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(l.goal_hours, 48);
}
