//! "Correlations to review": the casings whose ranked correlation list nobody has reviewed,
//! oldest acquisition first on the 48-hour clock; Enter opens a casing's list, Enter on a
//! candidate shows the pair side by side (the pane's comparison), and `mark_lead` marks the
//! candidate as a lead for an examiner with a comment (the pane's comment prompt). Marks go
//! through the durable outbox like decisions.

use crate::model::{
    CorrelationCandidate, CorrelationList, Lead, LeadMark, LeadStatus, Page, ReviewItem,
    ReviewQuery,
};

use super::{BalNotice, BallisticsState, CASING_CANDIDATE, CASING_QUERY, CompareView, LeadDetail};
use crate::app::action::Action;
use crate::app::effect::{Effect, PendingWrite, Request, Slot, WriteOp};
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::panes::list::ListCursor;
use crate::app::panes::{PaneId, slot};
use crate::app::state::{Level, Notice, Shell};

pub const REVIEWS: Slot = slot(PaneId::Ballistics, 6);
pub const CORRELATIONS: Slot = slot(PaneId::Ballistics, 7);
/// Lists fetched for the queue (the oldest first: the ones that matter most).
const QUEUE: u32 = 200;

/// The review view: the queue, and the list opened from it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewState {
    pub rows: Vec<ReviewItem>,
    pub list: ListCursor,
    pub loaded: bool,
    pub open: Option<OpenList>,
}

impl ReviewState {
    pub fn selected(&self) -> Option<&ReviewItem> {
        self.rows.get(self.list.selected)
    }
}

/// A casing's correlation list, opened from the queue.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OpenList {
    pub casing_id: String,
    /// `None` until the list arrives.
    pub list: Option<CorrelationList>,
    pub cursor: ListCursor,
}

impl OpenList {
    pub fn selected(&self) -> Option<&CorrelationCandidate> {
        self.list.as_ref()?.candidates.get(self.cursor.selected)
    }
}

/// Shows or hides the review view (from the lead queue).
pub fn toggle(p: &mut BallisticsState, cx: &mut Shell) -> Vec<Effect> {
    if p.review.take().is_some() {
        return vec![];
    }
    p.review = Some(ReviewState::default());
    refresh(p, cx)
}

/// Fetches the queue, and the open list again.
pub fn refresh(p: &mut BallisticsState, cx: &mut Shell) -> Vec<Effect> {
    let Some(r) = &p.review else {
        return vec![];
    };
    let q = ReviewQuery {
        limit: Some(QUEUE),
        cursor: None,
    };
    let mut fx = vec![cx.fetch(REVIEWS, Request::Reviews(q))];
    if let Some(o) = &r.open {
        fx.push(cx.fetch(CORRELATIONS, Request::Correlations(o.casing_id.clone())));
    }
    fx
}

/// Keys while the review view is shown and no pair is open.
pub fn update(p: &mut BallisticsState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let height = cx.list_height();
    let Some(r) = p.review.as_mut() else {
        return vec![];
    };
    if matches!(action, Action::ToggleReviews) {
        p.review = None;
        return vec![];
    }
    if let Some(o) = r.open.as_mut() {
        let len = o.list.as_ref().map_or(0, |l| l.candidates.len());
        if o.cursor.apply(action, len, height) {
            return vec![];
        }
        return match action {
            Action::Open => open_pair(p, cx),
            Action::Back => {
                r.open = None;
                vec![]
            }
            _ => vec![],
        };
    }
    if r.list.apply(action, r.rows.len(), height) {
        return vec![];
    }
    match action {
        Action::Open => {
            let Some(id) = r.selected().map(|i| i.casing_id.clone()) else {
                return vec![];
            };
            r.open = Some(OpenList {
                casing_id: id.clone(),
                ..OpenList::default()
            });
            vec![cx.fetch(CORRELATIONS, Request::Correlations(id))]
        }
        Action::Back => {
            p.review = None;
            vec![]
        }
        _ => vec![],
    }
}

/// A list's candidate in the shape the comparison draws: the pair, its scores and alignment;
/// the lead's id and status only when the pair is a lead already (empty id otherwise).
pub fn pair_lead(list: &CorrelationList, c: &CorrelationCandidate) -> Lead {
    Lead {
        id: c.lead_id.clone().unwrap_or_default(),
        casing_id: list.casing_id.clone(),
        candidate_id: c.candidate_id.clone(),
        rank: c.rank,
        scores: c.scores,
        rotation_deg: c.rotation_deg,
        shift_x: c.shift_x,
        shift_y: c.shift_y,
        status: c.lead_status.unwrap_or(LeadStatus::Pending),
        created_at: list.acquired_at,
        decided_at: None,
        decided_by: None,
        comment: None,
        caliber_class: list.caliber_class.clone(),
        marked_by: None,
        mark_comment: None,
    }
}

