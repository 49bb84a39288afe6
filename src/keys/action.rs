//! What a key can ask for ([`Action`]) and where the admin is when it is
//! pressed ([`Context`]), with the words the footer and help use for them.

use crate::model::ListKind;

/// Something the admin can ask for with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    PaneInvites,
    PaneRequests,
    PaneOrgs,
    PaneChannels,
    NextPane,
    PrevPane,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    Approve,
    Decline,
    Disconnect,
    /// Change an org's permission in a shared channel.
    Permission,
    Refresh,
    Help,
    Quit,
    Confirm,
    Cancel,
    Send,
    NewLine,
    TogglePermission,
    /// Request approval: the message replaces the requester's, or follows it.
    ReplaceMessage,
    /// Request approval: approve into another channel, picked from a list.
    PickChannel,
    SavedMessage,
    Undo,
    Queue,
    Journal,
    SendQueued,
    DropQueued,
    Filter,
    KeepFilter,
    ClearFilter,
    SortNext,
    SortReverse,
    Mark,
    MarkAll,
    StopBatch,
    /// `:`: the command palette.
    Palette,
    /// In the palette: run the chosen entry, as its own key would.
    Run,
}

impl Action {
    pub const ALL: [Action; 44] = [
        Action::PaneInvites,
        Action::PaneRequests,
        Action::PaneOrgs,
        Action::PaneChannels,
        Action::NextPane,
        Action::PrevPane,
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::Open,
        Action::Back,
        Action::Approve,
        Action::Decline,
        Action::Disconnect,
        Action::Permission,
        Action::Refresh,
        Action::Help,
        Action::Quit,
        Action::Confirm,
        Action::Cancel,
        Action::Send,
        Action::NewLine,
        Action::TogglePermission,
        Action::ReplaceMessage,
        Action::PickChannel,
        Action::SavedMessage,
        Action::Undo,
        Action::Queue,
        Action::Journal,
        Action::SendQueued,
        Action::DropQueued,
        Action::Filter,
        Action::KeepFilter,
        Action::ClearFilter,
        Action::SortNext,
        Action::SortReverse,
        Action::Mark,
        Action::MarkAll,
        Action::StopBatch,
        Action::Palette,
        Action::Run,
    ];

    /// The stable name used by the config file and shown in help.
    pub fn name(self) -> &'static str {
        match self {
            Action::PaneInvites => "pane_invites",
            Action::PaneRequests => "pane_requests",
            Action::PaneOrgs => "pane_orgs",
            Action::PaneChannels => "pane_channels",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Open => "open",
            Action::Back => "back",
            Action::Approve => "approve",
            Action::Decline => "decline",
            Action::Disconnect => "disconnect",
            Action::Permission => "permission",
            Action::Refresh => "refresh",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::Send => "send",
            Action::NewLine => "newline",
            Action::TogglePermission => "toggle_permission",
            Action::ReplaceMessage => "replace_message",
            Action::PickChannel => "pick_channel",
            Action::SavedMessage => "saved_message",
            Action::Undo => "undo",
            Action::Queue => "queue",
            Action::Journal => "journal",
            Action::SendQueued => "send_queued",
            Action::DropQueued => "drop_queued",
            Action::Filter => "filter",
            Action::KeepFilter => "keep_filter",
            Action::ClearFilter => "clear_filter",
            Action::SortNext => "sort_next",
            Action::SortReverse => "sort_reverse",
            Action::Mark => "mark",
            Action::MarkAll => "mark_all",
            Action::StopBatch => "stop_batch",
            Action::Palette => "palette",
            Action::Run => "run",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether the action means anything on this pane (`a` on Orgs does not).
    pub fn applies_to(self, pane: ListKind) -> bool {
        match self {
            Action::Approve | Action::Decline => {
                matches!(pane, ListKind::Invites | ListKind::Requests)
            }
            Action::Disconnect => matches!(pane, ListKind::Orgs | ListKind::Channels),
            Action::Permission => pane == ListKind::Channels,
            // Batches are for invites and requests; disconnecting is one at a time.
            Action::Mark | Action::MarkAll => {
                matches!(pane, ListKind::Invites | ListKind::Requests)
            }
            _ => true,
        }
    }

    /// Short footer label; depends on the pane for the decision keys.
    pub fn label(self, pane: ListKind) -> &'static str {
        match self {
            Action::PaneInvites => "invites",
            Action::PaneRequests => "requests",
            Action::PaneOrgs => "orgs",
            Action::PaneChannels => "channels",
            Action::NextPane => "next pane",
            Action::PrevPane => "prev pane",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::Open => "detail",
            Action::Back => "back",
            Action::Approve => "approve",
            Action::Decline if pane == ListKind::Requests => "deny",
            Action::Decline => "decline",
            Action::Disconnect => "disconnect",
            Action::Permission => "permission",
            Action::Refresh => "refresh",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Confirm => "yes, send",
            Action::Cancel => "cancel",
            Action::Send => "continue",
            Action::NewLine => "new line",
            Action::TogglePermission => "permission",
            Action::ReplaceMessage => "add/replace message",
            Action::PickChannel => "channel",
            Action::SavedMessage => "saved message",
            Action::Undo => "undo",
            Action::Queue => "queue",
            Action::Journal => "journal",
            Action::SendQueued => "send now",
            Action::DropQueued => "drop them",
            Action::Filter => "filter",
            Action::KeepFilter => "keep filter",
            Action::ClearFilter => "clear filter",
            Action::SortNext => "sort",
            Action::SortReverse => "reverse",
            Action::Mark => "mark",
            Action::MarkAll => "mark all",
            Action::StopBatch => "stop batch",
            Action::Palette => "commands",
            Action::Run => "run",
        }
    }

