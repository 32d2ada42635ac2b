//! The ballistic lead review: the queue of leads awaiting an examiner, and the comparison of one
//! lead's two casings. Decisions live in `ballistics_writes`. A lead or casing named in a case
//! note is opened here through [`show`].

use std::collections::BTreeMap;

use base64::Engine as _;
use chrono::{DateTime, Utc};

use crate::ballistics::Gray;
use crate::model::{
    Casing, Cluster, Event, EventKind, LEAD_OVERDUE_HOURS, Lead, LeadQuery, LeadSort, LeadStatus,
    Page,
};

use crate::app::panes::list::ListCursor;
pub mod writes;

use crate::app::action::Action;
use crate::app::effect::{Effect, Request, Slot};
use crate::app::overlay::PickItem;
use crate::app::panes::{PaneId, PaneSpec};
use crate::app::reply::Data;
use crate::app::state::State;
use writes as ballistics_writes;

pub const PAGE: u32 = 200;
/// Candidates of one casing fetched for stepping (the engine files at most a handful).
const SIBLINGS: u32 = 50;
/// Decoded casings kept, so stepping back and forth does not fetch images again.
const IMAGE_CACHE: usize = 16;
pub const ZOOM_MAX: u8 = 4;

/// How the candidate is shown next to the lead's casing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareView {
    /// Both casings as imaged: different rotations, as the examiner receives them.
    #[default]
    Raw,
    /// The candidate turned and shifted by the alignment the engine found.
    Aligned,
    /// What is left after subtracting the aligned candidate: dark where the marks agree.
    Difference,
}

impl CompareView {
    fn next(self) -> CompareView {
        match self {
            CompareView::Raw => CompareView::Aligned,
            CompareView::Aligned => CompareView::Difference,
            CompareView::Difference => CompareView::Raw,
        }
    }
}

/// A fetched casing with its image decoded once (the record keeps no base64 copy).
#[derive(Debug, Clone, PartialEq)]
pub struct CasingImage {
    pub casing: Casing,
    /// `None` when the server sent no image or one of the wrong size.
    pub gray: Option<Gray>,
}

/// The lead being compared.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadDetail {
    pub lead: Lead,
    /// Every lead filed for the same casing, best rank first: next/previous candidate (`>`/`<`)
    /// step through them.
    pub siblings: Vec<Lead>,
    pub view: CompareView,
    /// 1 = the whole image; higher values show the centre enlarged.
    pub zoom: u8,
    pub cluster: Option<Cluster>,
    pub scroll: usize,
}

impl LeadDetail {
    /// Position of the shown lead among its casing's candidates.
    pub fn sibling_index(&self) -> Option<usize> {
        self.siblings.iter().position(|l| l.id == self.lead.id)
    }
}

