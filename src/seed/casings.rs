//! Turns the seed's shootings and test fires into casings with synthetic toolmark images, and
//! correlates them so the lead queue starts populated. (Owned by the ballistics work.)
//!
//! Each casing is acquired some hours or days after recovery and, as on a real network, is
//! correlated at acquisition against every earlier casing of its calibre class. The engine
//! only sees images and descriptors; the hidden gun behind each casing goes into the ground
//! truth column and is read here for one thing only — to play the examiners who already
//! decided the older leads (a microscope comparison finds the truth).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

use super::plan::{Shooting, TestFire};
use crate::ballistics::align::Side;
use crate::ballistics::descriptor::{Descriptor, Prepared, describe_prepared, prepare};
use crate::ballistics::engine::{Candidate, Engine, LEAD_THRESHOLD};
use crate::ballistics::image::Gray;
use crate::ballistics::robust::RobustQuery;
use crate::ballistics::synth::{self, IMAGE_SIZE, rng_for};
use crate::model::{Casing, CasingSource, Lead, LeadStatus};
use crate::server::store::{CandidateRow, CasingRow};

/// Stored casings aligned per acquisition in the seed: just the candidates kept. Smaller than
/// the server's default to keep seeding quick; in pools of a few hundred casings the coarse
/// pass alone puts a same-gun casing near the top (see `ballistics::eval`).
const SEED_SHORTLIST: usize = 10;
/// Candidates stored per casing.
const TOP: usize = 10;
/// Leads older than this were already worked by an examiner (mostly); newer ones wait.
const DECIDED_AFTER_DAYS: i64 = 21;
/// The demo examiners, by country.
const EXAMINER_US: &str = "Priya Raman";
const EXAMINER_MX: &str = "Mariana Ochoa";

/// One casing to acquire, before it has an id.
struct Acquisition {
    source: CasingSource,
    incident_id: String,
    gun_key: String,
    caliber_class: String,
    recovered_at: DateTime<Utc>,
    acquired_at: DateTime<Utc>,
    place: String,
    seizure_id: Option<String>,
    firearm_id: Option<String>,
}

/// A casing's image in the forms the engine needs.
struct Imaged {
    image: Gray,
    prepared: Prepared,
    descriptor: Descriptor,
    /// Kept so the fine pass does not redo it for every comparison.
    side: Side,
}

/// Casings, correlation candidates and leads for the plan, deterministic in `seed`.
pub fn casings_for(
    shootings: &[Shooting],
    test_fires: &[TestFire],
    seed: u64,
) -> (Vec<CasingRow>, Vec<CandidateRow>, Vec<Lead>) {
    let acquisitions = acquisitions(shootings, test_fires, seed);
    let ids: Vec<String> = (1..=acquisitions.len())
        .map(|n| format!("BC-{n:06}"))
        .collect();
    let imaged = image_all(&acquisitions, seed);
    let ranked = correlate_all(&acquisitions, &ids, &imaged);
    let now = acquisitions
        .iter()
        .map(|a| a.acquired_at)
        .max()
        .unwrap_or_default();
    let by_id: HashMap<&str, &Acquisition> =
        ids.iter().map(String::as_str).zip(&acquisitions).collect();
    let mut candidates = Vec::new();
    let mut leads = Vec::new();
    // One lead per pair of incidents: when a scene's several casings all match the same
    // earlier scene, the examiner reviews that link once, on its best-ranked pair.
    let mut linked: HashSet<(&str, &str)> = HashSet::new();
    for ((id, a), list) in ids.iter().zip(&acquisitions).zip(&ranked) {
        for c in list {
            candidates.push(candidate_row(id, c));
            let Some(earlier) = by_id.get(c.id.as_str()) else {
                continue;
            };
            if c.scores.combined >= LEAD_THRESHOLD
                && linked.insert((&a.incident_id, &earlier.incident_id))
            {
                let same_gun = earlier.gun_key == a.gun_key;
                leads.push(lead(leads.len() + 1, id, a, c, same_gun, now, seed));
            }
        }
    }
    let rows = acquisitions
        .into_iter()
        .zip(ids)
        .zip(imaged)
        .map(|((a, id), im)| {
            let reviewed = reviewed(&id, &a, now, seed);
            casing_row(id, a, im.image, reviewed)
        })
        .collect();
    (rows, candidates, leads)
}

