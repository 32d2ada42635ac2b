//! The link graph, read straight from the tables, the same on every engine: each breadth-first
//! level is expanded with one indexed query per node kind (ids passed as a JSON array), so a
//! search costs a few queries per hop rather than one per node. Case nodes are only ever
//! produced from the viewer's own cases.
//!
//! The searches, labels and ring scores live here once; an engine only runs statements through
//! [`GraphSql`]. Statements are written once, in SQL both engines read (`?1`-style parameters,
//! `CASE` instead of adding booleans, `CAST` where an aggregate's type differs); the engine maps
//! the few words that differ (the id list, date arithmetic) and its placeholders.

mod nodes;
mod paths;
mod rings;
mod rings_links;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::*;
pub use crate::server::store::sql::{Row, Sql, Val};
use crate::server::store::{StoreError, StoreResult};

/// What the graph asks of an engine, inside one read transaction.
/// Statements run through [`Sql::rows`], where the word [`IN`] stands for the engine's own form
/// of "each id in the JSON array bound to `?1`".
pub trait GraphSql: Sql {
    /// The `YYYY-MM-DD` text `days` days after the date (the same text) in column `col`.
    fn shift_date(&self, col: &str, days: i32) -> String;
    /// The ids of the cases `viewer` is a member of.
    fn member_cases(&self, viewer: &User) -> StoreResult<HashSet<String>>;
}

/// "Each id in the JSON array bound to `?1`", as a subquery; engines replace this word.
pub const IN: &str = "(IDS_IN_JSON_1)";

/// A node as the search sees it: id and kind.
pub(crate) type NodeRef = (String, NodeKind);

/// One discovered link: the node expanded, its neighbour, and the link in canonical direction.
pub(crate) struct Hop {
    pub from: String,
    pub to: NodeRef,
    pub edge: GraphEdge,
}

/// What the viewer may see of cases: the ids of the cases they are a member of.
pub(crate) struct Sight {
    pub cases: HashSet<String>,
}

impl Sight {
    pub(crate) fn of(c: &dyn GraphSql, viewer: &User) -> StoreResult<Sight> {
        Ok(Sight {
            cases: c.member_cases(viewer)?,
        })
    }
}

fn forbidden_case(id: &str) -> StoreError {
    StoreError::Forbidden(format!(
        "Case {id} does not exist or you are not a member of it."
    ))
}

fn exists(c: &dyn GraphSql, sql: &str, id: &str) -> StoreResult<bool> {
    match c.rows(sql, &[Val::Text(id.to_string())])?.first() {
        Some(r) => r.flag(0),
        None => Ok(false),
    }
}

fn one_id(c: &dyn GraphSql, sql: &str, id: &str) -> StoreResult<Option<String>> {
    match c.rows(sql, &[Val::Text(id.to_string())])?.first() {
        Some(r) => r.opt_text(0),
        None => Ok(None),
    }
}

/// Resolves any entity id to the graph node that stands for it: a trace to its firearm, a lead
/// to its casing, `#SERIAL` to the firearm bearing it. A case the viewer is not a member of is
/// a 403 that reads the same whether or not it exists.
pub(crate) fn resolve(c: &dyn GraphSql, raw: &str, sight: &Sight) -> StoreResult<NodeRef> {
    let id = raw.trim();
    if id.is_empty() || id.len() > 64 {
        return Err(StoreError::Invalid("id must be 1–64 characters".into()));
    }
    let not_found = || StoreError::NotFound(id.to_string());
    let found = |sql: &str, kind: NodeKind| -> StoreResult<NodeRef> {
        if exists(c, sql, id)? {
            Ok((id.to_string(), kind))
        } else {
            Err(not_found())
        }
    };
    if let Some(serial) = id.strip_prefix('#') {
        let fid = one_id(
            c,
            "SELECT id FROM firearms WHERE serial = upper(?1) ORDER BY id LIMIT 1",
            serial,
        )?;
        return fid.map(|f| (f, NodeKind::Firearm)).ok_or_else(not_found);
    }
    let upper = id.to_ascii_uppercase();
    let prefix = upper.split('-').next().unwrap_or("");
    match prefix {
        "CS" => {
            if sight.cases.contains(id) {
                Ok((id.to_string(), NodeKind::Case))
            } else {
                Err(forbidden_case(id))
            }
        }
        "SZ" => found(
            "SELECT EXISTS(SELECT 1 FROM seizures WHERE id = ?1)",
            NodeKind::Seizure,
        ),
        "FA" => found(
            "SELECT EXISTS(SELECT 1 FROM firearms WHERE id = ?1)",
            NodeKind::Firearm,
        ),
        "P" => found(
            "SELECT EXISTS(SELECT 1 FROM persons WHERE id = ?1)",
            NodeKind::Person,
        ),
        "BC" => found(
            "SELECT EXISTS(SELECT 1 FROM casings WHERE id = ?1)",
            NodeKind::Casing,
        ),
        "TR" => one_id(c, "SELECT firearm_id FROM traces WHERE id = ?1", id)?
            .map(|f| (f, NodeKind::Firearm))
            .ok_or_else(not_found),
        "BL" => one_id(c, "SELECT casing_id FROM leads WHERE id = ?1", id)?
            .map(|f| (f, NodeKind::Casing))
            .ok_or_else(not_found),
        _ => found(
            "SELECT EXISTS(SELECT 1 FROM dealers WHERE license = ?1)",
            NodeKind::Dealer,
        ),
    }
}

