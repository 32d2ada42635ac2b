//! The seizure queue: what is waiting for work, newest or oldest first, filtered.

use std::collections::BTreeSet;

use crate::model::{
    Event, EventKind, Page, Seizure, SeizureQuery, SeizureSort, SeizureStats, Trace, TraceQuery,
};

use crate::app::panes::list::{ListCursor, first_read, next_read, scroll};
pub mod import;
pub mod writes;

pub use import::QueueNotice;

use crate::app::action::Action;
use crate::app::effect::{CacheEntry, Effect, Request, Slot};
use crate::app::filter;
use crate::app::overlay::{Overlay, PickItem, PickTarget, Prompt, PromptFor};
use crate::app::backend::FetchError;
use crate::app::overlay::Confirm;
use crate::app::panes::{Pane, PaneId, Target, slot};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};
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
    /// The path last typed at the import prompt (`I`), offered again.
    pub import_path: String,
    /// An import being sent: the status bar shows how far it is.
    pub importing: Option<crate::app::import_job::ImportProgress>,
}

impl QueueState {
    pub fn selected(&self) -> Option<&Seizure> {
        self.rows.get(self.list.selected)
    }
}

/// The queue's reads.
pub const LIST: Slot = slot(PaneId::Queue, 0);
pub const STATS: Slot = slot(PaneId::Queue, 1);
pub const DETAIL: Slot = slot(PaneId::Queue, 2);
pub const DETAIL_TRACES: Slot = slot(PaneId::Queue, 3);