/// Every recovered and test-fired casing, in acquisition order (ties broken by incident and
/// position, so the order — and with it every id — is stable).
fn acquisitions(shootings: &[Shooting], test_fires: &[TestFire], seed: u64) -> Vec<Acquisition> {
    let latest = shootings
        .iter()
        .map(|s| s.at)
        .chain(test_fires.iter().map(|t| t.at))
        .max()
        .unwrap_or_default();
    let mut out = Vec::new();
    for s in shootings {
        for n in 0..s.casings {
            let mut rng = rng_for(
                &["acquire", &s.incident_id, &s.gun_key, &n.to_string()],
                seed,
            );
            out.push(Acquisition {
                source: CasingSource::Scene,
                incident_id: s.incident_id.clone(),
                gun_key: s.gun_key.clone(),
                caliber_class: s.caliber_class.clone(),
                recovered_at: s.at,
                acquired_at: acquired(s.at, rng.random_range(6..240), latest),
                place: s.place.clone(),
                seizure_id: s.seizure_id.clone(),
                firearm_id: None,
            });
        }
    }
    for t in test_fires {
        let mut rng = rng_for(&["acquire", &t.firearm_id, &t.gun_key], seed);
        out.push(Acquisition {
            source: CasingSource::TestFire,
            // A lab test fire has no crime scene; it is filed under the firearm's exhibit.
            incident_id: format!("TF-{}", t.firearm_id),
            gun_key: t.gun_key.clone(),
            caliber_class: t.caliber_class.clone(),
            recovered_at: t.at,
            acquired_at: acquired(t.at, rng.random_range(12..120), latest),
            place: t.place.clone(),
            seizure_id: t.seizure_id.clone(),
            firearm_id: Some(t.firearm_id.clone()),
        });
    }
    out.sort_by(|a, b| {
        (a.acquired_at, &a.incident_id, &a.gun_key).cmp(&(
            b.acquired_at,
            &b.incident_id,
            &b.gun_key,
        ))
    });
    out
}

/// `hours` after recovery, but never after the newest event of the plan (the seed's "now").
fn acquired(at: DateTime<Utc>, hours: i64, latest: DateTime<Utc>) -> DateTime<Utc> {
    (at + Duration::hours(hours)).min(latest.max(at))
}

/// Renders and describes every casing, on two threads. Each gun's casings are numbered in
/// acquisition order, so a casing's image depends only on its gun, its number and the seed.
fn image_all(acquisitions: &[Acquisition], seed: u64) -> Vec<Imaged> {
    let mut fired: HashMap<&str, u32> = HashMap::new();
    let jobs: Vec<(&Acquisition, u32)> = acquisitions
        .iter()
        .map(|a| {
            let n = fired.entry(a.gun_key.as_str()).or_default();
            *n += 1;
            (a, *n - 1)
        })
        .collect();
    let render = |part: &[(&Acquisition, u32)]| -> Vec<Imaged> {
        part.iter()
            .map(|(a, n)| {
                let image = synth::fire(&a.gun_key, &a.caliber_class, *n, seed);
                let prepared = prepare(&image);
                let descriptor = describe_prepared(&prepared);
                let side = Side::from_prepared(&prepared);
                Imaged {
                    image,
                    prepared,
                    descriptor,
                    side,
                }
            })
            .collect()
    };
    let (left, right) = jobs.split_at(jobs.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| render(right));
        let mut out = render(left);
        out.extend(other.join().unwrap_or_else(|_| render(right)));
        out
    })
}

