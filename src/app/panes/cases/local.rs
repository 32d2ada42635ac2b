//! The Cases pane's local I/O: effects on the console's SQLite file (drafts, notes seen) and
//! their replies. The runtime hands these effects here, so the shared runtime only routes them.

use std::collections::BTreeMap;
use std::sync::Arc;

use tokio::sync::mpsc;

use super::CasesState;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::panes::cases::drafts::Draft;
use crate::app::reply::Reply;
use crate::app::state::Shell;
use crate::app::store::Store;

/// What the console remembered locally, applied before the first frame: notes already seen
/// and drafts to offer back.
pub fn from_store(
    p: &mut CasesState,
    seen: BTreeMap<String, u32>,
    drafts: BTreeMap<String, Draft>,
) {
    p.seen = seen;
    p.drafts = drafts;
}

/// At start: says how many unsent drafts were kept (each is offered back by `n` in its case).
pub fn offer_drafts(p: &CasesState, cx: &mut Shell) -> Vec<Effect> {
    match super::drafts::recoverable(&p.drafts).len() {
        0 => vec![],
        n => vec![cx.toast(
            crate::app::state::Level::Info,
            crate::app::state::Notice::from(super::CaseNotice::DraftsWaiting(n)),
        )],
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum LocalEffect {
    SaveDraft(Draft),
    DeleteDraft(String),
    /// `count` notes of the case were shown.
    MarkSeen {
        case_id: String,
        count: u32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum LocalReply {
    /// A draft write or delete for this case finished (successfully or not: the next one retries).
    DraftStored(String),
}

/// Runs a local effect off the UI thread.
/// Runs `e` on this thread, before returning: the last draft save when the console is told to
/// go (a signal), when there is no later turn of the loop to hear back from a task.
pub fn execute_now(store: &Store, e: &LocalEffect) -> anyhow::Result<()> {
    match e {
        LocalEffect::SaveDraft(d) => store.save_draft(d),
        LocalEffect::DeleteDraft(id) => store.delete_draft(id),
        LocalEffect::MarkSeen { case_id, count } => store.mark_seen(case_id, *count),
    }
}

pub fn execute(store: &Arc<Store>, tx: &mpsc::UnboundedSender<Action>, e: LocalEffect) {
    let (store, tx) = (store.clone(), tx.clone());
    tokio::task::spawn_blocking(move || {
        let (r, done) = match &e {
            LocalEffect::SaveDraft(d) => (store.save_draft(d), Some(d.case_id.clone())),
            LocalEffect::DeleteDraft(id) => (store.delete_draft(id), Some(id.clone())),
            LocalEffect::MarkSeen { case_id, count } => (store.mark_seen(case_id, *count), None),
        };
        if let Err(err) = r {
            tracing::error!("local case store: {err:#}");
        }
        if let Some(id) = done {
            let _ = tx.send(Action::Reply(Box::new(Reply::Local(
                LocalReply::DraftStored(id),
            ))));
        }
    });
}

pub fn on_reply(p: &mut CasesState, cx: &mut Shell, r: LocalReply) -> Vec<Effect> {
    match r {
        LocalReply::DraftStored(case_id) => {
            let now = cx.now;
            match p.editor.as_mut().filter(|e| e.case_id == case_id) {
                Some(e) => e.saved(now).map(Effect::Local).into_iter().collect(),
                None => vec![],
            }
        }
    }
}
