//! The Outcomes pane as a story with no terminal and no network: it reads the four answers,
//! moves over the bars skipping headings, filters, and opens a bar's records elsewhere.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::app::panes::navigate::Listing;
use crate::app::panes::{Target, index_of};
use crate::app::reply::Reply;
use crate::app::state::{Conn, Lang, State};
use crate::app::test_support::fetches;
use crate::app::update;
use crate::model::*;

pub fn window() -> StatsWindow {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    StatsWindow {
        from: d(9, 1),
        to: d(11, 29),
        previous_from: d(6, 3),
        previous_to: d(8, 31),
    }
}

fn share(key: &str, count: u64, share: f64) -> Share {
    Share {
        key: key.into(),
        count,
        share,
    }
}

pub fn trace_stats() -> TraceStats {
    let by_mx_state = MX_STATES
        .iter()
        .enumerate()
        .map(|(i, (code, name))| StateTraces {
            code: code.to_string(),
            state: name.to_string(),
            traces: if *code == "SON" { 120 } else { (i as u64 * 7) % 40 },
            reached: 10,
        })
        .collect();
    TraceStats {
        window: window(),
        traces: 1000,
        reached: 340,
        not_traceable: 600,
        pending: 60,
        reached_share: 0.36,
        us_sourced_share: 0.7,
        per_month: vec![],
        by_mx_state,
        by_us_state: vec![share("TX", 146, 0.43), share("AZ", 75, 0.22)],
        corridors: vec![Corridor {
            from: "AZ".into(),
            to: "Sonora".into(),
            count: 31,
            share: 0.091,
        }],
        firearm_types: vec![share("pistol", 500, 0.5), share("rifle", 320, 0.32)],
        calibers: vec![share("9mm Luger", 440, 0.44), share("other", 560, 0.56)],
        time_to_crime: TtcHistogram {
            buckets: vec![share("<1", 20, 0.06), share("20+", 40, 0.12)],
            within_1y: 0.06,
            within_3y: 0.18,
            mean_years: 5.2,
        },
    }
}

pub fn seizure_stats() -> SeizureStatsOut {
    SeizureStatsOut {
        window: window(),
        seizures: 30,
        firearms: 140,
        per_month: vec![],
        by_port: vec![PortSeizures {
            port: "Laredo".into(),
            seizures: 12,
            firearms: 50,
        }],
    }
}

fn state() -> (State, Vec<Effect>) {
    let mut s = State::new(
        "http://x",
        "sess",
        Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap(),
    );
    s.session.conn = Conn::Online;
    let keys = [
        Action::Pane1,
        Action::Pane2,
        Action::Pane3,
        Action::Pane4,
        Action::Pane5,
        Action::Pane6,
    ];
    let fx = update(&mut s, keys[index_of(PaneId::Outcomes)].clone());
    (s, fx)
}

fn answer(s: &mut State, fx: &[Effect], slot: Slot, data: Data) {
    let (_, generation, _) = fetches(fx)
        .into_iter()
        .find(|f| f.0 == slot)
        .unwrap_or_else(|| panic!("no read for {slot:?}"));
    let r = Reply::Fetched {
        slot,
        generation,
        result: Ok(data),
    };
    update(s, Action::Reply(Box::new(r)));
}

fn loaded() -> State {
    let (mut s, fx) = state();
    assert_eq!(fetches(&fx).len(), 4, "four reads at once: {fx:?}");
    answer(&mut s, &fx, TRACES, Data::StatsTraces(trace_stats()));
    answer(&mut s, &fx, SEIZURES, Data::StatsSeizures(seizure_stats()));
    s
}

fn selected(s: &State) -> Row {
    s.panes.outcomes.rows()[s.panes.outcomes.selected].clone()
}

#[test]
fn the_cursor_starts_on_the_first_bar_and_skips_headings() {
    let mut s = loaded();
    let p = &s.panes.outcomes;
    assert!(p.loaded);
    // 32 states, 2 US states, 1 corridor, 1 port, 2 types, 2 calibres, 2 TTC buckets + 7 headings.
    assert_eq!(p.rows().len(), 32 + 2 + 1 + 1 + 2 + 2 + 2 + 7);
    assert!(matches!(selected(&s), Row::Bar(Bar::MxState(..), _)));
    for _ in 0..32 {
        update(&mut s, Action::Down);
    }
    assert_eq!(
        selected(&s),
        Row::Bar(
            Bar::UsState("TX".into()),
            bars::Value {
                count: 146,
                share: 0.43
            }
        ),
        "the US heading was skipped"
    );
    update(&mut s, Action::Bottom);
    assert!(matches!(selected(&s), Row::Bar(Bar::Ttc(k), _) if k == "20+"));
    update(&mut s, Action::Down);
    assert!(matches!(selected(&s), Row::Bar(Bar::Ttc(k), _) if k == "20+"));
    update(&mut s, Action::Top);
    assert!(matches!(selected(&s), Row::Bar(Bar::MxState(..), _)));
}

