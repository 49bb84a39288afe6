//! Everything that can happen to the TUI, as one enum on one channel.

use crossterm::event::KeyEvent;

use super::ListKind;
use super::decisions::DecisionId;
use crate::slack::models::{AuthTest, ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};
use crate::slack::{ClientEvent, SlackError};

/// One page of one list, as the client streamed it.
#[derive(Debug, Clone, PartialEq)]
pub enum ListItems {
    Invites(Vec<ConnectInvite>),
    Requests(Vec<InviteRequest>),
    Orgs(Vec<ExternalOrg>),
    Channels(Vec<SharedChannel>),
}

impl ListItems {
    pub fn kind(&self) -> ListKind {
        match self {
            ListItems::Invites(_) => ListKind::Invites,
            ListItems::Requests(_) => ListKind::Requests,
            ListItems::Orgs(_) => ListKind::Orgs,
            ListItems::Channels(_) => ListKind::Channels,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            ListItems::Invites(v) => v.len(),
            ListItems::Requests(v) => v.len(),
            ListItems::Orgs(v) => v.len(),
            ListItems::Channels(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Resize {
        width: u16,
        height: u16,
    },
    /// The clock: the only source of "now".
    Tick {
        now: i64,
    },
    AuthLoaded(AuthTest),
    AuthFailed(SlackError),
    /// One page of a list; `is_last` ends the load.
    PageLoaded {
        items: ListItems,
        total: Option<u64>,
        is_last: bool,
    },
    LoadFailed {
        list: ListKind,
        error: SlackError,
    },
    /// Slack applied the decision.
    ActionDone {
        decision: DecisionId,
    },
    ActionFailed {
        decision: DecisionId,
        error: SlackError,
    },
    /// The client waits for a rate limit, retries, or falls back.
    Client(ClientEvent),
    /// A list saved by an earlier session, read back from the disk cache.
    CacheLoaded(crate::cache::CachedList),
}
