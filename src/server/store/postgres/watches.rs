//! Watches and alerts (see [`crate::server::watches`]), line for line as `sqlite/watches.rs`:
//! a user sees only their own watches and alerts; another user's is "not found". The cursor
//! row is moved under the write lock, so of several nodes' evaluators one fires each change.

use std::collections::{BTreeSet, VecDeque};

use super::cases::is_member;
use super::system::{emit_for, parse_enum};
use super::{Db, PgStore, from_ts, next_counter, ts};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult, Written, audit_created};
use crate::server::watches::{Facts, Firing, SeizureFacts, WatchRow};

const WATCH_COLS: &str = "w.id, w.name, w.kind, w.value, w.filter_json, w.paused, w.created_at, \
     (SELECT count(*) FROM alerts a WHERE a.watch_id = w.id)";

const ALERT_COLS: &str =
    "id, watch_id, watch_name, event_kind, entity_id, case_id, at, summary, read_at";

fn row_to_watch(r: &tokio_postgres::Row) -> StoreResult<Watch> {
    let filter: Option<String> = r.get(4);
    Ok(Watch {
        id: r.get(0),
        name: r.get(1),
        kind: parse_enum(r.get(2), WatchKind::parse)?,
        value: r.get(3),
        filter: filter.and_then(|f| serde_json::from_str(&f).ok()),
        paused: r.get::<_, i64>(5) != 0,
        created_at: from_ts(r.get(6)),
        fired: u64::try_from(r.get::<_, i64>(7)).unwrap_or(0),
    })
}

fn row_to_alert(r: &tokio_postgres::Row) -> StoreResult<Alert> {
    Ok(Alert {
        id: r.get(0),
        watch_id: r.get(1),
        watch_name: r.get(2),
        event_kind: parse_enum(r.get(3), EventKind::parse)?,
        entity_id: r.get(4),
        case_id: r.get(5),
        at: from_ts(r.get(6)),
        summary: r.get(7),
        read: r.get::<_, Option<i64>>(8).is_some(),
    })
}

fn load_watch(db: &Db<'_>, id: &str, owner: &User) -> StoreResult<Watch> {
    let r = db
        .query_opt(
            &format!("SELECT {WATCH_COLS} FROM watches w WHERE w.id = $1 AND w.owner = $2"),
            &[&id, &owner.name],
        )?
        .ok_or_else(|| StoreError::NotFound(format!("watch {id}")))?;
    row_to_watch(&r)
}

/// Refuses a watch on a record that does not exist; a case the owner is not a member of is
/// "not found" exactly like a missing one.
fn check_target(db: &Db<'_>, w: &NewWatch, by: &User) -> StoreResult<()> {
    let v = w.value.as_deref().unwrap_or("");
    let (table, col, what) = match w.kind {
        WatchKind::Case => {
            return if is_member(db, v, by)? {
                Ok(())
            } else {
                Err(StoreError::NotFound(format!("case {v}")))
            };
        }
        WatchKind::Firearm => ("firearms", "id", "firearm"),
        WatchKind::Purchaser => ("persons", "id", "purchaser"),
        WatchKind::Dealer => ("dealers", "license", "dealer licence"),
        WatchKind::Casing | WatchKind::Cluster => ("casings", "id", "casing"),
        WatchKind::Serial | WatchKind::Model | WatchKind::Seizures => return Ok(()),
    };
    let found: bool = db
        .query_one(
            &format!("SELECT EXISTS(SELECT 1 FROM {table} WHERE {col} = $1)"),
            &[&v],
        )?
        .get(0);
    if found {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "there is no {what} {v} on record"
        )))
    }
}

impl PgStore {
    pub fn list_watches_impl(&self, owner: &User) -> StoreResult<Vec<Watch>> {
        self.read(|db| {
            db.query(
                &format!(
                    "SELECT {WATCH_COLS} FROM watches w WHERE w.owner = $1 ORDER BY w.seq DESC"
                ),
                &[&owner.name],
            )?
            .iter()
            .map(row_to_watch)
            .collect()
        })
    }