#[test]
fn enter_on_a_state_opens_its_seizures_in_the_queue() {
    let mut s = loaded();
    let fx = update(&mut s, Action::Open);
    assert_eq!(s.active, PaneId::Queue, "{fx:?}");
    assert_eq!(
        s.panes.queue.filter_text,
        "country:MX state:\"Aguascalientes\" from:2026-09-01 to:2026-11-29"
    );
    assert_eq!(s.panes.queue.query.state.as_deref(), Some("Aguascalientes"));
    assert_eq!(s.panes.queue.query.country, Some(Country::MX));
}

#[test]
fn enter_on_a_calibre_opens_its_traces_and_on_a_type_says_no_list_filters_it() {
    let mut s = loaded();
    let rows = s.panes.outcomes.rows();
    let at = |want: &Bar| {
        rows.iter()
            .position(|r| matches!(r, Row::Bar(b, _) if b == want))
            .unwrap()
    };
    s.panes.outcomes.selected = at(&Bar::FirearmType("pistol".into()));
    update(&mut s, Action::Open);
    assert_eq!(s.active, PaneId::Outcomes);
    assert_eq!(
        s.toasts.last().map(|t| t.notice.clone()),
        Some(Notice::from(OutcomesNotice::NoList))
    );
    s.panes.outcomes.selected = at(&Bar::Caliber("9mm Luger".into()));
    update(&mut s, Action::Open);
    assert_eq!(s.active, PaneId::Trace);
    assert_eq!(
        s.panes.trace.listing,
        Listing::Search("caliber:\"9mm Luger\"".into())
    );
    assert_eq!(s.panes.trace.query.caliber.as_deref(), Some("9mm Luger"));
    let t = bars::target(&Bar::Ttc("<1".into()), None, Lang::En);
    assert!(matches!(t, Some(Target::Traces(_, q)) if q.short_ttc == Some(true)));
    assert!(bars::target(&Bar::Caliber("other".into()), None, Lang::En).is_none());
}

#[test]
fn the_filter_sets_dates_agency_and_country_and_reads_again() {
    let mut s = loaded();
    update(&mut s, Action::Filter);
    for c in "from:2026-01-01 to:2026-03-31 agency:\"FGR Sonora\" country:MX".chars() {
        update(&mut s, Action::Char(c));
    }
    let fx = update(&mut s, Action::Open);
    let reads = fetches(&fx);
    assert_eq!(reads.len(), 4, "{reads:?}");
    let Some((_, _, Request::StatsTraces(q))) = reads.iter().find(|r| r.0 == TRACES) else {
        panic!("{reads:?}")
    };
    assert_eq!(q.from, NaiveDate::from_ymd_opt(2026, 1, 1));
    assert_eq!(q.to, NaiveDate::from_ymd_opt(2026, 3, 31));
    assert_eq!(q.agency.as_deref(), Some("FGR Sonora"));
    assert_eq!(q.country, Some(Country::MX));
    // The old figures stay on screen until the new ones come.
    assert!(s.panes.outcomes.traces.is_some());

    update(&mut s, Action::Filter);
    for c in " colour:red".chars() {
        update(&mut s, Action::Char(c));
    }
    assert!(fetches(&update(&mut s, Action::Open)).is_empty());
    assert_eq!(
        s.toasts.last().map(|t| t.notice.clone()),
        Some(Notice::from(OutcomesNotice::FilterInput("colour:red".into())))
    );
    let fx = update(&mut s, Action::ClearFilter);
    assert_eq!(fetches(&fx).len(), 4);
    assert_eq!(s.panes.outcomes.query, StatsQuery::default());
}

#[test]
fn keys_step_the_window_and_cycle_the_country() {
    let mut s = loaded();
    let fx = update(&mut s, Action::EarlierWindow);
    let q = &s.panes.outcomes.query;
    assert_eq!(q.from, NaiveDate::from_ymd_opt(2026, 6, 3));
    assert_eq!(q.to, NaiveDate::from_ymd_opt(2026, 8, 31));
    assert_eq!(s.panes.outcomes.filter_text, "from:2026-06-03 to:2026-08-31");
    assert_eq!(fetches(&fx).len(), 4);
    update(&mut s, Action::CycleCountry);
    assert_eq!(s.panes.outcomes.query.country, Some(Country::MX));
    assert_eq!(
        s.panes.outcomes.filter_text,
        "from:2026-06-03 to:2026-08-31 country:MX"
    );
    update(&mut s, Action::CycleCountry);
    assert_eq!(s.panes.outcomes.query.country, Some(Country::US));
    update(&mut s, Action::CycleCountry);
    assert_eq!(s.panes.outcomes.query.country, None);
    // The typed form reads back to the same query.
    let again = crate::app::filter::stats_query(&s.panes.outcomes.filter_text).unwrap();
    assert_eq!(again, s.panes.outcomes.query);
}
