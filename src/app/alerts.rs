//! Watches and alerts in the console: the unread count the status bar shows, the alert inbox
//! (`!`), the watches list (`W`) and the name prompt `w` opens on any record. Not a pane: an
//! alert may be about any pane's record and the count shows everywhere, so this lives on the
//! shell and opens records through the usual navigation.

use crate::model::{
    Alert, AlertQuery, EventKind, MAX_WATCH_NAME, NewWatch, SeizureFilter, Watch, WatchKind,
    WatchUpdate,
};

use super::action::Action;
use super::effect::{Effect, PendingWrite, Request, Slot, WriteOp};
use super::overlay::{Overlay, step};
use super::panes::Target;
use super::reply::Data;
use super::state::{Level, Notice, State};

/// What the shell knows of the user's alerts and watches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alerts {
    /// Unread alerts (from `GET /v1/alerts?unread=true` at start, then `alert` events).
    pub unread: usize,
    /// The inbox, newest first, as last read.
    pub inbox: Vec<Alert>,
    pub watches: Vec<Watch>,
}

/// Something `w` can watch on the record at hand.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchTarget {
    pub kind: WatchKind,
    pub value: Option<String>,
    pub filter: Option<SeizureFilter>,
}

impl WatchTarget {
    pub fn of(kind: WatchKind, value: impl Into<String>) -> Self {
        WatchTarget {
            kind,
            value: Some(value.into()),
            filter: None,
        }
    }

    pub fn seizures(filter: SeizureFilter) -> Self {
        WatchTarget {
            kind: WatchKind::Seizures,
            value: None,
            filter: Some(filter),
        }
    }

    /// `dealer 9-86-…`, `seizures port:Laredo item:magazine`: the default name, in the API's
    /// own words (a name is the user's text, stored as typed, not translated).
    pub fn describe(&self) -> String {
        let what = match (&self.value, &self.filter) {
            (Some(v), _) => v.clone(),
            (None, Some(f)) => filter_words(f),
            (None, None) => String::new(),
        };
        let text = format!("{} {what}", self.kind);
        text.chars().take(MAX_WATCH_NAME).collect()
    }
}

/// A seizure filter as the Queue's filter words (`port:Laredo state:"Nuevo León"`).
pub fn filter_words(f: &SeizureFilter) -> String {
    let quote = |v: &str| {
        if v.contains(char::is_whitespace) {
            format!("\"{v}\"")
        } else {
            v.to_string()
        }
    };
    let mut w = Vec::new();
    let text = [
        ("port", &f.port),
        ("state", &f.state),
        ("agency", &f.agency),
    ];
    for (k, v) in text {
        if let Some(v) = v {
            w.push(format!("{k}:{}", quote(v)));
        }
    }
    if let Some(k) = f.kind {
        w.push(format!("kind:{k}"));
    }
    if let Some(c) = f.country {
        w.push(format!("country:{}", c.as_str()));
    }
    if let Some(i) = f.item {
        w.push(format!("item:{i}"));
    }
    w.join(" ")
}

/// The name prompt: what to watch (Tab cycles the record's choices) and its name.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchDraft {
    pub targets: Vec<WatchTarget>,
    pub chosen: usize,
    pub name: String,
    /// The user typed in the name: Tab no longer replaces it.
    pub edited: bool,
    /// Renaming this watch (by id) instead of creating one.
    pub rename: Option<String>,
}

impl WatchDraft {
    pub fn target(&self) -> Option<&WatchTarget> {
        self.targets.get(self.chosen)
    }
}

/// The inbox's or the watches list's selection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListView {
    pub selected: usize,
}

/// Most alerts the inbox reads (newest first).
const INBOX: u32 = 200;

/// At start: how many alerts are unread.
pub fn init(s: &mut State) -> Effect {
    let q = AlertQuery {
        unread: Some(true),
        limit: Some(1000),
    };
    s.fetch(Slot::Unread, Request::Alerts(q))
}

/// `w`: the name prompt over what the active pane can watch.
pub fn start_watch(s: &mut State, targets: Vec<WatchTarget>) -> Vec<Effect> {
    if let Some(fx) = s.refuse_read_only() {
        return fx;
    }
    let Some(first) = targets.first() else {
        return vec![s.toast(Level::Info, Notice::NothingSelected)];
    };
    let name = first.describe();
    s.overlays.push(Overlay::WatchName(WatchDraft {
        targets,
        chosen: 0,
        name,
        edited: false,
        rename: None,
    }));
    vec![]
}