fn edge(from: &str, to: &str, kind: LinkKind) -> GraphEdge {
    GraphEdge {
        from: from.to_string(),
        to: to.to_string(),
        kind,
    }
}

/// Runs `sql` (whose `?1` is a JSON array of ids) and returns its two text columns.
fn pairs(c: &dyn GraphSql, sql: &str, ids: &str) -> StoreResult<Vec<(String, String)>> {
    c.rows(sql, &[Val::Text(ids.to_string())])?
        .iter()
        .map(|r| Ok((r.text(0)?, r.text(1)?)))
        .collect()
}

/// Every link of every node in `frontier`, in a deterministic order.
pub(crate) fn expand(
    c: &dyn GraphSql,
    frontier: &[NodeRef],
    sight: &Sight,
) -> StoreResult<Vec<Hop>> {
    let mut by_kind: BTreeMap<&'static str, Vec<&str>> = BTreeMap::new();
    for (id, kind) in frontier {
        by_kind.entry(kind.as_str()).or_default().push(id);
    }
    let mut out = Vec::new();
    for (kind, ids) in by_kind {
        let json = serde_json::to_string(&ids).map_err(|e| StoreError::Internal(e.to_string()))?;
        match NodeKind::parse(kind) {
            Some(NodeKind::Firearm) => firearm_links(c, &json, &mut out)?,
            Some(NodeKind::Seizure) => seizure_links(c, &json, &mut out)?,
            Some(NodeKind::Person) => {
                let sql = format!(
                    "SELECT purchaser_id, firearm_id FROM traces WHERE purchaser_id IN {IN} ORDER BY 1, 2"
                );
                for (p, f) in pairs(c, &sql, &json)? {
                    out.push(hop(
                        &p,
                        &f,
                        NodeKind::Firearm,
                        edge(&f, &p, LinkKind::BoughtBy),
                    ));
                }
            }
            Some(NodeKind::Dealer) => {
                let sql = format!(
                    "SELECT dealer_license, firearm_id FROM traces WHERE dealer_license IN {IN} ORDER BY 1, 2"
                );
                for (d, f) in pairs(c, &sql, &json)? {
                    out.push(hop(
                        &d,
                        &f,
                        NodeKind::Firearm,
                        edge(&f, &d, LinkKind::SoldBy),
                    ));
                }
            }
            Some(NodeKind::Casing) => casing_links(c, &json, &mut out)?,
            Some(NodeKind::Case) => case_members_links(c, &json, sight, &mut out)?,
            None => {}
        }
        if kind != NodeKind::Case.as_str() {
            cases_of(c, &json, sight, &mut out)?;
        }
    }
    Ok(out)
}

fn hop(from: &str, to: &str, kind: NodeKind, edge: GraphEdge) -> Hop {
    Hop {
        from: from.to_string(),
        to: (to.to_string(), kind),
        edge,
    }
}

fn firearm_links(c: &dyn GraphSql, json: &str, out: &mut Vec<Hop>) -> StoreResult<()> {
    let sql = format!(
        "SELECT id, seizure_id FROM firearms WHERE id IN {IN} AND seizure_id IS NOT NULL ORDER BY 1"
    );
    for (f, s) in pairs(c, &sql, json)? {
        out.push(hop(
            &f,
            &s,
            NodeKind::Seizure,
            edge(&f, &s, LinkKind::RecoveredIn),
        ));
    }
    let sql = format!(
        "SELECT firearm_id, purchaser_id, dealer_license FROM traces WHERE firearm_id IN {IN} ORDER BY 1, id"
    );
    for r in c.rows(&sql, &[Val::Text(json.to_string())])? {
        let (f, p, d) = (r.text(0)?, r.opt_text(1)?, r.opt_text(2)?);
        if let Some(p) = p {
            out.push(hop(
                &f,
                &p,
                NodeKind::Person,
                edge(&f, &p, LinkKind::BoughtBy),
            ));
        }
        if let Some(d) = d {
            out.push(hop(
                &f,
                &d,
                NodeKind::Dealer,
                edge(&f, &d, LinkKind::SoldBy),
            ));
        }
    }
    let sql = format!("SELECT firearm_id, id FROM casings WHERE firearm_id IN {IN} ORDER BY 1, 2");
    for (f, k) in pairs(c, &sql, json)? {
        out.push(hop(
            &f,
            &k,
            NodeKind::Casing,
            edge(&k, &f, LinkKind::FiredBy),
        ));
    }
    Ok(())
}

