//! Seeded cases of every shape — US-only, MX-only and joint — built around the planted
//! structure (rings, over-represented dealers, serial shooters' guns, border loads), with
//! members, links and a running log of notes.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, Utc};

use super::dist::{SeedRng, between, chance};
use super::names;
use super::notes::{self, Refs};
use super::plan::{Shooting, TestFire};
use super::samples::Samples;
use super::users;
use super::world::World;
use crate::model::{
    Case, CaseLink, CaseMember, CaseStatus, Country, EntityKind, Lead, Note, Prosecution,
    ProsecutionStage,
};
use crate::server::store::{CaseRow, CasingRow};

/// What the case generator can draw on.
pub(crate) struct CaseInput<'a> {
    pub world: &'a World,
    pub samples: &'a Samples,
    pub shootings: &'a [Shooting],
    pub test_fires: &'a [TestFire],
    pub casings: &'a [CasingRow],
    pub leads: &'a [Lead],
    pub now: DateTime<Utc>,
}

fn country_of(agency: &str) -> Country {
    if ["ATF", "HSI", "CBP", "DEA", "FBI"]
        .iter()
        .any(|p| agency.starts_with(p))
    {
        Country::US
    } else {
        Country::MX
    }
}

/// A case under construction.
struct Draft {
    title: String,
    lead_agency: String,
    agencies: Vec<String>,
    links: Vec<CaseLink>,
    refs: Refs,
}

impl Draft {
    fn new(title: String, agencies: &[&str]) -> Draft {
        Draft {
            title,
            lead_agency: agencies[0].to_string(),
            agencies: agencies
                .iter()
                .enumerate()
                .filter(|(i, a)| !agencies[..*i].contains(a))
                .map(|(_, a)| a.to_string())
                .collect(),
            links: Vec::new(),
            refs: Refs::default(),
        }
    }

    fn link(&mut self, kind: EntityKind, id: &str, label: String) {
        if !self.links.iter().any(|l| l.kind == kind && l.id == id) {
            self.links.push(CaseLink {
                kind,
                id: id.to_string(),
                label,
            });
        }
    }
}

/// Generates `n` cases; `next_note` numbers notes across them.
pub(crate) fn generate(rng: &mut SeedRng, input: &CaseInput<'_>, n: usize) -> (Vec<CaseRow>, u64) {
    let mut out = Vec::new();
    let mut next_note = 0u64;
    let hot = hot_dealers(input);
    let series = ballistic_series(input);
    for i in 0..n {
        let round = i / 5;
        let draft = match i % 5 {
            0 => ring_case(input, round),
            1 => dealer_case(input, &hot, round),
            2 => ballistic_case(input, &series, round),
            3 => border_case(input, round),
            _ => operation_case(input, round),
        };
        let is_ring = i % 5 == 0;
        let Some(draft) = draft.or_else(|| ring_case(input, i)) else {
            continue;
        };
        let mut row = finish(rng, input.now, draft, i, &mut next_note);
        if is_ring {
            row.case.prosecution = prosecution(round, &row.case, input.now);
        }
        out.push(row);
    }
    (out, next_note)
}

/// The first ring cases have gone to prosecutors (so "networks indicted" has something to count):
/// one charged in the US, one referred to Mexico's FGR, one resolved; later ones not yet.
fn prosecution(round: usize, case: &Case, now: DateTime<Utc>) -> Prosecution {
    let (stage, office, defendants) = match round {
        0 => (
            ProsecutionStage::Charged,
            "USAO Western District of Texas",
            Some(4),
        ),
        1 => (
            ProsecutionStage::Referred,
            "FGR — FEMDO (delincuencia organizada)",
            None,
        ),
        2 => (
            ProsecutionStage::Resolved,
            "USAO District of Arizona",
            Some(3),
        ),
        3 => (
            ProsecutionStage::Charged,
            "USAO District of Arizona",
            Some(2),
        ),
        _ => return Prosecution::default(),
    };
    let at = (case.created_at + Duration::days(20 + 15 * round as i64)).min(now);
    Prosecution {
        stage,
        office: Some(office.to_string()),
        date: Some(at.date_naive()),
        defendants,
        updated_by: None,
        updated_at: Some(at),
    }
}

/// Over-represented dealers, most traces first.
fn hot_dealers(input: &CaseInput<'_>) -> Vec<usize> {
    let mut hot = input.world.hot.clone();
    let count = |d: &usize| {
        input
            .samples
            .by_dealer
            .get(&input.world.dealers[*d].license)
            .map_or(0, |e| e.0)
    };
    hot.sort_by_key(|d| std::cmp::Reverse(count(d)));
    hot
}