/// Ranked candidates for every casing (same order as `acquisitions`). Calibre classes are
/// independent, so they are shared out over two threads, largest first.
fn correlate_all(
    acquisitions: &[Acquisition],
    ids: &[String],
    imaged: &[Imaged],
) -> Vec<Vec<Candidate>> {
    let mut classes: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in acquisitions.iter().enumerate() {
        classes.entry(a.caliber_class.as_str()).or_default().push(i);
    }
    let mut jobs: Vec<Vec<usize>> = classes.into_values().collect();
    jobs.sort_by_key(|members| std::cmp::Reverse(members.len()));
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let (mut load_mine, mut load_theirs) = (0usize, 0usize);
    for job in jobs {
        let load = job.len() * job.len();
        if load_mine <= load_theirs {
            load_mine += load;
            mine.push(job);
        } else {
            load_theirs += load;
            theirs.push(job);
        }
    }
    let run = |jobs: &[Vec<usize>]| -> Vec<(usize, Vec<Candidate>)> {
        jobs.iter()
            .flat_map(|members| correlate_class(members, acquisitions, ids, imaged))
            .collect()
    };
    let results = std::thread::scope(|s| {
        let other = s.spawn(|| run(&theirs));
        let mut out = run(&mine);
        out.extend(other.join().unwrap_or_else(|_| run(&theirs)));
        out
    });
    let mut ranked = vec![Vec::new(); acquisitions.len()];
    for (i, list) in results {
        ranked[i] = list;
    }
    ranked
}

/// Correlates each casing of one class, in acquisition order, against the earlier ones.
/// Casings from the same incident are left out of each other's lists: the examiner compares
/// those directly, and a lead that a scene matches itself tells nobody anything.
fn correlate_class(
    members: &[usize],
    acquisitions: &[Acquisition],
    ids: &[String],
    imaged: &[Imaged],
) -> Vec<(usize, Vec<Candidate>)> {
    let mut engine = Engine::new();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut per_incident: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(members.len());
    for &i in members {
        let incident = &acquisitions[i].incident_id;
        let siblings = per_incident.get(incident.as_str()).copied().unwrap_or(0);
        let fetch = |id: &str, _centre| index_of.get(id).map(|&j| imaged[j].side.clone());
        let q = &imaged[i];
        let mut list = engine.correlate_sides(
            &q.prepared,
            &q.descriptor,
            fetch,
            SEED_SHORTLIST + siblings,
            TOP + siblings,
        );
        list.retain(|c| {
            index_of
                .get(c.id.as_str())
                .is_some_and(|&j| &acquisitions[j].incident_id != incident)
        });
        list.truncate(TOP);
        // What the cell matcher sees in each pair, as the server stores it for a reviewer.
        let cells = RobustQuery::new(&q.prepared);
        for (rank, c) in list.iter_mut().enumerate() {
            c.rank = rank as u32 + 1;
            if let Some(&j) = index_of.get(c.id.as_str()) {
                c.cells = Some(cells.evidence(&imaged[j].prepared, c.rotation_deg));
            }
        }
        out.push((i, list));
        engine.insert(ids[i].clone(), &q.descriptor);
        index_of.insert(ids[i].as_str(), i);
        *per_incident.entry(incident.as_str()).or_default() += 1;
    }
    out
}

fn candidate_row(casing_id: &str, c: &Candidate) -> CandidateRow {
    CandidateRow {
        casing_id: casing_id.to_string(),
        candidate_id: c.id.clone(),
        rank: c.rank,
        scores: c.scores,
        rotation_deg: c.rotation_deg,
        shift_x: c.shift_x,
        shift_y: c.shift_y,
        cells: c.cells,
    }
}

/// A lead raised at the casing's acquisition; old ones carry the examiner's decision.
fn lead(
    n: usize,
    casing_id: &str,
    a: &Acquisition,
    c: &Candidate,
    same_gun: bool,
    now: DateTime<Utc>,
    seed: u64,
) -> Lead {
    let id = format!("BL-{n:06}");
    let created_at = a.acquired_at;
    let mut rng = rng_for(&["lead", &id], seed);
    let old = now - created_at > Duration::days(DECIDED_AFTER_DAYS);
    let decision = if old && rng.random_bool(0.9) {
        Some(decide(&mut rng, same_gun, a))
    } else {
        None
    };
    let decided_at = decision
        .as_ref()
        .map(|_| (created_at + Duration::hours(rng.random_range(4..240))).min(now));
    let (status, decided_by, comment) = match decision {
        Some((status, by, comment)) => (status, Some(by.to_string()), Some(comment.to_string())),
        None => (LeadStatus::Pending, None, None),
    };
    Lead {
        id,
        casing_id: casing_id.to_string(),
        candidate_id: c.id.clone(),
        rank: c.rank,
        scores: c.scores,
        rotation_deg: c.rotation_deg,
        shift_x: c.shift_x,
        shift_y: c.shift_y,
        status,
        created_at,
        decided_at,
        decided_by,
        comment,
        caliber_class: a.caliber_class.clone(),
        marked_by: None,
        mark_comment: None,
    }
}

