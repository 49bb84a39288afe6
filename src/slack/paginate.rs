//! Cursor pagination, with each method's own quirks (API doc §1.5).
//!
//! A list runs as a spawned producer feeding a small channel. As soon as a
//! page's envelope has been read (cheap) its cursor is known, so the request
//! for the next page goes out while the page itself is decoded (expensive)
//! on a blocking thread. The consumer gets pages in order, each as soon as it
//! is decoded; the producer stays at most [`PREFETCH`] pages ahead and stops
//! when the stream is dropped.

use futures::StreamExt;
use futures::stream::{self, BoxStream};
use serde::de::DeserializeOwned;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::client::{CallKind, SlackClient};
use super::envelope::Head;
use super::error::SlackError;
use super::models::{ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};
use super::responses::{
    ConversationsList, ConversationsSearch, ExternalTeamsList, ListConnectInvites,
    RequestSharedInviteList,
};

/// One page of a list, delivered as soon as it arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items the whole list holds, when the method says.
    pub total: Option<u64>,
    /// No page follows.
    pub is_last: bool,
}

/// The pages of a list in order. An error ends the stream (after the client's retries).
pub type PageStream<T> = BoxStream<'static, Result<Page<T>, SlackError>>;

/// Pages fetched ahead of the consumer: enough to overlap a page's decoding
/// with the next request, few enough that a slow screen does not make the
/// client hoard a large org in memory.
const PREFETCH: usize = 2;

/// Where a method puts the cursor of the next page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CursorAt {
    /// `response_metadata.next_cursor`: every method but one.
    Metadata,
    /// Top-level `next_cursor`: admin.conversations.search.
    TopLevel,
}

/// How one list method pages.
#[derive(Debug, Clone)]
pub(crate) struct ListSpec {
    pub method: &'static str,
    /// `count` for listConnectInvites, `limit` elsewhere.
    pub size_arg: &'static str,
    /// Always the method's maximum: fewer calls against tight rate limits.
    pub page_size: u32,
    pub cursor_at: CursorAt,
    /// Arguments sent with every page.
    pub args: Vec<(&'static str, String)>,
}

/// A list method's answer, reduced to its items.
pub(crate) trait ListResponse: DeserializeOwned + Send + 'static {
    type Item: Send + 'static;
    fn into_items(self) -> Vec<Self::Item>;
}

impl ListResponse for ListConnectInvites {
    type Item = ConnectInvite;
    fn into_items(self) -> Vec<ConnectInvite> {
        self.invites
    }
}

impl ListResponse for RequestSharedInviteList {
    type Item = InviteRequest;
    fn into_items(self) -> Vec<InviteRequest> {
        self.invite_requests
    }
}

impl ListResponse for ExternalTeamsList {
    type Item = ExternalOrg;
    fn into_items(self) -> Vec<ExternalOrg> {
        self.organizations
    }
}

impl ListResponse for ConversationsSearch {
    type Item = SharedChannel;
    fn into_items(self) -> Vec<SharedChannel> {
        self.conversations
    }
}

impl ListResponse for ConversationsList {
    type Item = SharedChannel;
    fn into_items(self) -> Vec<SharedChannel> {
        self.channels
    }
}

/// A page on its way to the consumer.
pub(crate) enum Pending<T> {
    Failed(SlackError),
    Decoding {
        job: JoinHandle<Result<Vec<T>, SlackError>>,
        total: Option<u64>,
        is_last: bool,
    },
}

impl<T> Pending<T> {
    async fn resolve(self) -> Result<Page<T>, SlackError> {
        match self {
            Pending::Failed(error) => Err(error),
            Pending::Decoding {
                job,
                total,
                is_last,
            } => match job.await {
                Ok(items) => Ok(Page {
                    items: items?,
                    total,
                    is_last,
                }),
                Err(join) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
                // Only at runtime shutdown, when nobody waits for the page anyway.
                Err(_) => Err(SlackError::Transport {
                    method: "page decoding",
                    kind: super::error::TransportKind::Other,
                    message: "cancelled while shutting down".to_owned(),
                }),
            },
        }
    }
}