fn seizure_links(c: &dyn GraphSql, json: &str, out: &mut Vec<Hop>) -> StoreResult<()> {
    let sql = format!("SELECT seizure_id, id FROM firearms WHERE seizure_id IN {IN} ORDER BY 1, 2");
    for (s, f) in pairs(c, &sql, json)? {
        out.push(hop(
            &s,
            &f,
            NodeKind::Firearm,
            edge(&f, &s, LinkKind::RecoveredIn),
        ));
    }
    let sql = format!("SELECT seizure_id, id FROM casings WHERE seizure_id IN {IN} ORDER BY 1, 2");
    for (s, k) in pairs(c, &sql, json)? {
        out.push(hop(
            &s,
            &k,
            NodeKind::Casing,
            edge(&k, &s, LinkKind::FoundAt),
        ));
    }
    Ok(())
}

fn casing_links(c: &dyn GraphSql, json: &str, out: &mut Vec<Hop>) -> StoreResult<()> {
    let sql = format!(
        "SELECT id, firearm_id FROM casings WHERE id IN {IN} AND firearm_id IS NOT NULL ORDER BY 1"
    );
    for (k, f) in pairs(c, &sql, json)? {
        out.push(hop(
            &k,
            &f,
            NodeKind::Firearm,
            edge(&k, &f, LinkKind::FiredBy),
        ));
    }
    let sql = format!(
        "SELECT id, seizure_id FROM casings WHERE id IN {IN} AND seizure_id IS NOT NULL ORDER BY 1"
    );
    for (k, s) in pairs(c, &sql, json)? {
        out.push(hop(
            &k,
            &s,
            NodeKind::Seizure,
            edge(&k, &s, LinkKind::FoundAt),
        ));
    }
    let sql = format!(
        "SELECT casing_id, candidate_id FROM leads WHERE status = 'confirmed' AND casing_id IN {IN}
         UNION SELECT candidate_id, casing_id FROM leads WHERE status = 'confirmed' AND candidate_id IN {IN}
         ORDER BY 1, 2"
    );
    for (a, b) in pairs(c, &sql, json)? {
        let (lo, hi) = if a < b { (&a, &b) } else { (&b, &a) };
        out.push(hop(
            &a,
            &b,
            NodeKind::Casing,
            edge(lo, hi, LinkKind::SameGun),
        ));
    }
    Ok(())
}

/// What a case links to, as graph nodes (a trace stands for its firearm, a lead for its casing).
fn case_members_links(
    c: &dyn GraphSql,
    json: &str,
    sight: &Sight,
    out: &mut Vec<Hop>,
) -> StoreResult<()> {
    let sql = format!(
        "SELECT l.case_id, CASE l.kind WHEN 'trace' THEN t.firearm_id WHEN 'lead' THEN ld.casing_id ELSE l.entity_id END,
                CASE l.kind WHEN 'trace' THEN 'firearm' WHEN 'lead' THEN 'casing' ELSE l.kind END
         FROM case_links l
         LEFT JOIN traces t ON l.kind = 'trace' AND t.id = l.entity_id
         LEFT JOIN leads ld ON l.kind = 'lead' AND ld.id = l.entity_id
         WHERE l.case_id IN {IN} ORDER BY 1, 3, 2"
    );
    for r in c.rows(&sql, &[Val::Text(json.to_string())])? {
        let (case, target, kind) = (r.text(0)?, r.opt_text(1)?, r.text(2)?);
        let (Some(target), Some(kind)) = (target, NodeKind::parse(&kind)) else {
            continue;
        };
        if sight.cases.contains(&case) {
            out.push(hop(
                &case,
                &target,
                kind,
                edge(&case, &target, LinkKind::InCase),
            ));
        }
    }
    Ok(())
}

