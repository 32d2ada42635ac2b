//! Opening a node of the link graph in the pane that shows that kind of record: a seizure in
//! the Queue's detail, a firearm, purchaser or dealer as its traces, a casing as its best
//! ballistic lead, a case in Cases. Records not at hand are fetched first (into [`OPEN`]).

use super::OPEN;
use crate::app::effect::{Effect, Request};
use crate::app::panes::ballistics::casing_leads;
use crate::app::panes::navigate::Listing;
use crate::app::panes::Target;
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};
use crate::model::{GraphNode, NodeKind, TraceQuery};

pub fn node(cx: &mut Shell, n: &GraphNode) -> Vec<Effect> {
    let id = n.id.clone();
    let mut q = TraceQuery::default();
    let listing = match n.kind {
        NodeKind::Seizure => return vec![cx.fetch(OPEN, Request::Seizure(id))],
        NodeKind::Case => return vec![cx.fetch(OPEN, Request::Case(id))],
        NodeKind::Casing => return vec![cx.fetch(OPEN, Request::Leads(casing_leads(id)))],
        NodeKind::Firearm => {
            q.firearm_id = Some(id.clone());
            Listing::Search(id)
        }
        NodeKind::Person => {
            q.purchaser_id = Some(id);
            Listing::SamePurchaser(n.label.clone())
        }
        NodeKind::Dealer => {
            q.dealer_license = Some(id);
            Listing::SameDealer(n.label.clone())
        }
    };
    vec![Effect::Navigate(Target::Traces(listing, Box::new(q)))]
}

/// The record asked for by [`node`] arrived: send the user to it.
pub fn on_data(cx: &mut Shell, data: Data) -> Vec<Effect> {
    match data {
        Data::Seizure(z) => vec![Effect::Navigate(Target::Seizure(Box::new(z)))],
        Data::Case(c) => vec![Effect::Navigate(Target::Case(Box::new(c)))],
        Data::Leads(page) => {
            let mut leads = page.items;
            leads.sort_by_key(|l| l.rank);
            match leads.first().cloned() {
                Some(best) => vec![Effect::Navigate(Target::Lead(Box::new(best), leads))],
                None => vec![cx.toast(Level::Info, Notice::NotHere)],
            }
        }
        _ => vec![],
    }
}