/// `!`: the inbox, read afresh.
pub fn open_inbox(s: &mut State) -> Vec<Effect> {
    s.overlays.push(Overlay::Inbox(ListView::default()));
    vec![read_inbox(s)]
}

fn read_inbox(s: &mut State) -> Effect {
    let q = AlertQuery {
        unread: None,
        limit: Some(INBOX),
    };
    s.fetch(Slot::Alerts, Request::Alerts(q))
}

/// `W`: the watches list, read afresh.
pub fn open_watches(s: &mut State) -> Vec<Effect> {
    if matches!(s.overlays.last(), Some(Overlay::Inbox(_))) {
        s.overlays.pop();
    }
    s.overlays.push(Overlay::Watches(ListView::default()));
    vec![s.fetch(Slot::Watches, Request::Watches)]
}

fn write(s: &mut State, op: WriteOp) -> Effect {
    let key = s.idempotency_key();
    Effect::Write(PendingWrite { key, op })
}

/// Keys while the name prompt is on top.
pub fn name_key(s: &mut State, action: Action) -> Vec<Effect> {
    let Some(Overlay::WatchName(d)) = s.overlays.last_mut() else {
        return vec![];
    };
    match action {
        Action::Char(c) if d.name.chars().count() < MAX_WATCH_NAME && !c.is_control() => {
            d.name.push(c);
            d.edited = true;
        }
        Action::Backspace => {
            d.name.pop();
            d.edited = true;
        }
        Action::NextPane | Action::PrevPane if d.rename.is_none() && !d.targets.is_empty() => {
            let n = d.targets.len();
            d.chosen = if action == Action::NextPane {
                (d.chosen + 1) % n
            } else {
                (d.chosen + n - 1) % n
            };
            if !d.edited
                && let Some(t) = d.target()
            {
                d.name = t.describe();
            }
        }
        Action::Open => {
            let d = d.clone();
            let name = d.name.trim().to_string();
            if name.is_empty() {
                return vec![];
            }
            s.overlays.pop();
            let op = match (&d.rename, d.target()) {
                (Some(id), _) => WriteOp::UpdateWatch {
                    id: id.clone(),
                    update: WatchUpdate {
                        name: Some(name),
                        paused: None,
                    },
                },
                (None, Some(t)) => WriteOp::CreateWatch {
                    new: NewWatch {
                        name,
                        kind: t.kind,
                        value: t.value.clone(),
                        filter: t.filter.clone(),
                    },
                },
                (None, None) => return vec![],
            };
            return vec![write(s, op)];
        }
        _ => {}
    }
    vec![]
}

/// Keys while the inbox is on top.
pub fn inbox_key(s: &mut State, action: Action) -> Vec<Effect> {
    let len = s.alerts.inbox.len();
    let Some(Overlay::Inbox(v)) = s.overlays.last_mut() else {
        return vec![];
    };
    match action {
        Action::Up => v.selected = step(v.selected, -1, len),
        Action::Down => v.selected = step(v.selected, 1, len),
        Action::PageUp => v.selected = step(v.selected, -10, len),
        Action::PageDown => v.selected = step(v.selected, 10, len),
        Action::Top => v.selected = 0,
        Action::Bottom => v.selected = len.saturating_sub(1),
        Action::MarkRead => {
            let i = v.selected;
            return mark_read(s, i).into_iter().collect();
        }
        Action::Open => {
            let i = v.selected;
            let Some(a) = s.alerts.inbox.get(i).cloned() else {
                return vec![];
            };
            s.overlays.pop();
            let mut fx: Vec<Effect> = mark_read(s, i).into_iter().collect();
            fx.extend(record_request(&a).map(|r| s.fetch(Slot::AlertRecord, r)));
            return fx;
        }
        Action::Watches => return open_watches(s),
        Action::Refresh => return vec![read_inbox(s)],
        _ => {}
    }
    vec![]
}

/// Marks inbox entry `i` read (at once here; the write follows).
fn mark_read(s: &mut State, i: usize) -> Option<Effect> {
    let a = s.alerts.inbox.get_mut(i).filter(|a| !a.read)?;
    a.read = true;
    let id = a.id.clone();
    s.alerts.unread = s.alerts.unread.saturating_sub(1);
    Some(write(s, WriteOp::MarkAlertRead { id }))
}

