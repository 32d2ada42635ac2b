//! The Network pane: the links behind one entity as an expandable tree (k9s "xray" style) —
//! purchaser → the guns bought → where each was recovered → the other guns of that seizure … —
//! each node with its kind, label, how many links it has and its investigative flags.
//!
//! The tree is kept as the flat list of rows the screen shows, each with its depth in the tree,
//! so drawing and moving are those of any list; expanding a node fetches its neighbours (one
//! hop, lazily) and inserts them under it, collapsing removes them again. What the server does
//! not send (cases the user is not a member of) the pane cannot show: it adds nothing of its own.
//! Opening a node in its own pane lives in [`open`], path-finding in [`paths`], suspected rings
//! in [`rings`].

pub mod open;
pub mod paths;
pub mod rings;

use crate::app::action::Action;
use crate::app::effect::{Effect, Request, Slot};
use crate::app::overlay::PickTarget;
use crate::app::panes::list::ListCursor;
use crate::app::panes::{Pane, PaneId, Target, slot};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};
use crate::model::{GraphNode, LinkKind, NeighborQuery, Neighborhood};

/// Most neighbours asked for per node: a dealer can have thousands of guns behind it, and a
/// screen shows a few dozen; the row says when the answer was cut.
pub const LIMIT: u32 = 200;

/// The pane's reads.
pub const ROOT: Slot = slot(PaneId::Network, 0);
pub const EXPAND: Slot = slot(PaneId::Network, 1);
/// The record fetched to open a node in its own pane.
pub const OPEN: Slot = slot(PaneId::Network, 2);
pub const PATHS: Slot = slot(PaneId::Network, 3);
pub const RINGS: Slot = slot(PaneId::Network, 4);

pub use paths::NetNotice;

/// One row of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct NetRow {
    pub node: GraphNode,
    /// The link joining it to the row it hangs under (`None` for the root).
    pub via: Option<LinkKind>,
    /// Depth in the tree (0 = the root).
    pub level: usize,
    /// Its neighbours are shown under it.
    pub expanded: bool,
    /// The server cut its neighbours at [`LIMIT`].
    pub truncated: bool,
}

