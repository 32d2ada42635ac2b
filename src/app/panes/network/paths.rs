//! Path-finding: `mark_node` marks a node, `find_path` on another asks the server for up to
//! three shortest paths (at most six links) between them. Each path is shown as a chain; `y`
//! copies the selected one as text and `assign_case` adds it to a case as a note, through the
//! durable outbox like every other note, naming every record on the way so the case's
//! references lead back to them.

use super::{NetworkState, PATHS};
use crate::app::action::Action;
use crate::app::effect::{Effect, PendingWrite, Request, WriteOp};
use crate::app::state::{Level, Notice, Shell};
use crate::model::{GraphNode, GraphPath, NewNote, PathQuery, PathSet};

/// Most links on a path, and most paths asked for (the bounds).
pub const MAX_HOPS: u32 = 6;
pub const K: u32 = 3;

/// The paths between the marked node and another, as the pane shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct PathsView {
    pub from: GraphNode,
    pub to: GraphNode,
    /// `None` until the server answers.
    pub set: Option<PathSet>,
    pub selected: usize,
}

impl PathsView {
    pub fn chosen(&self) -> Option<&GraphPath> {
        self.set.as_ref()?.paths.get(self.selected)
    }
}

/// Something the pane tells the user (worded by the UI).
#[derive(Debug, Clone, PartialEq)]
pub enum NetNotice {
    /// A node was marked as the start of a path.
    Marked(String),
    /// `find_path` with no node marked.
    MarkFirst,
    /// `find_path` on the marked node itself.
    SameNode,
    /// A path was queued as a note for this case.
    PathQueued(String),
}

/// `mark_node`: the selected node becomes the start of the next path search (again: unmarked).
pub fn mark(p: &mut NetworkState, cx: &mut Shell) -> Vec<Effect> {
    let Some(node) = p.selected().map(|r| r.node.clone()) else {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    };
    if p.mark.as_ref().is_some_and(|m| m.id == node.id) {
        p.mark = None;
        return vec![];
    }
    let id = node.id.clone();
    p.mark = Some(node);
    vec![cx.toast(Level::Info, Notice::from(NetNotice::Marked(id)))]
}

/// `find_path`: the shortest paths from the marked node to the selected one.
pub fn find(p: &mut NetworkState, cx: &mut Shell) -> Vec<Effect> {
    let Some(from) = p.mark.clone() else {
        return vec![cx.toast(Level::Info, Notice::from(NetNotice::MarkFirst))];
    };
    let Some(to) = p.selected().map(|r| r.node.clone()) else {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    };
    if from.id == to.id {
        return vec![cx.toast(Level::Info, Notice::from(NetNotice::SameNode))];
    }
    let q = PathQuery {
        from: from.id.clone(),
        to: to.id.clone(),
        max_hops: Some(MAX_HOPS),
        k: Some(K),
    };
    p.paths = Some(PathsView {
        from,
        to,
        set: None,
        selected: 0,
    });
    vec![cx.fetch(PATHS, Request::Paths(q))]
}

/// The server's answer, if it is for the search on screen.
pub fn found(p: &mut NetworkState, set: PathSet) {
    if let Some(v) = p.paths.as_mut()
        && v.from.id == set.from
        && v.to.id == set.to
    {
        v.set = Some(set);
        v.selected = 0;
    }
}

/// Keys while the paths are shown: move between them, add one to a case, close them. The tree
/// under them is hidden, so it gets no key (only `rings`, which shows over both); `None` when no
/// paths are shown or for `rings`.
pub fn update(p: &mut NetworkState, cx: &mut Shell, action: &Action) -> Option<Vec<Effect>> {
    let v = p.paths.as_mut()?;
    let n = v.set.as_ref().map_or(0, |s| s.paths.len());
    match action {
        Action::Up => v.selected = v.selected.saturating_sub(1),
        Action::Down => v.selected = (v.selected + 1).min(n.saturating_sub(1)),
        Action::Back => p.paths = None,
        Action::AssignCase => return Some(pick_case(p, cx)),
        Action::Rings => return None,
        _ => {}
    }
    Some(vec![])
}

/// A path as one line of text: every record with its label, and the link between each two —
/// what `y` copies and what the note says.
pub fn text(path: &GraphPath) -> String {
    let mut out = String::new();
    for (i, n) in path.nodes.iter().enumerate() {
        if i > 0 {
            let link = path.edges.get(i - 1).map_or("", |e| e.kind.as_str());
            out.push_str(&format!(" —{link}→ "));
        }
        out.push_str(&format!("{} ({})", n.id, n.label));
    }
    out
}

/// `assign_case` on a path: pick the case with the usual case picker.
fn pick_case(p: &NetworkState, cx: &mut Shell) -> Vec<Effect> {
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    if p.paths.as_ref().and_then(PathsView::chosen).is_none() {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    }
    vec![cx.open_case_picker()]
}

/// The case was picked: the path goes to it as a note (queued in the outbox).
pub fn add_to_case(p: &NetworkState, cx: &mut Shell, case_id: String) -> Vec<Effect> {
    let Some(path) = p.paths.as_ref().and_then(PathsView::chosen) else {
        return vec![];
    };
    let note = NewNote { body: text(path) };
    let key = cx.idempotency_key();
    let queued = Notice::from(NetNotice::PathQueued(case_id.clone()));
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::AddNote { case_id, note },
        }),
        cx.toast(Level::Info, queued),
    ]
}