/// The read that brings an alert's record, to open it in the pane where it lives.
fn record_request(a: &Alert) -> Option<Request> {
    let id = a.entity_id.clone();
    Some(match a.event_kind {
        EventKind::SeizureCreated | EventKind::SeizureUpdated => Request::Seizure(id),
        EventKind::TraceSubmitted | EventKind::TraceCompleted => Request::Trace(id),
        EventKind::LeadCreated | EventKind::LeadDecided => Request::Lead(id),
        _ => Request::Case(a.case_id.clone()?),
    })
}

/// Keys while the watches list is on top.
pub fn watches_key(s: &mut State, action: Action) -> Vec<Effect> {
    let len = s.alerts.watches.len();
    let Some(Overlay::Watches(v)) = s.overlays.last_mut() else {
        return vec![];
    };
    match action {
        Action::Up => v.selected = step(v.selected, -1, len),
        Action::Down => v.selected = step(v.selected, 1, len),
        Action::Top => v.selected = 0,
        Action::Bottom => v.selected = len.saturating_sub(1),
        Action::Refresh => return vec![s.fetch(Slot::Watches, Request::Watches)],
        Action::PauseWatch | Action::RenameWatch | Action::DeleteWatch => {
            let i = v.selected;
            if let Some(fx) = s.refuse_read_only() {
                return fx;
            }
            let Some(w) = s.alerts.watches.get(i).cloned() else {
                return vec![s.toast(Level::Info, Notice::NothingSelected)];
            };
            return change_watch(s, i, w, action);
        }
        _ => {}
    }
    vec![]
}

fn change_watch(s: &mut State, i: usize, w: Watch, action: Action) -> Vec<Effect> {
    let op = match action {
        Action::PauseWatch => {
            s.alerts.watches[i].paused = !w.paused;
            WriteOp::UpdateWatch {
                id: w.id,
                update: WatchUpdate {
                    name: None,
                    paused: Some(!w.paused),
                },
            }
        }
        Action::DeleteWatch => {
            s.alerts.watches.remove(i);
            let last = s.alerts.watches.len().saturating_sub(1);
            if let Some(Overlay::Watches(v)) = s.overlays.last_mut() {
                v.selected = v.selected.min(last);
            }
            WriteOp::DeleteWatch { id: w.id }
        }
        _ => {
            s.overlays.push(Overlay::WatchName(WatchDraft {
                targets: Vec::new(),
                chosen: 0,
                name: w.name,
                edited: true,
                rename: Some(w.id),
            }));
            return vec![];
        }
    };
    vec![write(s, op)]
}

/// Answers for the shell's alert slots.
pub fn on_data(s: &mut State, slot: Slot, data: Data) -> Vec<Effect> {
    match (slot, data) {
        (Slot::Unread, Data::Alerts(v)) => s.alerts.unread = v.len(),
        (Slot::Alerts, Data::Alerts(v)) => {
            if v.len() < INBOX as usize {
                s.alerts.unread = v.iter().filter(|a| !a.read).count();
            }
            s.alerts.inbox = v;
        }
        (Slot::Watches, Data::Watches(v)) => s.alerts.watches = v,
        (Slot::AlertRecord, data) => return open_record(data).into_iter().collect(),
        _ => {}
    }
    vec![]
}

fn open_record(data: Data) -> Option<Effect> {
    let t = match data {
        Data::Seizure(z) => Target::Seizure(Box::new(z)),
        Data::Trace(t) => Target::Trace(Box::new(t)),
        Data::Lead(l) => Target::Lead(Box::new(l), Vec::new()),
        Data::Case(c) => Target::Case(Box::new(c)),
        _ => return None,
    };
    Some(Effect::Navigate(t))
}

/// An `alert` event: one more unread (the inbox, when open, is read again).
pub fn on_alert(s: &mut State) -> Vec<Effect> {
    s.alerts.unread += 1;
    if matches!(s.overlays.last(), Some(Overlay::Inbox(_))) {
        vec![read_inbox(s)]
    } else {
        vec![]
    }
}

/// A watch write was answered: say so, and show the list as it is now.
pub fn on_watch_written(s: &mut State, w: &Watch) -> Vec<Effect> {
    let mut fx = vec![s.toast(Level::Ok, Notice::WatchSaved(w.name.clone()))];
    if matches!(s.overlays.last(), Some(Overlay::Watches(_))) {
        fx.push(s.fetch(Slot::Watches, Request::Watches));
    }
    fx
}
