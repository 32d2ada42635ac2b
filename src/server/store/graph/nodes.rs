//! Labels, link counts and investigative flags for the nodes a graph answer returns: one batched
//! query per node kind, run only over the nodes actually returned.

use std::collections::{BTreeMap, HashMap};

use super::{GraphSql, IN, NodeRef, Row, Sight, Val, cases_of};
use crate::model::*;
use crate::server::store::sqlite::from_ts;
use crate::server::store::{StoreError, StoreResult};

/// Time-to-crime under this many days is the classic trafficking indicator (3 years).
pub(crate) const SHORT_TTC_DAYS: i64 = crate::model::SHORT_TTC_DAYS;

/// 1 when `cond` holds, else 0 (PostgreSQL does not add booleans).
fn one_if(cond: &str) -> String {
    format!("(CASE WHEN {cond} THEN 1 ELSE 0 END)")
}

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
    c: &dyn GraphSql,
    sql: &str,
    json: &str,
    f: impl Fn(&Row) -> StoreResult<GraphNode>,
) -> StoreResult<Vec<GraphNode>> {
    c.rows(sql, &[Val::Text(json.to_string())])?
        .iter()
        .map(f)
        .collect()
}

fn firearms(c: &dyn GraphSql, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT f.id, f.serial, f.make, f.model,
           {}
             + (SELECT count(t.purchaser_id) + count(t.dealer_license) FROM traces t WHERE t.firearm_id = f.id)
             + (SELECT count(*) FROM casings k WHERE k.firearm_id = f.id),
           EXISTS (SELECT 1 FROM traces t WHERE t.firearm_id = f.id AND t.ttc_days < {SHORT_TTC_DAYS}),
           EXISTS (SELECT 1 FROM traces t JOIN multiple_sales m ON m.purchaser_id = t.purchaser_id
                   AND m.dealer_license = t.dealer_license
                   AND m.date BETWEEN {} AND {}
                   WHERE t.firearm_id = f.id),
           EXISTS (SELECT 1 FROM casings k WHERE k.firearm_id = f.id AND {HIT})
         FROM firearms f WHERE f.id IN {IN}",
        one_if("f.seizure_id IS NOT NULL"),
        c.shift_date("t.purchase_date", -7),
        c.shift_date("t.purchase_date", 7),
    );
    rows(c, &sql, json, |r| {
        let (serial, make, model) = (r.text(1)?, r.text(2)?, r.text(3)?);
        Ok(node(
            r.text(0)?,
            NodeKind::Firearm,
            format!("{serial} · {make} {model}"),
            r.int(4)?,
            flags(r.flag(5)?, r.flag(6)?, r.flag(7)?),
        ))
    })
}

fn persons(c: &dyn GraphSql, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT p.id, p.name, p.state,
           (SELECT count(*) FROM traces t WHERE t.purchaser_id = p.id),
           EXISTS (SELECT 1 FROM traces t WHERE t.purchaser_id = p.id AND t.ttc_days < {SHORT_TTC_DAYS}),
           EXISTS (SELECT 1 FROM multiple_sales m WHERE m.purchaser_id = p.id)
         FROM persons p WHERE p.id IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let (name, state) = (r.text(1)?, r.opt_text(2)?);
        let label = match state {
            Some(s) => format!("{name} ({s})"),
            None => name,
        };
        Ok(node(
            r.text(0)?,
            NodeKind::Person,
            label,
            r.int(3)?,
            flags(r.flag(4)?, r.flag(5)?, false),
        ))
    })
}

/// A dealer is flagged for short time-to-crime when at least a quarter of its traced guns had it.
fn dealers(c: &dyn GraphSql, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT d.license, d.name, d.city, d.state,
           (SELECT count(*) FROM traces t WHERE t.dealer_license = d.license),
           (SELECT count(*) FROM traces t WHERE t.dealer_license = d.license AND t.ttc_days < {SHORT_TTC_DAYS}),
           EXISTS (SELECT 1 FROM multiple_sales m WHERE m.dealer_license = d.license)
         FROM dealers d WHERE d.license IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let (name, city, state) = (r.text(1)?, r.text(2)?, r.text(3)?);
        let (n, short) = (r.int(4)?, r.int(5)?);
        Ok(node(
            r.text(0)?,
            NodeKind::Dealer,
            format!("{name} ({city}, {state})"),
            n,
            flags(n > 0 && short * 4 >= n, r.flag(6)?, false),
        ))
    })
}

fn seizures(c: &dyn GraphSql, json: &str) -> StoreResult<Vec<GraphNode>> {
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
        let (kind, muni, state) = (r.text(1)?, r.text(2)?, r.text(3)?);
        let at = from_ts(r.int(4)?).format("%Y-%m-%d");
        Ok(node(
            r.text(0)?,
            NodeKind::Seizure,
            format!("{} · {muni}, {state} · {at}", kind.replace('_', " ")),
            r.int(5)?,
            flags(r.flag(6)?, false, r.flag(7)?),
        ))
    })
}

fn casings(c: &dyn GraphSql, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT k.id, k.caliber_class, k.place,
           {} + {}
             + (SELECT count(*) FROM leads l WHERE l.status = 'confirmed' AND (l.casing_id = k.id OR l.candidate_id = k.id)),
           {HIT}
         FROM casings k WHERE k.id IN {IN}",
        one_if("k.firearm_id IS NOT NULL"),
        one_if("k.seizure_id IS NOT NULL"),
    );
    rows(c, &sql, json, |r| {
        let (class, place) = (r.text(1)?, r.text(2)?);
        Ok(node(
            r.text(0)?,
            NodeKind::Casing,
            format!("{class} casing · {place}"),
            r.int(3)?,
            flags(false, false, r.flag(4)?),
        ))
    })
}

fn cases(c: &dyn GraphSql, json: &str) -> StoreResult<Vec<GraphNode>> {
    let sql = format!(
        "SELECT c.id, c.title, (SELECT count(*) FROM case_links l WHERE l.case_id = c.id)
         FROM cases c WHERE c.id IN {IN}"
    );
    rows(c, &sql, json, |r| {
        let mut n = node(
            r.text(0)?,
            NodeKind::Case,
            r.text(1)?,
            r.int(2)?,
            NodeFlags::default(),
        );
        n.flags.in_case = true;
        Ok(n)
    })
}

/// Describes `refs` (in their order). Case nodes outside the viewer's sight are dropped — they
/// are never produced by the search, this only makes the rule hold here too.
pub(crate) fn describe(
    c: &dyn GraphSql,
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
