//! Co-purchasers: which suspected straw purchasers belong together, the way an analyst joins
//! them on a link chart — their guns were recovered in the same seizure (one trafficker pooled
//! their purchases into one load), or they bought at two or more of the same dealers. One shared
//! dealer is not enough: a busy store sells to many unrelated buyers.

use std::collections::{BTreeSet, HashMap};

use rusqlite::Connection;

use crate::server::store::StoreResult;

/// A dealer shared by more suspects than this says nothing about who buys together (it is
/// skipped when counting shared dealers, which also bounds the pair count).
const CROWDED_DEALER: usize = 400;

/// Where one suspect's traced guns were bought and recovered.
#[derive(Debug, Default, Clone)]
pub(super) struct Footprint {
    pub seizures: BTreeSet<String>,
    pub dealers: BTreeSet<String>,
}

/// The footprints of the given purchasers, from their completed traces.
pub(super) fn footprints(c: &Connection, ids: &[&str]) -> StoreResult<HashMap<String, Footprint>> {
    let mut st = c.prepare_cached(
        "SELECT seizure_id, dealer_license FROM traces
         WHERE purchaser_id = ?1 AND status = 'completed'",
    )?;
    let mut out = HashMap::with_capacity(ids.len());
    for id in ids {
        let mut fp = Footprint::default();
        let rows = st.query_map([id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
            ))
        })?;
        for row in rows {
            let (seizure, dealer) = row?;
            fp.seizures.extend(seizure);
            fp.dealers.extend(dealer);
        }
        out.insert((*id).to_string(), fp);
    }
    Ok(out)
}

/// Union–find over suspect indices.
struct Sets(Vec<usize>);

impl Sets {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Groups `ids` into suspected rings: each group lists indices into `ids`, in `ids` order
/// (so a caller that sorts `ids` by weight gets each group's heaviest member first).
pub(super) fn groups(ids: &[&str], fp: &HashMap<String, Footprint>) -> Vec<Vec<usize>> {
    let mut sets = Sets((0..ids.len()).collect());
    let mut by_seizure: HashMap<&str, usize> = HashMap::new();
    let mut by_dealer: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        let Some(f) = fp.get(*id) else { continue };
        for s in &f.seizures {
            match by_seizure.get(s.as_str()) {
                Some(&j) => sets.join(i, j),
                None => {
                    by_seizure.insert(s, i);
                }
            }
        }
        for d in &f.dealers {
            by_dealer.entry(d).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), u32> = HashMap::new();
    for buyers in by_dealer.values().filter(|b| b.len() <= CROWDED_DEALER) {
        for (k, &a) in buyers.iter().enumerate() {
            for &b in &buyers[k + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    for (&(a, b), &n) in &shared {
        if n >= 2 {
            sets.join(a, b);
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for i in 0..ids.len() {
        let r = sets.root(i);
        let k = *slot.entry(r).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[k].push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(seizures: &[&str], dealers: &[&str]) -> Footprint {
        Footprint {
            seizures: seizures.iter().map(|s| s.to_string()).collect(),
            dealers: dealers.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_shared_seizure_or_two_shared_dealers_join_and_one_busy_store_does_not() {
        let ids = ["P-1", "P-2", "P-3", "P-4", "P-5"];
        let map: HashMap<String, Footprint> = [
            ("P-1", fp(&["SZ-1", "SZ-2"], &["D-hot", "D-a"])),
            // Same load as P-1.
            ("P-2", fp(&["SZ-2"], &["D-hot"])),
            // Two of P-1's dealers, never in the same seizure.
            ("P-3", fp(&["SZ-3"], &["D-hot", "D-a"])),
            // Only the busy store in common with the others.
            ("P-4", fp(&["SZ-4"], &["D-hot", "D-b"])),
            ("P-5", fp(&["SZ-5"], &["D-hot", "D-c"])),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let g = groups(&ids, &map);
        assert_eq!(g, vec![vec![0, 1, 2], vec![3], vec![4]]);
    }
}
