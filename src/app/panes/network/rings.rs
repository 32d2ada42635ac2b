//! Suspected rings: the server's ranked list of purchasers whose pattern fits straw purchasing,
//! or dealers whose pattern fits a diverting store, each with the factors that put it there and
//! its score. `Enter` opens a suspect's network.

use super::{NetworkState, RINGS};
use crate::app::action::Action;
use crate::app::effect::{Effect, Request};
use crate::app::panes::Target;
use crate::app::panes::list::ListCursor;
use crate::app::state::Shell;
use crate::model::{RingKind, RingQuery, RingSuspect};

/// Suspects asked for: the top fifty, the list the bench grades.
pub const LIMIT: u32 = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct RingsView {
    pub kind: RingKind,
    pub rows: Vec<RingSuspect>,
    pub list: ListCursor,
    pub loaded: bool,
}

impl RingsView {
    pub fn selected(&self) -> Option<&RingSuspect> {
        self.rows.get(self.list.selected)
    }
}

fn fetch(cx: &mut Shell, kind: RingKind) -> Effect {
    let q = RingQuery {
        kind: Some(kind),
        limit: Some(LIMIT),
    };
    cx.fetch(RINGS, Request::Rings(q))
}

/// `rings`: show the ranked suspects (purchasers first), or go back to the tree.
pub fn toggle(p: &mut NetworkState, cx: &mut Shell) -> Vec<Effect> {
    if p.rings.take().is_some() {
        return vec![];
    }
    p.rings = Some(RingsView {
        kind: RingKind::Purchaser,
        rows: vec![],
        list: ListCursor::default(),
        loaded: false,
    });
    p.loaded = true;
    vec![fetch(cx, RingKind::Purchaser)]
}

pub fn refresh(v: &RingsView, cx: &mut Shell) -> Effect {
    fetch(cx, v.kind)
}

/// The ranked list arrived (for the kind on screen: a late answer for the other is dropped by
/// its generation).
pub fn arrived(p: &mut NetworkState, cx: &mut Shell, rows: Vec<RingSuspect>) {
    let height = cx.list_height();
    if let Some(v) = p.rings.as_mut() {
        v.rows = rows;
        v.loaded = true;
        let i = v.list.selected;
        v.list.select(i, v.rows.len(), height);
    }
}

/// Keys while the rings are shown; `None` when the rings are not shown.
pub fn update(p: &mut NetworkState, cx: &mut Shell, action: &Action) -> Option<Vec<Effect>> {
    let height = cx.list_height();
    let v = p.rings.as_mut()?;
    if v.list.apply(action, v.rows.len(), height) {
        return Some(vec![]);
    }
    Some(match action {
        Action::ToggleRingKind => {
            v.kind = match v.kind {
                RingKind::Purchaser => RingKind::Dealer,
                RingKind::Dealer => RingKind::Purchaser,
            };
            v.rows.clear();
            v.loaded = false;
            v.list = ListCursor::default();
            vec![fetch(cx, v.kind)]
        }
        Action::Open => match v.selected().map(|r| r.id.clone()) {
            Some(id) => {
                p.rings = None;
                vec![Effect::Navigate(Target::Network(id))]
            }
            None => vec![],
        },
        Action::Back | Action::Rings => {
            p.rings = None;
            vec![]
        }
        _ => vec![],
    })
}
