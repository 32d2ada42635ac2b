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

use crate::app::panes::list::{ListCursor, first_read, next_read};
pub mod review;
pub mod writes;

use crate::app::action::Action;
use crate::app::effect::{Effect, Request, Slot};
use crate::app::backend::FetchError;
use crate::app::overlay::PromptFor;
use crate::app::panes::{Pane, PaneId, Target, slot};
use crate::app::reply::Data;
use crate::app::state::Shell;
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
    /// Only technicians and examiners mark leads from a correlation list.
    MarkersOnly,
    /// A marked lead needs a comment.
    CommentRequired,
    /// A mark (of this candidate) was queued for sending.
    MarkQueued(String),
    /// The server filed the marked lead.
    Marked(String),
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
    /// "Correlations to review" is shown instead of the lead queue.
    pub review: Option<review::ReviewState>,
    /// The pair (casing, candidate) waiting for its mark's comment at the prompt.
    pub marking: Option<(String, String)>,
    /// Marks sent and not yet answered, by idempotency key.
    pub marks: BTreeMap<String, (String, String)>,
    /// The user's choice to draw or hide the casing images (`toggle_images`); `None`: the
    /// link profile's default (drawn, except on a slow link, where an image costs kilobytes).
    pub show_images: Option<bool>,
}

