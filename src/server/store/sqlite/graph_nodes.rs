//! Labels, link counts and investigative flags for the nodes a graph answer returns: one batched
//! query per node kind, run only over the nodes actually returned.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, Row};

use super::from_ts;
use super::graph::{NodeRef, Sight, cases_of};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult};

const IN: &str = "(SELECT value FROM json_each(?1))";

/// Time-to-crime under this many days is the classic trafficking indicator (3 years).
pub(crate) const SHORT_TTC_DAYS: i64 = 1_095;

/// "Some casing of this gun or scene is tied to another by a confirmed hit."
const HIT: &str = "(EXISTS (SELECT 1 FROM leads l WHERE l.status = 'confirmed' AND l.casing_id = k.id) \
                   OR EXISTS (SELECT 1 FROM leads l WHERE l.status = 'confirmed' AND l.candidate_id = k.id))";

fn node(id: String, kind: NodeKind, label: String, degree: i64, flags: NodeFlags) -> GraphNode {
    GraphNode {
        id,
        kind,
        label,
        depth: 0,
        degree: degree.clamp(0, i64::from(u32::MAX)) as u32,
        flags,
    }
}

fn flags(short_ttc: bool, multiple_sale: bool, multi_scene: bool) -> NodeFlags {
    NodeFlags {
        short_ttc,
        multiple_sale,
        multi_scene,
        in_case: false,
    }
}

fn rows(
    c: &Connection,
    sql: &str,
    json: &str,
    f: impl Fn(&Row<'_>) -> rusqlite::Result<GraphNode>,
) -> StoreResult<Vec<GraphNode>> {
    let mut st = c.prepare_cached(sql)?;
    let out = st.query_map([json], |r| f(r))?;
    Ok(out.collect::<Result<_, _>>()?)
}

fn firearms(c: &Connection, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT f.id, f.serial, f.make, f.model,
           (f.seizure_id IS NOT NULL)
             + (SELECT count(t.purchaser_id) + count(t.dealer_license) FROM traces t WHERE t.firearm_id = f.id)
             + (SELECT count(*) FROM casings k WHERE k.firearm_id = f.id),
           EXISTS (SELECT 1 FROM traces t WHERE t.firearm_id = f.id AND t.ttc_days < {SHORT_TTC_DAYS}),
           EXISTS (SELECT 1 FROM traces t JOIN multiple_sales m ON m.purchaser_id = t.purchaser_id
                   AND m.dealer_license = t.dealer_license
                   AND m.date BETWEEN date(t.purchase_date, '-7 days') AND date(t.purchase_date, '+7 days')
                   WHERE t.firearm_id = f.id),
           EXISTS (SELECT 1 FROM casings k WHERE k.firearm_id = f.id AND {HIT})
         FROM firearms f WHERE f.id IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let (serial, make, model): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
        Ok(node(
            r.get(0)?,
            NodeKind::Firearm,
            format!("{serial} · {make} {model}"),
            r.get(4)?,
            flags(r.get(5)?, r.get(6)?, r.get(7)?),
        ))
    })
}

fn persons(c: &Connection, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT p.id, p.name, p.state,
           (SELECT count(*) FROM traces t WHERE t.purchaser_id = p.id),
           EXISTS (SELECT 1 FROM traces t WHERE t.purchaser_id = p.id AND t.ttc_days < {SHORT_TTC_DAYS}),
           EXISTS (SELECT 1 FROM multiple_sales m WHERE m.purchaser_id = p.id)
         FROM persons p WHERE p.id IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let (name, state): (String, Option<String>) = (r.get(1)?, r.get(2)?);
        let label = match state {
            Some(s) => format!("{name} ({s})"),
            None => name,
        };
        Ok(node(
            r.get(0)?,
            NodeKind::Person,
            label,
            r.get(3)?,
            flags(r.get(4)?, r.get(5)?, false),
        ))
    })
}

/// A dealer is flagged for short time-to-crime when at least a quarter of its traced guns had it.
fn dealers(c: &Connection, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT d.license, d.name, d.city, d.state,
           (SELECT count(*) FROM traces t WHERE t.dealer_license = d.license),
           (SELECT count(*) FROM traces t WHERE t.dealer_license = d.license AND t.ttc_days < {SHORT_TTC_DAYS}),
           EXISTS (SELECT 1 FROM multiple_sales m WHERE m.dealer_license = d.license)
         FROM dealers d WHERE d.license IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let (name, city, state): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
        let (n, short): (i64, i64) = (r.get(4)?, r.get(5)?);
        Ok(node(
            r.get(0)?,
            NodeKind::Dealer,
            format!("{name} ({city}, {state})"),
            n,
            flags(n > 0 && short * 4 >= n, r.get(6)?, false),
        ))
    })
}

