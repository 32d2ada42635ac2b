//! The ballistic lead review: the queue of leads awaiting an examiner, and the comparison of one
//! lead's two casings (`detail`). Decisions and marks, and their answers, live in `writes`;
//! correlation lists to review in `review`. A lead or casing named in a case note is opened
//! here through [`show`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::model::{
    Event, EventKind, LEAD_OVERDUE_HOURS, Lead, LeadQuery, LeadSort, LeadStatus, Page,
};

use crate::app::panes::list::{ListCursor, first_read, next_read};
pub mod detail;
pub mod review;
pub mod writes;

pub use detail::{CasingImage, CompareView, LeadDetail, casing_leads, fetch_casing, open, show};
use detail::{reload_detail, remember, set_siblings, update_detail};

use crate::app::action::Action;
use crate::app::backend::FetchError;
use crate::app::effect::{Effect, Request, Slot};
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
        ballistics_writes::delivered(self, cx, key, result)
    }
    fn on_event(&mut self, cx: &mut Shell, ev: &Event) -> Vec<Effect> {
        on_event(self, cx, ev)
    }
    fn navigate(&mut self, cx: &mut Shell, target: &Target) -> Option<Vec<Effect>> {
        match target {
            Target::Lead(lead, siblings) => {
                Some(show(self, cx, (**lead).clone(), siblings.clone()))
            }
            _ => None,
        }
    }
    fn prompted(&mut self, cx: &mut Shell, purpose: PromptFor, text: String) -> Vec<Effect> {
        match purpose {
            PromptFor::LeadComment => ballistics_writes::comment_entered(self, cx, text),
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
    if p.list.apply(action, p.rows.len(), height) {
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
