//! The TUI's state and logic: no terminal, no I/O, no clock.
//!
//! Everything that happens arrives as a [`Msg`]; [`update`] changes the
//! [`App`] and answers with [`Effect`]s (data) for the worker to perform.
//! Time only comes from `Msg::Tick`, so tests fix it.

pub mod contacts;
pub mod decisions;
pub mod dialogs;
pub mod effect;
pub mod flow;
pub mod layout;
pub mod list;
pub mod msg;
pub mod overlays;
pub mod panes;
pub mod risk;
pub mod settings;
pub mod update;
mod waiting;

pub use effect::Effect;
pub use msg::{ExitSignal, ListItems, Msg};
pub use update::{start, update};
pub use waiting::Waiting;

use crate::keys::keymap::{Context, Keymap};
use crate::model::ListKind;
use crate::model::identity::Identity;
use crate::model::rows;

use std::collections::{HashMap, HashSet};

use decisions::Decisions;
use dialogs::Dialog;
use flow::bulk::Batch;
use panes::channels::ChannelsPane;
use panes::invites::InvitesPane;
use panes::orgs::OrgsPane;
use panes::requests::RequestsPane;

/// Whether we talk to real Slack or to the embedded emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Live,
    Demo,
}

/// How a notice should read: meaning is also in the words, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Error,
}

/// A short message on the status line, gone at `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    pub until: i64,
}

/// Which item the detail view shows, and how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailState {
    pub pane: ListKind,
    pub item_id: String,
    pub scroll: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HelpState {
    pub scroll: usize,
}

/// The whole TUI state.
pub struct App {
    pub mode: Mode,
    pub read_only: bool,
    /// Why this session is read-only when nobody asked for it (the
    /// journal cannot be used): said instead of "--read-only".
    pub read_only_reason: Option<String>,
    /// A cache problem was said already (it would repeat at every save).
    pub cache_problem_said: bool,
    /// An org-wide token's workspaces; empty for a workspace token.
    pub workspaces: Vec<crate::slack::models::AuthTeam>,
    /// The words all the workspaces' names start with ("Acme "), left out
    /// of the narrow workspace column so it shows what tells them apart.
    pub workspace_prefix: String,
    /// Workspaces whose invites or requests the last load could not read,
    /// per pane: each says so in a line of its own above the rows.
    pub unreadable: HashMap<ListKind, Vec<Unreadable>>,
    /// Per list: the elements of its current load that could not be read.
    pub skipped: HashMap<ListKind, Vec<crate::slack::Skipped>>,
    pub now: i64,
    /// Terminal size (columns, rows), from `Msg::Resize`.
    pub size: (u16, u16),
    pub keymap: Keymap,
    pub identity: Identity,
    pub pane: ListKind,
    pub invites: InvitesPane,
    pub requests: RequestsPane,
    pub orgs: OrgsPane,
    pub channels: ChannelsPane,
    pub detail: Option<DetailState>,
    pub help: Option<HelpState>,
    pub dialog: Option<Dialog>,
    pub decisions: Decisions,
    pub notice: Option<Notice>,
    pub waiting: Option<Waiting>,
    pub quit: bool,
    /// The settings (config file and flags). `keymap` and `read_only` above
    /// are the live copies of the config's; the rest is read from here.
    pub config: crate::config::Config,
    /// What in the config file could not be used (shown in help and at start).
    pub config_warnings: Vec<String>,
    /// Seconds a confirmed write waits in the undo queue (`--grace`).
    pub grace_seconds: u64,
    /// The undo queue.
    pub grace: crate::decision::grace::GraceQueue,
    /// The clock in milliseconds (the undo window's countdown).
    pub now_ms: i64,
    /// Decisions whose outcome is being re-checked against Slack's lists.
    pub reconcile: flow::reconcile::Reconciler,
    pub queue_view: Option<overlays::QueueView>,
    pub journal_view: Option<overlays::JournalView>,
    /// The `:` command palette, while it is open.
    pub palette: Option<overlays::palette::Palette>,
    /// Quit once nothing is queued or in flight ("send them now, then quit").
    pub quit_when_idle: bool,
    /// Set when a signal ended the session.
    pub exit_signal: Option<ExitSignal>,
    /// Shares repeated strings, teams and users between rows.
    pub interner: rows::Interner,
    /// What the invites' and requests' risk signals are judged against
    /// ([`risk`] keeps it in step with the lists).
    pub risk: crate::model::risk::RiskContext,
    /// The admin is typing the current pane's `/` filter.
    pub filtering: bool,
    /// The batch decision running on marked rows, if any.
    pub batch: Option<Batch>,
    /// Seconds between automatic refreshes of a list; `None` = only `r`.
    pub auto_refresh: Option<i64>,
    /// Seconds in a rate-limit window (Slack: 60; shorter against a
    /// scaled emulator).
    pub rate_window: i64,
    /// Refreshes asked for before Slack allows them; they start when it does.
    pub queued_refresh: HashSet<ListKind>,
    /// Read and save the disk cache ([`crate::cache`]).
    pub use_cache: bool,
    /// The workspace the cached rows on screen belong to, until `auth.test`
    /// says who we are.
    pub cache_team: Option<String>,
    /// Live updates (Socket Mode); `None` without an app-level token.
    pub live: Option<flow::live::LiveState>,
    /// What Slack said of each address a request's detail asked about,
    /// by lower-case address: asked once a session.
    pub contacts: HashMap<String, contacts::ContactLookup>,
}