fn seizures(c: &Connection, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT s.id, s.kind, s.municipality, s.state, s.occurred_at,
           (SELECT count(*) FROM firearms f WHERE f.seizure_id = s.id)
             + (SELECT count(*) FROM casings k WHERE k.seizure_id = s.id),
           EXISTS (SELECT 1 FROM firearms f JOIN traces t ON t.firearm_id = f.id
                   WHERE f.seizure_id = s.id AND t.ttc_days < {SHORT_TTC_DAYS}),
           EXISTS (SELECT 1 FROM casings k WHERE k.seizure_id = s.id AND {HIT})
         FROM seizures s WHERE s.id IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let (kind, muni, state): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
        let at = from_ts(r.get(4)?).format("%Y-%m-%d");
        Ok(node(
            r.get(0)?,
            NodeKind::Seizure,
            format!("{} · {muni}, {state} · {at}", kind.replace('_', " ")),
            r.get(5)?,
            flags(r.get(6)?, false, r.get(7)?),
        ))
    })
}

fn casings(c: &Connection, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT k.id, k.caliber_class, k.place,
           (k.firearm_id IS NOT NULL) + (k.seizure_id IS NOT NULL)
             + (SELECT count(*) FROM leads l WHERE l.status = 'confirmed' AND (l.casing_id = k.id OR l.candidate_id = k.id)),
           {HIT}
         FROM casings k WHERE k.id IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let (class, place): (String, String) = (r.get(1)?, r.get(2)?);
        Ok(node(
            r.get(0)?,
            NodeKind::Casing,
            format!("{class} casing · {place}"),
            r.get(3)?,
            flags(false, false, r.get(4)?),
        ))
    })
}

fn cases(c: &Connection, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT c.id, c.title, (SELECT count(*) FROM case_links l WHERE l.case_id = c.id)
         FROM cases c WHERE c.id IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let mut n = node(
            r.get(0)?,
            NodeKind::Case,
            r.get(1)?,
            r.get(2)?,
            NodeFlags::default(),
        );
        n.flags.in_case = true;
        Ok(n)
    })
}

/// Describes `refs` (in their order). Case nodes outside the viewer's sight are dropped — they
/// are never produced by the search, this only makes the rule hold here too.
pub(super) fn describe(
    c: &Connection,
    refs: &[NodeRef],
    sight: &Sight,
) -> StoreResult<Vec<GraphNode>> {
    let mut by_kind: BTreeMap<&'static str, Vec<&str>> = BTreeMap::new();
    for (id, kind) in refs {
        if *kind == NodeKind::Case && !sight.cases.contains(id) {
            continue;
        }
        by_kind.entry(kind.as_str()).or_default().push(id);
    }
    let mut all: HashMap<String, GraphNode> = HashMap::new();
    for (kind, ids) in by_kind {
        let json = serde_json::to_string(&ids).map_err(|e| StoreError::Internal(e.to_string()))?;
        let found = match NodeKind::parse(kind) {
            Some(NodeKind::Firearm) => firearms(c, &json)?,
            Some(NodeKind::Person) => persons(c, &json)?,
            Some(NodeKind::Dealer) => dealers(c, &json)?,
            Some(NodeKind::Seizure) => seizures(c, &json)?,
            Some(NodeKind::Casing) => casings(c, &json)?,
            Some(NodeKind::Case) => cases(c, &json)?,
            None => Vec::new(),
        };
        let mut linked = Vec::new();
        if kind != NodeKind::Case.as_str() {
            cases_of(c, &json, sight, &mut linked)?;
        }
        // The viewer's cases are links too (expanding the node shows them), so they count in
        // its degree; cases the viewer may not see count nowhere.
        let mut in_case: HashMap<String, u32> = HashMap::new();
        for h in linked {
            *in_case.entry(h.from).or_default() += 1;
        }
        for mut n in found {
            let cases = in_case.get(&n.id).copied().unwrap_or(0);
            n.flags.in_case |= cases > 0;
            n.degree = n.degree.saturating_add(cases);
            all.insert(n.id.clone(), n);
        }
    }
    Ok(refs.iter().filter_map(|(id, _)| all.remove(id)).collect())
}
