//! The link graph, read straight from the tables: each breadth-first level is expanded with one
//! indexed query per node kind (ids passed as a JSON array), so a search costs a few queries per
//! hop rather than one per node. Case nodes are only ever produced from the viewer's own cases.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{Connection, named_params};

use super::SqliteStore;
use super::system::member_of;
use crate::model::*;
use crate::server::store::{StoreError, StoreResult};

/// A node as the search sees it: id and kind.
pub(super) type NodeRef = (String, NodeKind);

/// One discovered link: the node expanded, its neighbour, and the link in canonical direction.
pub(super) struct Hop {
    pub from: String,
    pub to: NodeRef,
    pub edge: GraphEdge,
}

/// What the viewer may see of cases: the ids of the cases they are a member of.
pub(super) struct Sight {
    pub cases: HashSet<String>,
}

impl Sight {
    pub(super) fn of(c: &Connection, viewer: &User) -> StoreResult<Sight> {
        let sql = format!("SELECT id FROM cases WHERE {}", member_of("id"));
        let mut st = c.prepare_cached(&sql)?;
        let rows = st.query_map(
            named_params! {":viewer": viewer.name, ":agency": viewer.agency, ":country": viewer.country.as_str()},
            |r| r.get::<_, String>(0),
        )?;
        Ok(Sight {
            cases: rows.collect::<Result<_, _>>()?,
        })
    }
}

fn forbidden_case(id: &str) -> StoreError {
    StoreError::Forbidden(format!(
        "Case {id} does not exist or you are not a member of it."
    ))
}

fn exists(c: &Connection, sql: &str, id: &str) -> StoreResult<bool> {
    Ok(c.prepare_cached(sql)?.query_row([id], |r| r.get(0))?)
}

fn one_id(c: &Connection, sql: &str, id: &str) -> StoreResult<Option<String>> {
    let mut st = c.prepare_cached(sql)?;
    let mut rows = st.query([id])?;
    Ok(match rows.next()? {
        Some(r) => r.get(0)?,
        None => None,
    })
}

/// Resolves any entity id to the graph node that stands for it: a trace to its firearm, a lead
/// to its casing, `#SERIAL` to the firearm bearing it. A case the viewer is not a member of is
/// a 403 that reads the same whether or not it exists.
pub(super) fn resolve(c: &Connection, raw: &str, sight: &Sight) -> StoreResult<NodeRef> {
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
fn pairs(c: &Connection, sql: &str, ids: &str) -> StoreResult<Vec<(String, String)>> {
    let mut st = c.prepare_cached(sql)?;
    let rows = st.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const IN: &str = "(SELECT value FROM json_each(?1))";

/// Every link of every node in `frontier`, in a deterministic order.
pub(super) fn expand(c: &Connection, frontier: &[NodeRef], sight: &Sight) -> StoreResult<Vec<Hop>> {
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

fn firearm_links(c: &Connection, json: &str, out: &mut Vec<Hop>) -> StoreResult<()> {
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
    let mut st = c.prepare_cached(&sql)?;
    let rows = st.query_map([json], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (f, p, d) = row?;
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

fn seizure_links(c: &Connection, json: &str, out: &mut Vec<Hop>) -> StoreResult<()> {
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

fn casing_links(c: &Connection, json: &str, out: &mut Vec<Hop>) -> StoreResult<()> {
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
    c: &Connection,
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
    let mut st = c.prepare_cached(&sql)?;
    let rows = st.query_map([json], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (case, target, kind) = row?;
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
pub(super) fn cases_of(
    c: &Connection,
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

impl SqliteStore {
    pub(super) fn neighbors_impl(
        &self,
        q: &NeighborQuery,
        viewer: &User,
    ) -> StoreResult<Neighborhood> {
        let (depth, limit) = neighbor_bounds(q)?;
        self.read_long(|c| {
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
            let mut nodes = super::graph_nodes::describe(c, &refs, &sight)?;
            for n in &mut nodes {
                n.depth = seen.get(&n.id).map_or(0, |s| s.1);
            }
            Ok(Neighborhood {
                root: root.0,
                nodes,
                edges,
                truncated,
            })
        })
    }

    pub(super) fn paths_impl(&self, q: &PathQuery, viewer: &User) -> StoreResult<PathSet> {
        let max_hops = q.max_hops.unwrap_or(6);
        if !(1..=6).contains(&max_hops) {
            return Err(StoreError::Invalid("max_hops must be 1–6".into()));
        }
        let k = q.k.unwrap_or(3);
        if !(1..=10).contains(&k) {
            return Err(StoreError::Invalid("k must be 1–10".into()));
        }
        self.read_long(|c| {
            let sight = Sight::of(c, viewer)?;
            let from = resolve(c, &q.from, &sight)?;
            let to = resolve(c, &q.to, &sight)?;
            if from.0 == to.0 {
                return Err(StoreError::Invalid("from and to are the same node".into()));
            }
            let found =
                super::graph_paths::bidirectional(c, &from, &to, max_hops, k as usize, &sight)?;
            super::graph_paths::to_path_set(c, &from.0, &to.0, found, &sight)
        })
    }

    /// The one-directional breadth-first search on the same graph, for `fwc bench graph`.
    pub fn graph_paths_one_way(
        &self,
        from: &str,
        to: &str,
        max_hops: u32,
        viewer: &User,
    ) -> StoreResult<(Option<usize>, usize)> {
        self.read_long(|c| {
            let sight = Sight::of(c, viewer)?;
            let from = resolve(c, from, &sight)?;
            let to = resolve(c, to, &sight)?;
            super::graph_paths::one_way(c, &from, &to, max_hops, &sight)
        })
    }
}