    pub fn create_watch_impl(
        &self,
        new: &NewWatch,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Watch>> {
        self.idempotent_write(by, idem, "POST /v1/watches", |db| {
            let count: i64 = db
                .query_one(
                    "SELECT count(*) FROM watches WHERE owner = $1",
                    &[&by.name],
                )?
                .get(0);
            if count >= i64::from(MAX_WATCHES_PER_USER) {
                return Err(StoreError::Invalid(format!(
                    "you already have {MAX_WATCHES_PER_USER} watches, the most one user may keep; \
                     delete one first"
                )));
            }
            check_target(db, new, by)?;
            let seq = next_counter(db, "watch")?;
            let id = format!("WA-{seq:07}");
            let filter = match &new.filter {
                Some(f) => Some(
                    serde_json::to_string(f).map_err(|e| StoreError::Internal(e.to_string()))?,
                ),
                None => None,
            };
            db.execute(
                "INSERT INTO watches(id, seq, owner, name, kind, value, filter_json, paused, created_at, since_event)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, (SELECT COALESCE(MAX(id), 0) FROM events))",
                &[
                    &id,
                    &seq,
                    &by.name,
                    &new.name,
                    &new.kind.as_str(),
                    &new.value,
                    &filter,
                    &ts(chrono::Utc::now()),
                ],
            )?;
            audit_created(&id, None);
            Ok((load_watch(db, &id, by)?, Vec::<Event>::new()))
        })
    }

    pub fn update_watch_impl(&self, id: &str, upd: &WatchUpdate, by: &User) -> StoreResult<Watch> {
        self.write(|db| {
            load_watch(db, id, by)?;
            db.execute(
                "UPDATE watches SET name = COALESCE($3, name), paused = COALESCE($4, paused)
                 WHERE id = $1 AND owner = $2",
                &[&id, &by.name, &upd.name, &upd.paused.map(i64::from)],
            )?;
            load_watch(db, id, by)
        })
    }

    pub fn delete_watch_impl(&self, id: &str, by: &User) -> StoreResult<Watch> {
        self.write(|db| {
            let w = load_watch(db, id, by)?;
            db.execute(
                "DELETE FROM watches WHERE id = $1 AND owner = $2",
                &[&id, &by.name],
            )?;
            Ok(w)
        })
    }

    /// Unpaused watches of enabled users, with their owners.
    pub fn active_watches_impl(&self) -> StoreResult<Vec<WatchRow>> {
        self.read(|db| {
            db.query(
                &format!(
                    "SELECT {WATCH_COLS}, u.name, u.agency, u.country, u.role, w.since_event
                     FROM watches w JOIN users u ON u.name = w.owner
                     WHERE w.paused = 0 AND u.disabled_at IS NULL ORDER BY w.seq"
                ),
                &[],
            )?
            .iter()
            .map(|r| {
                Ok(WatchRow {
                    watch: row_to_watch(r)?,
                    owner: User {
                        name: r.get(8),
                        agency: r.get(9),
                        country: parse_enum(r.get(10), Country::parse)?,
                        role: parse_enum(r.get(11), Role::parse)?,
                    },
                    since_event: r.get(12),
                })
            })
            .collect()
        })
    }

    pub fn watch_cursor_impl(&self) -> StoreResult<i64> {
        self.read(|db| {
            Ok(db
                .query_one("SELECT event_id FROM watch_cursor WHERE id = 1", &[])?
                .get(0))
        })
    }

    /// Stores the alerts of `firings` with their events and moves the cursor from `cursor` to
    /// `last`, in one transaction; nothing if another evaluator (on any node) moved it first.
    pub fn fire_alerts_impl(
        &self,
        cursor: i64,
        last: i64,
        firings: &[Firing],
    ) -> StoreResult<Vec<Event>> {
        self.write(|db| {
            let moved = db.execute(
                "UPDATE watch_cursor SET event_id = $2 WHERE id = 1 AND event_id = $1",
                &[&cursor, &last],
            )?;
            if moved == 0 {
                return Ok(Vec::new());
            }
            let mut out = Vec::with_capacity(firings.len());
            for f in firings {
                let seq = next_counter(db, "alert")?;
                let id = format!("AL-{seq:07}");
                let ev = &f.event;
                db.execute(
                    "INSERT INTO alerts(id, seq, owner, watch_id, watch_name, event_id, event_kind, entity_id, case_id, at, summary)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    &[
                        &id, &seq, &f.owner, &f.watch_id, &f.watch_name, &ev.id, &ev.kind.as_str(),
                        &ev.entity_id, &ev.case_id, &ts(ev.at), &ev.summary,
                    ],
                )?;
                let summary = format!("{}: {}", f.watch_name, ev.summary);
                out.push(emit_for(
                    db,
                    EventKind::Alert,
                    &id,
                    ev.case_id.as_deref(),
                    &summary,
                    Some(&f.owner),
                )?);
            }
            Ok(out)
        })
    }

    pub fn list_alerts_impl(&self, q: &AlertQuery, owner: &User) -> StoreResult<Vec<Alert>> {
        let limit = q.limit.unwrap_or(100);
        if !(1..=1000).contains(&limit) {
            return Err(StoreError::Invalid("limit must be 1 to 1000".into()));
        }
        self.read(|db| {
            db.query(
                &format!(
                    "SELECT {ALERT_COLS} FROM alerts WHERE owner = $1
                       AND ($2::BOOLEAN IS NULL OR (read_at IS NULL) = $2)
                     ORDER BY seq DESC LIMIT $3"
                ),
                &[&owner.name, &q.unread, &i64::from(limit)],
            )?
            .iter()
            .map(row_to_alert)
            .collect()
        })
    }

    pub fn mark_alert_read_impl(&self, id: &str, by: &User) -> StoreResult<Alert> {
        self.write(|db| {
            db.execute(
                "UPDATE alerts SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND owner = $2",
                &[&id, &by.name, &ts(chrono::Utc::now())],
            )?;
            let r = db
                .query_opt(
                    &format!("SELECT {ALERT_COLS} FROM alerts WHERE id = $1 AND owner = $2"),
                    &[&id, &by.name],
                )?
                .ok_or_else(|| StoreError::NotFound(format!("alert {id}")))?;
            row_to_alert(&r)
        })
    }

