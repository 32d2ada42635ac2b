//! `update()`: the only place the state changes. Synchronous, no I/O: what needs the network
//! comes back as [`Effect`]s for the runtime to execute.
//!
//! Panes are reached only through the registry (`panes::Panes::get_mut`), each lent its own
//! state and the shell; `Effect::Navigate` is resolved here, before the runtime sees the effects.

use crate::model::Case;

use super::action::Action;
use super::effect::{CacheEntry, Effect, Request, Slot};
use super::overlay::{Overlay, PickItem, PickTarget, Picker};
use super::panes::{self, ORDER, PaneId, Target};
use super::reply::{Data, Reply};
use super::state::{Conn, Level, Notice, Refusal, State};
use super::update_overlay;
use super::update_signin;

/// The reads a fresh console makes: who am I, the first pane's data, the unread alerts.
pub fn init(s: &mut State) -> Vec<Effect> {
    let mut fx = vec![s.fetch(Slot::Session, Request::Me)];
    fx.extend(in_pane(s, s.active, |p, cx| p.refresh(cx)));
    // The status bar's unread count, after the first pane's reads.
    fx.push(super::alerts::init(s));
    // Under `--link auto`, a timed health probe: a long round trip picks the slow profile.
    fx.extend(super::link::probe(s));
    fx
}

/// Applies one action. A user's key ends any held frame (they must see what it did) and may
/// hold the next one (see `app::hold`).
pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    let input = super::hold::is_input(&action);
    if input {
        s.hold = None;
    }
    let fx = step(s, action);
    if input { super::hold::begin(s, fx) } else { fx }
}

fn step(s: &mut State, action: Action) -> Vec<Effect> {
    let fx = match action {
        Action::Reply(r) => on_reply(s, *r),
        Action::Tick(now) => {
            s.now = now;
            vec![]
        }
        Action::Resize(w, h) => {
            s.size = (w, h);
            vec![]
        }
        Action::ListRows(rows) => {
            s.list_rows = rows.max(1);
            for id in ORDER {
                s.panes.get_mut(*id).resize(rows.max(1));
            }
            vec![]
        }
        Action::Navigate(t) => navigate(s, t),
        Action::LinkMeasured(sign) => {
            super::link::measured(s, sign);
            vec![]
        }
        Action::Lock => update_signin::lock(s),
        a if s.gate.is_some() => update_signin::update(s, a),
        a if !s.overlays.is_empty() => update_overlay::update(s, a),
        a => global(s, a),
    };
    resolve_navigation(s, fx)
}

/// Runs `f` on pane `id` with its own state and the shell lent to it.
pub fn in_pane<T>(
    s: &mut State,
    id: PaneId,
    f: impl FnOnce(&mut dyn panes::Pane, &mut super::state::Shell) -> T,
) -> T {
    let State { shell, panes } = s;
    f(panes.get_mut(id), shell)
}

/// Replaces each `Effect::Navigate` by what the target's pane does with it.
fn resolve_navigation(s: &mut State, fx: Vec<Effect>) -> Vec<Effect> {
    if !fx.iter().any(|e| matches!(e, Effect::Navigate(_))) {
        return fx;
    }
    let mut out = Vec::with_capacity(fx.len());
    for e in fx {
        match e {
            Effect::Navigate(t) => out.extend(step(s, Action::Navigate(t))),
            other => out.push(other),
        }
    }
    out
}

/// Offers `target` to each pane; the first that shows it becomes the active pane.
fn navigate(s: &mut State, target: Target) -> Vec<Effect> {
    for id in ORDER {
        if let Some(fx) = in_pane(s, *id, |p, cx| p.navigate(cx, &target)) {
            s.active = *id;
            return fx;
        }
    }
    vec![]
}

fn global(s: &mut State, action: Action) -> Vec<Effect> {
    let current = panes::index_of(s.active);
    match action {
        Action::Quit => {
            s.quit = true;
            vec![Effect::Quit]
        }
        Action::Suspend => vec![Effect::Suspend],
        Action::NextPane => switch(s, (current + 1) % ORDER.len()),
        Action::PrevPane => switch(s, (current + ORDER.len() - 1) % ORDER.len()),
        Action::Pane1 => switch(s, 0),
        Action::Pane2 => switch(s, 1),
        Action::Pane3 => switch(s, 2),
        Action::Pane4 => switch(s, 3),
        Action::Pane5 => switch(s, 4),
        Action::Pane6 => switch(s, 5),
        Action::Network => match s.panes.get(s.active).network_id() {
            Some(id) => navigate(s, Target::Network(id)),
            None => vec![s.toast(Level::Info, Notice::NothingSelected)],
        },
        Action::Watch => {
            let targets = s.panes.get(s.active).watch_targets();
            super::alerts::start_watch(s, targets)
        }
        Action::Alerts => super::alerts::open_inbox(s),
        Action::Watches => super::alerts::open_watches(s),
        Action::Help => {
            s.overlays.push(Overlay::Help { scroll: 0 });
            vec![]
        }
        Action::Palette => {
            let p = palette(s);
            s.overlays.push(Overlay::Palette(p));
            vec![]
        }
        Action::Copy => match s.panes.get(s.active).copy_text() {
            Some(text) => vec![
                Effect::Copy(text.clone()),
                s.toast(Level::Ok, Notice::Copied(text)),
            ],
            None => vec![s.toast(Level::Info, Notice::NothingSelected)],
        },
        Action::Refresh => in_pane(s, s.active, |p, cx| p.refresh(cx)),
        Action::ToggleLanguage => {
            s.lang = s.lang.other();
            vec![s.toast(Level::Info, Notice::LanguageChanged)]
        }
        a => in_pane(s, s.active, |p, cx| p.update(cx, &a)),
    }
}

