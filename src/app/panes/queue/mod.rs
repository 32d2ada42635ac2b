//! The seizure queue: what is waiting for work, newest or oldest first, filtered.

use std::collections::BTreeSet;

use crate::model::{
    Event, EventKind, Page, Seizure, SeizureQuery, SeizureSort, SeizureStats, Trace, TraceQuery,
};

use crate::app::panes::list::ListCursor;
pub mod writes;

use crate::app::action::Action;
use crate::app::effect::{CacheEntry, Effect, Request, Slot};
use crate::app::filter;
use crate::app::overlay::{Overlay, PickItem, PickTarget, Prompt, PromptFor};
use crate::app::panes::{PaneId, PaneSpec};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, State};
use writes as queue_writes;

/// Rows fetched per page.
pub const PAGE: u32 = 200;
/// Most rows kept in the local cache.
const CACHE_MAX: usize = 50_000;
const CACHE_EVERY: usize = 5_000;

/// The detail of one seizure with the traces of its firearms.
#[derive(Debug, Clone, PartialEq)]
pub struct SeizureDetail {
    pub seizure: Seizure,
    pub traces: Vec<Trace>,
    pub traces_loaded: bool,
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueueState {
    pub rows: Vec<Seizure>,
    pub next_cursor: Option<String>,
    pub list: ListCursor,
    /// The filter as typed, shown in the header and offered again by `/`.
    pub filter_text: String,
    pub sort: SeizureSort,
    pub query: SeizureQuery,
    pub stats: Option<SeizureStats>,
    /// Seizure ids marked for a bulk action.
    pub marked: BTreeSet<String>,
    pub detail: Option<SeizureDetail>,
    /// The pending list request continues the list rather than replacing it.
    pub appending: bool,
    /// Rows came from the local cache and the server has not confirmed them yet.
    pub stale: bool,
    pub loaded: bool,
}

impl QueueState {
    pub fn selected(&self) -> Option<&Seizure> {
        self.rows.get(self.list.selected)
    }
}

pub const SPEC: PaneSpec = PaneSpec {
    id: PaneId::Queue,
    slots: &[
        Slot::QueueList,
        Slot::QueueStats,
        Slot::QueueDetail,
        Slot::QueueDetailTraces,
    ],
    refresh,
    update,
    on_data,
    on_event,
    palette_ids,
    copy_text,
    stale: |s| s.queue.stale,
    loaded: |s| s.queue.loaded,
};

/// Reloads the first page with the current filter, plus the status counts.
pub fn refresh(s: &mut State) -> Vec<Effect> {
    s.queue.appending = false;
    let mut q = s.queue.query.clone();
    q.sort = Some(s.queue.sort);
    q.limit = Some(PAGE);
    q.cursor = None;
    vec![
        s.fetch(Slot::QueueList, Request::Seizures(q)),
        s.fetch(Slot::QueueStats, Request::SeizureStats),
    ]
}

fn load_more(s: &mut State) -> Vec<Effect> {
    let Some(cursor) = s.queue.next_cursor.clone() else {
        return vec![];
    };
    if s.loading(Slot::QueueList) || !s.queue.list.near_end(s.queue.rows.len(), s.list_height()) {
        return vec![];
    }
    s.queue.appending = true;
    let mut q = s.queue.query.clone();
    q.sort = Some(s.queue.sort);
    q.limit = Some(PAGE);
    q.cursor = Some(cursor);
    vec![s.fetch(Slot::QueueList, Request::Seizures(q))]
}

fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    let height = s.list_height();
    if let Some(d) = s.queue.detail.as_mut() {
        match action {
            Action::Up => d.scroll = d.scroll.saturating_sub(1),
            Action::Down => d.scroll += 1,
            Action::PageUp => d.scroll = d.scroll.saturating_sub(height),
            Action::PageDown => d.scroll += height,
            Action::Top => d.scroll = 0,
            Action::Back => s.queue.detail = None,
            _ => return queue_writes::update(s, action),
        }
        return vec![];
    }
    let len = s.queue.rows.len();
    if s.queue.list.apply(action, len, height) {
        return load_more(s);
    }
    match action {
        Action::Open => open(s),
        Action::Filter => {
            let input = s.queue.filter_text.clone();
            s.overlays.push(Overlay::Prompt(Prompt {
                purpose: PromptFor::QueueFilter,
                input,
            }));
            vec![]
        }
        Action::ClearFilter => apply_filter(s, String::new()),
        Action::ToggleSort => {
            s.queue.sort = match s.queue.sort {
                SeizureSort::Newest => SeizureSort::Oldest,
                SeizureSort::Oldest => SeizureSort::Newest,
            };
            s.queue.list = ListCursor::default();
            refresh(s)
        }
        Action::Mark => {
            if let Some(id) = s.queue.selected().map(|r| r.id.clone())
                && !s.queue.marked.remove(&id)
            {
                s.queue.marked.insert(id);
            }
            s.queue.list.apply(&Action::Down, len, height);
            load_more(s)
        }
        _ => queue_writes::update(s, action),
    }
}

fn open(s: &mut State) -> Vec<Effect> {
    let Some(row) = s.queue.selected().cloned() else {
        return vec![];
    };
    open_id(s, row)
}

