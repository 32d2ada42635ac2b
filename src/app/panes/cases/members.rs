//! Supervisors' tools on a case: adding and removing members, and reading the case's audit
//! trail. The server enforces the role (403 for anyone else, the same 403 for non-members); the
//! console checks the role first only to say so at once instead of after a round trip.
//!
//! Member changes go through the durable outbox like every other write, so a supervisor working
//! offline loses nothing; the change reaches the other members' consoles as a `case_updated`
//! event.

use crate::app::action::Action;
use crate::app::effect::{Effect, PendingWrite, Request, Slot, WriteOp};
use crate::app::overlay::{AuditView, Confirm, Overlay, PickItem, PickTarget, Picker, step};
use crate::app::panes::cases::{self, CaseNotice};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, State};
use crate::model::{Case, CaseMember, Role};

/// What the member tools tell the user (worded by the UI).
#[derive(Debug, Clone, PartialEq)]
pub enum MemberNotice {
    /// The signed-in user is not a supervisor.
    SupervisorsOnly,
    /// `who` joined or left `case`.
    Added(String, String),
    Removed(String, String),
}

fn notice(s: &mut State, level: Level, n: MemberNotice) -> Effect {
    s.toast(level, Notice::Cases(CaseNotice::Members(n)))
}

/// How a member is listed: `Marcus Hale — HSI El Paso (US)`, or the agency alone when the whole
/// agency is a member. Names only, so it reads the same in both languages.
pub fn label(m: &CaseMember) -> String {
    match &m.user {
        Some(u) => format!("{u} — {} ({})", m.agency, m.country.as_str()),
        None => format!("{} ({})", m.agency, m.country.as_str()),
    }
}

/// The case a supervisor tool applies to, or the toast that says why there is none.
fn supervised_case(s: &mut State, writes: bool) -> Result<Case, Vec<Effect>> {
    if writes && s.read_only {
        return Err(vec![s.toast(Level::Error, Notice::ReadOnly)]);
    }
    if s.session
        .user
        .as_ref()
        .is_some_and(|u| u.role != Role::Supervisor)
    {
        return Err(vec![notice(s, Level::Error, MemberNotice::SupervisorsOnly)]);
    }
    match s.cases.current().cloned() {
        Some(c) => Ok(c),
        None => Err(vec![
            s.toast(Level::Info, Notice::Cases(CaseNotice::NoCaseOpen)),
        ]),
    }
}

/// `m`: a fuzzy picker of the agencies and users not yet on the case (read from the directory).
pub fn add(s: &mut State) -> Vec<Effect> {
    let case = match supervised_case(s, true) {
        Ok(c) => c,
        Err(fx) => return fx,
    };
    s.overlays.push(Overlay::MemberPicker {
        case_id: case.id,
        add: true,
        picker: Picker {
            loading: true,
            ..Picker::default()
        },
    });
    vec![s.fetch(Slot::Directory, Request::Directory)]
}

/// `M`: a picker of the case's members; the one chosen is removed after a yes.
pub fn remove(s: &mut State) -> Vec<Effect> {
    let case = match supervised_case(s, true) {
        Ok(c) => c,
        Err(fx) => return fx,
    };
    let items = case
        .members
        .iter()
        .map(|m| PickItem {
            label: label(m),
            target: PickTarget::RemoveMember {
                case_id: case.id.clone(),
                member: m.clone(),
            },
        })
        .collect();
    s.overlays.push(Overlay::MemberPicker {
        case_id: case.id,
        add: false,
        picker: Picker::new(items),
    });
    vec![]
}

/// `T`: the case's audit trail, newest first.
pub fn audit(s: &mut State) -> Vec<Effect> {
    let case = match supervised_case(s, false) {
        Ok(c) => c,
        Err(fx) => return fx,
    };
    s.overlays.push(Overlay::Audit(AuditView {
        case_id: case.id.clone(),
        entries: vec![],
        loading: true,
        scroll: 0,
    }));
    vec![s.fetch(Slot::CaseAudit, Request::CaseAudit(case.id))]
}

