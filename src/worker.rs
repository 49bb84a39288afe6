//! Performs the `Effect`s that `update` asks for, on tokio, with the Slack
//! client, and reports back as `Msg`s on the loop's one channel: list pages
//! as they arrive, decision outcomes, and the client's own events (rate
//! limit waits, retries) so the screen can say why nothing moves.
//!
//! The channel is bounded ([`CHANNEL`]): a list fetched faster than the
//! loop takes its pages waits, instead of piling up pages of full wire
//! structs in memory.

use futures::{Stream, StreamExt};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc::Sender;
use tokio::task::JoinSet;

use crate::app::{Effect, ListItems, ListKind, Msg};
use crate::cache::Cache;
use crate::slack::{
    ApprovalMessage, Page, RequestApproval, RequestFilter, SlackClient, SlackError,
};

/// Messages the worker may have waiting for the loop.
pub const CHANNEL: usize = 2;

pub struct Worker {
    client: SlackClient,
    tx: Sender<Msg>,
    /// Where lists are saved for the next start, when anywhere.
    cache: Option<Cache>,
    /// Every task we started; dropping the worker stops them.
    tasks: JoinSet<()>,
}

impl Worker {
    /// A worker sending to `tx`; it also forwards the client's events.
    pub fn new(client: SlackClient, tx: Sender<Msg>) -> Worker {
        let mut tasks = JoinSet::new();
        let mut events = client.events();
        let events_tx = tx.clone();
        tasks.spawn(async move {
            loop {
                match events.recv().await {
                    Ok(event) => {
                        if events_tx.send(Msg::Client(event)).await.is_err() {
                            return;
                        }
                    }
                    // Missing a few "waiting" notes is harmless; the next one comes.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return,
                }
            }
        });
        Worker {
            client,
            tx,
            cache: None,
            tasks,
        }
    }

    /// Read and save lists in `cache` (`Effect::ReadCache`, `Effect::SaveCache`).
    pub fn with_cache(mut self, cache: Option<Cache>) -> Worker {
        self.cache = cache;
        self
    }

    /// Start performing `effect` in the background. `Quit` is the loop's business.
    pub fn run(&mut self, effect: Effect) {
        let client = self.client.clone();
        let tx = self.tx.clone();
        // Finished tasks are reaped here so the set does not grow forever.
        while self.tasks.try_join_next().is_some() {}
        match effect {
            Effect::Quit => {}
            Effect::AuthTest => {
                self.tasks.spawn(async move {
                    let msg = match client.auth_test().await {
                        Ok(auth) => Msg::AuthLoaded(auth),
                        Err(error) => Msg::AuthFailed(error),
                    };
                    let _ = tx.send(msg).await;
                });
            }
            Effect::Load(kind) => {
                self.tasks.spawn(load(client, kind, tx));
            }
            Effect::ReadCache(kind) => {
                let Some(cache) = self.cache.clone() else {
                    return;
                };
                self.tasks.spawn(async move {
                    let read = tokio::task::spawn_blocking(move || cache.load(kind)).await;
                    match read {
                        Ok(Ok(Some(list))) => {
                            let _ = tx.send(Msg::CacheLoaded(list)).await;
                        }
                        Ok(Ok(None)) => {}
                        Ok(Err(error)) => tracing::warn!(%error, "could not read the cache"),
                        Err(error) => tracing::warn!(%error, "the cache reader stopped"),
                    }
                });
            }
            Effect::SaveCache(snapshot) => {
                let Some(cache) = self.cache.clone() else {
                    return;
                };
                self.tasks.spawn(async move {
                    let saved = tokio::task::spawn_blocking(move || cache.save(&snapshot)).await;
                    if let Ok(Err(error)) = saved {
                        tracing::warn!(%error, "could not save the cache");
                    }
                });
            }
            write => {
                let Some(decision) = write.decision() else {
                    return;
                };
                self.tasks.spawn(async move {
                    let msg = match perform_write(&client, write).await {
                        Ok(()) => Msg::ActionDone { decision },
                        Err(error) => Msg::ActionFailed { decision, error },
                    };
                    let _ = tx.send(msg).await;
                });
            }
        }
    }
}

/// Stream one list, sending each page as it arrives; stop at the first error.
async fn load(client: SlackClient, kind: ListKind, tx: Sender<Msg>) {
    match kind {
        ListKind::Invites => forward(client.invites(), kind, ListItems::Invites, &tx).await,
        ListKind::Requests => {
            forward(
                client.invite_requests(RequestFilter::default()),
                kind,
                ListItems::Requests,
                &tx,
            )
            .await
        }
        ListKind::Orgs => forward(client.external_orgs(), kind, ListItems::Orgs, &tx).await,
        ListKind::Channels => {
            forward(client.shared_channels(), kind, ListItems::Channels, &tx).await
        }
    }
}

async fn forward<T, S>(
    mut pages: S,
    kind: ListKind,
    wrap: fn(Vec<T>) -> ListItems,
    tx: &Sender<Msg>,
) where
    S: Stream<Item = Result<Page<T>, SlackError>> + Unpin,
{
    let mut finished = false;
    while let Some(page) = pages.next().await {
        let msg = match page {
            Ok(page) => {
                finished = page.is_last;
                Msg::PageLoaded {
                    items: wrap(page.items),
                    total: page.total,
                    is_last: page.is_last,
                }
            }
            Err(error) => {
                finished = true;
                Msg::LoadFailed { list: kind, error }
            }
        };
        if tx.send(msg).await.is_err() || finished {
            return;
        }
    }
    if !finished {
        // The stream ended without saying "last page": the list is complete.
        let _ = tx
            .send(Msg::PageLoaded {
                items: wrap(Vec::new()),
                total: None,
                is_last: true,
            })
            .await;
    }
}

/// The one call a decision makes. The client never sends a write twice
/// and retries only when Slack certainly did not apply it.
async fn perform_write(client: &SlackClient, write: Effect) -> Result<(), SlackError> {
    match write {
        Effect::ApproveInvite {
            invite_id,
            target_team,
            ..
        } => {
            client
                .approve_invite(&invite_id, target_team.as_deref())
                .await
        }
        Effect::DeclineInvite {
            invite_id,
            target_team,
            ..
        } => {
            client
                .decline_invite(&invite_id, target_team.as_deref())
                .await
        }
        Effect::ApproveRequest {
            invite_id,
            is_external_limited,
            message,
            ..
        } => {
            let approval = RequestApproval {
                is_external_limited,
                channel_id: None,
                // Added to the requester's own text, never replacing it.
                message: message.map(|text| ApprovalMessage {
                    text,
                    is_override: false,
                }),
            };
            client
                .approve_request(&invite_id, &approval)
                .await
                .map(|_| ())
        }
        Effect::DenyRequest {
            invite_id, message, ..
        } => client.deny_request(&invite_id, message.as_deref()).await,
        Effect::DisconnectChannel {
            channel_id,
            leaving_team,
            ..
        } => {
            client
                .disconnect_channel(&channel_id, leaving_team.as_deref())
                .await
        }
        Effect::DisconnectOrg { team_id, .. } => client.disconnect_org(&team_id).await,
        Effect::AuthTest
        | Effect::Load(_)
        | Effect::ReadCache(_)
        | Effect::SaveCache(_)
        | Effect::Quit => Ok(()),
    }
}
