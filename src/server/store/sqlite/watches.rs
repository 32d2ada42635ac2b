//! Watches and alerts (see [`crate::server::watches`]). Plain SQL over three tables — `watches`,
//! `alerts` and the one-row `watch_cursor` — so another backend ports it line for line. A user
//! sees only their own watches and alerts: another user's is "not found", never "forbidden".

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::cases::is_member;
use super::system::emit_for;
use super::{SqliteStore, from_ts, next_counter, parse_enum, ts};
use crate::model::*;
use crate::server::store::{StoreError, StoreResult, Written, audit_created};
use crate::server::watches::{Facts, Firing, SeizureFacts, WatchRow};

const WATCH_COLS: &str = "w.id, w.name, w.kind, w.value, w.filter_json, w.paused, w.created_at, \
     (SELECT count(*) FROM alerts a WHERE a.watch_id = w.id)";

const ALERT_COLS: &str =
    "id, watch_id, watch_name, event_kind, entity_id, case_id, at, summary, read_at";

fn row_to_watch(r: &Row<'_>) -> rusqlite::Result<Watch> {
    let filter: Option<String> = r.get(4)?;
    Ok(Watch {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: parse_enum(&r.get::<_, String>(2)?, WatchKind::parse)?,
        value: r.get(3)?,
        filter: filter.and_then(|f| serde_json::from_str(&f).ok()),
        paused: r.get(5)?,
        created_at: from_ts(r.get(6)?),
        fired: r.get::<_, i64>(7)? as u64,
    })
}

fn row_to_alert(r: &Row<'_>) -> rusqlite::Result<Alert> {
    Ok(Alert {
        id: r.get(0)?,
        watch_id: r.get(1)?,
        watch_name: r.get(2)?,
        event_kind: parse_enum(&r.get::<_, String>(3)?, EventKind::parse)?,
        entity_id: r.get(4)?,
        case_id: r.get(5)?,
        at: from_ts(r.get(6)?),
        summary: r.get(7)?,
        read: r.get::<_, Option<i64>>(8)?.is_some(),
    })
}

fn load_watch(c: &Connection, id: &str, owner: &User) -> StoreResult<Watch> {
    c.prepare_cached(&format!(
        "SELECT {WATCH_COLS} FROM watches w WHERE w.id = ?1 AND w.owner = ?2"
    ))?
    .query_row([id, &owner.name], row_to_watch)
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("watch {id}")))
}

/// Refuses a watch on a record that does not exist; a case the owner is not a member of is
/// "not found" exactly like a missing one.
fn check_target(c: &Connection, w: &NewWatch, by: &User) -> StoreResult<()> {
    let v = w.value.as_deref().unwrap_or("");
    let (table, col, what) = match w.kind {
        WatchKind::Case => {
            return if is_member(c, v, by)? {
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
    let found: bool = c.query_row(
        &format!("SELECT EXISTS(SELECT 1 FROM {table} WHERE {col} = ?1)"),
        [v],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "there is no {what} {v} on record"
        )))
    }
}

impl SqliteStore {
    pub(super) fn list_watches_impl(&self, owner: &User) -> StoreResult<Vec<Watch>> {
        self.read(|c| {
            let mut st = c.prepare_cached(&format!(
                "SELECT {WATCH_COLS} FROM watches w WHERE w.owner = ?1 ORDER BY w.seq DESC"
            ))?;
            Ok(st
                .query_map([&owner.name], row_to_watch)?
                .collect::<Result<_, _>>()?)
        })
    }

    pub(super) fn create_watch_impl(
        &self,
        new: &NewWatch,
        by: &User,
        idem: Option<&str>,
    ) -> StoreResult<Written<Watch>> {
        self.idempotent_write(by, idem, "POST /v1/watches", |tx| {
            let count: i64 = tx.query_row(
                "SELECT count(*) FROM watches WHERE owner = ?1",
                [&by.name],
                |r| r.get(0),
            )?;
            if count >= i64::from(MAX_WATCHES_PER_USER) {
                return Err(StoreError::Invalid(format!(
                    "you already have {MAX_WATCHES_PER_USER} watches, the most one user may keep; \
                     delete one first"
                )));
            }
            check_target(tx, new, by)?;
            let seq = next_counter(tx, "watch")?;
            let id = format!("WA-{seq:07}");
            let filter = match &new.filter {
                Some(f) => Some(
                    serde_json::to_string(f).map_err(|e| StoreError::Internal(e.to_string()))?,
                ),
                None => None,
            };
            tx.prepare_cached(
                "INSERT INTO watches(id, seq, owner, name, kind, value, filter_json, paused, created_at, since_event)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, (SELECT COALESCE(MAX(id), 0) FROM events))",
            )?
            .execute(params![
                id,
                seq,
                by.name,
                new.name,
                new.kind.as_str(),
                new.value,
                filter,
                ts(chrono::Utc::now())
            ])?;
            audit_created(&id, None);
            Ok((load_watch(tx, &id, by)?, Vec::<Event>::new()))
        })
    }

