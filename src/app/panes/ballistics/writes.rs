//! Decisions on ballistic leads: confirm a hit, exclude, or call it inconclusive, each with a
//! comment. They go through the durable outbox with an idempotency key like every other write,
//! so a decision made offline is kept and delivered once; `--read-only` refuses them here.
//!
//! Only an examiner may confirm: the server enforces it (403), and the console says so at once
//! when it already knows the signed-in role, so nobody types a comment that will be refused.

use crate::model::{Decision, Lead, LeadDecision, Role};

use crate::app::action::Action;
use crate::app::backend::{FetchError, FetchErrorKind};
use crate::app::effect::{Effect, PendingWrite, Request, WriteOp};
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::panes::ballistics::{BalNotice, BallisticsState, DETAIL, replace_lead, review};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Refusal, Shell};

fn decision_of(action: &Action) -> Option<Decision> {
    match action {
        Action::ConfirmHit => Some(Decision::Confirm),
        Action::ExcludeLead => Some(Decision::Exclude),
        Action::InconclusiveLead => Some(Decision::Inconclusive),
        _ => None,
    }
}

fn examiner_only(cx: &mut Shell) -> Vec<Effect> {
    vec![cx.toast(Level::Error, Notice::from(BalNotice::ExaminerOnly))]
}

/// A decision key: checks what can be checked here, then asks for the comment.
pub fn decide(p: &mut BallisticsState, cx: &mut Shell, action: &Action) -> Vec<Effect> {
    let Some(decision) = decision_of(action) else {
        return vec![];
    };
    if let Some(fx) = cx.refuse_read_only() {
        return fx;
    }
    let Some(id) = p.current().map(|l| l.id.clone()) else {
        return vec![cx.toast(Level::Info, Notice::NothingSelected)];
    };
    let role = cx.session.user.as_ref().map(|u| u.role);
    if decision == Decision::Confirm && role.is_some_and(|r| r != Role::Examiner) {
        return examiner_only(cx);
    }
    p.deciding = Some((id, decision));
    cx.overlays.push(Overlay::Prompt(Prompt {
        purpose: PromptFor::LeadComment,
        input: String::new(),
    }));
    vec![]
}

/// The comment was entered: the decision is shown at once and queued for the server.
pub fn commented(p: &mut BallisticsState, cx: &mut Shell, comment: String) -> Vec<Effect> {
    let Some((id, decision)) = p.deciding.take() else {
        return vec![];
    };
    let key = cx.idempotency_key();
    p.sent.insert(key.clone(), (id.clone(), decision));
    let optimistic = p
        .rows
        .iter()
        .chain(p.detail.iter().map(|d| &d.lead))
        .find(|l| l.id == id)
        .cloned();
    if let Some(mut l) = optimistic {
        l.status = decision.status();
        l.comment = (!comment.is_empty()).then(|| comment.clone());
        replace_lead(p, &l);
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
        cx.toast(Level::Info, Notice::from(BalNotice::DecisionQueued(id))),
    ]
}

/// A write this pane sent was delivered (or refused): a mark from a correlation list, or a
/// decision. `None` when the write is another pane's.
pub fn delivered(
    p: &mut BallisticsState,
    cx: &mut Shell,
    key: &str,
    result: &Result<Data, FetchError>,
) -> Option<Vec<Effect>> {
    if p.marks.remove(key).is_some() {
        let r = match result.clone() {
            Ok(Data::Lead(l)) => Ok(l),
            Ok(_) => return Some(vec![]),
            Err(e) => Err(e),
        };
        return Some(review::marked(p, cx, r));
    }
    owns(p, key, result).then(|| on_wrote(p, cx, key, result.clone()))
}

/// The comment prompt was answered: for the mark waiting for it, else for the decision.
pub fn comment_entered(p: &mut BallisticsState, cx: &mut Shell, text: String) -> Vec<Effect> {
    if p.marking.is_some() {
        review::commented(p, cx, text)
    } else {
        commented(p, cx, text)
    }
}

/// Whether a delivered write is a lead decision this pane answers for: one it sent, or (after
/// a restart, when the key is forgotten) one the server answered with a lead.
pub fn owns(p: &BallisticsState, key: &str, result: &Result<Data, FetchError>) -> bool {
    p.sent.contains_key(key) || matches!(result, Ok(Data::Lead(_)))
}

/// The server's answer to a decision.
pub fn on_wrote(
    p: &mut BallisticsState,
    cx: &mut Shell,
    key: &str,
    result: Result<Data, FetchError>,
) -> Vec<Effect> {
    let sent = p.sent.remove(key);
    match result {
        Ok(Data::Lead(l)) => decided(p, cx, l),
        Ok(_) => vec![],
        Err(e) => {
            let confirm = sent.as_ref().is_some_and(|(_, d)| *d == Decision::Confirm);
            let mut fx = if e.kind == FetchErrorKind::Forbidden && confirm {
                examiner_only(cx)
            } else {
                vec![cx.toast(Level::Error, Notice::WriteRefused(Refusal::of(&e)))]
            };
            // The decision was shown before it was sent: fetch the lead as it really is.
            if let Some((id, _)) = sent {
                fx.push(cx.fetch(DETAIL, Request::Lead(id)));
            }
            fx
        }
    }
}

fn decided(p: &mut BallisticsState, cx: &mut Shell, l: Lead) -> Vec<Effect> {
    cx.session.last_sync = Some(cx.now);
    replace_lead(p, &l);
    let n = BalNotice::Decided(l.id.clone(), l.status);
    vec![cx.toast(Level::Ok, Notice::from(n))]
}
