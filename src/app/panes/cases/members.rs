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
use crate::app::panes::cases::{self, AUDIT, CaseNotice, CasesState, DIRECTORY};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};
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

fn notice(cx: &mut Shell, level: Level, n: MemberNotice) -> Effect {
    cx.toast(level, Notice::from(CaseNotice::Members(n)))
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
fn supervised_case(p: &mut CasesState, cx: &mut Shell, writes: bool) -> Result<Case, Vec<Effect>> {
    if writes && cx.read_only {
        return Err(vec![cx.toast(Level::Error, Notice::ReadOnly)]);
    }
    if cx.session
        .user
        .as_ref()
        .is_some_and(|u| u.role != Role::Supervisor)
    {
        return Err(vec![notice(cx, Level::Error, MemberNotice::SupervisorsOnly)]);
    }
    match p.current().cloned() {
        Some(c) => Ok(c),
        None => Err(vec![
            cx.toast(Level::Info, Notice::from(CaseNotice::NoCaseOpen)),
        ]),
    }
}

/// `m`: a fuzzy picker of the agencies and users not yet on the case (read from the directory).
pub fn add(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let case = match supervised_case(p, cx, true) {
        Ok(c) => c,
        Err(fx) => return fx,
    };
    cx.overlays.push(Overlay::MemberPicker {
        case_id: case.id,
        add: true,
        picker: Picker {
            loading: true,
            ..Picker::default()
        },
    });
    vec![cx.fetch(DIRECTORY, Request::Directory)]
}

/// `M`: a picker of the case's members; the one chosen is removed after a yes.
pub fn remove(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let case = match supervised_case(p, cx, true) {
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
    cx.overlays.push(Overlay::MemberPicker {
        case_id: case.id,
        add: false,
        picker: Picker::new(items),
    });
    vec![]
}

/// `T`: the case's audit trail, newest first.
pub fn audit(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let case = match supervised_case(p, cx, false) {
        Ok(c) => c,
        Err(fx) => return fx,
    };
    cx.overlays.push(Overlay::Audit(AuditView {
        case_id: case.id.clone(),
        entries: vec![],
        loading: true,
        scroll: 0,
    }));
    vec![cx.fetch(AUDIT, Request::CaseAudit(case.id))]
}

/// Keys while the audit trail is shown (Esc has already closed it).
pub fn audit_keys(cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let page = cx.list_height().max(1) as isize;
    let Some(Overlay::Audit(v)) = cx.overlays.last_mut() else {
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
            cx.overlays.pop();
        }
        Action::Refresh => {
            v.loading = true;
            let id = v.case_id.clone();
            return vec![cx.fetch(AUDIT, Request::CaseAudit(id))];
        }
        _ => {}
    }
    vec![]
}

/// The directory or the audit trail arrived for an overlay that may still be waiting for it.
pub fn on_data(p: &mut CasesState, cx: &mut Shell, data: Data) -> Vec<Effect> {
    match data {
        Data::Directory(all) => fill_directory(p, cx, all),
        Data::Audit(entries) => {
            if let Some(Overlay::Audit(v)) = cx.overlays.last_mut() {
                v.scroll = v.scroll.min(entries.len().saturating_sub(1));
                v.entries = entries;
                v.loading = false;
            }
        }
        _ => {}
    }
    vec![]
}

fn fill_directory(p: &mut CasesState, cx: &mut Shell, all: Vec<CaseMember>) {
    let Some(Overlay::MemberPicker {
        case_id,
        add: true,
        picker,
    }) = cx.overlays.last_mut()
    else {
        return;
    };
    let members: Vec<CaseMember> = p
        .rows
        .iter()
        .chain(p.detail.as_ref().map(|d| &d.case))
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
pub fn close_waiting(cx: &mut Shell, slot: Slot) {
    let waiting = match cx.overlays.last() {
        Some(Overlay::MemberPicker { add: true, .. }) => slot == DIRECTORY,
        Some(Overlay::Audit(_)) => slot == AUDIT,
        _ => false,
    };
    if waiting {
        cx.overlays.pop();
    }
}

/// A member was picked: adding is queued at once, removing asks first.
pub fn picked(cx: &mut Shell, target: PickTarget) -> Vec<Effect> {
    match target {
        PickTarget::AddMember { case_id, member } => {
            let key = cx.idempotency_key();
            vec![
                Effect::Write(PendingWrite {
                    key,
                    op: WriteOp::AddMember { case_id, member },
                }),
                cx.toast(Level::Info, Notice::WritesQueued(1)),
            ]
        }
        PickTarget::RemoveMember { case_id, member } => {
            cx.overlays
                .push(Overlay::Confirm(Confirm::RemoveMember { case_id, member }));
            vec![]
        }
        _ => vec![],
    }
}

/// The supervisor said yes to removing a member.
pub fn confirmed_remove(cx: &mut Shell, case_id: String, member: CaseMember) -> Vec<Effect> {
    let key = cx.idempotency_key();
    vec![
        Effect::Write(PendingWrite {
            key,
            op: WriteOp::RemoveMember { case_id, member },
        }),
        cx.toast(Level::Info, Notice::WritesQueued(1)),
    ]
}

/// The server took a member change: the list and the open case show the case as it now is.
pub fn on_written(p: &mut CasesState, cx: &mut Shell, case: Case, member: CaseMember, added: bool) -> Vec<Effect> {
    cases::replace_row(p, &case);
    if let Some(d) = p.detail.as_mut().filter(|d| d.case.id == case.id) {
        d.case = case.clone();
    }
    let (who, id) = (label(&member), case.id);
    let n = if added {
        MemberNotice::Added(who, id)
    } else {
        MemberNotice::Removed(who, id)
    };
    vec![notice(cx, Level::Ok, n)]
}

#[cfg(test)]
#[path = "members_tests.rs"]
mod tests;