/// What the examiner concluded at the comparison microscope.
fn decide(
    rng: &mut impl Rng,
    same_gun: bool,
    a: &Acquisition,
) -> (LeadStatus, &'static str, &'static str) {
    let examiner = if a.incident_id.starts_with("INC-MX") || rng.random_bool(0.3) {
        EXAMINER_MX
    } else {
        EXAMINER_US
    };
    let status = match (same_gun, rng.random_range(0..10)) {
        (true, 0) | (false, 0..=1) => LeadStatus::Inconclusive,
        (true, _) => LeadStatus::Confirmed,
        (false, _) => LeadStatus::Excluded,
    };
    // Each examiner writes in their own language.
    let es = examiner == EXAMINER_MX;
    let comment = match (status, es) {
        (LeadStatus::Confirmed, false) => {
            "Breech-face marks and firing-pin impression agree under the comparison microscope; hit confirmed."
        }
        (LeadStatus::Excluded, false) => {
            "Firing-pin impression shape and breech-face pattern differ; excluded."
        }
        (_, false) => {
            "Primer worn over much of the breech face; agreement insufficient for a conclusion."
        }
        (LeadStatus::Confirmed, true) => {
            "Las marcas de la cara de cierre y la huella del percutor concuerdan en el microscopio de comparación; coincidencia confirmada."
        }
        (LeadStatus::Excluded, true) => {
            "La forma de la huella del percutor y el patrón de la cara de cierre difieren; se excluye."
        }
        (_, true) => {
            "Fulminante desgastado en buena parte de la cara de cierre; concordancia insuficiente para concluir."
        }
    };
    (status, examiner, comment)
}

/// Days before the newest acquisition after which a casing's correlation list has been
/// reviewed; the newer ones wait in the review queue.
const REVIEWED_AFTER_DAYS: i64 = 3;

/// Who reviewed the correlation list and when (a technician of the country of the lab: scenes
/// are acquired in Mexico, test fires in the US), or `None` for a list still waiting.
fn reviewed(
    id: &str,
    a: &Acquisition,
    now: DateTime<Utc>,
    seed: u64,
) -> Option<(DateTime<Utc>, String)> {
    if now - a.acquired_at <= Duration::days(REVIEWED_AFTER_DAYS) {
        return None;
    }
    let mut rng = rng_for(&["review", id], seed);
    let by = match a.source {
        CasingSource::Scene => "Paola Medina",
        CasingSource::TestFire => "Kevin Ortiz",
    };
    let at = a.acquired_at + Duration::hours(rng.random_range(2..44));
    Some((at, by.to_string()))
}

