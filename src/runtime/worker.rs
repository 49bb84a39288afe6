//! Performs the `Effect`s that `update` asks for, on tokio, with the Slack
//! client, and reports back as `Msg`s on the loop's one channel: list pages
//! as they arrive, decision outcomes, and the client's own events (rate
//! limit waits, retries) so the screen can say why nothing moves.
//!
//! Every write is journaled: `queued` (the [`Effect::Journal`] before it),
//! then `sent` and its outcome by [`crate::decision::send`], the path the
//! CLI takes too. Once a journal write failed, nothing more is sent.
//!
//! The channel is bounded ([`CHANNEL`]): a list fetched faster than the
//! loop takes its pages waits, instead of piling up pages of full wire
//! structs in memory.

use std::collections::HashMap;
use std::sync::Arc;

use futures::{Stream, StreamExt};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc::Sender;
use tokio::task::JoinSet;

use crate::app::flow::verdict::RequestState;
use crate::app::{Effect, ListItems, Msg};
use crate::cache::{Cache, CachedList};
use crate::decision::DecisionId;
use crate::decision::send::{NotSent, send};
use crate::journal::{Journal, JournalRecord};
use crate::model::ListKind;
use crate::runtime::workspaces;
use crate::slack::{Page, RequestFilter, SlackClient, SlackError, WriteCall};

/// Rows of the disk cache sent to the loop at a time.
const CACHE_CHUNK: usize = 2000;

/// Messages the worker may have waiting for the loop.
pub const CHANNEL: usize = 1;

/// Where "now" comes from for journal records (a fixed instant in tests).
pub type Now = Arc<dyn Fn() -> i64 + Send + Sync>;

