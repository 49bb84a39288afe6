//! Cursor pagination, with each method's own quirks (API doc §1.5).
//!
//! A list runs as a spawned producer feeding a small channel. As soon as a
//! page's envelope has been read (cheap) its cursor is known, so the request
//! for the next page goes out while the page itself is decoded (expensive)
//! on a blocking thread. The consumer gets pages in order, each as soon as it
//! is decoded; the producer stays at most [`PREFETCH`] pages ahead and stops
//! when the stream is dropped.

use std::collections::HashSet;
use std::sync::Arc;

use futures::StreamExt;
use futures::stream::{self, BoxStream};
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;

use super::client::{CallKind, SlackClient};
use super::decode::{Decode, PageItems};
use super::envelope::Head;
use super::error::SlackError;
use super::raw::Skipped;

/// One page of a list, delivered as soon as it arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Elements of this page that could not be read, left out of `items`.
    pub skipped: Vec<Skipped>,
    /// How many items the whole list holds, when the method says.
    pub total: Option<u64>,
    /// No page follows.
    pub is_last: bool,
}

/// The pages of a list in order. An error ends the stream (after the client's retries).
pub type PageStream<T> = BoxStream<'static, Result<Page<T>, SlackError>>;

/// Empty pages in a row that still name a next page, before a listing is
/// given up. Slack may send a page with fewer items than asked, even none
/// (conversations.list skips archived channels after counting them), so a
/// few in a row are normal; this many is a server that will never finish.
pub const MAX_EMPTY_PAGES: u32 = 50;

/// Pages fetched ahead of the consumer: enough to overlap a page's decoding
/// with the next request, few enough that a slow screen does not make the
/// client hoard a large org in memory.
const PREFETCH: usize = 1;

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

/// A page on its way to the consumer.
pub(crate) enum Pending<T> {
    Failed(SlackError),
    Decoding {
        job: JoinHandle<Result<PageItems<T>, SlackError>>,
        method: &'static str,
        total: Option<u64>,
        is_last: bool,
    },
}

/// A page decoded, with how many items Slack sent in it.
struct Decoded<T> {
    page: Page<T>,
    method: &'static str,
    received: usize,
}

