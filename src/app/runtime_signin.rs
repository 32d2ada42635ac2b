//! The effects of the sign-in gate (banner, sign-in, sign-out), run in tasks: by the runtime
//! after the idle lock, and on their own before the first sign-in, when the console has no
//! store, outbox or change stream yet.

use std::sync::Arc;

use tokio::sync::mpsc;

use super::action::Action;
use super::backend::Backend;
use super::effect::Effect;
use super::kept_session::Keeper;
use super::reply::Reply;
use super::runtime::send;
use super::signin::{SignInFailure, SignedIn};

/// Signs in and keeps the new session for the next start (a failure to keep it is logged: the
/// session works all the same).
pub(super) async fn sign_in<B: Backend>(
    backend: &B,
    body: crate::model::NewSession,
    keeper: Option<&Keeper>,
) -> Result<SignedIn, SignInFailure> {
    let user = body.user.clone();
    let session = backend.sign_in(body).await?;
    if let Some(k) = keeper
        && let Err(e) = k.keep(&user, &session)
    {
        tracing::warn!("cannot keep the session for the next start: {e:#}");
    }
    Ok(SignedIn { user, session })
}

/// Runs one effect of the sign-in gate (banner, sign-in, sign-out) in a task, with no runtime
/// around it: the console before its first sign-in has no store and no outbox yet. A new
/// session is kept by `keeper`.
pub fn spawn_gate<B: Backend>(
    backend: &B,
    tx: &mpsc::UnboundedSender<Action>,
    effect: Effect,
    keeper: Option<Arc<Keeper>>,
) {
    let (backend, tx) = (backend.clone(), tx.clone());
    match effect {
        Effect::FetchBanner(lang) => {
            tokio::spawn(async move {
                let r = backend.banner(lang.code()).await;
                send(&tx, Reply::Banner(r));
            });
        }
        Effect::SignIn(body) => {
            tokio::spawn(async move {
                let r = sign_in(&backend, body, keeper.as_deref()).await;
                send(&tx, Reply::SignedIn(r));
            });
        }
        Effect::SignOut => {
            tokio::spawn(async move {
                // The server ends an idle session by itself anyway; this only makes it sooner.
                if let Err(e) = backend.sign_out().await {
                    tracing::info!("signing out at the lock: {e}");
                }
            });
        }
        other => tracing::warn!("not a sign-in effect: {other:?}"),
    }
}