/// Opens the selected candidate side by side with the casing; `>`/`<` step through the list.
fn open_pair(p: &mut BallisticsState, cx: &mut Shell) -> Vec<Effect> {
    let Some(o) = p.review.as_ref().and_then(|r| r.open.as_ref()) else {
        return vec![];
    };
    let (Some(list), Some(c)) = (o.list.as_ref(), o.selected()) else {
        return vec![];
    };
    let lead = pair_lead(list, c);
    let siblings = list.candidates.iter().map(|c| pair_lead(list, c)).collect();
    let (casing, candidate) = (lead.casing_id.clone(), lead.candidate_id.clone());
    p.detail = Some(LeadDetail {
        lead,
        siblings,
        view: CompareView::default(),
        zoom: 1,
        cluster: None,
        scroll: 0,
    });
    let mut fx = vec![cx.fetch(super::CLUSTER, Request::Cluster(casing.clone()))];
    fx.extend(super::fetch_casing(p, cx, CASING_QUERY, casing));
    fx.extend(super::fetch_casing(p, cx, CASING_CANDIDATE, candidate));
    fx
}

/// The pair `mark_lead` applies to: the compared pair, else the selected candidate of the
/// open list.
fn current_pair(p: &BallisticsState) -> Option<(String, String)> {
    if let Some(d) = &p.detail {
        return Some((d.lead.casing_id.clone(), d.lead.candidate_id.clone()));
    }
    let o = p.review.as_ref()?.open.as_ref()?;
    Some((o.casing_id.clone(), o.selected()?.candidate_id.clone()))
}

/// The mark key: technicians and examiners only (said at once when the role is known), then
/// the comment prompt.
pub fn mark(p: &mut BallisticsState, cx: &mut Shell) -> Vec<Effect> {
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    let Some(pair) = current_pair(p) else {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    };
    let role = cx.session.user.as_ref().map(|u| u.role);
    if role.is_some_and(|r| !r.marks_leads()) {
        return vec![cx.toast(Level::Error, Notice::from(BalNotice::MarkersOnly))];
    }
    p.marking = Some(pair);
    cx.overlays.push(Overlay::Prompt(Prompt {
        purpose: PromptFor::LeadComment,
        input: String::new(),
    }));
    vec![]
}

/// The mark's comment was entered (required): queued for the server.
pub fn commented(p: &mut BallisticsState, cx: &mut Shell, comment: String) -> Vec<Effect> {
    let Some((casing_id, candidate_id)) = p.marking.take() else {
        return vec![];
    };
    let comment = comment.trim().to_string();
    if comment.is_empty() {
        return vec![cx.toast(Level::Error, Notice::from(BalNotice::CommentRequired))];
    }
    let key = cx.idempotency_key();
    p.marks
        .insert(key.clone(), (casing_id.clone(), candidate_id.clone()));
    let op = WriteOp::MarkLead {
        casing_id,
        candidate_id: candidate_id.clone(),
        mark: LeadMark { comment },
    };
    vec![
        Effect::Write(PendingWrite { key, op }),
        cx.toast(
            Level::Info,
            Notice::from(BalNotice::MarkQueued(candidate_id)),
        ),
    ]
}

/// The server filed (or refused) a mark: say so, and fetch the queue and the list anew.
pub fn marked(
    p: &mut BallisticsState,
    cx: &mut Shell,
    result: Result<Lead, crate::app::backend::FetchError>,
) -> Vec<Effect> {
    let mut fx = match result {
        Ok(l) => {
            cx.session.last_sync = Some(cx.now);
            if let Some(d) = p.detail.as_mut().filter(|d| {
                d.lead.casing_id == l.casing_id && d.lead.candidate_id == l.candidate_id
            }) {
                d.lead = l.clone();
            }
            vec![cx.toast(Level::Ok, Notice::from(BalNotice::Marked(l.id)))]
        }
        Err(e) => vec![cx.toast(
            Level::Error,
            Notice::WriteRefused(crate::app::state::Refusal::of(&e)),
        )],
    };
    fx.extend(refresh(p, cx));
    fx
}

pub fn on_reviews(p: &mut BallisticsState, cx: &mut Shell, page: Page<ReviewItem>) {
    let height = cx.list_height();
    let Some(r) = p.review.as_mut() else {
        return;
    };
    let keep = r.selected().map(|i| i.casing_id.clone());
    r.rows = page.items;
    let idx = keep
        .and_then(|id| r.rows.iter().position(|i| i.casing_id == id))
        .unwrap_or(0);
    r.list.select(idx, r.rows.len(), height);
    r.loaded = true;
}

pub fn on_list(p: &mut BallisticsState, cx: &mut Shell, list: CorrelationList) {
    let height = cx.list_height();
    let Some(o) = p
        .review
        .as_mut()
        .and_then(|r| r.open.as_mut())
        .filter(|o| o.casing_id == list.casing_id)
    else {
        return;
    };
    let i = o.cursor.selected;
    o.cursor.select(i, list.candidates.len(), height);
    o.list = Some(list);
}