pub(crate) type Sender<T> = mpsc::Sender<Pending<T>>;

/// Run `produce` in a task, feeding the returned stream. Nothing starts
/// until the stream is first polled, so a stream can be made outside a runtime.
pub(crate) fn spawn_pages<T, F, Fut>(produce: F) -> PageStream<T>
where
    T: Send + 'static,
    F: FnOnce(Sender<T>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    enum State<T, F> {
        Start(F),
        Running(mpsc::Receiver<Pending<T>>),
    }
    stream::unfold(Some(State::Start(produce)), |state| async move {
        let mut rx = match state? {
            State::Start(produce) => {
                let (tx, rx) = mpsc::channel(PREFETCH);
                tokio::spawn(produce(tx));
                rx
            }
            State::Running(rx) => rx,
        };
        let page = rx.recv().await?.resolve().await;
        let more = matches!(&page, Ok(p) if !p.is_last);
        Some((page, more.then_some(State::Running(rx))))
    })
    .boxed()
}

/// How a producer ended.
pub(crate) enum Ended {
    /// Every page was sent, or the consumer went away.
    Done,
    /// The first page failed with one of the codes the caller asked to handle
    /// itself; nothing was sent.
    Refused(SlackError),
}

/// Fetch every page of `spec` into `tx`, keeping only items `keep` accepts.
pub(crate) async fn produce<R: ListResponse>(
    client: &SlackClient,
    spec: &ListSpec,
    tx: &Sender<R::Item>,
    refusals: &[&str],
    keep: Option<fn(&R::Item) -> bool>,
) -> Ended {
    let mut cursor: Option<String> = None;
    loop {
        let mut args = spec.args.clone();
        args.push((spec.size_arg, spec.page_size.to_string()));
        if let Some(c) = &cursor {
            args.push(("cursor", c.clone()));
        }
        let answer = tokio::select! {
            answer = client.call_raw(spec.method, &args, CallKind::Read) => answer,
            // Nobody is listening any more: stop, even mid-wait for the rate limit.
            _ = tx.closed() => return Ended::Done,
        };
        let (body, head) = match answer {
            Ok(answer) => answer,
            Err(SlackError::Api {
                code,
                detail,
                method,
            }) if cursor.is_none() && refusals.contains(&code.as_str()) => {
                return Ended::Refused(SlackError::Api {
                    method,
                    code,
                    detail,
                });
            }
            Err(error) => {
                let _ = tx.send(Pending::Failed(error)).await;
                return Ended::Done;
            }
        };
        let next = next_cursor(&head, spec.cursor_at);
        // A server that hands back the cursor it was given would page forever.
        if next.is_some() && next == cursor {
            let error = SlackError::Decode {
                method: spec.method,
                message: "the next cursor equals the current one".to_owned(),
                snippet: String::new(),
            };
            let _ = tx.send(Pending::Failed(error)).await;
            return Ended::Done;
        }
        let (decoder, method) = (client.clone(), spec.method);
        let job = tokio::task::spawn_blocking(move || {
            let mut items = decoder.decode_payload::<R>(method, &body)?.into_items();
            if let Some(keep) = keep {
                items.retain(keep);
            }
            Ok(items)
        });
        let pending = Pending::Decoding {
            job,
            total: head.total_count,
            is_last: next.is_none(),
        };
        if tx.send(pending).await.is_err() || next.is_none() {
            return Ended::Done;
        }
        cursor = next;
    }
}

fn next_cursor(head: &Head, at: CursorAt) -> Option<String> {
    match at {
        CursorAt::Metadata => head.metadata_cursor(),
        CursorAt::TopLevel => head.top_level_cursor(),
    }
    .map(str::to_owned)
}

/// Every page of `spec`.
pub(crate) fn paginate<R: ListResponse>(
    client: SlackClient,
    spec: ListSpec,
) -> PageStream<R::Item> {
    spawn_pages(move |tx| async move {
        produce::<R>(&client, &spec, &tx, &[], None).await;
    })
}
