//! Shortest paths over the link graph: a bidirectional breadth-first search that always expands
//! the smaller frontier (the two searches meet in the middle, so a 6-hop question touches two
//! 3-hop balls instead of one 6-hop ball), keeping every shortest-path parent so up to `k` paths
//! of the shortest length can be read back. A plain one-directional search is kept for the bench.

use std::collections::{HashMap, HashSet};

use super::{GraphSql, NodeRef, Sight, expand};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult};

/// Most nodes one search may touch before giving up: bounds the work a single request can cause.
const VISIT_BUDGET: usize = 400_000;

/// One side of the search: distance and every shortest-path parent of each node reached.
struct Side {
    dist: HashMap<String, u32>,
    kinds: HashMap<String, NodeKind>,
    parents: HashMap<String, Vec<(String, GraphEdge)>>,
    frontier: Vec<NodeRef>,
    depth: u32,
}

impl Side {
    fn new(start: &NodeRef) -> Side {
        Side {
            dist: HashMap::from([(start.0.clone(), 0)]),
            kinds: HashMap::from([(start.0.clone(), start.1)]),
            parents: HashMap::new(),
            frontier: vec![start.clone()],
            depth: 0,
        }
    }

    /// Expands one level; returns the newly reached nodes.
    fn step(&mut self, c: &dyn GraphSql, sight: &Sight) -> StoreResult<Vec<String>> {
        let level = self.depth + 1;
        let mut next = Vec::new();
        for h in expand(c, &self.frontier, sight)? {
            match self.dist.get(&h.to.0) {
                Some(&d) if d == level => {
                    self.parents
                        .entry(h.to.0)
                        .or_default()
                        .push((h.from, h.edge));
                }
                Some(_) => {}
                None => {
                    self.dist.insert(h.to.0.clone(), level);
                    self.kinds.insert(h.to.0.clone(), h.to.1);
                    self.parents
                        .entry(h.to.0.clone())
                        .or_default()
                        .push((h.from, h.edge));
                    next.push(h.to);
                }
            }
        }
        self.depth = level;
        let ids = next.iter().map(|n| n.0.clone()).collect();
        self.frontier = next;
        Ok(ids)
    }

    /// Up to `k` shortest chains from the start to `node`, each as (nodes, edges) from the start.
    fn chains(&self, node: &str, k: usize) -> Vec<(Vec<String>, Vec<GraphEdge>)> {
        let Some(ps) = self.parents.get(node) else {
            return vec![(vec![node.to_string()], Vec::new())];
        };
        let mut out = Vec::new();
        for (p, e) in ps {
            for (mut nodes, mut edges) in self.chains(p, k - out.len()) {
                nodes.push(node.to_string());
                edges.push(e.clone());
                out.push((nodes, edges));
                if out.len() >= k {
                    return out;
                }
            }
        }
        out
    }
}

/// The shortest paths found: node ids with their kinds and the edges between them.
pub(super) struct Found {
    pub paths: Vec<(Vec<String>, Vec<GraphEdge>)>,
    pub kinds: HashMap<String, NodeKind>,
    pub visited: usize,
}

/// Up to `k` shortest paths of at most `max_hops` links between two nodes.
pub(crate) fn bidirectional(
    c: &dyn GraphSql,
    from: &NodeRef,
    to: &NodeRef,
    max_hops: u32,
    k: usize,
    sight: &Sight,
) -> StoreResult<Found> {
    let mut a = Side::new(from);
    let mut b = Side::new(to);
    let mut meets: Vec<String> = Vec::new();
    while a.depth + b.depth < max_hops && !a.frontier.is_empty() && !b.frontier.is_empty() {
        if a.dist.len() + b.dist.len() > VISIT_BUDGET {
            return Err(StoreError::Invalid(
                "the search grew too large; ask for fewer hops".into(),
            ));
        }
        let a_first = a.frontier.len() <= b.frontier.len();
        let (grow, other) = if a_first { (&mut a, &b) } else { (&mut b, &a) };
        let fresh = grow.step(c, sight)?;
        meets = fresh
            .into_iter()
            .filter(|n| other.dist.contains_key(n))
            .collect();
        if !meets.is_empty() {
            break;
        }
    }
    let mut kinds = a.kinds.clone();
    kinds.extend(b.kinds.iter().map(|(k, v)| (k.clone(), *v)));
    let mut paths = Vec::new();
    meets.sort();
    'outer: for m in &meets {
        for (left_nodes, left_edges) in a.chains(m, k) {
            for (right_nodes, right_edges) in b.chains(m, k) {
                let mut nodes = left_nodes.clone();
                nodes.extend(right_nodes.iter().rev().skip(1).cloned());
                let mut edges = left_edges.clone();
                edges.extend(right_edges.iter().rev().cloned());
                paths.push((nodes, edges));
                if paths.len() >= k {
                    break 'outer;
                }
            }
        }
    }
    Ok(Found {
        paths,
        kinds,
        visited: a.dist.len() + b.dist.len(),
    })
}

/// The plain breadth-first search from `from` until `to` is reached: (hops, nodes visited).
pub(crate) fn one_way(
    c: &dyn GraphSql,
    from: &NodeRef,
    to: &NodeRef,
    max_hops: u32,
    sight: &Sight,
) -> StoreResult<(Option<usize>, usize)> {
    let mut a = Side::new(from);
    while a.depth < max_hops && !a.frontier.is_empty() {
        if a.dist.len() > VISIT_BUDGET * 4 {
            break;
        }
        a.step(c, sight)?;
        if a.dist.contains_key(&to.0) {
            return Ok((Some(a.depth as usize), a.dist.len()));
        }
    }
    Ok((None, a.dist.len()))
}

/// Labels and flags the nodes of the paths found.
pub(crate) fn to_path_set(
    c: &dyn GraphSql,
    from: &str,
    to: &str,
    found: Found,
    sight: &Sight,
) -> StoreResult<PathSet> {
    let mut wanted: Vec<NodeRef> = Vec::new();
    let mut seen = HashSet::new();
    for (nodes, _) in &found.paths {
        for n in nodes {
            if seen.insert(n.clone())
                && let Some(kind) = found.kinds.get(n)
            {
                wanted.push((n.clone(), *kind));
            }
        }
    }
    let described = super::nodes::describe(c, &wanted, sight)?;
    let by_id: HashMap<&str, &GraphNode> = described.iter().map(|n| (n.id.as_str(), n)).collect();
    let paths = found
        .paths
        .iter()
        .map(|(nodes, edges)| GraphPath {
            nodes: nodes
                .iter()
                .enumerate()
                .filter_map(|(i, id)| {
                    by_id.get(id.as_str()).map(|n| GraphNode {
                        depth: i as u32,
                        ..(*n).clone()
                    })
                })
                .collect(),
            edges: edges.clone(),
        })
        .collect();
    Ok(PathSet {
        from: from.to_string(),
        to: to.to_string(),
        paths,
        visited: found.visited as u32,
    })
}
