//! Everything that can happen to the TUI, as one enum on one channel.

use crossterm::event::KeyEvent;

use std::collections::HashMap;

use crate::app::flow::verdict::RequestState;
use crate::decision::DecisionId;
use crate::journal::JournalRecord;
use crate::model::ListKind;
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
    /// Text the terminal says was pasted (bracketed paste): it is text for
    /// a text box and never a key, so it can confirm nothing.
    Paste(String),
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
        /// With an org-wide token: the workspace of ours these items are of.
        workspace: Option<String>,
    },
    LoadFailed {
        list: ListKind,
        error: SlackError,
    },
    /// Elements of a page of `list` that could not be read, left out.
    ItemsSkipped {
        list: ListKind,
        skipped: Vec<crate::slack::Skipped>,
    },
    /// An org-wide token's workspaces (`auth.teams.list`).
    Workspaces(Vec<crate::slack::models::AuthTeam>),
    /// One workspace of an org could not be read; the others load.
    WorkspaceUnreadable {
        list: ListKind,
        team: String,
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
    /// The clock in milliseconds: decides when the undo window ends.
    Clock {
        now_ms: i64,
    },
    /// SIGTERM or SIGHUP: leave now, sending nothing more.
    Signal(ExitSignal),
    /// The decision was not sent: its journal record could not be written.
    NotSent {
        decision: DecisionId,
        reason: String,
    },
    /// Requests' statuses, for re-checking unknown outcomes.
    RequestStatuses(Result<HashMap<String, RequestState>, SlackError>),
    /// The journal, read for the `L` view.
    JournalRead(Result<Vec<JournalRecord>, String>),
    /// A list saved by an earlier session, read back from the disk cache.
    CacheLoaded(crate::cache::CachedList),
    /// Whether `email` is someone discoverable on Slack.
    ContactLooked {
        email: String,
        result: Result<bool, SlackError>,
    },
    /// A Connect event from Socket Mode, acked and seen for the first time.
    Live(Box<crate::slack::socket::LiveEvent>),
    /// Live updates connected, dropped or stopped.
    LiveStatus(crate::slack::socket::LiveStatus),
    /// The disk cache could not be read or saved (a folder others can
    /// write, say): said once, since the tool works on without it.
    CacheProblem(String),
}

/// The signals that end the TUI from outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitSignal {
    /// Asked to stop (`kill`, a service manager).
    Terminate,
    /// The terminal went away (SSH session dropped).
    Hangup,
}

impl ExitSignal {
    pub fn name(self) -> &'static str {
        match self {
            ExitSignal::Terminate => "SIGTERM",
            ExitSignal::Hangup => "SIGHUP",
        }
    }

    /// The conventional exit status: 128 + the signal's number.
    pub fn exit_code(self) -> u8 {
        match self {
            ExitSignal::Terminate => 128 + 15,
            ExitSignal::Hangup => 128 + 1,
        }
    }
}
