//! Live updates (Socket Mode): what the header says about them, and what
//! each Connect event does to the rows on screen.
//!
//! Events are news, polling is the truth: a row an event changed is
//! replaced by the next load like any other, and while the socket is down
//! the lists refresh exactly as without an app token. A drop from live also
//! asks for a refresh of invites and requests, to catch what was missed.
//!
//! An event that decides an item (approved or declined elsewhere, a channel
//! disconnected elsewhere) while a decision of ours on it still waits in the
//! undo window takes that decision out: it is never sent, and the journal
//! closes it as dropped, saying who decided instead.

use crate::app::flow::live_rows;
use crate::app::{App, Effect, NoticeKind};
use crate::decision::DecisionKind;
use crate::journal::Outcome as JournalOutcome;
use crate::model::ListKind;
use crate::slack::models::{ConnectEvent, ConnectUser, InviteEvent};
use crate::slack::socket::{LiveEvent, LiveStatus};

/// Live updates in this session (only when an app-level token was given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveState {
    pub status: LiveStatus,
    /// When the next connection attempt is due (app clock), while reconnecting.
    pub retry_at: Option<i64>,
    /// Events applied so far.
    pub events: u64,
}

impl LiveState {
    /// The header's words: `live`, `reconnecting (4s)`, `polling: …`.
    pub fn label(&self, now: i64) -> String {
        match &self.status {
            LiveStatus::Connecting => "connecting…".to_owned(),
            LiveStatus::Live => "live".to_owned(),
            LiveStatus::Reconnecting { .. } => {
                let left = self.retry_at.map_or(0, |at| (at - now).max(0));
                format!("reconnecting ({left}s)")
            }
            LiveStatus::Off { why } => format!("polling: {}", short_reason(why)),
        }
    }
}

/// The gist of why live updates stopped, short enough for the header.
fn short_reason(why: &str) -> &'static str {
    if why.contains("link_disabled") {
        "Socket Mode off"
    } else if why.contains("invalid_auth")
        || why.contains("not_allowed_token_type")
        || why.contains("not_authed")
        || why.contains("revoked")
        || why.contains("inactive")
    {
        "app token refused"
    } else if why.contains("missing_scope") {
        "app token lacks connections:write"
    } else {
        "socket unavailable"
    }
}

pub fn on_status(app: &mut App, status: LiveStatus) -> Vec<Effect> {
    let was_live = app
        .live
        .as_ref()
        .is_some_and(|l| l.status == LiveStatus::Live);
    let was_down = app
        .live
        .as_ref()
        .is_some_and(|l| matches!(l.status, LiveStatus::Reconnecting { .. }));
    let events = app.live.as_ref().map_or(0, |l| l.events);
    let retry_at = match &status {
        LiveStatus::Reconnecting { retry_in_secs, .. } => Some(
            app.now
                .saturating_add(i64::try_from(*retry_in_secs).unwrap_or(i64::MAX)),
        ),
        _ => None,
    };
    match &status {
        LiveStatus::Off { why } => app.notify(
            NoticeKind::Error,
            format!(
                "Live updates stopped: {why}. The lists refresh by polling, as without an \
                 app token."
            ),
        ),
        LiveStatus::Live if was_down => app.notify(NoticeKind::Info, "Live updates are back."),
        _ => {}
    }
    app.live = Some(LiveState {
        status: status.clone(),
        retry_at,
        events,
    });
    if !was_live || status == LiveStatus::Live {
        return Vec::new();
    }
    // Events sent while the socket was down may never come: the lists
    // that events keep current are read again (when Slack allows).
    let mut effects = crate::app::flow::refresh::request(app, ListKind::Invites, false);
    effects.extend(crate::app::flow::refresh::request(
        app,
        ListKind::Requests,
        false,
    ));
    effects
}