/// Something the pane tells the user (worded by the UI).
#[derive(Debug, Clone, PartialEq)]
pub enum BalNotice {
    /// The server (or the signed-in role) refuses a confirmation from a non-examiner.
    ExaminerOnly,
    /// A decision was queued for sending.
    DecisionQueued(String),
    /// The server recorded a decision.
    Decided(String, LeadStatus),
    /// No other candidate of this casing in that direction.
    NoMoreCandidates,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BallisticsState {
    pub rows: Vec<Lead>,
    pub next_cursor: Option<String>,
    pub list: ListCursor,
    pub sort: LeadSort,
    /// Show decided leads too, not only those awaiting review.
    pub all: bool,
    pub detail: Option<LeadDetail>,
    /// Recently fetched casings by id, oldest first.
    pub casings: Vec<CasingImage>,
    /// The decision waiting for its comment at the prompt: lead id and decision.
    pub deciding: Option<(String, crate::model::Decision)>,
    /// Decisions sent and not yet answered, by idempotency key, to word a refusal precisely.
    pub sent: BTreeMap<String, (String, crate::model::Decision)>,
    pub appending: bool,
    pub loaded: bool,
}

impl BallisticsState {
    pub fn selected(&self) -> Option<&Lead> {
        self.rows.get(self.list.selected)
    }
    /// The lead a decision applies to: the open one, else the selected row.
    pub fn current(&self) -> Option<&Lead> {
        self.detail
            .as_ref()
            .map(|d| &d.lead)
            .or_else(|| self.selected())
    }
    pub fn casing(&self, id: &str) -> Option<&CasingImage> {
        self.casings.iter().find(|c| c.casing.id == id)
    }
}

/// Whether a lead has waited past the review target without a decision.
pub fn overdue(lead: &Lead, now: DateTime<Utc>) -> bool {
    lead.status == LeadStatus::Pending
        && now - lead.created_at > chrono::Duration::hours(LEAD_OVERDUE_HOURS)
}

pub const SPEC: PaneSpec = PaneSpec {
    id: PaneId::Ballistics,
    slots: &[
        Slot::LeadList,
        Slot::LeadDetail,
        Slot::LeadSiblings,
        Slot::LeadCluster,
        Slot::CasingQuery,
        Slot::CasingCandidate,
    ],
    refresh,
    update,
    on_data,
    on_event,
    palette_ids: |_| Vec::<PickItem>::new(),
    copy_text: |s| s.ballistics.current().map(|l| l.id.clone()),
    stale: |_| false,
    loaded: |s| s.ballistics.loaded,
};

fn query(s: &State, cursor: Option<String>) -> LeadQuery {
    LeadQuery {
        status: (!s.ballistics.all).then_some(LeadStatus::Pending),
        casing_id: None,
        sort: Some(s.ballistics.sort),
        limit: Some(PAGE),
        cursor,
    }
}

pub fn refresh(s: &mut State) -> Vec<Effect> {
    s.ballistics.appending = false;
    let q = query(s, None);
    let mut fx = vec![s.fetch(Slot::LeadList, Request::Leads(q))];
    if let Some(d) = &s.ballistics.detail {
        let (id, casing) = (d.lead.id.clone(), d.lead.casing_id.clone());
        fx.extend(reload_detail(s, id, casing));
    }
    fx
}

fn load_more(s: &mut State) -> Vec<Effect> {
    let Some(cursor) = s.ballistics.next_cursor.clone() else {
        return vec![];
    };
    let b = &s.ballistics;
    if s.loading(Slot::LeadList) || !b.list.near_end(b.rows.len(), s.list_height()) {
        return vec![];
    }
    s.ballistics.appending = true;
    let q = query(s, Some(cursor));
    vec![s.fetch(Slot::LeadList, Request::Leads(q))]
}

fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    if matches!(
        action,
        Action::ConfirmHit | Action::ExcludeLead | Action::InconclusiveLead
    ) {
        return ballistics_writes::decide(s, action);
    }
    if s.ballistics.detail.is_some() {
        return update_detail(s, action);
    }
    let height = s.list_height();
    if s.ballistics
        .list
        .apply(action, s.ballistics.rows.len(), height)
    {
        return load_more(s);
    }
    match action {
        Action::Open => match s.ballistics.selected().cloned() {
            Some(lead) => open(s, lead),
            None => vec![],
        },
        Action::ToggleSort => {
            s.ballistics.sort = match s.ballistics.sort {
                LeadSort::Score => LeadSort::Age,
                LeadSort::Age => LeadSort::Score,
            };
            s.ballistics.list = ListCursor::default();
            refresh(s)
        }
        Action::ToggleAllLeads => {
            s.ballistics.all = !s.ballistics.all;
            s.ballistics.list = ListCursor::default();
            refresh(s)
        }
        _ => vec![],
    }
}