/// Guns that fired at two or more scenes, with their shootings.
fn ballistic_series<'a>(input: &'a CaseInput<'_>) -> Vec<(&'a str, Vec<&'a Shooting>)> {
    let mut by_gun: BTreeMap<&str, Vec<&Shooting>> = BTreeMap::new();
    for s in input.shootings {
        by_gun.entry(s.gun_key.as_str()).or_default().push(s);
    }
    let mut series: Vec<(&str, Vec<&Shooting>)> =
        by_gun.into_iter().filter(|(_, v)| v.len() >= 2).collect();
    // Seized guns first: their series can be closed by a test fire.
    series.sort_by_key(|(k, v)| {
        (
            !input.test_fires.iter().any(|t| t.gun_key == *k),
            std::cmp::Reverse(v.len()),
        )
    });
    series
}

fn ring_case(input: &CaseInput<'_>, round: usize) -> Option<Draft> {
    let w = input.world;
    let mut order: Vec<usize> = (0..w.rings.len()).collect();
    order.sort_by_key(|&r| std::cmp::Reverse(input.samples.ring_totals[r]));
    let r = *order.get(round % order.len().max(1))?;
    let ring = &w.rings[r];
    let main = &ring.members[0];
    let dealer = &w.dealers[ring.dealers[0]];
    let mut d = Draft::new(
        format!(
            "Straw purchasing — {} network ({}, {})",
            main.name, dealer.city, dealer.state
        ),
        &["ATF Phoenix FD", "HSI El Paso", "FGR", "FGE Chihuahua"],
    );
    for m in &ring.members {
        let role = if m.id == main.id {
            "main straw purchaser"
        } else {
            "associate purchaser"
        };
        d.link(EntityKind::Person, &m.id, format!("{} ({role})", m.name));
    }
    for &di in &ring.dealers {
        let x = &w.dealers[di];
        d.link(
            EntityKind::Dealer,
            &x.license,
            format!("{} — {}, {}", x.name, x.city, x.state),
        );
    }
    for t in input.samples.ring[r].iter().rev().take(6) {
        link_trace(&mut d, t);
    }
    d.refs.traces = input.samples.ring[r]
        .iter()
        .rev()
        .take(6)
        .cloned()
        .collect();
    d.refs.person = Some((main.id.clone(), main.name.clone()));
    d.refs.dealer = Some((dealer.name.clone(), dealer.license.clone()));
    link_partial(&mut d, partial(input, round));
    Some(d)
}

fn link_trace(d: &mut Draft, t: &super::samples::TraceSample) {
    d.link(
        EntityKind::Trace,
        &t.trace_id,
        format!("{} — completed, TTC {} days", t.trace_id, t.ttc),
    );
    d.link(
        EntityKind::Firearm,
        &t.firearm_id,
        format!("{} #{}", t.firearm_id, t.serial),
    );
    d.link(
        EntityKind::Seizure,
        &t.seizure_id,
        format!("{} — {}", t.seizure_id, t.place),
    );
}

fn partial(input: &CaseInput<'_>, round: usize) -> Option<(String, String, String)> {
    let q = &input.samples.obliterated;
    let o = q
        .iter()
        .rev()
        .filter(|o| o.serial.contains('?'))
        .nth(round % q.len().max(1))?;
    Some((o.firearm_id.clone(), o.serial.clone(), o.seizure_id.clone()))
}

/// A partly restored serial the case's notes discuss, linked so the reader can open it.
fn link_partial(d: &mut Draft, p: Option<(String, String, String)>) {
    if let Some((fa, serial, sz)) = &p {
        d.link(
            EntityKind::Firearm,
            fa,
            format!("{fa} #{serial} (partly restored, {sz})"),
        );
    }
    d.refs.partial = p;
}

fn dealer_case(input: &CaseInput<'_>, hot: &[usize], round: usize) -> Option<Draft> {
    let di = *hot.get(round % hot.len().max(1))?;
    let x = &input.world.dealers[di];
    let (total, traces) = input.samples.by_dealer.get(&x.license)?;
    let mut d = Draft::new(
        format!(
            "Dealer review — {} (FFL {}), {} traced crime guns",
            x.name, x.license, total
        ),
        &["ATF Phoenix FD", "CBP Laredo"],
    );
    d.link(
        EntityKind::Dealer,
        &x.license,
        format!("{} — {}, {}", x.name, x.city, x.state),
    );
    for t in traces.iter().rev().take(5) {
        link_trace(&mut d, t);
    }
    d.refs.dealer = Some((x.name.clone(), x.license.clone()));
    d.refs.traces = traces.iter().rev().take(5).cloned().collect();
    Some(d)
}