/// A workspace of ours a pane's last load could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// "Acme Labs (T0LABS)".
    pub workspace: String,
    /// Slack's code and what it means.
    pub why: String,
}

/// At most this many unreadable workspaces get a line each; the last says
/// how many more.
pub const MAX_UNREADABLE_LINES: usize = 3;

impl App {
    pub fn new(mode: Mode, read_only: bool) -> App {
        App {
            mode,
            read_only,
            read_only_reason: None,
            cache_problem_said: false,
            workspaces: Vec::new(),
            unreadable: HashMap::new(),
            skipped: HashMap::new(),
            workspace_prefix: String::new(),
            now: 0,
            size: (80, 24),
            keymap: Keymap::default(),
            identity: Identity::Unknown,
            pane: ListKind::Invites,
            invites: InvitesPane::default(),
            requests: RequestsPane::default(),
            orgs: OrgsPane::default(),
            channels: ChannelsPane::default(),
            detail: None,
            help: None,
            dialog: None,
            decisions: Decisions::default(),
            notice: None,
            waiting: None,
            quit: false,
            config: crate::config::Config::default(),
            config_warnings: Vec::new(),
            // The command sets `--grace`; 0 keeps scripted tests immediate.
            grace_seconds: 0,
            grace: crate::decision::grace::GraceQueue::default(),
            now_ms: 0,
            reconcile: flow::reconcile::Reconciler::default(),
            queue_view: None,
            journal_view: None,
            palette: None,
            quit_when_idle: false,
            exit_signal: None,
            interner: rows::Interner::default(),
            risk: crate::model::risk::RiskContext::default(),
            filtering: false,
            batch: None,
            auto_refresh: Some(flow::refresh::AUTO_REFRESH_SECS),
            rate_window: 60,
            queued_refresh: HashSet::new(),
            use_cache: false,
            cache_team: None,
            live: None,
            contacts: HashMap::new(),
        }
    }

    /// Where the admin is, which decides the live keys.
    pub fn context(&self) -> Context {
        if let Some(dialog) = &self.dialog {
            dialog.context()
        } else if self.palette.is_some() {
            Context::Palette
        } else if self.queue_view.is_some() {
            Context::Queue
        } else if self.journal_view.is_some() {
            Context::Journal
        } else if self.filtering {
            Context::Filter
        } else if self.help.is_some() {
            Context::Help
        } else if self.detail.is_some() {
            Context::Detail
        } else {
            Context::List
        }
    }

    /// Rows of list the body can show at the current size.
    pub fn list_viewport(&self) -> usize {
        layout::list_rows(self.size, self.status_lines())
            .saturating_sub(self.unreadable_lines(self.pane))
            .max(1)
    }

    /// Lines the pane gives to the workspaces it could not read.
    pub fn unreadable_lines(&self, pane: ListKind) -> usize {
        let workspaces = self
            .unreadable
            .get(&pane)
            .map_or(0, |w| w.len().min(MAX_UNREADABLE_LINES));
        let skipped = self.skipped.get(&pane).is_some_and(|s| !s.is_empty());
        workspaces + usize::from(skipped)
    }

