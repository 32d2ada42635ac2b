//! What `w` offers to watch on each kind of record, the likeliest first (the name prompt's
//! Tab goes through the rest): a completed trace's dealer before its purchaser, the Queue's
//! filter before the selected seizure's place.

use crate::model::{Case, GraphNode, Lead, NodeKind, Seizure, SeizureFilter, SeizureQuery, Trace};
use crate::model::{WatchKind, serial::SerialPattern};

use super::alerts::WatchTarget;

/// A trace: its dealer and purchaser (when it reached them), the firearm, its serial, its model.
pub fn for_trace(t: &Trace) -> Vec<WatchTarget> {
    let mut v = Vec::new();
    if let Some(d) = &t.dealer_license {
        v.push(WatchTarget::of(WatchKind::Dealer, d));
    }
    if let Some(p) = &t.purchaser_id {
        v.push(WatchTarget::of(WatchKind::Purchaser, p));
    }
    v.push(WatchTarget::of(WatchKind::Firearm, &t.firearm_id));
    // An obliterated serial (`AB?12`) is watched as the pattern it is.
    if SerialPattern::parse(&t.serial).is_ok() {
        v.push(WatchTarget::of(WatchKind::Serial, &t.serial));
    }
    if !t.make.trim().is_empty() && !t.model.trim().is_empty() {
        let model = format!("{}/{}/{}", t.make, t.model, t.caliber);
        v.push(WatchTarget::of(
            WatchKind::Model,
            model.trim_end_matches('/'),
        ));
    }
    v
}

/// The Queue: its filter's terms as a seizures watch, then new seizures where the selected one
/// happened (its port, or its state).
pub fn for_queue(q: &SeizureQuery, selected: Option<&Seizure>) -> Vec<WatchTarget> {
    let mut v = Vec::new();
    let filter = SeizureFilter {
        port: q.port.clone(),
        state: q.state.clone(),
        agency: q.agency.clone(),
        kind: q.kind,
        country: q.country,
        item: q.item,
    };
    if !filter.is_empty() {
        v.push(WatchTarget::seizures(filter));
    }
    if let Some(z) = selected {
        let place = match &z.port {
            Some(p) => SeizureFilter {
                port: Some(p.clone()),
                ..SeizureFilter::default()
            },
            None => SeizureFilter {
                state: Some(z.state.clone()),
                ..SeizureFilter::default()
            },
        };
        v.push(WatchTarget::seizures(place));
    }
    v
}

/// A lead: its casing, the casing's cluster, and the candidate casing.
pub fn for_lead(l: &Lead) -> Vec<WatchTarget> {
    vec![
        WatchTarget::of(WatchKind::Casing, &l.casing_id),
        WatchTarget::of(WatchKind::Cluster, &l.casing_id),
        WatchTarget::of(WatchKind::Casing, &l.candidate_id),
    ]
}

pub fn for_case(c: &Case) -> Vec<WatchTarget> {
    vec![WatchTarget::of(WatchKind::Case, &c.id)]
}

/// A node of the link graph, by its kind (a seizure node has nothing to watch by id).
pub fn for_node(n: &GraphNode) -> Vec<WatchTarget> {
    let kind = match n.kind {
        NodeKind::Firearm => WatchKind::Firearm,
        NodeKind::Person => WatchKind::Purchaser,
        NodeKind::Dealer => WatchKind::Dealer,
        NodeKind::Casing => WatchKind::Casing,
        NodeKind::Case => WatchKind::Case,
        NodeKind::Seizure => return vec![],
    };
    let mut v = vec![WatchTarget::of(kind, &n.id)];
    if kind == WatchKind::Casing {
        v.push(WatchTarget::of(WatchKind::Cluster, &n.id));
    }
    v
}
