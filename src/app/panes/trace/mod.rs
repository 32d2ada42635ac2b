//! Trace lookup: search by serial, trace number or make/model/caliber, read the chain.

use crate::model::{Event, EventKind, Page, Trace, TraceQuery};

use crate::app::action::Action;
use crate::app::effect::{CacheEntry, Effect, Request, Slot};
use crate::app::filter::{self, TraceSearch};
use crate::app::overlay::{Overlay, PickItem, PickTarget, Prompt, PromptFor};
use crate::app::panes::list::ListCursor;
use crate::app::panes::{PaneId, PaneSpec};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, State};

pub const PAGE: u32 = 200;

/// What the result list currently shows (its heading).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Listing {
    /// The newest traces, before any search.
    #[default]
    Recent,
    Search(String),
    SamePurchaser(String),
    SameDealer(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TraceState {
    pub listing: Listing,
    pub query: TraceQuery,
    pub rows: Vec<Trace>,
    pub next_cursor: Option<String>,
    pub list: ListCursor,
    pub detail: Option<Trace>,
    pub detail_scroll: usize,
    pub appending: bool,
    pub stale: bool,
    pub loaded: bool,
    /// The text last searched for, offered again by `/`.
    pub search_text: String,
}

impl TraceState {
    pub fn selected(&self) -> Option<&Trace> {
        self.rows.get(self.list.selected)
    }
    /// The trace `p`/`d`/`y` act on: the open one, else the selected row.
    pub fn current(&self) -> Option<&Trace> {
        self.detail.as_ref().or_else(|| self.selected())
    }
}

pub const SPEC: PaneSpec = PaneSpec {
    id: PaneId::Trace,
    slots: &[Slot::TraceList, Slot::TraceDetail],
    refresh,
    update,
    on_data,
    on_event,
    palette_ids,
    copy_text: |s| s.trace.current().map(|t| t.serial.clone()),
    stale: |s| s.trace.stale,
    loaded: |s| s.trace.loaded,
};

pub fn refresh(s: &mut State) -> Vec<Effect> {
    s.trace.appending = false;
    let mut q = s.trace.query.clone();
    q.limit = Some(PAGE);
    q.cursor = None;
    vec![s.fetch(Slot::TraceList, Request::Traces(q))]
}

fn load_more(s: &mut State) -> Vec<Effect> {
    let Some(cursor) = s.trace.next_cursor.clone() else {
        return vec![];
    };
    if s.loading(Slot::TraceList) || !s.trace.list.near_end(s.trace.rows.len(), s.list_height()) {
        return vec![];
    }
    s.trace.appending = true;
    let mut q = s.trace.query.clone();
    q.limit = Some(PAGE);
    q.cursor = Some(cursor);
    vec![s.fetch(Slot::TraceList, Request::Traces(q))]
}

fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    match action {
        Action::Filter => {
            let input = s.trace.search_text.clone();
            s.overlays.push(Overlay::Prompt(Prompt {
                purpose: PromptFor::TraceSearch,
                input,
            }));
            return vec![];
        }
        Action::RelatedPurchaser => return related(s, true),
        Action::AssignCase => return crate::app::panes::cases::writes::pick_case_for_trace(s),
        Action::RelatedDealer => return related(s, false),
        Action::ClearFilter => return show(s, Listing::Recent, TraceQuery::default()),
        _ => {}
    }
    let height = s.list_height();
    if s.trace.detail.is_some() {
        let sc = &mut s.trace.detail_scroll;
        match action {
            Action::Up => *sc = sc.saturating_sub(1),
            Action::Down => *sc += 1,
            Action::PageUp => *sc = sc.saturating_sub(height),
            Action::PageDown => *sc += height,
            Action::Top => *sc = 0,
            Action::Back => s.trace.detail = None,
            _ => {}
        }
        return vec![];
    }
    if s.trace.list.apply(action, s.trace.rows.len(), height) {
        return load_more(s);
    }
    match action {
        Action::Open => match s.trace.selected().cloned() {
            Some(t) => open(s, t),
            None => vec![],
        },
        _ => vec![],
    }
}

/// Shows a trace at once from the row, then asks for the full record.
pub fn open(s: &mut State, t: Trace) -> Vec<Effect> {
    let id = t.id.clone();
    s.trace.detail = Some(t);
    s.trace.detail_scroll = 0;
    vec![s.fetch(Slot::TraceDetail, Request::Trace(id))]
}

