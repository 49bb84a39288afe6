//! Cursor pagination, with each method's own quirks (API doc §1.5).

use futures::StreamExt;
use futures::stream::{self, BoxStream};

use super::client::{CallKind, SlackClient};
use super::error::SlackError;
use super::models::{ConnectInvite, ExternalOrg, InviteRequest, ResponseMetadata, SharedChannel};
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

/// How one list method pages.
#[derive(Debug, Clone)]
pub(crate) struct ListSpec {
    pub method: &'static str,
    /// `count` for listConnectInvites, `limit` elsewhere.
    pub size_arg: &'static str,
    /// Always the method's maximum: fewer calls against tight rate limits.
    pub page_size: u32,
    /// Arguments sent with every page.
    pub args: Vec<(&'static str, String)>,
}

/// A list method's answer: its items, the next cursor, the total if given.
pub(crate) trait ListResponse: serde::de::DeserializeOwned + Send + 'static {
    type Item: Send + 'static;
    fn into_parts(self) -> (Vec<Self::Item>, Option<String>, Option<u64>);
}

/// Slack's three ways to say "last page": `""`, `null`, or no `response_metadata`.
fn metadata_cursor(metadata: Option<ResponseMetadata>) -> Option<String> {
    metadata
        .and_then(|m| m.next_cursor)
        .filter(|c| !c.is_empty())
}

impl ListResponse for ListConnectInvites {
    type Item = ConnectInvite;
    fn into_parts(self) -> (Vec<ConnectInvite>, Option<String>, Option<u64>) {
        (self.invites, metadata_cursor(self.response_metadata), None)
    }
}

impl ListResponse for RequestSharedInviteList {
    type Item = InviteRequest;
    fn into_parts(self) -> (Vec<InviteRequest>, Option<String>, Option<u64>) {
        (
            self.invite_requests,
            metadata_cursor(self.response_metadata),
            None,
        )
    }
}

impl ListResponse for ExternalTeamsList {
    type Item = ExternalOrg;
    /// The "cursor" is the team ID to continue from; it is used as is.
    fn into_parts(self) -> (Vec<ExternalOrg>, Option<String>, Option<u64>) {
        let next = metadata_cursor(self.response_metadata);
        (self.organizations, next, self.total_count)
    }
}

impl ListResponse for ConversationsSearch {
    type Item = SharedChannel;
    /// The only method whose cursor is top-level.
    fn into_parts(self) -> (Vec<SharedChannel>, Option<String>, Option<u64>) {
        let next = self.next_cursor.filter(|c| !c.is_empty());
        (self.conversations, next, self.total_count)
    }
}

impl ListResponse for ConversationsList {
    type Item = SharedChannel;
    fn into_parts(self) -> (Vec<SharedChannel>, Option<String>, Option<u64>) {
        (self.channels, metadata_cursor(self.response_metadata), None)
    }
}

/// Where a paged walk stands.
pub(crate) enum Cursor {
    First,
    Next(String),
    Done,
}

/// Fetch one page at `cursor`; returns the page and where to go next.
pub(crate) async fn fetch_page<R: ListResponse>(
    client: &SlackClient,
    spec: &ListSpec,
    cursor: &Cursor,
) -> Result<(Page<R::Item>, Cursor), SlackError> {
    let mut args = spec.args.clone();
    args.push((spec.size_arg, spec.page_size.to_string()));
    let current = match cursor {
        Cursor::Next(c) => {
            args.push(("cursor", c.clone()));
            Some(c.as_str())
        }
        Cursor::First => None,
        Cursor::Done => unreachable!("fetch_page after the last page"),
    };
    let response: R = client.call(spec.method, &args, CallKind::Read).await?;
    let (items, next, total) = response.into_parts();
    // A server that hands back the cursor it was given would page forever.
    if next.is_some() && next.as_deref() == current {
        return Err(SlackError::Decode {
            method: spec.method,
            message: "the next cursor equals the current one".to_owned(),
            snippet: String::new(),
        });
    }
    let is_last = next.is_none();
    let page = Page {
        items,
        total,
        is_last,
    };
    Ok((page, next.map_or(Cursor::Done, Cursor::Next)))
}

/// Every page of `spec`, fetched one after another as the consumer pulls.
pub(crate) fn paginate<R: ListResponse>(
    client: SlackClient,
    spec: ListSpec,
) -> PageStream<R::Item> {
    stream::unfold(Cursor::First, move |cursor| {
        let client = client.clone();
        let spec = spec.clone();
        async move {
            if matches!(cursor, Cursor::Done) {
                return None;
            }
            match fetch_page::<R>(&client, &spec, &cursor).await {
                Ok((page, next)) => Some((Ok(page), next)),
                Err(error) => Some((Err(error), Cursor::Done)),
            }
        }
    })
    .boxed()
}
