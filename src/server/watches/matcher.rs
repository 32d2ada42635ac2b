//! Which watches a change fires, answered from hash maps built once per set of watches, so the
//! cost of a change depends on what it touches, not on how many watches exist: ids, licences,
//! exact serials and models are one lookup each; serial prefixes one lookup per prefix of the
//! serial; wildcard patterns are filed under a trigram of their longest literal run (the
//! serial's trigrams find the few worth testing); seizure filters are filed under their most
//! specific term (port, then state, agency, kind, item, country).

use std::collections::HashMap;

use super::{Facts, WatchRow};
use crate::model::{ItemKind, SeizureFilter, SeizureKind, WatchKind, serial::SerialPattern};

/// A seizure filter's filing key: its most specific term, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SeizureKey {
    Port(String),
    State(String),
    Agency(String),
    Kind(SeizureKind),
    Item(ItemKind),
    Country(crate::model::Country),
}

/// The compiled set of active watches.
#[derive(Default)]
pub struct Matcher {
    rows: Vec<WatchRow>,
    /// (kind, normalised value) → watches, for every kind matched by equality.
    exact: HashMap<(WatchKind, String), Vec<u32>>,
    serial_prefix: HashMap<String, Vec<u32>>,
    /// Wildcard serial patterns by a trigram of their longest literal run.
    serial_glob: HashMap<[u8; 3], Vec<(u32, SerialPattern)>>,
    /// Wildcard patterns whose literal runs are all shorter than three: tested on every serial.
    serial_glob_short: Vec<(u32, SerialPattern)>,
    seizures: HashMap<SeizureKey, Vec<(u32, SeizureFilter)>>,
}

/// A model watch's or a firearm's `make/model/calibre` key, lower-cased and trimmed.
pub fn model_key(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("/")
}

impl Matcher {
    /// Compiles `rows` (paused watches are left out by the caller). Rows whose value no longer
    /// parses are skipped (values are validated when a watch is saved).
    pub fn new(rows: Vec<WatchRow>) -> Self {
        let mut m = Matcher::default();
        for (i, row) in rows.iter().enumerate() {
            let i = i as u32;
            let w = &row.watch;
            let value = w.value.as_deref().unwrap_or("");
            match w.kind {
                WatchKind::Serial => m.add_serial(i, value),
                WatchKind::Model => {
                    let parts: Vec<&str> = value.split('/').collect();
                    push(&mut m.exact, (w.kind, model_key(&parts)), i);
                }
                WatchKind::Seizures => {
                    if let Some(f) = w.filter.as_ref().filter(|f| !f.is_empty()) {
                        let key = filing_key(f);
                        m.seizures.entry(key).or_default().push((i, f.clone()));
                    }
                }
                kind => push(&mut m.exact, (kind, value.trim().to_string()), i),
            }
        }
        m.rows = rows;
        m
    }