impl BallisticsState {
    pub fn selected(&self) -> Option<&Lead> {
        self.rows.get(self.list.selected)
    }
    /// The lead a decision applies to: the open one, else the selected row (a compared pair
    /// from a correlation list that is no lead yet has none).
    pub fn current(&self) -> Option<&Lead> {
        match &self.detail {
            Some(d) => Some(&d.lead).filter(|l| !l.id.is_empty()),
            None if self.review.is_some() => None,
            None => self.selected(),
        }
    }
    /// Whether the casing images are drawn, on a slow link (`slow`) or not.
    pub fn images_shown(&self, slow: bool) -> bool {
        self.show_images.unwrap_or(!slow)
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

/// The pane's reads.
pub const LIST: Slot = slot(PaneId::Ballistics, 0);
pub const DETAIL: Slot = slot(PaneId::Ballistics, 1);
pub const SIBLINGS_SLOT: Slot = slot(PaneId::Ballistics, 2);
pub const CLUSTER: Slot = slot(PaneId::Ballistics, 3);
/// The lead's own casing and its candidate are fetched side by side.
pub const CASING_QUERY: Slot = slot(PaneId::Ballistics, 4);
pub const CASING_CANDIDATE: Slot = slot(PaneId::Ballistics, 5);

impl Pane for BallisticsState {
    fn refresh(&mut self, cx: &mut Shell) -> Vec<Effect> {
        refresh(self, cx)
    }
    fn update(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect> {
        update(self, cx, action)
    }
    fn on_data(&mut self, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
        on_data(self, cx, slot, data)
    }
    fn on_wrote(
        &mut self,
        cx: &mut Shell,
        key: &str,
        result: &Result<Data, FetchError>,
    ) -> Option<Vec<Effect>> {
        if let Some(_pair) = self.marks.remove(key) {
            let r = match result.clone() {
                Ok(Data::Lead(l)) => Ok(l),
                Ok(_) => return Some(vec![]),
                Err(e) => Err(e),
            };
            return Some(review::marked(self, cx, r));
        }
        ballistics_writes::owns(self, key, result)
            .then(|| ballistics_writes::on_wrote(self, cx, key, result.clone()))
    }
    fn on_event(&mut self, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
        on_event(self, cx, ev)
    }
    fn navigate(&mut self, cx: &mut Shell, target: &Target) -> Option<Vec<Effect>> {
        match target {
            Target::Lead(lead, siblings) => Some(show(self, cx, (**lead).clone(), siblings.clone())),
            _ => None,
        }
    }
    fn prompted(&mut self, cx: &mut Shell, purpose: PromptFor, text: String) -> Vec<Effect> {
        match purpose {
            PromptFor::LeadComment if self.marking.is_some() => {
                review::commented(self, cx, text)
            }
            PromptFor::LeadComment => ballistics_writes::commented(self, cx, text),
            _ => vec![],
        }
    }
    fn resize(&mut self, rows: usize) {
        let i = self.list.selected;
        self.list.select(i, self.rows.len(), rows);
    }
    fn copy_text(&self) -> Option<String> {
        self.current().map(|l| l.id.clone())
    }
    /// The lead's casing (the server resolves a lead id to it): its gun, scene and the
    /// casings tied to it by confirmed hits.
    fn watch_targets(&self) -> Vec<crate::app::alerts::WatchTarget> {
        self.current()
            .map(crate::app::watch_targets::for_lead)
            .unwrap_or_default()
    }
    fn network_id(&self) -> Option<String> {
        self.current().map(|l| l.casing_id.clone())
    }
    fn loaded(&self) -> bool {
        self.loaded
    }
}

fn query(p: &BallisticsState, cursor: Option<String>) -> LeadQuery {
    LeadQuery {
        status: (!p.all).then_some(LeadStatus::Pending),
        casing_id: None,
        sort: Some(p.sort),
        limit: Some(PAGE),
        cursor,
    }
}

pub fn refresh(p: &mut BallisticsState, cx: &mut Shell) -> Vec<Effect> {
    p.appending = false;
    let mut q = query(p, None);
    q.limit = Some(first_read(p.rows.len(), cx.list_height(), PAGE));
    let mut fx = vec![cx.fetch(LIST, Request::Leads(q))];
    if let Some(d) = p.detail.as_ref().filter(|d| !d.lead.id.is_empty()) {
        let (id, casing) = (d.lead.id.clone(), d.lead.casing_id.clone());
        fx.extend(reload_detail(cx, id, casing));
    }
    fx.extend(review::refresh(p, cx));
    fx
}

fn load_more(p: &mut BallisticsState, cx: &mut Shell) -> Vec<Effect> {
    let Some(cursor) = p.next_cursor.clone() else {
        return vec![];
    };
    let b = &p;
    if cx.loading(LIST) || !b.list.near_end(b.rows.len(), cx.list_height()) {
        return vec![];
    }
    p.appending = true;
    let mut q = query(p, Some(cursor));
    q.limit = Some(next_read(p.rows.len(), PAGE));
    vec![cx.fetch(LIST, Request::Leads(q))]
}

fn update(p: &mut BallisticsState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    if matches!(
        action,
        Action::ConfirmHit | Action::ExcludeLead | Action::InconclusiveLead
    ) {
        return ballistics_writes::decide(p, cx, action);
    }
    if matches!(action, Action::MarkLead) {
        return review::mark(p, cx);
    }
    if p.detail.is_some() {
        return update_detail(p, cx, action);
    }
    if p.review.is_some() {
        return review::update(p, cx, action);
    }
    let height = cx.list_height();
    if p
        .list
        .apply(action, p.rows.len(), height)
    {
        return load_more(p, cx);
    }
    match action {
        Action::Open => match p.selected().cloned() {
            Some(lead) => open(p, cx, lead),
            None => vec![],
        },
        Action::ToggleSort => {
            p.sort = match p.sort {
                LeadSort::Score => LeadSort::Age,
                LeadSort::Age => LeadSort::Score,
            };
            p.list = ListCursor::default();
            refresh(p, cx)
        }
        Action::ToggleAllLeads => {
            p.all = !p.all;
            p.list = ListCursor::default();
            refresh(p, cx)
        }
        Action::ToggleReviews => review::toggle(p, cx),
        _ => vec![],
    }
}

fn update_detail(p: &mut BallisticsState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let height = cx.list_height();
    let Some(d) = p.detail.as_mut() else {
        return vec![];
    };
    match action {
        Action::Up => d.scroll = d.scroll.saturating_sub(1),
        Action::Down => d.scroll += 1,
        Action::PageUp => d.scroll = d.scroll.saturating_sub(height),
        Action::PageDown => d.scroll += height,
        Action::Top => d.scroll = 0,
        Action::ToggleView => d.view = d.view.next(),
        Action::ToggleImages => p.show_images = Some(!p.images_shown(cx.link.slow())),
        Action::ZoomIn => d.zoom = (d.zoom + 1).min(ZOOM_MAX),
        Action::ZoomOut => d.zoom = d.zoom.saturating_sub(1).max(1),
        Action::NextCandidate => return step(p, cx, 1),
        Action::PrevCandidate => return step(p, cx, -1),
        Action::Back => p.detail = None,
        _ => {}
    }
    vec![]
}

/// Opens a lead at once from its row, then fetches both casings (unless cached), the other
/// candidates of its casing and the casing's cluster of confirmed hits.
pub fn open(p: &mut BallisticsState, cx: &mut Shell, lead: Lead) -> Vec<Effect> {
    let (id, casing) = (lead.id.clone(), lead.casing_id.clone());
    let candidate = lead.candidate_id.clone();
    p.detail = Some(LeadDetail {
        siblings: vec![lead.clone()],
        lead,
        view: CompareView::default(),
        zoom: 1,
        cluster: None,
        scroll: 0,
    });
    let mut fx = reload_detail(cx, id, casing.clone());
    fx.extend(fetch_casing(p, cx, CASING_QUERY, casing));
    fx.extend(fetch_casing(p, cx, CASING_CANDIDATE, candidate));
    fx
}

/// Opens a lead fetched elsewhere (a case note's reference) exactly as [`open`] does from the
/// list — both casings, the casing's other candidates, its cluster — showing `siblings` (the
/// casing's leads, when the caller already has them) until their own fetch answers. The queue
/// behind it is loaded too if the pane was never shown, so Back lands on the list rather than
/// on an empty pane.
pub fn show(p: &mut BallisticsState, cx: &mut Shell, lead: Lead, siblings: Vec<Lead>) -> Vec<Effect> {
    let mut fx = open(p, cx, lead);
    if let Some(d) = p.detail.as_mut() {
        set_siblings(d, siblings);
    }
    if !p.loaded && !cx.loading(LIST) {
        p.appending = false;
        let q = query(p, None);
        fx.push(cx.fetch(LIST, Request::Leads(q)));
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

fn reload_detail(cx: &mut Shell, id: String, casing: String) -> Vec<Effect> {
    let siblings = casing_leads(casing.clone());
    vec![
        cx.fetch(DETAIL, Request::Lead(id)),
        cx.fetch(SIBLINGS_SLOT, Request::Leads(siblings)),
        cx.fetch(CLUSTER, Request::Cluster(casing)),
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

pub(super) fn fetch_casing(p: &mut BallisticsState, cx: &mut Shell, slot: Slot, id: String) -> Vec<Effect> {
    if p.casing(&id).is_some() {
        return vec![];
    }
    vec![cx.fetch(slot, Request::Casing(id))]
}

/// Shows the next (`delta` = 1) or previous candidate of the same casing.
fn step(p: &mut BallisticsState, cx: &mut Shell, delta: isize) -> Vec<Effect> {
    let Some(d) = p.detail.as_mut() else {
        return vec![];
    };
    let next = d
        .sibling_index()
        .and_then(|i| i.checked_add_signed(delta))
        .and_then(|i| d.siblings.get(i))
        .cloned();
    let Some(lead) = next else {
        let n = BalNotice::NoMoreCandidates;
        return vec![cx.toast(
            crate::app::state::Level::Info,
            crate::app::state::Notice::from(n),
        )];
    };
    let candidate = lead.candidate_id.clone();
    d.lead = lead;
    d.scroll = 0;
    fetch_casing(p, cx, CASING_CANDIDATE, candidate)
}

fn on_data(p: &mut BallisticsState, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (LIST, Data::Leads(page)) => on_page(p, cx, page),
        (DETAIL, Data::Lead(l)) => {
            replace_lead(p, &l);
            vec![]
        }
        (SIBLINGS_SLOT, Data::Leads(page)) => {
            if let Some(d) = p.detail.as_mut() {
                set_siblings(d, page.items);
            }
            vec![]
        }
        (CLUSTER, Data::Cluster(c)) => {
            if let Some(d) = p
                .detail
                .as_mut()
                .filter(|d| d.lead.casing_id == c.casing_id)
            {
                d.cluster = Some(c);
            }
            vec![]
        }
        (CASING_QUERY | CASING_CANDIDATE, Data::Casing(c)) => {
            remember(p, c);
            vec![]
        }
        (review::REVIEWS, Data::Reviews(page)) => {
            review::on_reviews(p, cx, page);
            vec![]
        }
        (review::CORRELATIONS, Data::Correlations(list)) => {
            review::on_list(p, cx, list);
            vec![]
        }
        _ => vec![],
    }
}

fn on_page(p: &mut BallisticsState, cx: &mut Shell, page: Page<Lead>) -> Vec<Effect> {
    let height = cx.list_height();
    let b = &mut *p;
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
    load_more(p, cx)
}

/// Puts a fresher copy of a lead wherever it is shown.
pub fn replace_lead(p: &mut BallisticsState, l: &Lead) {
    let b = &mut *p;
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
fn remember(p: &mut BallisticsState, mut c: Casing) {
    let side = c.image_size as usize;
    let gray = c
        .image
        .take()
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .and_then(|px| Gray::square(side, px));
    let cache = &mut p.casings;
    cache.retain(|x| x.casing.id != c.id);
    cache.push(CasingImage { casing: c, gray });
    if cache.len() > IMAGE_CACHE {
        cache.remove(0);
    }
}

fn on_event(p: &mut BallisticsState, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
    // A newly ranked list, or a lead marked from one, changes the review queue.
    let mut fx = match ev.kind {
        EventKind::CasingCorrelated | EventKind::LeadCreated => review::refresh(p, cx),
        _ => vec![],
    };
    if !matches!(ev.kind, EventKind::LeadCreated | EventKind::LeadDecided) {
        return fx;
    }
    // Reloading the first page would throw away pages the user scrolled into.
    if p.loaded && p.rows.len() <= PAGE as usize {
        p.appending = false;
        let q = query(p, None);
        fx.push(cx.fetch(LIST, Request::Leads(q)));
    }
    // A decision anywhere can grow this casing's cluster; a new lead belongs to a new casing.
    let touched = (ev.kind == EventKind::LeadDecided)
        .then_some(())
        .and(p.detail.as_ref().filter(|d| !d.lead.id.is_empty()))
        .map(|d| (d.lead.id.clone(), d.lead.casing_id.clone()));
    if let Some((id, casing)) = touched {
        fx.extend(reload_detail(cx, id, casing));
    }
    fx
}

#[cfg(test)]
mod tests;