    /// One sentence for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::PaneInvites => "Invites pane: channel invitations",
            Action::PaneRequests => "Requests pane: members asking to invite outsiders",
            Action::PaneOrgs => "Orgs pane: external organizations we are connected to",
            Action::PaneChannels => "Channels pane: channels shared with other orgs",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Down => "move down",
            Action::Up => "move up",
            Action::Top => "first item",
            Action::Bottom => "last item",
            Action::PageDown => "one page down",
            Action::PageUp => "one page up",
            Action::Open => "detail view of the selected item",
            Action::Back => "close the detail view, help or the batch report",
            Action::Approve => "approve the invite or request (asks first)",
            Action::Decline => "decline the invite / deny the request (asks first)",
            Action::Disconnect => "disconnect the channel or the org (asks first)",
            Action::Permission => {
                "change an org's permission in the channel: post only, or post and invite (asks first)"
            }
            Action::Refresh => "reload this pane from Slack",
            Action::Help => "this help",
            Action::Quit => "quit (asks first if decisions are in flight)",
            Action::Confirm => "send what is shown; in a confirmation any other key cancels",
            Action::Cancel => "cancel, nothing is sent (n only where you are not typing)",
            Action::Send => "continue to the confirmation",
            Action::NewLine => "new line in the message",
            Action::TogglePermission => "switch post-only / post-and-invite",
            Action::ReplaceMessage => {
                "the message follows the requester's, or replaces it (Slack's is_override)"
            }
            Action::PickChannel => {
                "approve into another channel: pick one from the Channels list (type to filter)"
            }
            Action::SavedMessage => "put the next saved message in the editor, to edit",
            Action::Undo => {
                "take back the newest decision still waiting to be sent (the selected one in the queue)"
            }
            Action::Queue => "the undo queue: decisions waiting to be sent, with their countdown",
            Action::Journal => "the decision journal, newest first",
            Action::SendQueued => "send now, without waiting out the undo window",
            Action::DropQueued => "drop the queued decisions unsent, and quit",
            Action::Filter => "filter as you type: org, domain, channel, user, email, ID",
            Action::KeepFilter => "keep the filter and go back to the rows",
            Action::ClearFilter => "clear the filter",
            Action::SortNext => "next sort key (time left, age, org, channel)",
            Action::SortReverse => "reverse the sort",
            Action::Mark => "mark or unmark the row; a and d then act on every marked row",
            Action::MarkAll => "mark every row shown (all filter matches); again unmarks",
            Action::StopBatch => "stop the batch: nothing more is sent",
            Action::Palette => {
                "command palette: type to find any action, pane, workspace or org, Enter runs it"
            }
            Action::Run => "run the chosen entry as its key would; a decision still asks first",
        }
    }
}

/// Where the admin is; decides which bindings are live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    List,
    Detail,
    Help,
    Confirm,
    DenyEditor,
    ApproveRequest,
    ChooseTeam,
    TypeName,
    Queue,
    Journal,
    QuitQueued,
    /// Typing the `/` filter.
    Filter,
    /// The plan of a batch decision on marked rows.
    Plan,
    /// What a finished batch did.
    Report,
    /// Typing in the `:` command palette.
    Palette,
    /// Picking the channel a request is approved into.
    PickChannel,
}

impl Context {
    /// Where this is, for help headings: "In lists and the detail view".
    pub fn place(self) -> &'static str {
        match self {
            Context::List => "lists",
            Context::Detail => "the detail view",
            Context::Help => "help",
            Context::Confirm => "confirmations",
            Context::DenyEditor => "the deny editor",
            Context::ApproveRequest => "request approval",
            Context::ChooseTeam => "org choice",
            Context::TypeName => "name typing",
            Context::Queue => "the undo queue",
            Context::Journal => "the journal",
            Context::QuitQueued => "the quit question",
            Context::Filter => "the filter",
            Context::Plan => "batch plans",
            Context::Report => "batch reports",
            Context::Palette => "the command palette",
            Context::PickChannel => "the channel list",
        }
    }

    pub const ALL: [Context; 16] = [
        Context::List,
        Context::Detail,
        Context::Help,
        Context::Confirm,
        Context::DenyEditor,
        Context::ApproveRequest,
        Context::ChooseTeam,
        Context::TypeName,
        Context::Queue,
        Context::Journal,
        Context::QuitQueued,
        Context::Filter,
        Context::Plan,
        Context::Report,
        Context::Palette,
        Context::PickChannel,
    ];
}