impl<T> Pending<T> {
    async fn resolve(self) -> Result<Decoded<T>, SlackError> {
        match self {
            Pending::Failed(error) => Err(error),
            Pending::Decoding {
                job,
                method,
                total,
                is_last,
            } => match job.await {
                Ok(decoded) => decoded.map(|decoded| Decoded {
                    page: Page {
                        items: decoded.items,
                        skipped: decoded.skipped,
                        total,
                        is_last,
                    },
                    method,
                    received: decoded.received,
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

/// Where a producer sends its pages.
pub(crate) struct Sender<T> {
    tx: mpsc::Sender<Pending<T>>,
    /// For a list read on demand: told each time the reader wants a page.
    demand: Option<Arc<Notify>>,
}

impl<T> Sender<T> {
    pub(crate) async fn send(&self, pending: Pending<T>) -> Result<(), ()> {
        self.tx.send(pending).await.map_err(drop)
    }

    /// The reader has gone.
    pub(crate) async fn closed(&self) {
        self.tx.closed().await
    }

    /// Whether to fetch the next page: at once when reading ahead; on
    /// demand, once the reader asks for it (false when it went away).
    async fn next_wanted(&self) -> bool {
        let Some(demand) = &self.demand else {
            return true;
        };
        tokio::select! {
            _ = demand.notified() => true,
            _ = self.tx.closed() => false,
        }
    }
}

/// Run `produce` in a task, feeding the returned stream. Nothing starts
/// until the stream is first polled, so a stream can be made outside a
/// runtime. `on_demand` fetches each next page only when the reader asks
/// for it, for a reader that may stop early (a lookup): no wait for the
/// rate limit starts, or is announced, for a page it will never read.
pub(crate) fn spawn_pages<T, F, Fut>(on_demand: bool, produce: F) -> PageStream<T>
where
    T: Send + 'static,
    F: FnOnce(Sender<T>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    enum State<T, F> {
        Start(F),
        /// Pages arriving, who to tell when the next is wanted, and how
        /// many empty ones in a row so far.
        Running(mpsc::Receiver<Pending<T>>, Option<Arc<Notify>>, u32),
    }
    stream::unfold(Some(State::Start(produce)), move |state| async move {
        let (mut rx, demand, empty) = match state? {
            State::Start(produce) => {
                let (tx, rx) = mpsc::channel(PREFETCH);
                let demand = on_demand.then(|| Arc::new(Notify::new()));
                let demand_tx = demand.clone();
                tokio::spawn(produce(Sender {
                    tx,
                    demand: demand_tx,
                }));
                (rx, demand, 0)
            }
            State::Running(rx, demand, empty) => {
                if let Some(demand) = &demand {
                    demand.notify_one();
                }
                (rx, demand, empty)
            }
        };
        let page = match rx.recv().await?.resolve().await {
            Ok(decoded) => decoded,
            Err(error) => return Some((Err(error), None)),
        };
        let empty = if page.received == 0 { empty + 1 } else { 0 };
        if empty >= MAX_EMPTY_PAGES && !page.page.is_last {
            // Dropping the receiver stops the producer.
            let error = SlackError::Paging {
                method: page.method,
                problem: format!(
                    "{MAX_EMPTY_PAGES} pages in a row held nothing yet each named a next page"
                ),
            };
            return Some((Err(error), None));
        }
        let more = !page.page.is_last;
        Some((
            Ok(page.page),
            more.then_some(State::Running(rx, demand, empty)),
        ))
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

/// Fetch every page of `spec` into `tx`, each decoded by `decode`.
pub(crate) async fn produce<O: Send + 'static>(
    client: &SlackClient,
    spec: &ListSpec,
    tx: &Sender<O>,
    refusals: &[&str],
    decode: &Decode<O>,
) -> Ended {
    let mut cursor: Option<String> = None;
    // Every cursor of this listing: a long list holds a few hundred.
    let mut seen: HashSet<String> = HashSet::new();
    let mut pages = 0u64;
    loop {
        if cursor.is_some() && !tx.next_wanted().await {
            return Ended::Done;
        }
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
        pages += 1;
        // A server that hands back a cursor it gave before (A, B, A) would
        // page forever, printing the same rows again and again. This page's
        // items still count; the listing ends after them.
        let cycle = match &next {
            Some(next) if !seen.insert(next.clone()) => Some(SlackError::Paging {
                method: spec.method,
                problem: format!(
                    "after {pages} pages Slack named as the next page one it had already given \
                     (cursor {}), so the list would never end",
                    crate::text::sanitize::clean(&short(next))
                ),
            }),
            _ => None,
        };
        let (decoder, method, decode) = (client.clone(), spec.method, decode.clone());
        let job = tokio::task::spawn_blocking(move || decode(&decoder, method, body));
        let pending = Pending::Decoding {
            job,
            method: spec.method,
            total: head.total_count,
            is_last: next.is_none(),
        };
        if tx.send(pending).await.is_err() || next.is_none() {
            return Ended::Done;
        }
        if let Some(error) = cycle {
            let _ = tx.send(Pending::Failed(error)).await;
            return Ended::Done;
        }
        cursor = next;
    }
}

/// A cursor as shown in an error: its start, for the long opaque ones.
fn short(cursor: &str) -> String {
    match cursor.char_indices().nth(24) {
        Some((at, _)) => format!("{}…", &cursor[..at]),
        None => cursor.to_owned(),
    }
}

fn next_cursor(head: &Head, at: CursorAt) -> Option<String> {
    match at {
        CursorAt::Metadata => head.metadata_cursor(),
        CursorAt::TopLevel => head.top_level_cursor(),
    }
    .map(str::to_owned)
}

/// Every page of `spec`, each decoded by `decode`.
pub(crate) fn paginate<O: Send + 'static>(
    client: SlackClient,
    spec: ListSpec,
    decode: Decode<O>,
) -> PageStream<O> {
    spawn_pages(client.reads_on_demand(), move |tx| async move {
        produce(&client, &spec, &tx, &[], &decode).await;
    })
}