pub fn on_event(app: &mut App, live: LiveEvent) -> Vec<Effect> {
    if let Some(state) = &mut app.live {
        state.events += 1;
    }
    // With an org-wide token the event names the workspace its item is in.
    let workspace = live
        .workspace
        .as_deref()
        .filter(|_| !app.workspaces.is_empty())
        .map(|id| crate::app::flow::pages::workspace_team(app, id));
    match live.event {
        ConnectEvent::InviteReceived(event) => {
            let created = live_rows::invite_received(app, &event, workspace);
            fill_in(app, ListKind::Invites, created)
        }
        ConnectEvent::InviteAccepted(event) => {
            let created = live_rows::invite_accepted(app, &event, workspace);
            fill_in(app, ListKind::Invites, created)
        }
        ConnectEvent::InviteApproved(event) => {
            let mut effects = Vec::new();
            if approved_by_our_side(app, &event) {
                effects.extend(decided_elsewhere(
                    app,
                    ListKind::Invites,
                    &event,
                    "approved",
                ));
            }
            live_rows::invite_approved(app, &event);
            effects
        }
        ConnectEvent::InviteDeclined(event) => {
            let effects = decided_elsewhere(app, ListKind::Invites, &event, "declined");
            live_rows::invite_declined(app, &event);
            effects
        }
        ConnectEvent::InviteRequested(event) => {
            let created = live_rows::invite_requested(app, &event, workspace);
            fill_in(app, ListKind::Requests, created)
        }
        ConnectEvent::ChannelShared(event) => live_rows::channel_shared(app, &event),
        ConnectEvent::ChannelUnshared(event) => {
            let mut effects = Vec::new();
            if let Some(channel) = event.channel_id() {
                effects.extend(disconnected_elsewhere(app, channel, event.team_id()));
            }
            effects.extend(live_rows::channel_unshared(app, &event));
            effects
        }
        ConnectEvent::Other => Vec::new(),
    }
}

/// A row built from an event lacks what only the list tells (the invite's
/// permission, a request's expiry): the list is read again, when its rate
/// tier allows (the lists have no by-ID lookup, so this is the narrowest
/// call there is). Until then the row shows what the event said.
fn fill_in(app: &mut App, kind: ListKind, created: bool) -> Vec<Effect> {
    if !created {
        return Vec::new();
    }
    crate::app::flow::refresh::request(app, kind, false)
}

/// An approval counts as "decided" for our queued decision only when it
/// was our side's: the other org approving still leaves ours to give.
fn approved_by_our_side(app: &App, event: &InviteEvent) -> bool {
    let ours = app.identity.our_ids();
    event
        .approving_team_id
        .as_deref()
        .is_some_and(|team| ours.contains(&team))
}

/// "Priya Nair (Northbeam)".
fn who(app: &App, user: Option<&ConnectUser>, team: Option<&str>) -> String {
    let name = user.map(ConnectUser::display).unwrap_or("someone");
    let team_id = user.and_then(|u| u.team_id.as_deref()).or(team);
    let ours = app.identity.our_ids();
    let team_name = match team_id {
        Some(id) if ours.contains(&id) => app
            .identity
            .auth()
            .and_then(|a| a.team.clone())
            .unwrap_or_else(|| id.to_owned()),
        Some(id) => app.team_name(id).to_owned(),
        None => return crate::text::sanitize::clean(name),
    };
    crate::text::sanitize::clean(&format!("{name} ({team_name})"))
}

/// Take a queued decision on the event's invite out of the undo window.
fn decided_elsewhere(
    app: &mut App,
    pane: ListKind,
    event: &InviteEvent,
    verb: &str,
) -> Vec<Effect> {
    let Some(id) = event.invite_id() else {
        return Vec::new();
    };
    let (user, team) = event.decider();
    let why = format!(
        "decided elsewhere by {} just now: {verb}",
        who(app, user, team)
    );
    drop_queued(app, pane, id, &why)
}

fn disconnected_elsewhere(app: &mut App, channel: &str, team: Option<&str>) -> Vec<Effect> {
    let queued_for_channel = app.grace.entries().iter().any(|e| {
        e.writes.iter().any(|w| {
            w.item_id == channel && matches!(w.kind, DecisionKind::DisconnectChannel { .. })
        })
    });
    if !queued_for_channel {
        return Vec::new();
    }
    let org = team.map(|t| app.team_name(t).to_owned());
    let why = match org {
        Some(org) => format!("decided elsewhere just now: {org} was disconnected from it"),
        None => "decided elsewhere just now: disconnected".to_owned(),
    };
    drop_queued(app, ListKind::Channels, channel, &why)
}

fn drop_queued(app: &mut App, pane: ListKind, item_id: &str, why: &str) -> Vec<Effect> {
    let Some(write) = app.grace.take_item(pane, item_id) else {
        return Vec::new();
    };
    let text = format!("Not sent: {} {}: {why}.", write.kind.verb(), write.summary);
    let effects = crate::app::decisions::never_sent(app, vec![write], JournalOutcome::Dropped, why);
    app.notify(NoticeKind::Info, text);
    effects
}