impl NetRow {
    /// Whether expanding would show anything new: the root's links are all shown, and a node
    /// whose only link is the one it hangs by has nothing under it.
    pub fn leaf(&self) -> bool {
        self.level > 0 && self.node.degree <= 1
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NetworkState {
    /// The id the user asked for (a trace id, `#serial`, a lead…), shown until the answer
    /// names the node it resolved to.
    pub root: Option<String>,
    pub rows: Vec<NetRow>,
    pub list: ListCursor,
    /// The node whose neighbours are being fetched.
    pub expanding: Option<String>,
    /// Roots shown before this one, for Back.
    pub history: Vec<String>,
    pub loaded: bool,
    /// The start of the next path search.
    pub mark: Option<GraphNode>,
    /// The paths found, shown instead of the tree until closed.
    pub paths: Option<paths::PathsView>,
    /// The ranked suspects, shown instead of the tree (and the paths) until closed.
    pub rings: Option<rings::RingsView>,
}

impl NetworkState {
    pub fn selected(&self) -> Option<&NetRow> {
        self.rows.get(self.list.selected)
    }

    /// The rows under row `i` (its subtree), as a range of indices.
    fn subtree(&self, i: usize) -> std::ops::Range<usize> {
        let level = self.rows.get(i).map_or(0, |r| r.level);
        let end = self.rows[i + 1..]
            .iter()
            .position(|r| r.level <= level)
            .map_or(self.rows.len(), |n| i + 1 + n);
        i + 1..end
    }

    /// Index of the row that row `i` hangs under.
    fn parent(&self, i: usize) -> Option<usize> {
        let level = self.rows.get(i)?.level;
        self.rows[..i].iter().rposition(|r| r.level < level)
    }

    /// Ids of row `i` and every row above it in the tree (not shown again under it).
    fn ancestry(&self, i: usize) -> Vec<String> {
        let mut out = vec![];
        let mut at = Some(i);
        while let Some(j) = at {
            out.push(self.rows[j].node.id.clone());
            at = self.parent(j);
        }
        out
    }
}

impl Pane for NetworkState {
    fn refresh(&mut self, cx: &mut Shell) -> Vec<Effect> {
        let mut fx = vec![];
        if let Some(id) = self.root.clone() {
            fx.push(fetch_root(cx, id));
        }
        if let Some(v) = &self.rings {
            fx.push(rings::refresh(v, cx));
        }
        fx
    }
    fn update(&mut self, cx: &mut Shell, action: &Action) -> Vec<Effect> {
        update(self, cx, action)
    }
    fn on_data(&mut self, cx: &mut Shell, slot: Slot, data: Data) -> Vec<Effect> {
        match (slot, data) {
            (ROOT, Data::Neighborhood(h)) => {
                set_root(self, cx, h);
                vec![]
            }
            (EXPAND, Data::Neighborhood(h)) => {
                expanded(self, cx, h);
                vec![]
            }
            (OPEN, data) => open::on_data(cx, data),
            (PATHS, Data::Paths(set)) => {
                paths::found(self, set);
                vec![]
            }
            (RINGS, Data::Rings(rows)) => {
                rings::arrived(self, cx, rows);
                vec![]
            }
            _ => vec![],
        }
    }
    fn on_fetch_failed(&mut self, _cx: &mut Shell, slot: Slot) {
        if slot == EXPAND {
            self.expanding = None;
        }
        // A path search that failed leaves nothing to show: back to the tree.
        if slot == PATHS && self.paths.as_ref().is_some_and(|v| v.set.is_none()) {
            self.paths = None;
        }
    }
    fn navigate(&mut self, cx: &mut Shell, target: &Target) -> Option<Vec<Effect>> {
        match target {
            Target::Network(id) => Some(show(self, cx, id.clone())),
            _ => None,
        }
    }
    fn picked(&mut self, cx: &mut Shell, target: PickTarget) -> Vec<Effect> {
        match target {
            PickTarget::Case(id) => paths::add_to_case(self, cx, id),
            _ => vec![],
        }
    }
    fn resize(&mut self, rows: usize) {
        let i = self.list.selected;
        self.list.select(i, self.rows.len(), rows);
        if let Some(v) = self.rings.as_mut() {
            let i = v.list.selected;
            v.list.select(i, v.rows.len(), rows);
        }
    }
    /// The selected path as text while paths are shown, else the selected suspect's or
    /// node's id.
    fn copy_text(&self) -> Option<String> {
        if let Some(v) = &self.rings {
            return v.selected().map(|r| r.id.clone());
        }
        if let Some(v) = &self.paths {
            return v.chosen().map(paths::text);
        }
        self.selected().map(|r| r.node.id.clone())
    }
    fn watch_targets(&self) -> Vec<crate::app::alerts::WatchTarget> {
        match &self.rings {
            Some(_) => vec![],
            None => self
                .selected()
                .map(|r| crate::app::watch_targets::for_node(&r.node))
                .unwrap_or_default(),
        }
    }
    fn network_id(&self) -> Option<String> {
        match &self.rings {
            Some(v) => v.selected().map(|r| r.id.clone()),
            None => self.selected().map(|r| r.node.id.clone()),
        }
    }
    fn loaded(&self) -> bool {
        self.loaded
    }
}

fn fetch_root(cx: &mut Shell, id: String) -> Effect {
    cx.fetch(ROOT, Request::Neighbors(query(id)))
}

fn query(id: String) -> NeighborQuery {
    NeighborQuery {
        id,
        depth: Some(1),
        limit: Some(LIMIT),
    }
}

/// Opens the network of `id` (from `N` in any pane, the palette, or a ring member).
pub fn show(p: &mut NetworkState, cx: &mut Shell, id: String) -> Vec<Effect> {
    let id = id.trim().to_string();
    if id.is_empty() {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    }
    if let Some(old) = p.root.take()
        && old != id
    {
        p.history.push(old);
    }
    p.root = Some(id.clone());
    p.paths = None;
    p.rings = None;
    p.rows.clear();
    p.list = ListCursor::default();
    p.expanding = None;
    p.loaded = false;
    vec![fetch_root(cx, id)]
}

fn update(p: &mut NetworkState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    if let Some(fx) = rings::update(p, cx, action) {
        return fx;
    }
    if let Some(fx) = paths::update(p, cx, action) {
        return fx;
    }
    let height = cx.list_height();
    if p.list.apply(action, p.rows.len(), height) {
        return vec![];
    }
    match action {
        Action::Open => enter(p, cx),
        Action::Back => back(p, cx),
        Action::MarkNode => paths::mark(p, cx),
        Action::FindPath => paths::find(p, cx),
        Action::Rings => rings::toggle(p, cx),
        _ => vec![],
    }
}

/// `Enter`: expand a node that has links not shown yet; open a leaf, or a node already
/// expanded, in the pane that shows it.
fn enter(p: &mut NetworkState, cx: &mut Shell) -> Vec<Effect> {
    let i = p.list.selected;
    let Some(row) = p.rows.get(i).cloned() else {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    };
    if row.expanded || row.leaf() {
        return open::node(cx, &row.node);
    }
    if cx.loading(EXPAND) && p.expanding.as_deref() == Some(row.node.id.as_str()) {
        return vec![];
    }
    p.expanding = Some(row.node.id.clone());
    vec![cx.fetch(EXPAND, Request::Neighbors(query(row.node.id)))]
}

/// `Back`: fold the selected node, else go up to the node it hangs under, else back to the
/// network shown before this one.
fn back(p: &mut NetworkState, cx: &mut Shell) -> Vec<Effect> {
    let i = p.list.selected;
    let height = cx.list_height();
    match p.rows.get(i) {
        Some(r) if r.expanded && r.level > 0 => {
            let sub = p.subtree(i);
            p.rows.drain(sub);
            p.rows[i].expanded = false;
            p.list.select(i, p.rows.len(), height);
            vec![]
        }
        Some(r) if r.level > 0 => {
            let up = p.parent(i).unwrap_or(0);
            p.list.select(up, p.rows.len(), height);
            vec![]
        }
        _ => match p.history.pop() {
            Some(prev) => {
                let fx = show(p, cx, prev);
                // `show` filed the current root as history: going back must not.
                p.history.pop();
                fx
            }
            None => vec![],
        },
    }
}

/// The rows a neighbourhood puts under `parent` (at `level`): its nodes one hop away, minus
/// those already above in the tree, each with the link that joins it to `parent`.
fn children(h: &Neighborhood, level: usize, skip: &[String]) -> Vec<NetRow> {
    h.nodes
        .iter()
        .filter(|n| n.depth == 1 && !skip.contains(&n.id))
        .map(|n| NetRow {
            node: n.clone(),
            via: h
                .edges
                .iter()
                .find(|e| {
                    (e.from == h.root && e.to == n.id) || (e.to == h.root && e.from == n.id)
                })
                .map(|e| e.kind),
            level,
            expanded: false,
            truncated: false,
        })
        .collect()
}

fn set_root(p: &mut NetworkState, cx: &mut Shell, h: Neighborhood) {
    let Some(node) = h.nodes.iter().find(|n| n.id == h.root).cloned() else {
        return;
    };
    let root = NetRow {
        node,
        via: None,
        level: 0,
        expanded: true,
        truncated: h.truncated,
    };
    let keep = p.selected().map(|r| (r.node.id.clone(), r.level));
    p.rows = vec![root];
    p.rows.extend(children(&h, 1, std::slice::from_ref(&h.root)));
    p.root = Some(h.root.clone());
    p.loaded = true;
    p.expanding = None;
    let i = keep
        .and_then(|(id, level)| {
            p.rows
                .iter()
                .position(|r| r.node.id == id && r.level == level)
        })
        .unwrap_or(0);
    p.list.select(i, p.rows.len(), cx.list_height());
}

/// A node's neighbours arrived: show them under it (the first row of that node not yet
/// expanded, should it appear twice in the tree).
fn expanded(p: &mut NetworkState, cx: &mut Shell, h: Neighborhood) {
    let asked = p.expanding.take();
    let Some(i) = p
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.node.id == h.root && !r.expanded)
        .map(|(i, _)| i)
        .min_by_key(|&i| (Some(&p.rows[i].node.id) != asked.as_ref(), i.abs_diff(p.list.selected)))
    else {
        return;
    };
    if let Some(fresh) = h.nodes.iter().find(|n| n.id == h.root) {
        p.rows[i].node = fresh.clone();
    }
    let skip = p.ancestry(i);
    let kids = children(&h, p.rows[i].level + 1, &skip);
    p.rows[i].expanded = true;
    p.rows[i].truncated = h.truncated;
    p.rows.splice(i + 1..i + 1, kids);
    let sel = p.list.selected;
    p.list.select(sel, p.rows.len(), cx.list_height());
}

#[cfg(test)]
mod tests;