fn update_detail(s: &mut State, action: &Action) -> Vec<Effect> {
    let height = s.list_height();
    let Some(d) = s.ballistics.detail.as_mut() else {
        return vec![];
    };
    match action {
        Action::Up => d.scroll = d.scroll.saturating_sub(1),
        Action::Down => d.scroll += 1,
        Action::PageUp => d.scroll = d.scroll.saturating_sub(height),
        Action::PageDown => d.scroll += height,
        Action::Top => d.scroll = 0,
        Action::ToggleView => d.view = d.view.next(),
        Action::ZoomIn => d.zoom = (d.zoom + 1).min(ZOOM_MAX),
        Action::ZoomOut => d.zoom = d.zoom.saturating_sub(1).max(1),
        Action::NextCandidate => return step(s, 1),
        Action::PrevCandidate => return step(s, -1),
        Action::Back => s.ballistics.detail = None,
        _ => {}
    }
    vec![]
}

/// Opens a lead at once from its row, then fetches both casings (unless cached), the other
/// candidates of its casing and the casing's cluster of confirmed hits.
pub fn open(s: &mut State, lead: Lead) -> Vec<Effect> {
    let (id, casing) = (lead.id.clone(), lead.casing_id.clone());
    let candidate = lead.candidate_id.clone();
    s.ballistics.detail = Some(LeadDetail {
        siblings: vec![lead.clone()],
        lead,
        view: CompareView::default(),
        zoom: 1,
        cluster: None,
        scroll: 0,
    });
    let mut fx = reload_detail(s, id, casing.clone());
    fx.extend(fetch_casing(s, Slot::CasingQuery, casing));
    fx.extend(fetch_casing(s, Slot::CasingCandidate, candidate));
    fx
}

/// Opens a lead fetched elsewhere (a case note's reference) exactly as [`open`] does from the
/// list — both casings, the casing's other candidates, its cluster — showing `siblings` (the
/// casing's leads, when the caller already has them) until their own fetch answers. The queue
/// behind it is loaded too if the pane was never shown, so Back lands on the list rather than
/// on an empty pane.
pub fn show(s: &mut State, lead: Lead, siblings: Vec<Lead>) -> Vec<Effect> {
    s.active = PaneId::Ballistics;
    let mut fx = open(s, lead);
    if let Some(d) = s.ballistics.detail.as_mut() {
        set_siblings(d, siblings);
    }
    if !s.ballistics.loaded && !s.loading(Slot::LeadList) {
        s.ballistics.appending = false;
        let q = query(s, None);
        fx.push(s.fetch(Slot::LeadList, Request::Leads(q)));
    }
    fx
}

/// Every lead filed for `casing` (any status), best first: the candidates the detail steps
/// through.
pub fn casing_leads(casing: String) -> LeadQuery {
    LeadQuery {
        casing_id: Some(casing),
        sort: Some(LeadSort::Score),
        limit: Some(SIBLINGS),
        ..LeadQuery::default()
    }
}

fn reload_detail(s: &mut State, id: String, casing: String) -> Vec<Effect> {
    let siblings = casing_leads(casing.clone());
    vec![
        s.fetch(Slot::LeadDetail, Request::Lead(id)),
        s.fetch(Slot::LeadSiblings, Request::Leads(siblings)),
        s.fetch(Slot::LeadCluster, Request::Cluster(casing)),
    ]
}

/// Takes a casing's leads as the detail's candidates, in rank order — unless they no longer
/// include the shown lead (an answer for another casing, or an empty one).
fn set_siblings(d: &mut LeadDetail, mut sibs: Vec<Lead>) {
    sibs.sort_by_key(|l| l.rank);
    if sibs.iter().any(|l| l.id == d.lead.id) {
        d.siblings = sibs;
    }
}

fn fetch_casing(s: &mut State, slot: Slot, id: String) -> Vec<Effect> {
    if s.ballistics.casing(&id).is_some() {
        return vec![];
    }
    vec![s.fetch(slot, Request::Casing(id))]
}

