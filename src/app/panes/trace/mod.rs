//! Trace lookup: search by serial, trace number or make/model/caliber, read the chain.

use crate::model::{Event, EventKind, Page, Trace, TraceQuery};

use crate::app::action::Action;
use crate::app::effect::{CacheEntry, Effect, Request, Slot};
use crate::app::filter::{self, TraceSearch};
use crate::app::overlay::{Overlay, PickItem, PickTarget, Prompt, PromptFor};
use crate::app::panes::list::{ListCursor, first_read, next_read, scroll};
pub mod writes;

use crate::app::backend::FetchError;
pub use crate::app::panes::navigate::Listing;
use crate::app::panes::{Pane, PaneId, Target, slot};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};

pub const PAGE: u32 = 200;

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

/// The pane's reads.
pub const LIST: Slot = slot(PaneId::Trace, 0);
pub const DETAIL: Slot = slot(PaneId::Trace, 1);

impl Pane for TraceState {
    fn refresh(&mut self, cx: &mut Shell) -> Vec<Effect> {
        refresh(self, cx)
    }
    fn update(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect> {
        update(self, cx, action)
    }
    fn on_data(&mut self, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
        on_data(self, cx, slot, data)
    }
    fn cached(&mut self, _cx: &mut Shell, entry: CacheEntry) -> Option<CacheEntry> {
        match entry {
            CacheEntry::Traces(rows) => {
                if !self.loaded {
                    self.from_cache(rows);
                }
                None
            }
            other => Some(other),
        }
    }
    fn on_event(&mut self, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
        on_event(self, cx, ev)
    }
    /// A trace request sent from the queue was answered: the new trace heads the recent list.
    fn on_wrote(
        &mut self,
        cx: &mut Shell,
        _key: &str,
        result: &Result<Data, FetchError>,
    ) -> Option<Vec<Effect>> {
        let Ok(Data::Trace(t)) = result else {
            return None;
        };
        let id = t.id.clone();
        if self.listing == Listing::Recent && !self.rows.iter().any(|r| r.id == id) {
            self.rows.insert(0, t.clone());
        }
        Some(vec![cx.toast(Level::Ok, Notice::TraceSubmitted(id))])
    }
    fn navigate(&mut self, cx: &mut Shell, target: &Target) -> Option<Vec<Effect>> {
        match target {
            Target::Trace(t) => Some(open(self, cx, (**t).clone())),
            Target::TraceId(id) => {
                let Some(i) = self.rows.iter().position(|r| r.id == *id) else {
                    return Some(vec![]);
                };
                self.list.select(i, self.rows.len(), cx.list_height());
                let row = self.rows[i].clone();
                Some(open(self, cx, row))
            }
            Target::Traces(listing, q) => {
                if let Listing::Search(text) = listing {
                    self.search_text = text.clone();
                }
                Some(show(self, cx, listing.clone(), (**q).clone()))
            }
            _ => None,
        }
    }
    fn picked(&mut self, cx: &mut Shell, target: PickTarget) -> Vec<Effect> {
        match target {
            PickTarget::Case(id) => writes::link(self, cx, id),
            _ => vec![],
        }
    }
    fn prompted(&mut self, cx: &mut Shell, purpose: PromptFor, text: String) -> Vec<Effect> {
        match purpose {
            PromptFor::TraceSearch => search(self, cx, text),
            _ => vec![],
        }
    }
    fn resize(&mut self, rows: usize) {
        let i = self.list.selected;
        self.list.select(i, self.rows.len(), rows);
    }
    fn palette_ids(&self) -> Vec<PickItem> {
        palette_ids(self)
    }
    fn copy_text(&self) -> Option<String> {
        self.current().map(|t| t.serial.clone())
    }
    /// The traced firearm: its purchaser, dealer and seizures are one hop away.
    fn watch_targets(&self) -> Vec<crate::app::alerts::WatchTarget> {
        self.current()
            .map(crate::app::watch_targets::for_trace)
            .unwrap_or_default()
    }
    fn network_id(&self) -> Option<String> {
        self.current().map(|t| t.firearm_id.clone())
    }
    fn stale(&self) -> bool {
        self.stale
    }
    fn loaded(&self) -> bool {
        self.loaded
    }
}

pub fn refresh(p: &mut TraceState, cx: &mut Shell) -> Vec<Effect> {
    p.appending = false;
    let mut q = p.query.clone();
    q.limit = Some(first_read(p.rows.len(), cx.list_height(), PAGE));
    q.cursor = None;
    vec![cx.fetch(LIST, Request::Traces(q))]
}

fn load_more(p: &mut TraceState, cx: &mut Shell) -> Vec<Effect> {
    let Some(cursor) = p.next_cursor.clone() else {
        return vec![];
    };
    if cx.loading(LIST) || !p.list.near_end(p.rows.len(), cx.list_height()) {
        return vec![];
    }
    p.appending = true;
    let mut q = p.query.clone();
    q.limit = Some(next_read(p.rows.len(), PAGE));
    q.cursor = Some(cursor);
    vec![cx.fetch(LIST, Request::Traces(q))]
}

fn update(p: &mut TraceState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    match action {
        Action::Filter => {
            let input = p.search_text.clone();
            cx.overlays.push(Overlay::Prompt(Prompt {
                purpose: PromptFor::TraceSearch,
                input,
            }));
            return vec![];
        }
        Action::RelatedPurchaser => return related(p, cx, true),
        Action::AssignCase => return writes::pick_case(p, cx),
        Action::RelatedDealer => return related(p, cx, false),
        Action::ClearFilter => return show(p, cx, Listing::Recent, TraceQuery::default()),
        _ => {}
    }
    let height = cx.list_height();
    if p.detail.is_some() {
        if !scroll(&mut p.detail_scroll, action, height) && matches!(action, Action::Back) {
            p.detail = None;
        }
        return vec![];
    }
    if p.list.apply(action, p.rows.len(), height) {
        return load_more(p, cx);
    }
    match action {
        Action::Open => match p.selected().cloned() {
            Some(t) => open(p, cx, t),
            None => vec![],
        },
        _ => vec![],
    }
}

/// Shows a trace at once from the row, then asks for the full record.
pub fn open(p: &mut TraceState, cx: &mut Shell, t: Trace) -> Vec<Effect> {
    let id = t.id.clone();
    p.detail = Some(t);
    p.detail_scroll = 0;
    vec![cx.fetch(DETAIL, Request::Trace(id))]
}

/// Runs a search typed at the `/` prompt.
pub fn search(p: &mut TraceState, cx: &mut Shell, text: String) -> Vec<Effect> {
    match filter::trace_search(&text) {
        Ok(TraceSearch::Number(id)) => {
            p.search_text = text.clone();
            p.listing = Listing::Search(text);
            p.rows.clear();
            p.next_cursor = None;
            p.list = ListCursor::default();
            p.detail = None;
            vec![cx.fetch(LIST, Request::Trace(id))]
        }
        Ok(TraceSearch::Query(q)) => {
            p.search_text = text.clone();
            show(p, cx, Listing::Search(text), *q)
        }
        Err(e) => vec![cx.toast(Level::Error, Notice::Filter(e))],
    }
}

fn show(p: &mut TraceState, cx: &mut Shell, listing: Listing, query: TraceQuery) -> Vec<Effect> {
    p.listing = listing;
    p.query = query;
    p.list = ListCursor::default();
    p.detail = None;
    refresh(p, cx)
}

/// Other traces with the same purchaser (a straw-purchase pattern) or the same dealer.
fn related(p: &mut TraceState, cx: &mut Shell, purchaser: bool) -> Vec<Effect> {
    let Some(t) = p.current().cloned() else {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    };
    let (key, name) = if purchaser {
        (t.purchaser_id.clone(), t.purchaser_name.clone())
    } else {
        (t.dealer_license.clone(), t.dealer_name.clone())
    };
    let Some(key) = key else {
        return vec![cx.toast(Level::Info, Notice::NotHere)];
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
    vec![Effect::Navigate(Target::Traces(listing, Box::new(q)))]
}

fn on_data(p: &mut TraceState, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (LIST, Data::Traces(page)) => on_page(p, cx, page),
        // A trace-number search answers with the one trace.
        (LIST, Data::Trace(t)) => {
            p.rows = vec![t];
            p.loaded = true;
            p.stale = false;
            vec![]
        }
        (DETAIL, Data::Trace(t)) => {
            if let Some(r) = p.rows.iter_mut().find(|r| r.id == t.id) {
                *r = t.clone();
            }
            if p.detail.as_ref().is_some_and(|d| d.id == t.id) {
                p.detail = Some(t);
            }
            vec![]
        }
        _ => vec![],
    }
}

fn on_page(p: &mut TraceState, cx: &mut Shell, page: Page<Trace>) -> Vec<Effect> {
    let height = cx.list_height();
    let t = &mut *p;
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
    fx.extend(load_more(p, cx));
    fx
}

fn on_event(p: &mut TraceState, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
    if !matches!(
        ev.kind,
        EventKind::TraceSubmitted | EventKind::TraceCompleted
    ) {
        return vec![];
    }
    let mut fx = vec![];
    if p.rows.len() <= PAGE as usize
        && !matches!(p.listing, Listing::Search(ref x) if x.to_ascii_uppercase().starts_with("TR-"))
    {
        fx.extend(refresh(p, cx));
    }
    if p
        .detail
        .as_ref()
        .is_some_and(|d| d.id == ev.entity_id)
    {
        fx.push(cx.fetch(DETAIL, Request::Trace(ev.entity_id.clone())));
    }
    fx
}

fn palette_ids(p: &TraceState) -> Vec<PickItem> {
    p
        .rows
        .iter()
        .take(5_000)
        .map(|t| PickItem {
            label: format!("{}  {}", t.id, t.serial),
            target: PickTarget::Trace(t.id.clone()),
        })
        .collect()
}

impl TraceState {
    /// Fills the list from the local cache: shown at once, stale until the server answers.
    pub fn from_cache(&mut self, rows: Vec<Trace>) {
        self.rows = rows;
        self.stale = true;
        self.loaded = true;
    }
}