impl Pane for QueueState {
    fn refresh(&mut self, cx: &mut Shell) -> Vec<Effect> {
        refresh(self, cx)
    }
    fn update(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect> {
        update(self, cx, action)
    }
    fn on_data(&mut self, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
        on_data(self, cx, slot, data)
    }
    fn on_event(&mut self, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
        on_event(self, cx, ev)
    }
    fn cached(&mut self, cx: &mut Shell, entry: CacheEntry) -> Option<CacheEntry> {
        let CacheEntry::Queue(rows, stats) = entry else {
            return Some(entry);
        };
        if self.loaded {
            more_from_cache(self, rows);
        } else {
            from_cache(self, rows, stats);
            self.list.select(0, self.rows.len(), cx.list_height());
        }
        None
    }
    fn on_wrote(
        &mut self,
        cx: &mut Shell,
        _key: &str,
        result: &Result<Data, FetchError>,
    ) -> Option<Vec<Effect>> {
        let Ok(Data::Seizure(z)) = result else {
            return None;
        };
        replace_row(self, z);
        Some(vec![cx.toast(
            Level::Ok,
            Notice::StatusChanged(z.id.clone(), z.status),
        )])
    }
    fn navigate(&mut self, cx: &mut Shell, target: &Target) -> Option<Vec<Effect>> {
        match target {
            Target::Seizure(z) => Some(open_id(self, cx, (**z).clone())),
            Target::SeizureId(id) => {
                let Some(i) = self.rows.iter().position(|r| r.id == *id) else {
                    return Some(vec![]);
                };
                self.list.select(i, self.rows.len(), cx.list_height());
                let row = self.rows[i].clone();
                Some(open_id(self, cx, row))
            }
            Target::Seizures(filter) => {
                self.detail = None;
                Some(apply_filter(self, cx, filter.clone()))
            }
            _ => None,
        }
    }
    fn picked(&mut self, cx: &mut Shell, target: PickTarget) -> Vec<Effect> {
        match target {
            PickTarget::Case(id) => queue_writes::link_case(self, cx, id),
            _ => vec![],
        }
    }
    fn prompted(&mut self, cx: &mut Shell, purpose: PromptFor, text: String) -> Vec<Effect> {
        match purpose {
            PromptFor::QueueFilter => apply_filter(self, cx, text),
            PromptFor::ImportPath => import::path_given(self, cx, text),
            _ => vec![],
        }
    }
    fn confirmed(&mut self, cx: &mut Shell, what: Confirm) -> Vec<Effect> {
        match what {
            Confirm::SubmitTraces(reqs) => queue_writes::confirm_submit(self, cx, reqs),
            _ => vec![],
        }
    }
    fn overlay_key(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect> {
        if matches!(cx.overlays.last(), Some(Overlay::Import(_))) {
            return import::overlay_key(self, cx, action);
        }
        queue_writes::status_picked(self, cx, action)
    }
    fn on_fetch_failed(&mut self, cx: &mut Shell, slot: Slot) {
        if slot == import::IMPORT {
            import::unreadable(cx);
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
        copy_text(self)
    }
    fn watch_targets(&self) -> Vec<crate::app::alerts::WatchTarget> {
        let selected = match &self.detail {
            Some(d) => Some(&d.seizure),
            None => self.selected(),
        };
        crate::app::watch_targets::for_queue(&self.query, selected)
    }
    fn network_id(&self) -> Option<String> {
        copy_text(self)
    }
    fn stale(&self) -> bool {
        self.stale
    }
    fn loaded(&self) -> bool {
        self.loaded
    }
}

/// Reloads the first page with the current filter, plus the status counts.
pub fn refresh(p: &mut QueueState, cx: &mut Shell) -> Vec<Effect> {
    p.appending = false;
    let mut q = p.query.clone();
    q.sort = Some(p.sort);
    q.limit = Some(first_read(p.rows.len(), cx.list_height(), PAGE));
    q.cursor = None;
    vec![
        cx.fetch(LIST, Request::Seizures(q)),
        cx.fetch(STATS, Request::SeizureStats),
    ]
}

fn load_more(p: &mut QueueState, cx: &mut Shell) -> Vec<Effect> {
    let Some(cursor) = p.next_cursor.clone() else {
        return vec![];
    };
    if cx.loading(LIST) || !p.list.near_end(p.rows.len(), cx.list_height()) {
        return vec![];
    }
    p.appending = true;
    let mut q = p.query.clone();
    q.sort = Some(p.sort);
    q.limit = Some(next_read(p.rows.len(), PAGE));
    q.cursor = Some(cursor);
    vec![cx.fetch(LIST, Request::Seizures(q))]
}

fn update(p: &mut QueueState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let height = cx.list_height();
    if let Some(d) = p.detail.as_mut() {
        if !scroll(&mut d.scroll, action, height) {
            if !matches!(action, Action::Back) {
                return queue_writes::update(p, cx, action);
            }
            p.detail = None;
        }
        return vec![];
    }
    let len = p.rows.len();
    if p.list.apply(action, len, height) {
        return load_more(p, cx);
    }
    match action {
        Action::Open => open(p, cx),
        Action::Filter => {
            let input = p.filter_text.clone();
            cx.overlays.push(Overlay::Prompt(Prompt {
                purpose: PromptFor::QueueFilter,
                input,
            }));
            vec![]
        }
        Action::ClearFilter => apply_filter(p, cx, String::new()),
        Action::ImportSeizures => import::start(p, cx),
        Action::ToggleSort => {
            p.sort = match p.sort {
                SeizureSort::Newest => SeizureSort::Oldest,
                SeizureSort::Oldest => SeizureSort::Newest,
            };
            p.list = ListCursor::default();
            refresh(p, cx)
        }
        Action::Mark => {
            if let Some(id) = p.selected().map(|r| r.id.clone())
                && !p.marked.remove(&id)
            {
                p.marked.insert(id);
            }
            p.list.apply(&Action::Down, len, height);
            load_more(p, cx)
        }
        _ => queue_writes::update(p, cx, action),
    }
}

fn open(p: &mut QueueState, cx: &mut Shell) -> Vec<Effect> {
    let Some(row) = p.selected().cloned() else {
        return vec![];
    };
    open_id(p, cx, row)
}

/// Opens a seizure's detail at once from what is known, then asks for the full record.
pub fn open_id(p: &mut QueueState, cx: &mut Shell, row: Seizure) -> Vec<Effect> {
    let id = row.id.clone();
    p.detail = Some(SeizureDetail {
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
        cx.fetch(DETAIL, Request::Seizure(id)),
        cx.fetch(DETAIL_TRACES, Request::Traces(traces)),
    ]
}

/// Applies a filter typed at the `/` prompt.
pub fn apply_filter(p: &mut QueueState, cx: &mut Shell, text: String) -> Vec<Effect> {
    match filter::seizure_query(&text, p.sort) {
        Ok(q) => {
            p.query = q;
            p.filter_text = text;
            p.list = ListCursor::default();
            refresh(p, cx)
        }
        Err(e) => vec![cx.toast(Level::Error, Notice::Filter(e))],
    }
}

fn on_data(p: &mut QueueState, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (LIST, Data::Seizures(page)) => on_page(p, cx, page),
        (STATS, Data::Stats(stats)) => {
            p.stats = Some(stats);
            vec![]
        }
        (DETAIL, Data::Seizure(z)) => {
            replace_row(p, &z);
            if let Some(d) = p.detail.as_mut().filter(|d| d.seizure.id == z.id) {
                d.seizure = z;
            }
            vec![]
        }
        (import::IMPORT, Data::ImportChecked(file)) => {
            import::checked(cx, *file);
            vec![]
        }
        (import::IMPORT, Data::ImportProgress(pr)) => import::progressed(p, cx, pr),
        (DETAIL_TRACES, Data::Traces(page)) => {
            if let Some(d) = p.detail.as_mut() {
                d.traces = page.items;
                d.traces_loaded = true;
            }
            vec![]
        }
        _ => vec![],
    }
}

fn on_page(p: &mut QueueState, cx: &mut Shell, page: Page<Seizure>) -> Vec<Effect> {
    let q = &mut *p;
    let keep = q.selected().map(|r| r.id.clone());
    let appended = q.appending;
    if q.appending {
        q.rows.extend(page.items);
    } else {
        q.rows = page.items;
        let idx = keep
            .and_then(|id| q.rows.iter().position(|r| r.id == id))
            .unwrap_or(0);
        let (len, h) = (q.rows.len(), cx.list_height());
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
    fx.extend(load_more(p, cx));
    fx
}

/// Puts a fresher copy of a seizure into the list, wherever it is.
pub fn replace_row(p: &mut QueueState, z: &Seizure) {
    if let Some(r) = p.rows.iter_mut().find(|r| r.id == z.id) {
        *r = z.clone();
    }
}

fn on_event(p: &mut QueueState, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
    match ev.kind {
        EventKind::SeizureCreated | EventKind::SeizureUpdated => {
            let mut fx = vec![cx.fetch(STATS, Request::SeizureStats)];
            // Reloading the first page would throw away pages the user scrolled into.
            if p.rows.len() <= PAGE as usize {
                fx.extend(refresh(p, cx));
            }
            if p
                .detail
                .as_ref()
                .is_some_and(|d| d.seizure.id == ev.entity_id)
            {
                fx.push(cx.fetch(DETAIL, Request::Seizure(ev.entity_id.clone())));
            }
            fx
        }
        EventKind::TraceSubmitted | EventKind::TraceCompleted => {
            let Some(d) = p.detail.as_ref() else {
                return vec![];
            };
            let q = TraceQuery {
                seizure_id: Some(d.seizure.id.clone()),
                limit: Some(100),
                ..TraceQuery::default()
            };
            vec![cx.fetch(DETAIL_TRACES, Request::Traces(q))]
        }
        _ => vec![],
    }
}

/// Seizure ids in view (capped so the palette stays instant).
fn palette_ids(p: &QueueState) -> Vec<PickItem> {
    p
        .rows
        .iter()
        .take(5_000)
        .map(|r| PickItem {
            label: format!("{}  {}", r.id, r.place()),
            target: PickTarget::Seizure(r.id.clone()),
        })
        .collect()
}

fn copy_text(p: &QueueState) -> Option<String> {
    match &p.detail {
        Some(d) => Some(d.seizure.id.clone()),
        None => p.selected().map(|r| r.id.clone()),
    }
}

/// Fills the queue from the local cache: shown at once, marked stale until the server answers.
impl QueueState {
    /// Fills the queue from the local cache: shown at once, marked stale until the server answers.
    pub fn from_cache(&mut self, rows: Vec<Seizure>, stats: Option<SeizureStats>) {
        from_cache(self, rows, stats)
    }
}

fn from_cache(p: &mut QueueState, rows: Vec<Seizure>, stats: Option<SeizureStats>) {
    p.rows = rows;
    p.stats = stats;
    p.stale = true;
    p.loaded = true;
}

/// The rest of the cached queue, arriving after the first frame. Ignored once the server has
/// answered (its data is fresher) or when it adds nothing.
fn more_from_cache(p: &mut QueueState, rows: Vec<Seizure>) {
    if p.stale && rows.len() > p.rows.len() && p.filter_text.is_empty() {
        p.rows = rows;
    }
}
