//! `update()`: the only place the state changes. Synchronous, no I/O: what needs the network
//! comes back as [`Effect`]s for the runtime to execute.

use crate::model::Case;

use super::action::Action;
use super::effect::{CacheEntry, Effect, Request, Slot};
use super::overlay::{Overlay, PickItem, PickTarget, Picker};
use super::panes::{self, PANES, PaneId, queue, trace};
use super::reply::{Data, Reply};
use super::state::{Conn, Level, Notice, State};
use super::update_overlay;

/// The reads a fresh console makes: who am I, and the first pane's data.
pub fn init(s: &mut State) -> Vec<Effect> {
    let mut fx = vec![s.fetch(Slot::Session, Request::Me)];
    fx.extend((panes::spec(s.active).refresh)(s));
    fx
}

pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Reply(r) => on_reply(s, *r),
        Action::Tick(now) => {
            s.now = now;
            vec![]
        }
        Action::Resize(w, h) => {
            s.size = (w, h);
            let height = s.list_height();
            let (q, t) = (s.queue.list.selected, s.trace.list.selected);
            s.queue.list.select(q, s.queue.rows.len(), height);
            s.trace.list.select(t, s.trace.rows.len(), height);
            let b = s.ballistics.list.selected;
            s.ballistics.list.select(b, s.ballistics.rows.len(), height);
            vec![]
        }
        a if !s.overlays.is_empty() => update_overlay::update(s, a),
        a => global(s, a),
    }
}

fn global(s: &mut State, action: Action) -> Vec<Effect> {
    let current = panes::index_of(s.active);
    match action {
        Action::Quit => {
            s.quit = true;
            vec![Effect::Quit]
        }
        Action::NextPane => switch(s, (current + 1) % PANES.len()),
        Action::PrevPane => switch(s, (current + PANES.len() - 1) % PANES.len()),
        Action::Pane1 => switch(s, 0),
        Action::Pane2 => switch(s, 1),
        Action::Pane3 => switch(s, 2),
        Action::Pane4 => switch(s, 3),
        Action::Help => {
            s.overlays.push(Overlay::Help { scroll: 0 });
            vec![]
        }
        Action::Palette => {
            let p = palette(s);
            s.overlays.push(Overlay::Palette(p));
            vec![]
        }
        Action::Copy => match (panes::spec(s.active).copy_text)(s) {
            Some(text) => vec![
                Effect::Copy(text.clone()),
                s.toast(Level::Ok, Notice::Copied(text)),
            ],
            None => vec![s.toast(Level::Info, Notice::NothingSelected)],
        },
        Action::Refresh => (panes::spec(s.active).refresh)(s),
        Action::ToggleLanguage => {
            s.lang = s.lang.other();
            vec![s.toast(Level::Info, Notice::LanguageChanged)]
        }
        a => (panes::spec(s.active).update)(s, &a),
    }
}

/// Focuses the pane at `index` in the registry (ignored when there is no such pane yet).
pub fn switch(s: &mut State, index: usize) -> Vec<Effect> {
    let Some(spec) = PANES.get(index) else {
        return vec![];
    };
    s.active = spec.id;
    if (spec.loaded)(s) && !(spec.stale)(s) {
        vec![]
    } else {
        (spec.refresh)(s)
    }
}

/// Commands (in the user's language) and the entity ids the current pane shows.
fn palette(s: &State) -> Picker {
    let labels = &s.action_labels[s.lang as usize];
    let mut items: Vec<PickItem> = labels
        .iter()
        .map(|(a, label)| PickItem {
            label: label.clone(),
            target: PickTarget::Action(a.clone()),
        })
        .collect();
    items.extend((panes::spec(s.active).palette_ids)(s));
    Picker::new(items)
}

fn on_reply(s: &mut State, reply: Reply) -> Vec<Effect> {
    match reply {
        Reply::Fetched {
            slot,
            generation,
            result,
        } => {
            if !s.accept(slot, generation) {
                return vec![];
            }
            match result {
                Ok(data) => on_data(s, slot, data),
                Err(e) if e.is_offline() => {
                    close_waiting_overlay(s, slot);
                    went_offline(s, e.message)
                }
                Err(e) => {
                    close_waiting_overlay(s, slot);
                    if e.kind == super::backend::FetchErrorKind::Unauthorized {
                        s.session.auth_error = Some(e.message.clone());
                    }
                    vec![s.toast(Level::Error, Notice::FetchFailed(e.message))]
                }
            }
        }
        Reply::Wrote { key, result } => match result {
            _ if panes::ballistics::writes::owns(s, &key, &result) => {
                panes::ballistics::writes::on_wrote(s, &key, result)
            }
            Ok(data) => on_written(s, data),
            Err(e) => vec![s.toast(Level::Error, Notice::WriteRefused(e.message))],
        },
        Reply::Outbox(n) => {
            s.session.pending_writes = n;
            vec![]
        }
        Reply::Online => back_online(s),
        Reply::Offline(msg) => went_offline(s, msg),
        Reply::Event(ev) => {
            s.session.last_sync = Some(s.now.max(ev.at));
            let mut fx = Vec::new();
            for p in PANES {
                fx.extend((p.on_event)(s, &ev));
            }
            fx
        }
        Reply::CachedQueue(rows) => {
            queue::more_from_cache(s, rows);
            vec![]
        }
        Reply::ToastExpired(id) => {
            s.toasts.retain(|t| t.id != id);
            vec![]
        }
        Reply::Cases(r) => panes::cases::local::on_reply(s, r),
    }
}