/// Focuses the pane at `index` in the registry (ignored when there is no such pane yet).
pub fn switch(s: &mut State, index: usize) -> Vec<Effect> {
    let Some(&id) = ORDER.get(index) else {
        return vec![];
    };
    s.active = id;
    let p = s.panes.get(id);
    if p.loaded() && !p.stale() {
        vec![]
    } else {
        in_pane(s, id, |p, cx| p.refresh(cx))
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
    items.extend(s.panes.get(s.active).palette_ids());
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
                    went_offline(s, e.offline_reason())
                }
                Err(e) => {
                    close_waiting_overlay(s, slot);
                    if e.kind == super::backend::FetchErrorKind::Unauthorized {
                        update_signin::session_refused(s, e.message.clone());
                    }
                    vec![s.toast(Level::Error, Notice::fetch_failed(e))]
                }
            }
        }
        Reply::Wrote { key, result } => {
            for id in ORDER {
                if let Some(fx) = in_pane(s, *id, |p, cx| p.on_wrote(cx, &key, &result)) {
                    s.session.last_sync = Some(s.now);
                    return fx;
                }
            }
            on_written(s, result)
        }
        Reply::Outbox(n) => {
            s.session.pending_writes = n;
            vec![]
        }
        Reply::Online => back_online(s),
        Reply::Node(url) => {
            s.session.server = url;
            vec![]
        }
        Reply::Offline(msg) => went_offline(s, msg),
        Reply::Event(ev) => {
            s.session.last_sync = Some(s.now.max(ev.at));
            let mut fx = Vec::new();
            if ev.kind == crate::model::EventKind::Alert {
                fx.extend(super::alerts::on_alert(s));
            }
            for id in ORDER {
                fx.extend(in_pane(s, *id, |p, cx| p.on_event(cx, &ev)));
            }
            fx
        }
        Reply::Cached(entry) => {
            let mut left = Some(entry);
            for id in ORDER {
                if let Some(e) = left.take() {
                    left = in_pane(s, *id, |p, cx| p.cached(cx, e));
                }
            }
            // The user signed in last time, until the server says who is signed in now.
            if let Some(CacheEntry::User(u)) = left
                && s.session.user.is_none()
            {
                s.session.user = Some(u);
            }
            vec![]
        }
        Reply::ToastExpired(id) => {
            s.toasts.retain(|t| t.id != id);
            vec![]
        }
        Reply::HoldExpired(id) => {
            s.hold_expired(id);
            vec![]
        }
        Reply::Banner(r) => {
            update_signin::on_banner(s, r);
            vec![]
        }
        Reply::SignedIn(r) => update_signin::on_signed_in(s, r),
        Reply::SessionEnded(message) => {
            update_signin::session_refused(s, message);
            vec![]
        }
        Reply::Local(r) => {
            let mut fx = Vec::new();
            for id in ORDER {
                fx.extend(in_pane(s, *id, |p, cx| p.on_local(cx, &r)));
            }
            fx
        }
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
        (slot @ (Slot::Unread | Slot::Alerts | Slot::Watches | Slot::AlertRecord), data) => {
            fx.extend(super::alerts::on_data(s, slot, data));
        }
        (slot @ Slot::Pane(id, _), data) => {
            fx.extend(in_pane(s, id, |p, cx| p.on_data(cx, slot, data)));
        }
        _ => {}
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
    match slot {
        Slot::CasePicker if matches!(s.overlays.last(), Some(Overlay::CasePicker(_))) => {
            s.overlays.pop();
        }
        Slot::Pane(id, _) => in_pane(s, id, |p, cx| p.on_fetch_failed(cx, slot)),
        _ => {}
    }
}

/// A write no pane claimed: a link to a case (from any pane), or a refusal.
fn on_written(s: &mut State, result: Result<Data, super::backend::FetchError>) -> Vec<Effect> {
    match result {
        Ok(Data::Watch(w)) => super::alerts::on_watch_written(s, &w),
        Ok(Data::Case(c)) => {
            s.session.last_sync = Some(s.now);
            let linked = c.links.last().map(|l| l.id.clone()).unwrap_or_default();
            vec![s.toast(Level::Ok, Notice::Linked(linked, c.id))]
        }
        Ok(_) => {
            s.session.last_sync = Some(s.now);
            vec![]
        }
        Err(e) => vec![s.toast(Level::Error, Notice::WriteRefused(Refusal::of(&e)))],
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
    fx.extend(in_pane(s, s.active, |p, cx| p.refresh(cx)));
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

/// What a chosen picker entry does: an action runs, an entity id navigates, anything else
/// goes back to the pane that filled the picker (the active one).
pub fn goto(s: &mut State, target: PickTarget) -> Vec<Effect> {
    match target {
        PickTarget::Action(a) => step(s, a),
        PickTarget::Seizure(id) => navigate(s, Target::SeizureId(id)),
        PickTarget::Trace(id) => navigate(s, Target::TraceId(id)),
        other => in_pane(s, s.active, |p, cx| p.picked(cx, other)),
    }
}