/// Keys while the audit trail is shown (Esc has already closed it).
pub fn audit_keys(s: &mut State, action: &Action) -> Vec<Effect> {
    let page = s.list_height().max(1) as isize;
    let Some(Overlay::Audit(v)) = s.overlays.last_mut() else {
        return vec![];
    };
    let len = v.entries.len();
    match action {
        Action::Up => v.scroll = step(v.scroll, -1, len),
        Action::Down => v.scroll = step(v.scroll, 1, len),
        Action::PageUp => v.scroll = step(v.scroll, -page, len),
        Action::PageDown => v.scroll = step(v.scroll, page, len),
        Action::Top => v.scroll = 0,
        Action::Bottom => v.scroll = len.saturating_sub(1),
        Action::AuditTrail => {
            s.overlays.pop();
        }
        Action::Refresh => {
            v.loading = true;
            let id = v.case_id.clone();
            return vec![s.fetch(Slot::CaseAudit, Request::CaseAudit(id))];
        }
        _ => {}
    }
    vec![]
}

/// The directory or the audit trail arrived for an overlay that may still be waiting for it.
pub fn on_data(s: &mut State, data: Data) -> Vec<Effect> {
    match data {
        Data::Directory(all) => fill_directory(s, all),
        Data::Audit(entries) => {
            if let Some(Overlay::Audit(v)) = s.overlays.last_mut() {
                v.scroll = v.scroll.min(entries.len().saturating_sub(1));
                v.entries = entries;
                v.loading = false;
            }
        }
        _ => {}
    }
    vec![]
}

fn fill_directory(s: &mut State, all: Vec<CaseMember>) {
    let Some(Overlay::MemberPicker {
        case_id,
        add: true,
        picker,
    }) = s.overlays.last_mut()
    else {
        return;
    };
    let members: Vec<CaseMember> = s
        .cases
        .rows
        .iter()
        .chain(s.cases.detail.as_ref().map(|d| &d.case))
        .filter(|c| c.id == *case_id)
        .flat_map(|c| c.members.iter().cloned())
        .collect();
    // A user of an agency that is a member as a whole already has access.
    let whole_agency = |m: &CaseMember| {
        members
            .iter()
            .any(|w| w.user.is_none() && w.agency == m.agency && w.country == m.country)
    };
    let items = all
        .into_iter()
        .filter(|m| !members.contains(m) && !whole_agency(m))
        .map(|m| PickItem {
            label: label(&m),
            target: PickTarget::AddMember {
                case_id: case_id.clone(),
                member: m,
            },
        })
        .collect();
    picker.set_items(items);
}

/// A failed directory or audit read: the overlay waiting for it closes (the error is toasted).
pub fn close_waiting(s: &mut State, slot: Slot) {
    let waiting = match s.overlays.last() {
        Some(Overlay::MemberPicker { add: true, .. }) => slot == Slot::Directory,
        Some(Overlay::Audit(_)) => slot == Slot::CaseAudit,
        _ => false,
    };
    if waiting {
        s.overlays.pop();
    }
}

/// A member was picked: adding is queued at once, removing asks first.
pub fn picked(s: &mut State, target: PickTarget) -> Vec<Effect> {
    match target {
        PickTarget::AddMember { case_id, member } => {
            let key = s.idempotency_key();
            vec![
                Effect::Write(PendingWrite {
                    key,
                    op: WriteOp::AddMember { case_id, member },
                }),
                s.toast(Level::Info, Notice::WritesQueued(1)),
            ]
        }
        PickTarget::RemoveMember { case_id, member } => {
            s.overlays
                .push(Overlay::Confirm(Confirm::RemoveMember { case_id, member }));
            vec![]
        }
        _ => vec![],
    }
}

/// The supervisor said yes to removing a member.
pub fn confirmed_remove(s: &mut State, case_id: String, member: CaseMember) -> Vec<Effect> {
    let key = s.idempotency_key();
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::RemoveMember { case_id, member },
        }),
        s.toast(Level::Info, Notice::WritesQueued(1)),
    ]
}

/// The server took a member change: the list and the open case show the case as it now is.
pub fn on_written(s: &mut State, case: Case, member: CaseMember, added: bool) -> Vec<Effect> {
    cases::replace_row(s, &case);
    if let Some(d) = s.cases.detail.as_mut().filter(|d| d.case.id == case.id) {
        d.case = case.clone();
    }
    let (who, id) = (label(&member), case.id);
    let n = if added {
        MemberNotice::Added(who, id)
    } else {
        MemberNotice::Removed(who, id)
    };
    vec![notice(s, Level::Ok, n)]
}

#[cfg(test)]
#[path = "members_tests.rs"]
mod tests;
