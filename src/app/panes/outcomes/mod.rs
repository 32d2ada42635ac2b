//! Outcomes: the initiative's three measures of success (guns traced to a first buyer,
//! networks indicted, southbound seizures), this window against the previous one, then the
//! aggregates behind them as bars. `Enter` on a bar opens the matching records in the Queue or
//! the Trace pane; `/` filters by date range, agency and country.
//!
//! The four reads (`/v1/stats/measures|traces|seizures|leads`) are issued together and each
//! fills its part of the screen when it arrives; a refresh keeps the old figures on screen.

pub mod bars;

use crate::model::{LeadStats, Measures, SeizureStatsOut, StatsQuery, TraceStats};

use crate::app::action::Action;
use crate::app::effect::{Effect, Request, Slot};
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::panes::{Pane, PaneId, slot};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};
pub use bars::{Bar, Row};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutcomesState {
    pub measures: Option<Measures>,
    pub traces: Option<TraceStats>,
    pub seizures: Option<SeizureStatsOut>,
    pub leads: Option<LeadStats>,
    /// The filter as typed (`from:… to:… agency:… country:…`) and as sent.
    pub filter_text: String,
    pub query: StatsQuery,
    /// Index into [`bars::rows`] of the selected bar, and the first row shown.
    pub selected: usize,
    pub offset: usize,
    pub loaded: bool,
}

/// What the Outcomes pane tells the user (worded by the UI).
#[derive(Debug, Clone, PartialEq)]
pub enum OutcomesNotice {
    /// The filter had a term it could not read (the term).
    FilterInput(String),
    /// No list in the console filters by what this bar counts.
    NoList,
}

pub const MEASURES: Slot = slot(PaneId::Outcomes, 0);
pub const TRACES: Slot = slot(PaneId::Outcomes, 1);
pub const SEIZURES: Slot = slot(PaneId::Outcomes, 2);
pub const LEADS: Slot = slot(PaneId::Outcomes, 3);

impl OutcomesState {
    /// The selectable rows as drawn (section headings and bars).
    pub fn rows(&self) -> Vec<Row> {
        bars::rows(self)
    }
}

impl Pane for OutcomesState {
    fn refresh(&mut self, cx: &mut Shell) -> Vec<Effect> {
        let q = self.query.clone();
        vec![
            cx.fetch(MEASURES, Request::StatsMeasures(q.clone())),
            cx.fetch(TRACES, Request::StatsTraces(q.clone())),
            cx.fetch(SEIZURES, Request::StatsSeizures(q.clone())),
            cx.fetch(LEADS, Request::StatsLeads(q)),
        ]
    }
    fn update(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect> {
        update(self, cx, action)
    }
    fn on_data(&mut self, _cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
        match (slot, data) {
            (MEASURES, Data::StatsMeasures(m)) => self.measures = Some(m),
            (TRACES, Data::StatsTraces(t)) => self.traces = Some(t),
            (SEIZURES, Data::StatsSeizures(z)) => self.seizures = Some(z),
            (LEADS, Data::StatsLeads(l)) => self.leads = Some(l),
            _ => return vec![],
        }
        self.loaded = true;
        let rows = self.rows();
        self.selected = bars::nearest_bar(&rows, self.selected);
        vec![]
    }
    fn prompted(&mut self, cx: &mut Shell, purpose: PromptFor, text: String) -> Vec<Effect> {
        match purpose {
            PromptFor::OutcomesFilter => apply_filter(self, cx, text),
            _ => vec![],
        }
    }
    fn loaded(&self) -> bool {
        self.loaded
    }
}

fn update(p: &mut OutcomesState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let rows = p.rows();
    let page = cx.list_height().max(1) as isize;
    match action {
        Action::Up => p.selected = bars::step(&rows, p.selected, -1),
        Action::Down => p.selected = bars::step(&rows, p.selected, 1),
        Action::PageUp => p.selected = bars::step(&rows, p.selected, -page),
        Action::PageDown => p.selected = bars::step(&rows, p.selected, page),
        Action::Top => p.selected = bars::nearest_bar(&rows, 0),
        Action::Bottom => p.selected = bars::step(&rows, usize::MAX, 0),
        Action::Open => return open(p, cx, &rows),
        Action::Filter => {
            cx.overlays.push(Overlay::Prompt(Prompt {
                purpose: PromptFor::OutcomesFilter,
                input: p.filter_text.clone(),
            }));
        }
        Action::ClearFilter if !p.filter_text.is_empty() => {
            return apply_filter(p, cx, String::new());
        }
        Action::EarlierWindow => return shift(p, cx, -1),
        Action::LaterWindow => return shift(p, cx, 1),
        Action::CycleCountry => {
            use crate::model::Country;
            let next = match p.query.country {
                None => Some(Country::MX),
                Some(Country::MX) => Some(Country::US),
                Some(Country::US) => None,
            };
            let mut q = p.query.clone();
            q.country = next;
            return set_query(p, cx, q);
        }
        _ => {}
    }
    vec![]
}

/// `[` / `]`: the window of the same length just before or after the one shown.
fn shift(p: &mut OutcomesState, cx: &mut Shell, direction: i64) -> Vec<Effect> {
    let Some(w) = p.traces.as_ref().map(|t| t.window.clone()) else {
        return vec![];
    };
    let len = (w.to - w.from).num_days() + 1;
    let by = chrono::Duration::days(len * direction);
    let mut q = p.query.clone();
    q.from = Some(w.from + by);
    q.to = Some(w.to + by);
    set_query(p, cx, q)
}

/// A query changed by a key: the filter text says what is in force, and the figures are read.
fn set_query(p: &mut OutcomesState, cx: &mut Shell, q: StatsQuery) -> Vec<Effect> {
    p.filter_text = crate::app::filter::stats_text(&q, cx.lang);
    p.query = q;
    p.refresh(cx)
}

/// `/`: `from:2026-01-01 to:2026-03-31 agency:"FGR Sonora" country:MX`.
fn apply_filter(p: &mut OutcomesState, cx: &mut Shell, text: String) -> Vec<Effect> {
    match crate::app::filter::stats_query(&text) {
        Ok(q) => {
            p.query = q;
            p.filter_text = text;
            p.refresh(cx)
        }
        Err(term) => vec![cx.toast(
            Level::Error,
            Notice::from(OutcomesNotice::FilterInput(term)),
        )],
    }
}

/// `Enter` on a bar: the records it counts, where the console lists them.
fn open(p: &OutcomesState, cx: &mut Shell, rows: &[Row]) -> Vec<Effect> {
    let Some(Row::Bar(bar, _)) = rows.get(p.selected) else {
        return vec![];
    };
    let window = p.traces.as_ref().map(|t| &t.window);
    match bars::target(bar, window, cx.lang) {
        Some(t) => vec![Effect::Navigate(t)],
        None => vec![cx.toast(Level::Info, Notice::from(OutcomesNotice::NoList))],
    }
}

#[cfg(test)]
mod tests;