fn on_data(s: &mut State, slot: Slot, data: Data) -> Vec<Effect> {
    let mut fx = if s.session.conn != Conn::Online {
        back_online(s)
    } else {
        vec![]
    };
    s.session.last_sync = Some(s.now);
    match (slot, data) {
        (Slot::Session, Data::Me(user)) => {
            s.session.user = Some(user.clone());
            s.session.auth_error = None;
            fx.push(Effect::Cache(CacheEntry::User(user)));
        }
        (Slot::CasePicker, Data::Cases(page)) => fill_case_picker(s, page.items),
        (slot, data) => {
            if let Some(p) = panes::owner(slot) {
                fx.extend((p.on_data)(s, slot, data));
            }
        }
    }
    fx
}

fn fill_case_picker(s: &mut State, cases: Vec<Case>) {
    let items = cases
        .into_iter()
        .map(|c| PickItem {
            label: format!("{}  {}", c.id, c.title),
            target: PickTarget::Case(c.id),
        })
        .collect();
    if let Some(Overlay::CasePicker(p)) = s.overlays.last_mut() {
        p.set_items(items);
    }
}

/// A read an overlay was waiting for failed: the overlay closes (the error is toasted).
fn close_waiting_overlay(s: &mut State, slot: Slot) {
    if slot == Slot::CasePicker && matches!(s.overlays.last(), Some(Overlay::CasePicker(_))) {
        s.overlays.pop();
    }
    panes::cases::members::close_waiting(s, slot);
    panes::cases::note_history::close_waiting(s, slot);
}

fn on_written(s: &mut State, data: Data) -> Vec<Effect> {
    s.session.last_sync = Some(s.now);
    match data {
        Data::Trace(t) => {
            let id = t.id.clone();
            if s.trace.listing == trace::Listing::Recent && !s.trace.rows.iter().any(|r| r.id == id)
            {
                s.trace.rows.insert(0, t);
            }
            vec![s.toast(Level::Ok, Notice::TraceSubmitted(id))]
        }
        Data::Seizure(z) => {
            queue::replace_row(s, &z);
            vec![s.toast(Level::Ok, Notice::StatusChanged(z.id.clone(), z.status))]
        }
        Data::Case(c) => {
            let linked = c.links.last().map(|l| l.id.clone()).unwrap_or_default();
            vec![s.toast(Level::Ok, Notice::Linked(linked, c.id))]
        }
        d @ (Data::Note(_) | Data::NewCase(_) | Data::NoteSave(_)) => {
            panes::cases::writes::on_written(s, d)
        }
        Data::MemberChanged {
            case,
            member,
            added,
        } => panes::cases::members::on_written(s, case, member, added),
        _ => vec![],
    }
}

fn back_online(s: &mut State) -> Vec<Effect> {
    let was_offline = matches!(s.session.conn, Conn::Offline(_));
    s.session.conn = Conn::Online;
    if !was_offline {
        return vec![];
    }
    let mut fx = vec![s.toast(Level::Ok, Notice::BackOnline)];
    if s.session.user.is_none() {
        fx.push(s.fetch(Slot::Session, Request::Me));
    }
    fx.extend((panes::spec(s.active).refresh)(s));
    fx
}

fn went_offline(s: &mut State, msg: String) -> Vec<Effect> {
    let was_online = s.session.conn == Conn::Online;
    s.session.conn = Conn::Offline(msg);
    if was_online {
        vec![s.toast(Level::Error, Notice::WentOffline)]
    } else {
        vec![]
    }
}

/// Jumps to an entity picked in the palette.
pub fn goto(s: &mut State, target: PickTarget) -> Vec<Effect> {
    match target {
        PickTarget::Action(a) => update(s, a),
        PickTarget::Seizure(id) => {
            s.active = PaneId::Queue;
            let height = s.list_height();
            let Some(i) = s.queue.rows.iter().position(|r| r.id == id) else {
                return vec![];
            };
            s.queue.list.select(i, s.queue.rows.len(), height);
            let row = s.queue.rows[i].clone();
            queue::open_id(s, row)
        }
        PickTarget::Trace(id) => {
            s.active = PaneId::Trace;
            let height = s.list_height();
            let Some(i) = s.trace.rows.iter().position(|r| r.id == id) else {
                return vec![];
            };
            s.trace.list.select(i, s.trace.rows.len(), height);
            let row = s.trace.rows[i].clone();
            trace::open(s, row)
        }
        PickTarget::Case(id) if s.active == PaneId::Trace => {
            panes::cases::writes::link_trace(s, id)
        }
        PickTarget::Case(id) => panes::queue::writes::link_case(s, id),
        PickTarget::Ref(text) => panes::cases::refs::follow_text(s, &text),
        t @ (PickTarget::AddMember { .. } | PickTarget::RemoveMember { .. }) => {
            panes::cases::members::picked(s, t)
        }
    }
}