/// Shows the next (`delta` = 1) or previous candidate of the same casing.
fn step(s: &mut State, delta: isize) -> Vec<Effect> {
    let Some(d) = s.ballistics.detail.as_mut() else {
        return vec![];
    };
    let next = d
        .sibling_index()
        .and_then(|i| i.checked_add_signed(delta))
        .and_then(|i| d.siblings.get(i))
        .cloned();
    let Some(lead) = next else {
        let n = BalNotice::NoMoreCandidates;
        return vec![s.toast(
            crate::app::state::Level::Info,
            crate::app::state::Notice::Ballistics(n),
        )];
    };
    let candidate = lead.candidate_id.clone();
    d.lead = lead;
    d.scroll = 0;
    fetch_casing(s, Slot::CasingCandidate, candidate)
}

fn on_data(s: &mut State, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (Slot::LeadList, Data::Leads(page)) => on_page(s, page),
        (Slot::LeadDetail, Data::Lead(l)) => {
            replace_lead(s, &l);
            vec![]
        }
        (Slot::LeadSiblings, Data::Leads(page)) => {
            if let Some(d) = s.ballistics.detail.as_mut() {
                set_siblings(d, page.items);
            }
            vec![]
        }
        (Slot::LeadCluster, Data::Cluster(c)) => {
            if let Some(d) = s
                .ballistics
                .detail
                .as_mut()
                .filter(|d| d.lead.casing_id == c.casing_id)
            {
                d.cluster = Some(c);
            }
            vec![]
        }
        (Slot::CasingQuery | Slot::CasingCandidate, Data::Casing(c)) => {
            remember(s, c);
            vec![]
        }
        _ => vec![],
    }
}

fn on_page(s: &mut State, page: Page<Lead>) -> Vec<Effect> {
    let height = s.list_height();
    let b = &mut s.ballistics;
    if b.appending {
        b.rows.extend(page.items);
    } else {
        let keep = b.selected().map(|r| r.id.clone());
        b.rows = page.items;
        let idx = keep
            .and_then(|id| b.rows.iter().position(|r| r.id == id))
            .unwrap_or(0);
        b.list.select(idx, b.rows.len(), height);
    }
    b.appending = false;
    b.next_cursor = page.next_cursor;
    b.loaded = true;
    load_more(s)
}

/// Puts a fresher copy of a lead wherever it is shown.
pub fn replace_lead(s: &mut State, l: &Lead) {
    let b = &mut s.ballistics;
    for r in b.rows.iter_mut().filter(|r| r.id == l.id) {
        *r = l.clone();
    }
    if let Some(d) = b.detail.as_mut() {
        for r in d.siblings.iter_mut().filter(|r| r.id == l.id) {
            *r = l.clone();
        }
        if d.lead.id == l.id {
            d.lead = l.clone();
        }
    }
}

/// Decodes a casing's image and keeps it among the recent ones.
fn remember(s: &mut State, mut c: Casing) {
    let side = c.image_size as usize;
    let gray = c
        .image
        .take()
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .and_then(|px| Gray::square(side, px));
    let cache = &mut s.ballistics.casings;
    cache.retain(|x| x.casing.id != c.id);
    cache.push(CasingImage { casing: c, gray });
    if cache.len() > IMAGE_CACHE {
        cache.remove(0);
    }
}

fn on_event(s: &mut State, ev: &Event) -> Vec<Effect> {
    if !matches!(ev.kind, EventKind::LeadCreated | EventKind::LeadDecided) {
        return vec![];
    }
    let mut fx = vec![];
    // Reloading the first page would throw away pages the user scrolled into.
    if s.ballistics.loaded && s.ballistics.rows.len() <= PAGE as usize {
        s.ballistics.appending = false;
        let q = query(s, None);
        fx.push(s.fetch(Slot::LeadList, Request::Leads(q)));
    }
    // A decision anywhere can grow this casing's cluster; a new lead belongs to a new casing.
    let touched = (ev.kind == EventKind::LeadDecided)
        .then_some(())
        .and(s.ballistics.detail.as_ref())
        .map(|d| (d.lead.id.clone(), d.lead.casing_id.clone()));
    if let Some((id, casing)) = touched {
        fx.extend(reload_detail(s, id, casing));
    }
    fx
}

#[cfg(test)]
mod tests;