fn ballistic_case(
    input: &CaseInput<'_>,
    series: &[(&str, Vec<&Shooting>)],
    round: usize,
) -> Option<Draft> {
    let (gun, shots) = series.get(round % series.len().max(1))?;
    let first = shots.first()?;
    let joint = round % 2 == 1;
    let agencies: &[&str] = if joint {
        &["FGR", "FGE Chihuahua", "ATF Phoenix FD"]
    } else {
        &["FGR", "SSPC Sonora"]
    };
    let mut d = Draft::new(
        format!(
            "Serie balística {} — {} lugares de los hechos, {}",
            first.caliber_class,
            shots.len(),
            first.place
        ),
        agencies,
    );
    for s in shots {
        if let Some(sid) = &s.seizure_id {
            d.link(
                EntityKind::Seizure,
                sid,
                format!("{sid} — {} ({})", s.incident_id, s.place),
            );
        }
    }
    let casings: Vec<&CasingRow> = input
        .casings
        .iter()
        .filter(|c| c.gun_key.as_deref() == Some(*gun))
        .collect();
    for c in casings.iter().take(6) {
        d.link(
            EntityKind::Casing,
            &c.casing.id,
            format!(
                "{} — {} {}",
                c.casing.id, c.casing.caliber_class, c.casing.incident_id
            ),
        );
    }
    let lead = input
        .leads
        .iter()
        .find(|l| casings.iter().any(|c| c.casing.id == l.casing_id));
    if let Some(l) = lead {
        d.link(
            EntityKind::Lead,
            &l.id,
            format!(
                "{} — posición {}, puntuación {:.2}",
                l.id, l.rank, l.scores.combined
            ),
        );
        d.refs.lead = Some(l.id.clone());
        d.refs.casing = Some(l.casing_id.clone());
    }
    if let Some(tf) = input.test_fires.iter().find(|t| t.gun_key == *gun) {
        d.link(
            EntityKind::Firearm,
            &tf.firearm_id,
            format!(
                "{} — disparo de prueba ({})",
                tf.firearm_id, tf.caliber_class
            ),
        );
        d.refs.firearm = Some(tf.firearm_id.clone());
    }
    d.refs.seizure = first.seizure_id.clone().map(|s| (s, first.place.clone()));
    Some(d)
}

fn border_case(input: &CaseInput<'_>, round: usize) -> Option<Draft> {
    let q = &input.samples.border;
    let z = q.iter().rev().nth(round % q.len().max(1))?;
    let joint = round % 2 == 1;
    let mut agencies = vec![z.agency.as_str(), "HSI El Paso"];
    if joint {
        agencies.push("FGR");
    }
    let mut d = Draft::new(
        format!("Southbound load at {} — {}", z.place, z.id),
        &agencies,
    );
    d.link(
        EntityKind::Seizure,
        &z.id,
        format!("{} — {}", z.id, z.label),
    );
    d.refs.seizure = Some((z.id.clone(), z.label.clone()));
    link_partial(&mut d, partial(input, round + 1));
    Some(d)
}

fn operation_case(input: &CaseInput<'_>, round: usize) -> Option<Draft> {
    let q = &input.samples.operations;
    let z = q.iter().rev().nth(round % q.len().max(1))?;
    let lead = if z.agency.starts_with("FG") || z.agency.starts_with("SSPC") {
        z.agency.as_str()
    } else {
        "FGR"
    };
    let agencies: Vec<&str> = if lead == "FGR" {
        vec!["FGR"]
    } else {
        vec![lead, "FGR"]
    };
    let mut d = Draft::new(
        format!("Operativo {}, {} — {}", z.place, z.state, z.id),
        &agencies,
    );
    d.link(
        EntityKind::Seizure,
        &z.id,
        format!("{} — {}", z.id, z.label),
    );
    d.refs.seizure = Some((z.id.clone(), z.label.clone()));
    Some(d)
}

