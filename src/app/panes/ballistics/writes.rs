//! Decisions on ballistic leads: confirm a hit, exclude, or call it inconclusive, each with a
//! comment. They go through the durable outbox with an idempotency key like every other write,
//! so a decision made offline is kept and delivered once; `--read-only` refuses them here.
//!
//! Only an examiner may confirm: the server enforces it (403), and the console says so at once
//! when it already knows the signed-in role, so nobody types a comment that will be refused.

use crate::model::{Decision, Lead, LeadDecision, Role};

use crate::app::action::Action;
use crate::app::backend::{FetchError, FetchErrorKind};
use crate::app::effect::{Effect, PendingWrite, Request, Slot, WriteOp};
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::panes::ballistics::{BalNotice, replace_lead};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, State};

fn decision_of(action: &Action) -> Option<Decision> {
    match action {
        Action::ConfirmHit => Some(Decision::Confirm),
        Action::ExcludeLead => Some(Decision::Exclude),
        Action::InconclusiveLead => Some(Decision::Inconclusive),
        _ => None,
    }
}

fn examiner_only(s: &mut State) -> Vec<Effect> {
    vec![s.toast(Level::Error, Notice::Ballistics(BalNotice::ExaminerOnly))]
}

/// A decision key: checks what can be checked here, then asks for the comment.
pub fn decide(s: &mut State, action: &Action) -> Vec<Effect> {
    let Some(decision) = decision_of(action) else {
        return vec![];
    };
    if s.read_only {
        return vec![s.toast(Level::Error, Notice::ReadOnly)];
    }
    let Some(id) = s.ballistics.current().map(|l| l.id.clone()) else {
        return vec![s.toast(Level::Info, Notice::NothingSelected)];
    };
    let role = s.session.user.as_ref().map(|u| u.role);
    if decision == Decision::Confirm && role.is_some_and(|r| r != Role::Examiner) {
        return examiner_only(s);
    }
    s.ballistics.deciding = Some((id, decision));
    s.overlays.push(Overlay::Prompt(Prompt {
        purpose: PromptFor::LeadComment,
        input: String::new(),
    }));
    vec![]
}

/// The comment was entered: the decision is shown at once and queued for the server.
pub fn commented(s: &mut State, comment: String) -> Vec<Effect> {
    let Some((id, decision)) = s.ballistics.deciding.take() else {
        return vec![];
    };
    let key = s.idempotency_key();
    s.ballistics
        .sent
        .insert(key.clone(), (id.clone(), decision));
    let optimistic = s
        .ballistics
        .rows
        .iter()
        .chain(s.ballistics.detail.iter().map(|d| &d.lead))
        .find(|l| l.id == id)
        .cloned();
    if let Some(mut l) = optimistic {
        l.status = decision.status();
        l.comment = (!comment.is_empty()).then(|| comment.clone());
        replace_lead(s, &l);
    }
    let op = WriteOp::DecideLead {
        id: id.clone(),
        decision: LeadDecision {
            decision,
            comment: (!comment.is_empty()).then_some(comment),
        },
    };
    vec![
        Effect::Write(PendingWrite { key, op }),
        s.toast(
            Level::Info,
            Notice::Ballistics(BalNotice::DecisionQueued(id)),
        ),
    ]
}

/// Whether a delivered write is a lead decision this pane answers for: one it sent, or (after
/// a restart, when the key is forgotten) one the server answered with a lead.
pub fn owns(s: &State, key: &str, result: &Result<Data, FetchError>) -> bool {
    s.ballistics.sent.contains_key(key) || matches!(result, Ok(Data::Lead(_)))
}

/// The server's answer to a decision.
pub fn on_wrote(s: &mut State, key: &str, result: Result<Data, FetchError>) -> Vec<Effect> {
    let sent = s.ballistics.sent.remove(key);
    match result {
        Ok(Data::Lead(l)) => decided(s, l),
        Ok(_) => vec![],
        Err(e) => {
            let confirm = sent.as_ref().is_some_and(|(_, d)| *d == Decision::Confirm);
            let mut fx = if e.kind == FetchErrorKind::Forbidden && confirm {
                examiner_only(s)
            } else {
                vec![s.toast(Level::Error, Notice::WriteRefused(e.message))]
            };
            // The decision was shown before it was sent: fetch the lead as it really is.
            if let Some((id, _)) = sent {
                fx.push(s.fetch(Slot::LeadDetail, Request::Lead(id)));
            }
            fx
        }
    }
}

fn decided(s: &mut State, l: Lead) -> Vec<Effect> {
    s.session.last_sync = Some(s.now);
    replace_lead(s, &l);
    let n = BalNotice::Decided(l.id.clone(), l.status);
    vec![s.toast(Level::Ok, Notice::Ballistics(n))]
}