/// Opens a seizure's detail at once from what is known, then asks for the full record.
pub fn open_id(s: &mut State, row: Seizure) -> Vec<Effect> {
    let id = row.id.clone();
    s.queue.detail = Some(SeizureDetail {
        seizure: row,
        traces: vec![],
        traces_loaded: false,
        scroll: 0,
    });
    let traces = TraceQuery {
        seizure_id: Some(id.clone()),
        limit: Some(100),
        ..TraceQuery::default()
    };
    vec![
        s.fetch(Slot::QueueDetail, Request::Seizure(id)),
        s.fetch(Slot::QueueDetailTraces, Request::Traces(traces)),
    ]
}

/// Applies a filter typed at the `/` prompt.
pub fn apply_filter(s: &mut State, text: String) -> Vec<Effect> {
    match filter::seizure_query(&text, s.queue.sort) {
        Ok(q) => {
            s.queue.query = q;
            s.queue.filter_text = text;
            s.queue.list = ListCursor::default();
            refresh(s)
        }
        Err(e) => vec![s.toast(Level::Error, Notice::Text(e))],
    }
}

fn on_data(s: &mut State, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (Slot::QueueList, Data::Seizures(page)) => on_page(s, page),
        (Slot::QueueStats, Data::Stats(stats)) => {
            s.queue.stats = Some(stats);
            vec![]
        }
        (Slot::QueueDetail, Data::Seizure(z)) => {
            replace_row(s, &z);
            if let Some(d) = s.queue.detail.as_mut().filter(|d| d.seizure.id == z.id) {
                d.seizure = z;
            }
            vec![]
        }
        (Slot::QueueDetailTraces, Data::Traces(page)) => {
            if let Some(d) = s.queue.detail.as_mut() {
                d.traces = page.items;
                d.traces_loaded = true;
            }
            vec![]
        }
        _ => vec![],
    }
}

fn on_page(s: &mut State, page: Page<Seizure>) -> Vec<Effect> {
    let q = &mut s.queue;
    let keep = q.selected().map(|r| r.id.clone());
    let appended = q.appending;
    if q.appending {
        q.rows.extend(page.items);
    } else {
        q.rows = page.items;
        let idx = keep
            .and_then(|id| q.rows.iter().position(|r| r.id == id))
            .unwrap_or(0);
        let (len, h) = (q.rows.len(), usize::from(s.size.1).saturating_sub(7).max(1));
        q.list.select(idx, len, h);
    }
    q.appending = false;
    q.next_cursor = page.next_cursor;
    q.stale = false;
    q.loaded = true;
    let mut fx = vec![];
    // The unfiltered queue is what a restart shows first. Saved on the first page and then
    // every CACHE_EVERY rows, so paging through a long queue does not rewrite it each page.
    let save = !appended || q.rows.len() % CACHE_EVERY < PAGE as usize;
    if q.filter_text.is_empty() && save && q.rows.len() <= CACHE_MAX + PAGE as usize {
        let cached: Vec<Seizure> = q.rows.iter().take(CACHE_MAX).cloned().collect();
        fx.push(Effect::Cache(CacheEntry::Queue(cached, q.stats.clone())));
    }
    fx.extend(load_more(s));
    fx
}

/// Puts a fresher copy of a seizure into the list, wherever it is.
pub fn replace_row(s: &mut State, z: &Seizure) {
    if let Some(r) = s.queue.rows.iter_mut().find(|r| r.id == z.id) {
        *r = z.clone();
    }
}

fn on_event(s: &mut State, ev: &Event) -> Vec<Effect> {
    match ev.kind {
        EventKind::SeizureCreated | EventKind::SeizureUpdated => {
            let mut fx = vec![s.fetch(Slot::QueueStats, Request::SeizureStats)];
            // Reloading the first page would throw away pages the user scrolled into.
            if s.queue.rows.len() <= PAGE as usize {
                fx.extend(refresh(s));
            }
            if s.queue
                .detail
                .as_ref()
                .is_some_and(|d| d.seizure.id == ev.entity_id)
            {
                fx.push(s.fetch(Slot::QueueDetail, Request::Seizure(ev.entity_id.clone())));
            }
            fx
        }
        EventKind::TraceSubmitted | EventKind::TraceCompleted => {
            let Some(d) = s.queue.detail.as_ref() else {
                return vec![];
            };
            let q = TraceQuery {
                seizure_id: Some(d.seizure.id.clone()),
                limit: Some(100),
                ..TraceQuery::default()
            };
            vec![s.fetch(Slot::QueueDetailTraces, Request::Traces(q))]
        }
        _ => vec![],
    }
}

/// Seizure ids in view (capped so the palette stays instant).
fn palette_ids(s: &State) -> Vec<PickItem> {
    s.queue
        .rows
        .iter()
        .take(5_000)
        .map(|r| PickItem {
            label: format!("{}  {}", r.id, r.place()),
            target: PickTarget::Seizure(r.id.clone()),
        })
        .collect()
}

fn copy_text(s: &State) -> Option<String> {
    match &s.queue.detail {
        Some(d) => Some(d.seizure.id.clone()),
        None => s.queue.selected().map(|r| r.id.clone()),
    }
}

/// Fills the queue from the local cache: shown at once, marked stale until the server answers.
pub fn from_cache(s: &mut State, rows: Vec<Seizure>, stats: Option<SeizureStats>) {
    s.queue.rows = rows;
    s.queue.stats = stats;
    s.queue.stale = true;
    s.queue.loaded = true;
}

/// The rest of the cached queue, arriving after the first frame. Ignored once the server has
/// answered (its data is fresher) or when it adds nothing.
pub fn more_from_cache(s: &mut State, rows: Vec<Seizure>) {
    if s.queue.stale && rows.len() > s.queue.rows.len() && s.queue.filter_text.is_empty() {
        s.queue.rows = rows;
    }
}