/// The viewer's cases that link to these nodes (directly, or through a firearm's trace or a
/// casing's lead).
pub(crate) fn cases_of(
    c: &dyn GraphSql,
    json: &str,
    sight: &Sight,
    out: &mut Vec<Hop>,
) -> StoreResult<()> {
    if sight.cases.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT entity_id, case_id FROM case_links WHERE entity_id IN {IN}
         UNION SELECT t.firearm_id, l.case_id FROM traces t JOIN case_links l ON l.entity_id = t.id WHERE t.firearm_id IN {IN}
         UNION SELECT ld.casing_id, l.case_id FROM leads ld JOIN case_links l ON l.entity_id = ld.id WHERE ld.casing_id IN {IN}
         ORDER BY 1, 2"
    );
    for (entity, case) in pairs(c, &sql, json)? {
        if sight.cases.contains(&case) {
            out.push(hop(
                &entity,
                &case,
                NodeKind::Case,
                edge(&case, &entity, LinkKind::InCase),
            ));
        }
    }
    Ok(())
}

/// Clamps and checks the neighbour query's numbers.
fn neighbor_bounds(q: &NeighborQuery) -> StoreResult<(u32, usize)> {
    let depth = q.depth.unwrap_or(1);
    if !(1..=3).contains(&depth) {
        return Err(StoreError::Invalid("depth must be 1, 2 or 3".into()));
    }
    let limit = q.limit.unwrap_or(200);
    if !(1..=1000).contains(&limit) {
        return Err(StoreError::Invalid("limit must be 1–1000".into()));
    }
    Ok((depth, limit as usize))
}

/// A node's links and their neighbours up to `q.depth` hops, at most `q.limit` nodes.
pub fn neighbors(c: &dyn GraphSql, q: &NeighborQuery, viewer: &User) -> StoreResult<Neighborhood> {
    let (depth, limit) = neighbor_bounds(q)?;
    let sight = Sight::of(c, viewer)?;
    let root = resolve(c, &q.id, &sight)?;
    let mut seen: HashMap<String, (NodeKind, u32)> = HashMap::new();
    let mut order: Vec<String> = vec![root.0.clone()];
    seen.insert(root.0.clone(), (root.1, 0));
    let mut edges: Vec<GraphEdge> = Vec::new();
    let mut edge_seen: HashSet<(String, String, LinkKind)> = HashSet::new();
    let mut frontier = vec![root.clone()];
    let mut truncated = false;
    for level in 1..=depth {
        let mut next = Vec::new();
        for h in expand(c, &frontier, &sight)? {
            let known = seen.contains_key(&h.to.0);
            if !known && seen.len() >= limit {
                truncated = true;
                continue;
            }
            if !known {
                seen.insert(h.to.0.clone(), (h.to.1, level));
                order.push(h.to.0.clone());
                next.push(h.to.clone());
            }
            let key = (h.edge.from.clone(), h.edge.to.clone(), h.edge.kind);
            if edge_seen.insert(key) {
                edges.push(h.edge);
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    let refs: Vec<NodeRef> = order.iter().map(|id| (id.clone(), seen[id].0)).collect();
    let mut nodes = nodes::describe(c, &refs, &sight)?;
    for n in &mut nodes {
        n.depth = seen.get(&n.id).map_or(0, |s| s.1);
    }
    Ok(Neighborhood {
        root: root.0,
        nodes,
        edges,
        truncated,
    })
}

/// Up to `q.k` shortest paths between two nodes.
pub fn paths(c: &dyn GraphSql, q: &PathQuery, viewer: &User) -> StoreResult<PathSet> {
    let max_hops = q.max_hops.unwrap_or(6);
    if !(1..=6).contains(&max_hops) {
        return Err(StoreError::Invalid("max_hops must be 1–6".into()));
    }
    let k = q.k.unwrap_or(3);
    if !(1..=10).contains(&k) {
        return Err(StoreError::Invalid("k must be 1–10".into()));
    }
    let sight = Sight::of(c, viewer)?;
    let from = resolve(c, &q.from, &sight)?;
    let to = resolve(c, &q.to, &sight)?;
    if from.0 == to.0 {
        return Err(StoreError::Invalid("from and to are the same node".into()));
    }
    let found = paths::bidirectional(c, &from, &to, max_hops, k as usize, &sight)?;
    paths::to_path_set(c, &from.0, &to.0, found, &sight)
}

/// The one-directional breadth-first search on the same graph, for `fwc bench graph`.
pub fn paths_one_way(
    c: &dyn GraphSql,
    from: &str,
    to: &str,
    max_hops: u32,
    viewer: &User,
) -> StoreResult<(Option<usize>, usize)> {
    let sight = Sight::of(c, viewer)?;
    let from = resolve(c, from, &sight)?;
    let to = resolve(c, to, &sight)?;
    paths::one_way(c, &from, &to, max_hops, &sight)
}

pub use rings::rings;
