//! How one page's answer becomes the items a list hands on: read into our
//! models one element at a time ([`typed`]), or passed on as Slack sent
//! them ([`raw`]). Runs off the async threads, while the next page is
//! already on its way.

use std::sync::Arc;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::client::SlackClient;
use super::error::SlackError;
use super::models::{ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};
use super::raw::{RawElement, Skipped};
use super::responses::{
    ConversationsList, ConversationsSearch, ExternalTeamsList, ListConnectInvites,
    RequestSharedInviteList,
};

/// A list method's answer: which key holds the list, and its elements' type.
pub(crate) trait ListResponse: Send + 'static {
    type Item: DeserializeOwned + Send + 'static;
    /// The answer's key that holds the list.
    const FIELD: &'static str;
}

impl ListResponse for ListConnectInvites {
    type Item = ConnectInvite;
    const FIELD: &'static str = "invites";
}

impl ListResponse for RequestSharedInviteList {
    type Item = InviteRequest;
    const FIELD: &'static str = "invite_requests";
}

impl ListResponse for ExternalTeamsList {
    type Item = ExternalOrg;
    const FIELD: &'static str = "organizations";
}

impl ListResponse for ConversationsSearch {
    type Item = SharedChannel;
    const FIELD: &'static str = "conversations";
}

impl ListResponse for ConversationsList {
    type Item = SharedChannel;
    const FIELD: &'static str = "channels";
}

/// What a page's decoding gives.
pub(crate) struct PageItems<O> {
    pub(crate) items: Vec<O>,
    /// How many elements Slack sent, before any was left out.
    pub(crate) received: usize,
    pub(crate) skipped: Vec<Skipped>,
}

/// How a page's answer becomes the items handed on, off the async threads.
pub(crate) type Decode<O> = Arc<
    dyn Fn(&SlackClient, &'static str, Bytes) -> Result<PageItems<O>, SlackError> + Send + Sync,
>;

/// Items read into our models, keeping only those `keep` accepts. Each
/// element is read on its own: one Slack sent in a shape we cannot read
/// is skipped and named, and the rest of the page still shows.
pub(crate) fn typed<R: ListResponse>(keep: Option<fn(&R::Item) -> bool>) -> Decode<R::Item> {
    Arc::new(move |client, method, body| {
        let elements = client.split_list(method, R::FIELD, &body)?;
        let received = elements.len();
        let mut items = Vec::with_capacity(received);
        let mut skipped = Vec::new();
        for (at, element) in elements.iter().enumerate() {
            match element.parse::<R::Item>() {
                Ok(item) if keep.is_none_or(|keep| keep(&item)) => items.push(item),
                Ok(_) => {}
                Err(error) => skipped.push(Skipped::new(element, at, &error)),
            }
        }
        Ok(PageItems {
            items,
            received,
            skipped,
        })
    })
}

/// Items as Slack sent them; `keep` reads each one to decide, and one it
/// cannot read is not kept.
pub(crate) fn raw<R: ListResponse>(keep: Option<fn(&R::Item) -> bool>) -> Decode<RawElement> {
    Arc::new(move |client, method, body| {
        let mut elements = client.split_list(method, R::FIELD, &body)?;
        let received = elements.len();
        if let Some(keep) = keep {
            elements.retain(|e| e.parse::<R::Item>().is_ok_and(|item| keep(&item)));
        }
        Ok(PageItems {
            items: elements,
            received,
            skipped: Vec::new(),
        })
    })
}
