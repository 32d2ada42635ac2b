//! The Outcomes pane's bars as one list with section headings: what is drawn, what the cursor
//! moves over, and what `Enter` opens. Built from the answers at hand, so the list is the same
//! whichever order they arrived in.

use crate::model::{StatsWindow, TraceQuery};

use super::OutcomesState;
use crate::app::panes::Target;
use crate::app::filter::{key_for, value_for};
use crate::app::panes::navigate::Listing;
use crate::app::state::Lang;

/// The sections of the list, in the order drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    MxStates,
    UsStates,
    Corridors,
    Ports,
    Types,
    Calibers,
    TimeToCrime,
}

/// One bar: what it counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Bar {
    /// A Mexican state of recovery (code, name).
    MxState(String, String),
    /// A US state of the retail sale (postal code).
    UsState(String),
    /// US state of sale → Mexican state of recovery.
    Corridor(String, String),
    Port(String),
    FirearmType(String),
    Caliber(String),
    /// A time-to-crime bucket (`<1`, `1-3`, … years).
    Ttc(String),
}

/// A bar's figures: its count and its share of the section's whole (0–1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    pub count: u64,
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Header(Section),
    Bar(Bar, Value),
}

/// Corridors shown (the server ranks up to 20).
const CORRIDORS: usize = 10;

pub fn rows(p: &OutcomesState) -> Vec<Row> {
    let mut out = Vec::new();
    let mut section = |s: Section, bars: Vec<(Bar, Value)>| {
        if !bars.is_empty() {
            out.push(Row::Header(s));
            out.extend(bars.into_iter().map(|(b, v)| Row::Bar(b, v)));
        }
    };
    let v = |count: u64, share: f64| Value { count, share };
    if let Some(t) = &p.traces {
        let total = t.traces.max(1) as f64;
        section(
            Section::MxStates,
            t.by_mx_state
                .iter()
                .map(|s| {
                    let b = Bar::MxState(s.code.clone(), s.state.clone());
                    (b, v(s.traces, s.traces as f64 / total))
                })
                .collect(),
        );
        let shares = |list: &[crate::model::Share], bar: fn(String) -> Bar| {
            list.iter()
                .map(|s| (bar(s.key.clone()), v(s.count, s.share)))
                .collect::<Vec<_>>()
        };
        section(Section::UsStates, shares(&t.by_us_state, Bar::UsState));
        section(
            Section::Corridors,
            t.corridors
                .iter()
                .take(CORRIDORS)
                .map(|c| {
                    let b = Bar::Corridor(c.from.clone(), c.to.clone());
                    (b, v(c.count, c.share))
                })
                .collect(),
        );
        if let Some(z) = &p.seizures {
            let total = z.seizures.max(1) as f64;
            section(
                Section::Ports,
                z.by_port
                    .iter()
                    .map(|s| (Bar::Port(s.port.clone()), v(s.seizures, s.seizures as f64 / total)))
                    .collect(),
            );
        }
        section(Section::Types, shares(&t.firearm_types, Bar::FirearmType));
        section(Section::Calibers, shares(&t.calibers, Bar::Caliber));
        section(
            Section::TimeToCrime,
            shares(&t.time_to_crime.buckets, Bar::Ttc),
        );
    }
    out
}

/// The first bar at or after `i` (else the last bar before it).
pub fn nearest_bar(rows: &[Row], i: usize) -> usize {
    let is_bar = |r: &Row| matches!(r, Row::Bar(..));
    rows.iter()
        .skip(i)
        .position(is_bar)
        .map(|k| i + k)
        .or_else(|| rows.iter().rposition(is_bar))
        .unwrap_or(0)
}

/// Moves the cursor by `delta` bars (headings are skipped), clamped at both ends.
pub fn step(rows: &[Row], from: usize, delta: isize) -> usize {
    let bars: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Row::Bar(..)))
        .map(|(i, _)| i)
        .collect();
    let Some(last) = bars.len().checked_sub(1) else {
        return 0;
    };
    let at = bars.iter().position(|&i| i >= from).unwrap_or(last);
    bars[at.saturating_add_signed(delta).min(last)]
}

/// Where `Enter` on a bar sends the user: the seizures of a state or a port in the window (the
/// Queue), the traces of a calibre or with a short time-to-crime (Trace). The others count by
/// fields no list filters on.
/// The filter text is written in the reader's language (`país:MX entidad:"Sonora"`).
pub fn target(bar: &Bar, window: Option<&StatsWindow>, lang: Lang) -> Option<Target> {
    let k = |key: &str| key_for(lang, key);
    let dates = window.map_or(String::new(), |w| {
        format!(" {}:{} {}:{}", k("from"), w.from, k("to"), w.to)
    });
    match bar {
        Bar::MxState(_, name) => Some(Target::Seizures(format!(
            "{}:MX {}:\"{name}\"{dates}",
            k("country"),
            k("state")
        ))),
        Bar::Port(port) => Some(Target::Seizures(format!(
            "{}:{} {}:\"{port}\"{dates}",
            k("kind"),
            value_for(lang, "kind", "border_inspection"),
            k("port")
        ))),
        Bar::Caliber(c) if c != "other" => {
            let q = TraceQuery {
                caliber: Some(c.clone()),
                ..TraceQuery::default()
            };
            Some(Target::Traces(
                Listing::Search(format!("{}:\"{c}\"", k("caliber"))),
                Box::new(q),
            ))
        }
        Bar::Ttc(k) if k == "<1" || k == "1-3" => {
            let q = TraceQuery {
                short_ttc: Some(true),
                ..TraceQuery::default()
            };
            Some(Target::Traces(
                Listing::Search(format!("ttc:{}", value_for(lang, "ttc", "short"))),
                Box::new(q),
            ))
        }
        _ => None,
    }
}