    pub fn watch_facts_impl(&self, ev: &Event) -> StoreResult<Facts> {
        self.read(|db| {
            let mut f = Facts {
                case: ev.case_id.clone(),
                ..Facts::default()
            };
            match ev.kind {
                EventKind::SeizureCreated => seizure_facts(db, &ev.entity_id, &mut f)?,
                EventKind::TraceCompleted => trace_facts(db, &ev.entity_id, &mut f)?,
                EventKind::LeadCreated => lead_facts(db, &ev.entity_id, false, &mut f)?,
                EventKind::LeadDecided => lead_facts(db, &ev.entity_id, true, &mut f)?,
                _ => {}
            }
            Ok(f)
        })
    }
}

/// Adds a firearm's serial, id and make/model/calibre.
fn firearm_facts(db: &Db<'_>, id: &str, f: &mut Facts) -> StoreResult<()> {
    if let Some(r) = db.query_opt(
        "SELECT serial, make, model, caliber FROM firearms WHERE id = $1",
        &[&id],
    )? {
        let serial: String = r.get(0);
        f.firearms.push(id.to_string());
        if !serial.trim().is_empty() {
            f.serials.push(serial);
        }
        f.models.push((r.get(1), r.get(2), r.get(3)));
    }
    Ok(())
}

fn seizure_facts(db: &Db<'_>, id: &str, f: &mut Facts) -> StoreResult<()> {
    f.seizure = match db.query_opt(
        "SELECT port, state, agency, kind, country, item_kinds FROM seizures WHERE id = $1",
        &[&id],
    )? {
        Some(r) => Some(SeizureFacts {
            port: r.get(0),
            state: r.get(1),
            agency: r.get(2),
            kind: parse_enum(r.get(3), SeizureKind::parse)?,
            country: parse_enum(r.get(4), Country::parse)?,
            items: r
                .get::<_, String>(5)
                .split(',')
                .filter_map(ItemKind::parse)
                .collect(),
        }),
        None => None,
    };
    let ids: Vec<String> = db
        .query(
            "SELECT id FROM firearms WHERE seizure_id = $1 ORDER BY id",
            &[&id],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    for fa in ids {
        firearm_facts(db, &fa, f)?;
    }
    Ok(())
}

/// A completed trace names its dealer and purchaser (a trace that stopped names neither).
fn trace_facts(db: &Db<'_>, id: &str, f: &mut Facts) -> StoreResult<()> {
    let Some(r) = db.query_opt(
        "SELECT firearm_id, status, dealer_license, purchaser_id FROM traces WHERE id = $1",
        &[&id],
    )?
    else {
        return Ok(());
    };
    let (firearm, status): (String, String) = (r.get(0), r.get(1));
    firearm_facts(db, &firearm, f)?;
    if status == TraceStatus::Completed.as_str() {
        f.dealers.extend(r.get::<_, Option<String>>(2));
        f.purchasers.extend(r.get::<_, Option<String>>(3));
    }
    Ok(())
}

/// A new lead, or a decision that confirms a hit, touches its two casings, their clusters and
/// the firearms they were test-fired from.
fn lead_facts(db: &Db<'_>, id: &str, decided: bool, f: &mut Facts) -> StoreResult<()> {
    let Some(r) = db.query_opt(
        "SELECT casing_id, candidate_id, status FROM leads WHERE id = $1",
        &[&id],
    )?
    else {
        return Ok(());
    };
    let (a, b, status): (String, String, String) = (r.get(0), r.get(1), r.get(2));
    if decided && status != LeadStatus::Confirmed.as_str() {
        return Ok(());
    }
    f.casings = vec![a.clone(), b.clone()];
    f.cluster = cluster_of(db, &[a, b])?;
    let mut guns = Vec::new();
    for casing in &f.casings {
        if let Some(r) = db.query_opt(
            "SELECT firearm_id FROM casings WHERE id = $1 AND firearm_id IS NOT NULL",
            &[casing],
        )? {
            guns.push(r.get::<_, String>(0));
        }
    }
    for g in guns {
        firearm_facts(db, &g, f)?;
    }
    Ok(())
}

/// Every casing linked to `start` by confirmed hits (bounded, like `GET …/cluster`).
fn cluster_of(db: &Db<'_>, start: &[String]) -> StoreResult<Vec<String>> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<String> = start.iter().cloned().collect();
    while let Some(id) = queue.pop_front() {
        if seen.len() >= 10_000 || !seen.insert(id.clone()) {
            continue;
        }
        for r in db.query(
            "SELECT casing_id, candidate_id FROM leads
             WHERE status = 'confirmed' AND (casing_id = $1 OR candidate_id = $1)",
            &[&id],
        )? {
            let (x, y): (String, String) = (r.get(0), r.get(1));
            queue.extend([x, y].into_iter().filter(|o| !seen.contains(o)));
        }
    }
    Ok(seen.into_iter().collect())
}
