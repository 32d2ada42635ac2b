//! One lead open for comparison: its two casings side by side (raw, aligned or their
//! difference, zoomed), the other candidates of the same casing to step through, and the
//! casing's cluster of confirmed hits. The lead queue and the review list open it; a case
//! note's reference opens it through [`show`].

use base64::Engine as _;

use crate::app::action::Action;
use crate::app::effect::{Effect, Request, Slot};
use crate::app::panes::list::scroll;
use crate::app::state::Shell;
use crate::ballistics::Gray;
use crate::model::{Casing, Cluster, Lead, LeadQuery, LeadSort};

use super::{
    BalNotice, BallisticsState, CASING_CANDIDATE, CASING_QUERY, CLUSTER, DETAIL, IMAGE_CACHE, LIST,
    SIBLINGS, SIBLINGS_SLOT, ZOOM_MAX, query,
};

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

pub(super) fn update_detail(
    p: &mut BallisticsState,
    cx: &mut Shell,
    action: &Action,
) -> Vec<Effect> {
    let height = cx.list_height();
    let Some(d) = p.detail.as_mut() else {
        return vec![];
    };
    if scroll(&mut d.scroll, action, height) {
        return vec![];
    }
    match action {
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
pub fn show(
    p: &mut BallisticsState,
    cx: &mut Shell,
    lead: Lead,
    siblings: Vec<Lead>,
) -> Vec<Effect> {
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

pub(super) fn reload_detail(cx: &mut Shell, id: String, casing: String) -> Vec<Effect> {
    let siblings = casing_leads(casing.clone());
    vec![
        cx.fetch(DETAIL, Request::Lead(id)),
        cx.fetch(SIBLINGS_SLOT, Request::Leads(siblings)),
        cx.fetch(CLUSTER, Request::Cluster(casing)),
    ]
}

/// Takes a casing's leads as the detail's candidates, in rank order — unless they no longer
/// include the shown lead (an answer for another casing, or an empty one).
pub(super) fn set_siblings(d: &mut LeadDetail, mut sibs: Vec<Lead>) {
    sibs.sort_by_key(|l| l.rank);
    if sibs.iter().any(|l| l.id == d.lead.id) {
        d.siblings = sibs;
    }
}

pub fn fetch_casing(
    p: &mut BallisticsState,
    cx: &mut Shell,
    slot: Slot,
    id: String,
) -> Vec<Effect> {
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

/// Decodes a casing's image and keeps it among the recent ones.
pub(super) fn remember(p: &mut BallisticsState, mut c: Casing) {
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