fn casing_row(
    id: String,
    a: Acquisition,
    image: Gray,
    reviewed: Option<(DateTime<Utc>, String)>,
) -> CasingRow {
    CasingRow {
        reviewed,
        casing: Casing {
            id,
            source: a.source,
            incident_id: a.incident_id,
            caliber_class: a.caliber_class,
            recovered_at: a.recovered_at,
            acquired_at: a.acquired_at,
            place: a.place,
            seizure_id: a.seizure_id,
            firearm_id: a.firearm_id,
            case_ids: Vec::new(),
            image_size: IMAGE_SIZE as u32,
            image: None,
        },
        image: image.pixels,
        gun_key: Some(a.gun_key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// 8 guns, each at two or three scenes a few weeks apart, half of them later test-fired.
    fn plan() -> (Vec<Shooting>, Vec<TestFire>) {
        let day0 = Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap();
        let mut shootings = Vec::new();
        let mut fires = Vec::new();
        for g in 0..8 {
            let class = if g % 3 == 0 { "7.62x39" } else { "9mm" };
            for k in 0..(2 + g % 2) {
                shootings.push(Shooting {
                    incident_id: format!("INC-MX-CHH-{:05}", g * 10 + k),
                    gun_key: format!("G-{g:06}"),
                    caliber_class: class.into(),
                    at: day0 + Duration::days((g * 3 + k * 40) as i64),
                    place: "Juárez, Chihuahua".into(),
                    seizure_id: None,
                    casings: 1 + (k % 2) as u32,
                });
            }
            if g % 2 == 0 {
                fires.push(TestFire {
                    gun_key: format!("G-{g:06}"),
                    firearm_id: format!("FA-{g:06}"),
                    seizure_id: Some(format!("SZ-{g:06}")),
                    caliber_class: class.into(),
                    at: day0 + Duration::days(150),
                    place: "El Paso, TX".into(),
                });
            }
        }
        (shootings, fires)
    }

    #[test]
    fn casings_are_numbered_in_acquisition_order_with_images() {
        let (s, t) = plan();
        let (rows, _, _) = casings_for(&s, &t, 3);
        let expected: u32 = s.iter().map(|s| s.casings).sum::<u32>() + t.len() as u32;
        assert_eq!(rows.len() as u32, expected);
        assert_eq!(rows[0].casing.id, "BC-000001");
        assert!(
            rows.windows(2)
                .all(|w| w[0].casing.acquired_at <= w[1].casing.acquired_at)
        );
        assert!(
            rows.iter()
                .all(|r| r.image.len() == IMAGE_SIZE * IMAGE_SIZE && r.casing.image.is_none())
        );
        let fire = rows
            .iter()
            .find(|r| r.casing.source == CasingSource::TestFire)
            .unwrap();
        assert!(fire.casing.firearm_id.is_some());
    }

    #[test]
    fn leads_link_casings_of_the_same_gun() {
        let (s, t) = plan();
        let (rows, candidates, leads) = casings_for(&s, &t, 3);
        let gun: HashMap<&str, &str> = rows
            .iter()
            .map(|r| (r.casing.id.as_str(), r.gun_key.as_deref().unwrap()))
            .collect();
        let incident: HashMap<&str, &str> = rows
            .iter()
            .map(|r| (r.casing.id.as_str(), r.casing.incident_id.as_str()))
            .collect();
        assert!(
            candidates
                .iter()
                .all(|c| c.rank >= 1 && c.rank as usize <= TOP)
        );
        assert!(
            candidates
                .iter()
                .all(|c| incident[c.casing_id.as_str()] != incident[c.candidate_id.as_str()])
        );
        assert!(!leads.is_empty());
        let true_leads = leads
            .iter()
            .filter(|l| gun[l.casing_id.as_str()] == gun[l.candidate_id.as_str()])
            .count();
        assert!(
            true_leads * 10 >= leads.len() * 9,
            "{true_leads} of {} leads are same-gun",
            leads.len()
        );
        // A casing whose gun already fired at another scene finds that casing first.
        let order: HashMap<&str, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.casing.id.as_str(), i))
            .collect();
        let repeat = |id: &str| {
            rows[..order[id]].iter().any(|r| {
                r.gun_key.as_deref() == Some(gun[id]) && r.casing.incident_id != incident[id]
            })
        };
        let firsts: Vec<&CandidateRow> = candidates
            .iter()
            .filter(|c| c.rank == 1 && repeat(&c.casing_id))
            .collect();
        let hits = firsts
            .iter()
            .filter(|c| gun[c.casing_id.as_str()] == gun[c.candidate_id.as_str()])
            .count();
        assert!(
            hits * 10 >= firsts.len() * 9,
            "{hits} of {} first candidates are same-gun",
            firsts.len()
        );
        let pairs: HashSet<(&str, &str)> = leads
            .iter()
            .map(|l| {
                (
                    incident[l.casing_id.as_str()],
                    incident[l.candidate_id.as_str()],
                )
            })
            .collect();
        assert_eq!(pairs.len(), leads.len(), "one lead per pair of incidents");
        assert_eq!(leads[0].id, "BL-000001");
        assert!(leads.iter().any(|l| l.status == LeadStatus::Pending));
        assert!(
            leads
                .iter()
                .any(|l| l.status != LeadStatus::Pending && l.decided_by.is_some())
        );
    }

    #[test]
    fn same_seed_same_output() {
        let (s, t) = plan();
        let a = casings_for(&s, &t, 8);
        let b = casings_for(&s, &t, 8);
        assert_eq!(a.1, b.1);
        assert_eq!(a.2, b.2);
        assert!(
            a.0.iter()
                .zip(&b.0)
                .all(|(x, y)| x.image == y.image && x.casing == y.casing)
        );
    }
}