/// Members, dates, status and notes.
fn finish(
    rng: &mut SeedRng,
    now: DateTime<Utc>,
    d: Draft,
    i: usize,
    next_note: &mut u64,
) -> CaseRow {
    let created = now
        - Duration::days(between(rng, 5, 30 + 40 * i as i64))
        - Duration::seconds(between(rng, 0, 86_399));
    let status = match i {
        0..=9 => CaseStatus::Open,
        _ => *super::dist::weighted(
            rng,
            &[
                (CaseStatus::Open, 60),
                (CaseStatus::Dormant, 25),
                (CaseStatus::Closed, 15),
            ],
        ),
    };
    let mut members = Vec::new();
    let mut authors: Vec<(String, String)> = Vec::new();
    for a in &d.agencies {
        members.push(CaseMember {
            agency: a.clone(),
            country: country_of(a),
            user: None,
        });
        for u in users::of_agency(a) {
            if chance(rng, 0.5) || authors.is_empty() {
                members.push(CaseMember {
                    agency: a.clone(),
                    country: country_of(a),
                    user: Some(u.to_string()),
                });
            }
            authors.push((u.to_string(), a.clone()));
        }
    }
    if authors.is_empty() {
        let a = d.lead_agency.clone();
        authors.push((names::person(rng, false), a));
    }
    let id = format!("CS-{}-{:04}", created.year(), i + 1);
    let count = between(rng, 3, 7) as usize;
    let span = (now - created).num_seconds().max(count as i64 * 3_600);
    let mut notes_out = Vec::with_capacity(count);
    for k in 0..count {
        let (author, agency) = authors[(k + i) % authors.len()].clone();
        let at = created + Duration::seconds(span * (k as i64 + 1) / (count as i64 + 1));
        *next_note += 1;
        let body = notes::body(&d.refs, country_of(&agency) == Country::MX, k + i);
        notes_out.push(Note {
            id: format!("NT-{:06}", *next_note),
            case_id: id.clone(),
            author,
            author_agency: agency,
            body,
            created_at: at,
            updated_at: at,
            version: 1,
            edited_by: None,
            edited_at: None,
        });
    }
    let last_activity = notes_out.last().map_or(created, |n| n.created_at);
    let created_by = authors[i % authors.len()].0.clone();
    let case = Case {
        id,
        title: d.title,
        status,
        lead_agency: d.lead_agency,
        members,
        links: d.links,
        created_at: created,
        last_activity,
        note_count: notes_out.len() as u32,
        prosecution: Prosecution::default(),
    };
    CaseRow {
        case,
        created_by,
        notes: notes_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Casing, CasingSource, LeadStatus, MarkScores};
    use rand::SeedableRng;

    fn shooting(incident: &str, seizure: &str, now: DateTime<Utc>) -> Shooting {
        Shooting {
            incident_id: incident.into(),
            gun_key: "G-000001".into(),
            caliber_class: "9mm".into(),
            at: now - Duration::days(30),
            place: "Juárez, Chihuahua".into(),
            seizure_id: Some(seizure.into()),
            casings: 1,
        }
    }

    fn casing(id: &str, incident: &str, now: DateTime<Utc>) -> CasingRow {
        CasingRow {
            casing: Casing {
                id: id.into(),
                source: CasingSource::Scene,
                incident_id: incident.into(),
                caliber_class: "9mm".into(),
                recovered_at: now,
                acquired_at: now,
                place: "Juárez, Chihuahua".into(),
                seizure_id: None,
                firearm_id: None,
                case_ids: Vec::new(),
                image_size: 4,
                image: None,
            },
            image: vec![0; 16],
            reviewed: None,
            gun_key: Some("G-000001".into()),
        }
    }

    #[test]
    fn ballistic_series_case_links_casings_and_leads_and_cites_them() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc();
        let mut rng = SeedRng::seed_from_u64(1);
        let world = World::generate(&mut rng, 50, 5, now);
        let samples = Samples::new(5);
        let shootings = [
            shooting("INC-MX-CHH-00001", "SZ-000001", now),
            shooting("INC-MX-CHH-00002", "SZ-000002", now),
        ];
        let casings = [
            casing("BC-000001", "INC-MX-CHH-00001", now),
            casing("BC-000002", "INC-MX-CHH-00002", now),
        ];
        let lead = Lead {
            id: "BL-000001".into(),
            casing_id: "BC-000002".into(),
            candidate_id: "BC-000001".into(),
            rank: 1,
            scores: MarkScores {
                breech_face: 0.9,
                firing_pin: 0.8,
                combined: 0.85,
            },
            rotation_deg: 0.0,
            shift_x: 0,
            shift_y: 0,
            status: LeadStatus::Pending,
            created_at: now,
            decided_at: None,
            decided_by: None,
            comment: None,
            caliber_class: "9mm".into(),
            marked_by: None,
            mark_comment: None,
        };
        let input = CaseInput {
            world: &world,
            samples: &samples,
            shootings: &shootings,
            test_fires: &[],
            casings: &casings,
            leads: std::slice::from_ref(&lead),
            now,
        };
        let (cases, notes) = generate(&mut rng, &input, 3);
        let series = cases
            .iter()
            .find(|c| c.case.title.starts_with("Serie balística"))
            .expect("a ballistic case");
        let kinds: Vec<EntityKind> = series.case.links.iter().map(|l| l.kind).collect();
        assert!(kinds.contains(&EntityKind::Casing) && kinds.contains(&EntityKind::Lead));
        assert!(series.notes.iter().any(|n| n.body.contains("BL-000001")));
        assert_eq!(
            notes as usize,
            cases.iter().map(|c| c.notes.len()).sum::<usize>()
        );
        assert!(series.notes.iter().all(|n| n.created_at <= now));
    }
}