    pub(super) fn update_watch_impl(
        &self,
        id: &str,
        upd: &WatchUpdate,
        by: &User,
    ) -> StoreResult<Watch> {
        self.write(|tx| {
            load_watch(tx, id, by)?;
            tx.execute(
                "UPDATE watches SET name = COALESCE(?3, name), paused = COALESCE(?4, paused)
                 WHERE id = ?1 AND owner = ?2",
                params![id, by.name, upd.name, upd.paused],
            )?;
            load_watch(tx, id, by)
        })
    }

    pub(super) fn delete_watch_impl(&self, id: &str, by: &User) -> StoreResult<Watch> {
        self.write(|tx| {
            let w = load_watch(tx, id, by)?;
            tx.execute(
                "DELETE FROM watches WHERE id = ?1 AND owner = ?2",
                params![id, by.name],
            )?;
            Ok(w)
        })
    }

    /// Unpaused watches of enabled users, with their owners.
    pub(super) fn active_watches_impl(&self) -> StoreResult<Vec<WatchRow>> {
        self.read(|c| {
            let mut st = c.prepare(&format!(
                "SELECT {WATCH_COLS}, u.name, u.agency, u.country, u.role, w.since_event
                 FROM watches w JOIN users u ON u.name = w.owner
                 WHERE w.paused = 0 AND u.disabled_at IS NULL ORDER BY w.seq"
            ))?;
            let rows = st.query_map([], |r| {
                Ok(WatchRow {
                    watch: row_to_watch(r)?,
                    owner: User {
                        name: r.get(8)?,
                        agency: r.get(9)?,
                        country: parse_enum(&r.get::<_, String>(10)?, Country::parse)?,
                        role: parse_enum(&r.get::<_, String>(11)?, Role::parse)?,
                    },
                    since_event: r.get(12)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    pub(super) fn watch_cursor_impl(&self) -> StoreResult<i64> {
        self.read(|c| {
            Ok(
                c.query_row("SELECT event_id FROM watch_cursor WHERE id = 1", [], |r| {
                    r.get(0)
                })?,
            )
        })
    }

    /// Stores the alerts of `firings` with their events and moves the cursor from `cursor` to
    /// `last`, in one transaction; nothing if another evaluator moved the cursor first.
    pub(super) fn fire_alerts_impl(
        &self,
        cursor: i64,
        last: i64,
        firings: &[Firing],
    ) -> StoreResult<Vec<Event>> {
        self.write(|tx| {
            let moved = tx.execute(
                "UPDATE watch_cursor SET event_id = ?2 WHERE id = 1 AND event_id = ?1",
                params![cursor, last],
            )?;
            if moved == 0 {
                return Ok(Vec::new());
            }
            let mut out = Vec::with_capacity(firings.len());
            for f in firings {
                let seq = next_counter(tx, "alert")?;
                let id = format!("AL-{seq:07}");
                let ev = &f.event;
                tx.prepare_cached(
                    "INSERT INTO alerts(id, seq, owner, watch_id, watch_name, event_id, event_kind, entity_id, case_id, at, summary)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    id, seq, f.owner, f.watch_id, f.watch_name, ev.id, ev.kind.as_str(),
                    ev.entity_id, ev.case_id, ts(ev.at), ev.summary
                ])?;
                let summary = format!("{}: {}", f.watch_name, ev.summary);
                out.push(emit_for(
                    tx,
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

    pub(super) fn list_alerts_impl(&self, q: &AlertQuery, owner: &User) -> StoreResult<Vec<Alert>> {
        let limit = q.limit.unwrap_or(100);
        if !(1..=1000).contains(&limit) {
            return Err(StoreError::Invalid("limit must be 1 to 1000".into()));
        }
        self.read(|c| {
            let mut st = c.prepare_cached(&format!(
                "SELECT {ALERT_COLS} FROM alerts WHERE owner = ?1
                   AND (?2 IS NULL OR (read_at IS NULL) = ?2)
                 ORDER BY seq DESC LIMIT ?3"
            ))?;
            Ok(st
                .query_map(params![owner.name, q.unread, limit], row_to_alert)?
                .collect::<Result<_, _>>()?)
        })
    }

    pub(super) fn mark_alert_read_impl(&self, id: &str, by: &User) -> StoreResult<Alert> {
        self.write(|tx| {
            tx.execute(
                "UPDATE alerts SET read_at = COALESCE(read_at, ?3) WHERE id = ?1 AND owner = ?2",
                params![id, by.name, ts(chrono::Utc::now())],
            )?;
            tx.prepare_cached(&format!(
                "SELECT {ALERT_COLS} FROM alerts WHERE id = ?1 AND owner = ?2"
            ))?
            .query_row([id, &by.name], row_to_alert)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("alert {id}")))
        })
    }

    pub(super) fn watch_facts_impl(&self, ev: &Event) -> StoreResult<Facts> {
        self.read(|c| {
            let mut f = Facts {
                case: ev.case_id.clone(),
                ..Facts::default()
            };
            match ev.kind {
                EventKind::SeizureCreated => seizure_facts(c, &ev.entity_id, &mut f)?,
                EventKind::TraceCompleted => trace_facts(c, &ev.entity_id, &mut f)?,
                EventKind::LeadCreated => lead_facts(c, &ev.entity_id, false, &mut f)?,
                EventKind::LeadDecided => lead_facts(c, &ev.entity_id, true, &mut f)?,
                _ => {}
            }
            Ok(f)
        })
    }
}

/// Adds a firearm's serial, id and make/model/calibre.
fn firearm_facts(c: &Connection, id: &str, f: &mut Facts) -> StoreResult<()> {
    let row: Option<(String, String, String, String)> = c
        .prepare_cached("SELECT serial, make, model, caliber FROM firearms WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    if let Some((serial, make, model, caliber)) = row {
        f.firearms.push(id.to_string());
        if !serial.trim().is_empty() {
            f.serials.push(serial);
        }
        f.models.push((make, model, caliber));
    }
    Ok(())
}

fn seizure_facts(c: &Connection, id: &str, f: &mut Facts) -> StoreResult<()> {
    let row = c
        .prepare_cached(
            "SELECT port, state, agency, kind, country, item_kinds FROM seizures WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(SeizureFacts {
                port: r.get(0)?,
                state: r.get(1)?,
                agency: r.get(2)?,
                kind: parse_enum(&r.get::<_, String>(3)?, SeizureKind::parse)?,
                country: parse_enum(&r.get::<_, String>(4)?, Country::parse)?,
                items: r
                    .get::<_, String>(5)?
                    .split(',')
                    .filter_map(ItemKind::parse)
                    .collect(),
            })
        })
        .optional()?;
    f.seizure = row;
    let ids: Vec<String> = c
        .prepare_cached("SELECT id FROM firearms WHERE seizure_id = ?1 ORDER BY id")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for fa in ids {
        firearm_facts(c, &fa, f)?;
    }
    Ok(())
}

/// A completed trace names its dealer and purchaser (a trace that stopped names neither).
fn trace_facts(c: &Connection, id: &str, f: &mut Facts) -> StoreResult<()> {
    let row: Option<(String, String, Option<String>, Option<String>)> = c
        .prepare_cached(
            "SELECT firearm_id, status, dealer_license, purchaser_id FROM traces WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((firearm, status, dealer, purchaser)) = row else {
        return Ok(());
    };
    firearm_facts(c, &firearm, f)?;
    if status == TraceStatus::Completed.as_str() {
        f.dealers.extend(dealer);
        f.purchasers.extend(purchaser);
    }
    Ok(())
}

/// A new lead, or a decision that confirms a hit, touches its two casings, their clusters and
/// the firearms they were test-fired from.
fn lead_facts(c: &Connection, id: &str, decided: bool, f: &mut Facts) -> StoreResult<()> {
    let row: Option<(String, String, String)> = c
        .prepare_cached("SELECT casing_id, candidate_id, status FROM leads WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((a, b, status)) = row else {
        return Ok(());
    };
    if decided && status != LeadStatus::Confirmed.as_str() {
        return Ok(());
    }
    f.casings = vec![a.clone(), b.clone()];
    f.cluster = cluster_of(c, &[a, b])?;
    let guns: Vec<String> = {
        let mut st = c.prepare_cached(
            "SELECT firearm_id FROM casings WHERE id = ?1 AND firearm_id IS NOT NULL",
        )?;
        let mut out = Vec::new();
        for casing in &f.casings {
            out.extend(st.query_row([casing], |r| r.get(0)).optional()?);
        }
        out
    };
    for g in guns {
        firearm_facts(c, &g, f)?;
    }
    Ok(())
}

/// Every casing linked to `start` by confirmed hits (bounded, like `GET …/cluster`).
fn cluster_of(c: &Connection, start: &[String]) -> StoreResult<Vec<String>> {
    let mut seen: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut queue: std::collections::VecDeque<String> = start.iter().cloned().collect();
    let mut st = c.prepare_cached(
        "SELECT casing_id, candidate_id FROM leads
         WHERE status = 'confirmed' AND (casing_id = ?1 OR candidate_id = ?1)",
    )?;
    while let Some(id) = queue.pop_front() {
        if seen.len() >= 10_000 || !seen.insert(id.clone()) {
            continue;
        }
        for pair in st.query_map([&id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
            let (x, y): (String, String) = pair?;
            queue.extend([x, y].into_iter().filter(|o| !seen.contains(o)));
        }
    }
    Ok(seen.into_iter().collect())
}