    /// Lines the detail view and help can show at the current size.
    pub fn detail_viewport(&self) -> usize {
        layout::detail_rows(self.size, self.status_lines())
    }

    /// What the status area says: the notice (with a mark that tells its
    /// kind without colour), then what the client is waiting for.
    pub fn status_paragraphs(&self) -> Vec<(Option<NoticeKind>, String)> {
        let mut paragraphs = Vec::new();
        if let Some(notice) = &self.notice {
            let mark = match notice.kind {
                NoticeKind::Success => "✓",
                NoticeKind::Error => "✗",
                NoticeKind::Info => "·",
            };
            paragraphs.push((Some(notice.kind), format!("{mark} {}", notice.text)));
        }
        if let Some(batch) = &self.batch {
            paragraphs.push((None, batch.progress_line(self.now)));
        }
        if let Some(waiting) = &self.waiting {
            paragraphs.push((None, waiting.describe(self.now)));
        }
        if let Some(queued) = flow::grace::status_line(self) {
            paragraphs.push((None, queued));
        }
        paragraphs
    }

    /// The status area's lines, wrapped to [`App::status_wrap_width`].
    pub fn status_wrapped(&self) -> Vec<(Option<NoticeKind>, String)> {
        let width = self.status_wrap_width();
        self.status_paragraphs()
            .into_iter()
            .flat_map(|(kind, text)| {
                crate::text::sanitize::wrap(&text, width)
                    .into_iter()
                    .map(move |line| (kind, line))
            })
            .collect()
    }

    /// Columns the status text wraps at: room is kept for the "N in
    /// flight" counter while decisions are in flight.
    pub fn status_wrap_width(&self) -> usize {
        let counter = match self.sent_count() {
            0 => 0,
            n => self.in_flight_label(n).chars().count() + 1,
        };
        usize::from(self.size.0).saturating_sub(counter).max(20)
    }

    /// Decisions sent and not answered yet (queued ones are not counted).
    pub fn sent_count(&self) -> usize {
        self.decisions
            .in_flight_count()
            .saturating_sub(self.grace.decision_count())
            .saturating_sub(self.batch.as_ref().map_or(0, |b| b.queue.len()))
    }

    /// " 2 in flight ", right of the status line.
    pub fn in_flight_label(&self, count: usize) -> String {
        format!(" {count} in flight ")
    }

    /// Lines the status area needs so the whole notice can be read.
    pub fn status_lines(&self) -> u16 {
        (self.status_wrapped().len() as u16).clamp(1, layout::MAX_STATUS_LINES)
    }

    /// True while anything is still being fetched or decided.
    pub fn busy(&self) -> bool {
        self.invites.list.is_loading()
            || self.requests.list.is_loading()
            || self.orgs.list.is_loading()
            || self.channels.list.is_loading()
            || matches!(self.identity, Identity::Unknown)
            || !self.decisions.is_idle()
            || self.reconcile.is_busy()
            || self
                .journal_view
                .as_ref()
                .is_some_and(|v| v.records.is_none())
            || self.batch.as_ref().is_some_and(|b| !b.is_finished())
            || self
                .contacts
                .values()
                .any(|c| *c == contacts::ContactLookup::Checking)
    }

    pub fn notify(&mut self, kind: NoticeKind, text: impl Into<String>) {
        // Errors need time to be read; confirmations can go quickly.
        let seconds = match kind {
            NoticeKind::Error => 20,
            NoticeKind::Success | NoticeKind::Info => 8,
        };
        self.notice = Some(Notice {
            kind,
            text: text.into(),
            until: self.now + seconds,
        });
    }

    /// The item ID selected in the current pane.
    pub fn selected_id(&self) -> Option<String> {
        list::ops::with_list_ref(self, self.pane, |l| l.selected_id()).map(|id| id.to_string())
    }

    /// Why no decision can be sent, in words.
    pub fn read_only_words(&self) -> &str {
        self.read_only_reason
            .as_deref()
            .unwrap_or(crate::read_only::WHY)
    }

    /// A display name for an external team ID, from the Orgs data when we have it.
    pub fn team_name<'a>(&'a self, team_id: &'a str) -> &'a str {
        self.orgs
            .find(team_id)
            .and_then(|org| org.team_name.as_deref())
            .filter(|name| !name.is_empty())
            .unwrap_or(team_id)
    }
}