/// Runs a search typed at the `/` prompt.
pub fn search(s: &mut State, text: String) -> Vec<Effect> {
    match filter::trace_search(&text) {
        Ok(TraceSearch::Number(id)) => {
            s.trace.search_text = text.clone();
            s.trace.listing = Listing::Search(text);
            s.trace.rows.clear();
            s.trace.next_cursor = None;
            s.trace.list = ListCursor::default();
            s.trace.detail = None;
            vec![s.fetch(Slot::TraceList, Request::Trace(id))]
        }
        Ok(TraceSearch::Query(q)) => {
            s.trace.search_text = text.clone();
            show(s, Listing::Search(text), *q)
        }
        Err(e) => vec![s.toast(Level::Error, Notice::Text(e))],
    }
}

fn show(s: &mut State, listing: Listing, query: TraceQuery) -> Vec<Effect> {
    s.trace.listing = listing;
    s.trace.query = query;
    s.trace.list = ListCursor::default();
    s.trace.detail = None;
    refresh(s)
}

/// Other traces with the same purchaser (a straw-purchase pattern) or the same dealer.
fn related(s: &mut State, purchaser: bool) -> Vec<Effect> {
    let Some(t) = s.trace.current().cloned() else {
        return vec![s.toast(Level::Info, Notice::NothingSelected)];
    };
    let (key, name) = if purchaser {
        (t.purchaser_id.clone(), t.purchaser_name.clone())
    } else {
        (t.dealer_license.clone(), t.dealer_name.clone())
    };
    let Some(key) = key else {
        return vec![s.toast(Level::Info, Notice::NotHere)];
    };
    let label = name.unwrap_or_else(|| key.clone());
    let mut q = TraceQuery::default();
    let listing = if purchaser {
        q.purchaser_id = Some(key);
        Listing::SamePurchaser(label)
    } else {
        q.dealer_license = Some(key);
        Listing::SameDealer(label)
    };
    show(s, listing, q)
}

fn on_data(s: &mut State, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (Slot::TraceList, Data::Traces(page)) => on_page(s, page),
        // A trace-number search answers with the one trace.
        (Slot::TraceList, Data::Trace(t)) => {
            s.trace.rows = vec![t];
            s.trace.loaded = true;
            s.trace.stale = false;
            vec![]
        }
        (Slot::TraceDetail, Data::Trace(t)) => {
            if let Some(r) = s.trace.rows.iter_mut().find(|r| r.id == t.id) {
                *r = t.clone();
            }
            if s.trace.detail.as_ref().is_some_and(|d| d.id == t.id) {
                s.trace.detail = Some(t);
            }
            vec![]
        }
        _ => vec![],
    }
}

fn on_page(s: &mut State, page: Page<Trace>) -> Vec<Effect> {
    let height = s.list_height();
    let t = &mut s.trace;
    if t.appending {
        t.rows.extend(page.items);
    } else {
        let keep = t.selected().map(|r| r.id.clone());
        t.rows = page.items;
        let idx = keep
            .and_then(|id| t.rows.iter().position(|r| r.id == id))
            .unwrap_or(0);
        t.list.select(idx, t.rows.len(), height);
    }
    t.appending = false;
    t.next_cursor = page.next_cursor;
    t.stale = false;
    t.loaded = true;
    let mut fx = vec![];
    if t.listing == Listing::Recent {
        fx.push(Effect::Cache(CacheEntry::Traces(
            t.rows.iter().take(5_000).cloned().collect(),
        )));
    }
    fx.extend(load_more(s));
    fx
}

fn on_event(s: &mut State, ev: &Event) -> Vec<Effect> {
    if !matches!(
        ev.kind,
        EventKind::TraceSubmitted | EventKind::TraceCompleted
    ) {
        return vec![];
    }
    let mut fx = vec![];
    if s.trace.rows.len() <= PAGE as usize
        && !matches!(s.trace.listing, Listing::Search(ref x) if x.to_ascii_uppercase().starts_with("TR-"))
    {
        fx.extend(refresh(s));
    }
    if s.trace
        .detail
        .as_ref()
        .is_some_and(|d| d.id == ev.entity_id)
    {
        fx.push(s.fetch(Slot::TraceDetail, Request::Trace(ev.entity_id.clone())));
    }
    fx
}

fn palette_ids(s: &State) -> Vec<PickItem> {
    s.trace
        .rows
        .iter()
        .take(5_000)
        .map(|t| PickItem {
            label: format!("{}  {}", t.id, t.serial),
            target: PickTarget::Trace(t.id.clone()),
        })
        .collect()
}

pub fn from_cache(s: &mut State, rows: Vec<Trace>) {
    s.trace.rows = rows;
    s.trace.stale = true;
    s.trace.loaded = true;
}
