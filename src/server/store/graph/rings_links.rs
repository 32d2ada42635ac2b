//! Co-purchasers: which suspected straw purchasers belong together, the way an analyst joins
//! them on a link chart — two pieces of evidence tie two buyers: guns in the same seizure (one
//! trafficker pooled their purchases into one load) *and* a store in common, or two seizures in
//! common, or two or more dealers in common. One shared dealer is not enough (a busy store sells
//! to many unrelated buyers), and neither is one shared seizure on its own: a load holds guns
//! bought all over the country, and a single such coincidence would chain two rings, or a ring
//! and every stranger in one large load, into one.
//!
//! The grouping depends only on the set of suspects and their footprints, never on the order
//! they are given in or on hash-map iteration: the same data always give the same rings.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{GraphSql, Val};
use crate::server::store::StoreResult;

/// A dealer or seizure shared by more suspects than this says nothing about who buys together
/// (it is skipped when pairing suspects, which also bounds the pair count). A crowded dealer
/// still corroborates a pair found through a seizure.
const CROWDED: usize = 400;

/// Where one suspect's traced guns were bought and recovered.
#[derive(Debug, Default, Clone)]
pub(super) struct Footprint {
    pub seizures: BTreeSet<String>,
    pub dealers: BTreeSet<String>,
}

