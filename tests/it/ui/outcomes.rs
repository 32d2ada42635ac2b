//! Screens of the Outcomes pane: the three measures, the cartogram and the bars, in both
//! languages at 80×24 and 160×48, in the monochrome theme, and with a bar selected further down.

use crate::support::ui::*;
use chrono::NaiveDate;
use fwc::app::effect::Effect;
use fwc::app::panes::outcomes::{LEADS, MEASURES, SEIZURES, TRACES};
use fwc::app::panes::{PaneId, index_of};
use fwc::app::reply::Data;
use fwc::app::state::{Lang, State};
use fwc::app::{Action, update};
use fwc::model::*;

fn window() -> StatsWindow {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    StatsWindow {
        from: d(9, 1),
        to: d(11, 29),
        previous_from: d(6, 3),
        previous_to: d(8, 31),
    }
}

fn months(counts: &[u64]) -> Vec<MonthCount> {
    counts
        .iter()
        .enumerate()
        .map(|(i, &count)| MonthCount {
            month: format!("2026-{:02}", 6 + i),
            count,
        })
        .collect()
}

fn measure(current: u64, previous: u64, trend: &[u64]) -> Measure {
    Measure {
        current,
        previous,
        trend: months(trend),
    }
}

fn share(key: &str, count: u64, total: u64) -> Share {
    Share {
        key: key.into(),
        count,
        share: count as f64 / total as f64,
    }
}

/// Recoveries weighted like the seed (Sonora, Baja California, Chihuahua… first).
fn by_state() -> Vec<StateTraces> {
    let weight = |code: &str| match code {
        "SON" => 410,
        "BCN" => 372,
        "CHH" => 365,
        "NLE" => 260,
        "TAM" => 255,
        "GUA" => 240,
        "MIC" => 220,
        "JAL" => 205,
        "ZAC" => 180,
        "SIN" => 178,
        "YUC" => 0,
        _ => 40,
    };
    let mut v: Vec<StateTraces> = MX_STATES
        .iter()
        .map(|(code, name)| StateTraces {
            code: code.to_string(),
            state: name.to_string(),
            traces: weight(code),
            reached: weight(code) / 3,
        })
        .collect();
    v.sort_by(|a, b| b.traces.cmp(&a.traces).then(a.code.cmp(&b.code)));
    v
}

fn trace_stats() -> TraceStats {
    let total = 3_845;
    TraceStats {
        window: window(),
        traces: total,
        reached: 1_180,
        not_traceable: 2_240,
        pending: 425,
        reached_share: 0.345,
        us_sourced_share: 0.702,
        per_month: [1_210, 1_302, 1_333]
            .iter()
            .enumerate()
            .map(|(i, &t)| MonthTraces {
                month: format!("2026-{:02}", 9 + i),
                traces: t,
                reached: t / 3,
            })
            .collect(),
        by_mx_state: by_state(),
        by_us_state: vec![
            share("TX", 507, 1_180),
            share("AZ", 260, 1_180),
            share("CA", 106, 1_180),
            share("NM", 35, 1_180),
            share("FL", 30, 1_180),
        ],
        corridors: vec![
            Corridor {
                from: "AZ".into(),
                to: "Sonora".into(),
                count: 98,
                share: 0.091,
            },
            Corridor {
                from: "TX".into(),
                to: "Tamaulipas".into(),
                count: 72,
                share: 0.067,
            },
            Corridor {
                from: "TX".into(),
                to: "Nuevo León".into(),
                count: 70,
                share: 0.065,
            },
        ],
        firearm_types: vec![
            share("pistol", 1_960, total),
            share("rifle", 1_230, total),
            share("revolver", 420, total),
            share("shotgun", 235, total),
        ],
        calibers: vec![
            share("9mm Luger", 1_690, total),
            share(".22 LR", 615, total),
            share("7.62x39mm", 520, total),
            share("other", 1_020, total),
        ],
        time_to_crime: TtcHistogram {
            buckets: vec![
                share("<1", 71, 1_180),
                share("1-3", 142, 1_180),
                share("3-5", 260, 1_180),
                share("5-10", 380, 1_180),
                share("10-20", 250, 1_180),
                share("20+", 77, 1_180),
            ],
            within_1y: 0.06,
            within_3y: 0.18,
            mean_years: 5.4,
        },
    }
}

fn seizure_stats() -> SeizureStatsOut {
    SeizureStatsOut {
        window: window(),
        seizures: 41,
        firearms: 187,
        per_month: vec![],
        by_port: vec![
            PortSeizures {
                port: "Laredo".into(),
                seizures: 12,
                firearms: 55,
            },
            PortSeizures {
                port: "Nogales".into(),
                seizures: 9,
                firearms: 40,
            },
        ],
    }
}

fn outcomes_state(lang: Lang, w: u16, h: u16) -> State {
    let mut s = state(lang, w, h);
    let keys = [
        Action::Pane1,
        Action::Pane2,
        Action::Pane3,
        Action::Pane4,
        Action::Pane5,
        Action::Pane6,
    ];
    let fx: Vec<Effect> = update(&mut s, keys[index_of(PaneId::Outcomes)].clone());
    answer(
        &mut s,
        &fx,
        MEASURES,
        Data::StatsMeasures(Measures {
            window: window(),
            traced_to_purchaser: measure(1_180, 1_020, &[320, 350, 340, 380, 400, 400]),
            networks_indicted: measure(3, 1, &[0, 1, 0, 1, 1, 1]),
            southbound_seizures: measure(41, 29, &[9, 10, 10, 12, 14, 15]),
        }),
    );
    answer(&mut s, &fx, TRACES, Data::StatsTraces(trace_stats()));
    answer(&mut s, &fx, SEIZURES, Data::StatsSeizures(seizure_stats()));
    answer(
        &mut s,
        &fx,
        LEADS,
        Data::StatsLeads(LeadStats {
            window: window(),
            pending: 37,
            overdue: 6,
            goal_hours: 48,
            decided: 120,
            median_hours_to_decision: Some(31.0),
            within_goal: 0.71,
        }),
    );
    s
}

fn snap(name: &str, theme_name: &str, setup: impl Fn(&mut State)) {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            let mut s = outcomes_state(lang, w, h);
            setup(&mut s);
            insta::assert_snapshot!(
                format!("{name}_{lang:?}_{w}x{h}").to_lowercase(),
                render(&s, &theme(theme_name))
            );
        }
    }
}

#[test]
fn outcomes() {
    snap("outcomes", "dark", |_| {});
}

#[test]
fn mono_outcomes() {
    snap("mono_outcomes", "mono", |_| {});
}

#[test]
fn outcomes_with_a_port_selected() {
    snap("outcomes_port", "dark", |s| {
        for _ in 0..40 {
            update(s, Action::Down);
        }
    });
}

#[test]
fn the_map_shades_by_count_and_marks_the_selected_state() {
    let s = outcomes_state(Lang::En, 80, 24);
    let screen = render(&s, &theme("mono"));
    assert!(screen.contains("SON█"), "{screen}");
    assert!(screen.contains("YUC·"), "{screen}");
    assert!(
        screen.contains("ROO░"),
        "the whole map fits 80 columns: {screen}"
    );
    let wide = render(&outcomes_state(Lang::En, 160, 48), &theme("mono"));
    assert!(wide.contains("Guns traced to a first buyer"), "{wide}");
}