    fn add_serial(&mut self, i: u32, value: &str) {
        match SerialPattern::parse(value) {
            Ok(SerialPattern::Exact(s)) => push(&mut self.exact, (WatchKind::Serial, s), i),
            Ok(SerialPattern::Prefix(p)) => push(&mut self.serial_prefix, p, i),
            Ok(p @ SerialPattern::Wildcard { .. }) => match longest_trigram(&p) {
                Some(t) => self.serial_glob.entry(t).or_default().push((i, p)),
                None => self.serial_glob_short.push((i, p)),
            },
            Err(_) => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn row(&self, i: u32) -> &WatchRow {
        &self.rows[i as usize]
    }

    /// The watches `facts` fire, each once, in the order they were given.
    pub fn matches(&self, facts: &Facts) -> Vec<u32> {
        let mut out = Vec::new();
        let mut exact = |kind: WatchKind, key: &str| {
            if let Some(ws) = self.exact.get(&(kind, key.to_string())) {
                out.extend_from_slice(ws);
            }
        };
        for id in &facts.firearms {
            exact(WatchKind::Firearm, id);
        }
        for id in &facts.purchasers {
            exact(WatchKind::Purchaser, id);
        }
        for id in &facts.dealers {
            exact(WatchKind::Dealer, id);
        }
        for id in &facts.casings {
            exact(WatchKind::Casing, id);
        }
        for id in &facts.cluster {
            exact(WatchKind::Cluster, id);
        }
        if let Some(case) = &facts.case {
            exact(WatchKind::Case, case);
        }
        for (make, model, caliber) in &facts.models {
            exact(WatchKind::Model, &model_key(&[make]));
            exact(WatchKind::Model, &model_key(&[make, model]));
            exact(WatchKind::Model, &model_key(&[make, model, caliber]));
        }
        let serials: Vec<String> = facts
            .serials
            .iter()
            .map(|s| s.to_ascii_uppercase())
            .collect();
        for serial in &serials {
            exact(WatchKind::Serial, serial);
        }
        for serial in &serials {
            self.serial_patterns(serial, &mut out);
        }
        if let Some(s) = &facts.seizure {
            self.seizure_filters(s, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn serial_patterns(&self, serial: &str, out: &mut Vec<u32>) {
        for (end, _) in serial.char_indices().skip(1).chain([(serial.len(), ' ')]) {
            if let Some(ws) = self.serial_prefix.get(&serial[..end]) {
                out.extend_from_slice(ws);
            }
        }
        let bytes = serial.as_bytes();
        let test = |(i, p): &(u32, SerialPattern), out: &mut Vec<u32>| {
            if p.matches(serial) {
                out.push(*i);
            }
        };
        for t in bytes.windows(3) {
            if let Some(ps) = self.serial_glob.get(&[t[0], t[1], t[2]]) {
                ps.iter().for_each(|p| test(p, out));
            }
        }
        self.serial_glob_short.iter().for_each(|p| test(p, out));
    }

    fn seizure_filters(&self, s: &super::SeizureFacts, out: &mut Vec<u32>) {
        let lc = |v: &Option<String>| v.as_deref().map(|v| v.trim().to_lowercase());
        let mut keys = Vec::with_capacity(6 + s.items.len());
        if let Some(p) = lc(&s.port) {
            keys.push(SeizureKey::Port(p));
        }
        keys.push(SeizureKey::State(s.state.trim().to_lowercase()));
        keys.push(SeizureKey::Agency(s.agency.trim().to_lowercase()));
        keys.push(SeizureKey::Kind(s.kind));
        keys.extend(s.items.iter().map(|i| SeizureKey::Item(*i)));
        keys.push(SeizureKey::Country(s.country));
        for k in keys {
            for (i, f) in self.seizures.get(&k).into_iter().flatten() {
                if seizure_matches(f, s) {
                    out.push(*i);
                }
            }
        }
    }
}

fn push<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Vec<u32>>, key: K, i: u32) {
    map.entry(key).or_default().push(i);
}

fn filing_key(f: &SeizureFilter) -> SeizureKey {
    let lc = |v: &str| v.trim().to_lowercase();
    if let Some(p) = &f.port {
        SeizureKey::Port(lc(p))
    } else if let Some(s) = &f.state {
        SeizureKey::State(lc(s))
    } else if let Some(a) = &f.agency {
        SeizureKey::Agency(lc(a))
    } else if let Some(k) = f.kind {
        SeizureKey::Kind(k)
    } else if let Some(i) = f.item {
        SeizureKey::Item(i)
    } else {
        // `new` refuses an empty filter, so a filter without these has a country.
        SeizureKey::Country(f.country.unwrap_or(crate::model::Country::MX))
    }
}

/// Every term the filter sets holds for the seizure.
pub fn seizure_matches(f: &SeizureFilter, s: &super::SeizureFacts) -> bool {
    let same = |want: &Option<String>, have: Option<&str>| {
        want.as_deref().is_none_or(|w| {
            have.is_some_and(|h| w.trim().to_lowercase() == h.trim().to_lowercase())
        })
    };
    same(&f.port, s.port.as_deref())
        && same(&f.state, Some(&s.state))
        && same(&f.agency, Some(&s.agency))
        && f.kind.is_none_or(|k| k == s.kind)
        && f.country.is_none_or(|c| c == s.country)
        && f.item.is_none_or(|i| s.items.contains(&i))
}

/// The first trigram of a wildcard pattern's longest literal run, if it has one of three or more.
fn longest_trigram(p: &SerialPattern) -> Option<[u8; 3]> {
    let SerialPattern::Wildcard { glob, .. } = p else {
        return None;
    };
    let run = glob
        .split(['*', '?'])
        .max_by_key(|r| r.len())
        .filter(|r| r.len() >= 3)?;
    let b = run.as_bytes();
    Some([b[0], b[1], b[2]])
}