pub struct Worker {
    client: SlackClient,
    tx: Sender<Msg>,
    /// Where lists are saved for the next start, when anywhere.
    cache: Option<Cache>,
    /// Every task we started; dropping the worker stops them.
    tasks: JoinSet<()>,
    journal: Option<Journal>,
    now: Now,
    /// Why the journal cannot be written, once a write failed: nothing
    /// more is sent from then on.
    journal_broken: Option<String>,
    /// An org-wide token's workspaces, found on the first load that needs them.
    workspaces: workspaces::Scope,
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
            journal: None,
            now: Arc::new(|| 0),
            journal_broken: None,
            workspaces: workspaces::Scope::default(),
        }
    }

    /// Read and save lists in `cache` (`Effect::ReadCache`, `Effect::SaveCache`).
    pub fn with_cache(mut self, cache: Option<Cache>) -> Worker {
        self.cache = cache;
        self
    }

    /// Journal every decision in `journal`, with times from `now`.
    pub fn with_journal(mut self, journal: Journal, now: Now) -> Worker {
        self.journal = Some(journal);
        self.now = now;
        self
    }

    /// Stop every task still running (their decisions stay open in the
    /// journal and are closed as unknown by the caller).
    pub fn abort_all(&mut self) {
        self.tasks.abort_all();
    }

    /// Keep live updates (Socket Mode) going with `client`, which holds the
    /// app-level token; what they bring arrives as `Msg::Live` and
    /// `Msg::LiveStatus` like every other source.
    pub fn start_live(
        &mut self,
        client: SlackClient,
        options: crate::slack::socket::SocketOptions,
    ) {
        use crate::slack::socket::{self, LiveOutput};
        let (out, mut outputs) = tokio::sync::mpsc::channel(16);
        self.tasks.spawn(socket::run(client, options, out));
        let tx = self.tx.clone();
        self.tasks.spawn(async move {
            while let Some(output) = outputs.recv().await {
                let msg = match output {
                    LiveOutput::Status(status) => Msg::LiveStatus(status),
                    LiveOutput::Event(event) => Msg::Live(event),
                };
                if tx.send(msg).await.is_err() {
                    return;
                }
            }
        });
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
                let scope = self.workspaces.clone();
                self.tasks.spawn(async move {
                    // The sign-in check and the workspaces, said once.
                    workspaces::workspaces(&scope, &client, &tx).await;
                });
            }
            Effect::Load(kind) => {
                let scope = self.workspaces.clone();
                self.tasks.spawn(async move {
                    let teams = match kind {
                        ListKind::Invites | ListKind::Requests => {
                            workspaces::workspaces(&scope, &client, &tx).await
                        }
                        ListKind::Orgs | ListKind::Channels => Vec::new(),
                    };
                    if teams.is_empty() {
                        load(client, kind, tx).await;
                    } else {
                        workspaces::load_merged(client, kind, teams, tx).await;
                    }
                });
            }
            Effect::ReadCache(kind) => {
                let cache = self.cache.clone();
                self.tasks.spawn(async move {
                    // Chunks go to the loop as they are read: a big list
                    // never sits in memory twice.
                    let chunks = tx.clone();
                    let read = tokio::task::spawn_blocking(move || match cache {
                        Some(cache) => cache.load_in_chunks(kind, CACHE_CHUNK, &mut |list| {
                            let _ = chunks.blocking_send(Msg::CacheLoaded(list));
                        }),
                        None => Ok(0),
                    })
                    .await;
                    match read {
                        Ok(Ok(_)) => {}
                        Ok(Err(error)) => {
                            tracing::warn!(%error, "could not read the cache");
                            let _ = tx.send(Msg::CacheProblem(format!("{error:#}"))).await;
                        }
                        Err(error) => tracing::warn!(%error, "the cache reader stopped"),
                    }
                    // Whatever happened, the fresh load may start now.
                    let _ = tx.send(Msg::CacheLoaded(CachedList::end(kind))).await;
                });
            }
            Effect::SaveCache(snapshot) => {
                let Some(cache) = self.cache.clone() else {
                    return;
                };
                self.tasks.spawn(async move {
                    let saved = tokio::task::spawn_blocking(move || {
                        let saved = cache.save(&snapshot);
                        // Its chunks and the packer's buffers, freed on this thread.
                        drop(snapshot);
                        crate::runtime::memory::return_freed();
                        saved
                    })
                    .await;
                    if let Ok(Err(error)) = saved {
                        tracing::warn!(%error, "could not save the cache");
                        let _ = tx.send(Msg::CacheProblem(format!("{error:#}"))).await;
                    }
                });
            }
            Effect::Journal(records) => self.journal_now(&records),
            Effect::Send {
                decision,
                record,
                call,
            } => self.send(decision, *record, call),
            Effect::CheckRequests => {
                self.tasks.spawn(async move {
                    let _ = tx
                        .send(Msg::RequestStatuses(request_statuses(&client).await))
                        .await;
                });
            }
            Effect::LookupContact(email) => {
                self.tasks.spawn(async move {
                    let result = client.is_discoverable(&email).await;
                    let _ = tx.send(Msg::ContactLooked { email, result }).await;
                });
            }
            Effect::ReadJournal => {
                let path = self.journal.as_ref().map(Journal::path);
                self.tasks.spawn(async move {
                    let read = tokio::task::spawn_blocking(move || match path {
                        Some(path) => Journal::read_all(&path).map_err(|e| format!("{e:#}")),
                        None => Err("this session keeps no journal".to_owned()),
                    })
                    .await
                    .unwrap_or_else(|e| Err(e.to_string()));
                    let _ = tx.send(Msg::JournalRead(read)).await;
                });
            }
        }
    }

    /// Append records now, before any later effect runs.
    fn journal_now(&mut self, records: &[JournalRecord]) {
        let Some(journal) = &self.journal else {
            return;
        };
        if let Err(error) = journal.record_all(records) {
            tracing::error!(error = %error, "the decision journal cannot be written");
            self.journal_broken = Some(error.to_string());
        }
    }

    fn send(&mut self, decision: DecisionId, record: JournalRecord, call: WriteCall) {
        let tx = self.tx.clone();
        if let Some(reason) = self.journal_broken.clone() {
            self.tasks.spawn(async move {
                let _ = tx.send(Msg::NotSent { decision, reason }).await;
            });
            return;
        }
        let client = self.client.clone();
        let journal = self.journal.clone();
        let now = self.now.clone();
        self.tasks.spawn(async move {
            let msg = match send(&client, journal.as_ref(), &record, &call, || now()).await {
                Err(NotSent(reason)) => Msg::NotSent { decision, reason },
                Ok(Ok(())) => Msg::ActionDone { decision },
                Ok(Err(error)) => Msg::ActionFailed { decision, error },
            };
            let _ = tx.send(msg).await;
        });
    }
}

/// Every request's status, told apart by listing with and without the
/// `include_*` flags (the wire shape has no status field).
async fn request_statuses(
    client: &SlackClient,
) -> Result<HashMap<String, RequestState>, SlackError> {
    let mut statuses = HashMap::new();
    // Pending last, so it wins: it is listed by every query.
    for (state, filter) in RequestState::listings().into_iter().rev() {
        let mut pages = client.invite_requests(filter);
        while let Some(page) = pages.next().await {
            for request in page?.items {
                statuses.insert(request.id, state);
            }
        }
    }
    Ok(statuses)
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
                if !page.skipped.is_empty() {
                    let skipped = Msg::ItemsSkipped {
                        list: kind,
                        skipped: page.skipped,
                    };
                    if tx.send(skipped).await.is_err() {
                        return;
                    }
                }
                Msg::PageLoaded {
                    items: wrap(page.items),
                    total: page.total,
                    is_last: page.is_last,
                    workspace: None,
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
                workspace: None,
            })
            .await;
    }
}