/// The footprints of the given purchasers, from their completed traces.
pub(super) fn footprints(
    c: &dyn GraphSql,
    ids: &[&str],
) -> StoreResult<HashMap<String, Footprint>> {
    let mut out = HashMap::with_capacity(ids.len());
    for id in ids {
        let mut fp = Footprint::default();
        let rows = c.rows(
            "SELECT seizure_id, dealer_license FROM traces
             WHERE purchaser_id = ?1 AND status = 'completed'",
            &[Val::Text((*id).to_string())],
        )?;
        for r in rows {
            fp.seizures.extend(r.opt_text(0)?);
            fp.dealers.extend(r.opt_text(1)?);
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

/// How much two suspects have in common.
#[derive(Debug, Default, Clone, Copy)]
struct Shared {
    seizures: u32,
    dealers: u32,
}

impl Shared {
    /// Two pieces of evidence: a seizure and a store, two seizures, or two stores.
    fn tied(self) -> bool {
        self.seizures >= 2 || self.dealers >= 2 || (self.seizures >= 1 && self.dealers >= 1)
    }
}

/// Indices of the suspects seen at each place (seizure or dealer), in `ids` order.
fn by_place<'a>(
    ids: &[&str],
    fp: &'a HashMap<String, Footprint>,
    of: impl Fn(&'a Footprint) -> &'a BTreeSet<String>,
) -> BTreeMap<&'a str, Vec<usize>> {
    let mut out: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(f) = fp.get(*id) {
            for place in of(f) {
                out.entry(place.as_str()).or_default().push(i);
            }
        }
    }
    out
}

/// Counts, per pair of suspects seen at the same uncrowded place, the places they share.
fn count_pairs(
    places: &BTreeMap<&str, Vec<usize>>,
    pairs: &mut BTreeMap<(usize, usize), Shared>,
    bump: impl Fn(&mut Shared),
) {
    for seen in places.values().filter(|s| s.len() <= CROWDED) {
        for (k, &a) in seen.iter().enumerate() {
            for &b in &seen[k + 1..] {
                bump(pairs.entry((a.min(b), a.max(b))).or_default());
            }
        }
    }
}

/// Groups `ids` into suspected rings: each group lists indices into `ids`, in `ids` order
/// (so a caller that sorts `ids` by weight gets each group's heaviest member first), groups
/// ordered by their first member.
pub(super) fn groups(ids: &[&str], fp: &HashMap<String, Footprint>) -> Vec<Vec<usize>> {
    let mut pairs: BTreeMap<(usize, usize), Shared> = BTreeMap::new();
    count_pairs(&by_place(ids, fp, |f| &f.seizures), &mut pairs, |s| {
        s.seizures += 1
    });
    count_pairs(&by_place(ids, fp, |f| &f.dealers), &mut pairs, |s| {
        s.dealers += 1
    });
    let mut sets = Sets((0..ids.len()).collect());
    for (&(a, b), shared) in &mut pairs {
        if shared.seizures >= 1 && shared.dealers == 0 {
            // Their only common store may be a crowded one, skipped above: count it here.
            if let (Some(fa), Some(fb)) = (fp.get(ids[a]), fp.get(ids[b])) {
                shared.dealers = fa.dealers.intersection(&fb.dealers).count() as u32;
            }
        }
        if shared.tied() {
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

    /// The groups as sorted sets of ids, whatever order the suspects came in.
    fn named(ids: &[&str], map: &HashMap<String, Footprint>) -> BTreeSet<BTreeSet<String>> {
        groups(ids, map)
            .into_iter()
            .map(|g| g.into_iter().map(|i| ids[i].to_string()).collect())
            .collect()
    }

    fn world() -> HashMap<String, Footprint> {
        [
            // A ring: the same two stores, some guns in the same loads.
            ("P-1", fp(&["SZ-1", "SZ-2"], &["D-a", "D-b"])),
            ("P-2", fp(&["SZ-2", "SZ-3"], &["D-a"])),
            ("P-3", fp(&["SZ-3"], &["D-a", "D-b"])),
            // Another ring at other stores.
            ("P-7", fp(&["SZ-7"], &["D-x", "D-y"])),
            ("P-8", fp(&["SZ-7", "SZ-8"], &["D-x"])),
            // A stranger whose one gun ended up in the first ring's load and another in the
            // second's, bought at unrelated stores: a bridge that must not join the rings.
            ("P-5", fp(&["SZ-1", "SZ-8"], &["D-m", "D-n"])),
            // Two strangers in one large load, nothing else in common.
            ("P-6", fp(&["SZ-9", "SZ-2"], &["D-q"])),
            ("P-9", fp(&["SZ-9"], &["D-r"])),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    #[test]
    fn one_shared_seizure_alone_does_not_chain_rings_or_strangers_together() {
        let map = world();
        let ids = ["P-1", "P-2", "P-3", "P-5", "P-6", "P-7", "P-8", "P-9"];
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let want: BTreeSet<_> = [
            set(&["P-1", "P-2", "P-3"]),
            set(&["P-7", "P-8"]),
            set(&["P-5"]),
            set(&["P-6"]),
            set(&["P-9"]),
        ]
        .into_iter()
        .collect();
        assert_eq!(named(&ids, &map), want);
    }

    #[test]
    fn the_same_suspects_in_any_order_give_the_same_groups() {
        let map = world();
        let mut ids = vec!["P-1", "P-2", "P-3", "P-5", "P-6", "P-7", "P-8", "P-9"];
        let want = named(&ids, &map);
        // Every rotation and its reverse: 16 orders, each a different first member and
        // different union–find roots.
        for k in 0..ids.len() {
            ids.rotate_left(1);
            assert_eq!(named(&ids, &map), want, "{ids:?} (rotation {k})");
            ids.reverse();
            assert_eq!(named(&ids, &map), want, "{ids:?} (reversed)");
            ids.reverse();
        }
    }

    #[test]
    fn a_crowded_store_still_corroborates_a_shared_load() {
        // 401 buyers at one store: it pairs nobody by itself, but two of them whose guns were
        // also recovered together are tied by the load and the store.
        let names: Vec<String> = (0..=CROWDED).map(|i| format!("P-{i}")).collect();
        let mut map: HashMap<String, Footprint> = names
            .iter()
            .map(|n| (n.clone(), fp(&[&format!("SZ-{n}")], &["D-busy"])))
            .collect();
        for n in ["P-0", "P-1"] {
            map.insert(n.to_string(), fp(&["SZ-load"], &["D-busy"]));
        }
        let ids: Vec<&str> = names.iter().map(String::as_str).collect();
        let g = groups(&ids, &map);
        assert_eq!(g.len(), CROWDED);
        assert_eq!(g[0], vec![0, 1]);
    }
}
