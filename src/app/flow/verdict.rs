//! Was a decision applied? Learned from Slack's fresh lists when its
//! answer was lost (timeout, broken connection, crash, dropped SSH session).
//!
//! - approve invite: still pending and no longer waiting on us, or gone
//!   with its channel now connected to the other org → applied.
//! - decline invite: gone and the channel not connected to them → applied.
//! - approve / deny request: the request's status, from the list with
//!   `include_approved` / `include_denied`.
//! - disconnect channel: the leaving org is no longer in the channel.
//! - disconnect org: the org is listed as disconnected, or not at all.

use std::collections::HashMap;

use crate::app::panes::channels::ChannelsPane;
use crate::app::panes::invites::InvitesPane;
use crate::app::panes::orgs::OrgsPane;
use crate::journal::{JournalAction, JournalRecord};
use crate::model::ListKind;
use crate::model::invites::{WaitingOn, waiting_on};
use crate::model::rows::{Channel, Invite, Org};
use crate::slack::RequestFilter;

/// A request's status, told apart by listing with and without the
/// `include_*` flags (the wire shape has no status field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestState {
    Pending,
    Approved,
    Denied,
}

impl RequestState {
    /// The listing that shows requests of each state. Pending ones are
    /// listed by every one of them, so the pending listing is first.
    pub fn listings() -> [(RequestState, RequestFilter); 3] {
        let with = |approved: bool, denied: bool| RequestFilter {
            include_approved: approved,
            include_denied: denied,
            ..RequestFilter::default()
        };
        [
            (RequestState::Pending, with(false, false)),
            (RequestState::Approved, with(true, false)),
            (RequestState::Denied, with(false, true)),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Applied(String),
    /// Not applied, and the item still waits for exactly this decision (an
    /// invite still pending on our approval, a request still pending, an
    /// org still in the channel): sending it again cannot double anything.
    StillWaiting(String),
    /// Not applied, and the item moved on (declined elsewhere, approved
    /// instead, decided the other way): sending again would be wrong.
    NotApplied(String),
    /// The lists do not tell (yet): keep it open.
    Undetermined(String),
}

/// What a re-check of `action` needs: these lists, fully loaded after the
/// decision, and for requests their statuses.
pub fn needs(action: JournalAction) -> (&'static [ListKind], bool) {
    match action {
        JournalAction::ApproveInvite | JournalAction::DeclineInvite => {
            (&[ListKind::Invites, ListKind::Channels], false)
        }
        JournalAction::ApproveRequest | JournalAction::DenyRequest => (&[], true),
        JournalAction::DisconnectChannel => (&[ListKind::Channels], false),
        JournalAction::DisconnectOrg => (&[ListKind::Orgs], false),
        JournalAction::UpgradePermission | JournalAction::DowngradePermission => {
            (&[ListKind::Channels], false)
        }
    }
}

/// The fresh data a verdict is drawn from: the TUI's loaded panes, or the
/// items the command line looked up again.
pub trait Evidence {
    fn invite(&self, id: &str) -> Option<&Invite>;
    fn channel(&self, id: &str) -> Option<&Channel>;
    fn org(&self, id: &str) -> Option<&Org>;
    /// Requests' statuses; `None` when they were not loaded.
    fn requests(&self) -> Option<&HashMap<String, RequestState>>;
    /// Our workspace or org IDs.
    fn ours(&self) -> &[&str];

    /// Whether the channel lists `org` (or, with no org named, is listed at all).
    fn channel_has(&self, channel_id: Option<&str>, org: Option<&str>) -> bool {
        let Some(channel) = channel_id.and_then(|id| self.channel(id)) else {
            return false;
        };
        match org {
            Some(org) => channel.connected_team_ids.iter().any(|t| &**t == org),
            None => true,
        }
    }
}

/// The TUI's evidence: its panes, loaded again after the decision.
pub struct Panes<'a> {
    pub invites: &'a InvitesPane,
    pub channels: &'a ChannelsPane,
    pub orgs: &'a OrgsPane,
    pub requests: Option<&'a HashMap<String, RequestState>>,
    pub ours: &'a [&'a str],
}

impl Evidence for Panes<'_> {
    fn invite(&self, id: &str) -> Option<&Invite> {
        self.invites.find(id)
    }
    fn channel(&self, id: &str) -> Option<&Channel> {
        self.channels.find(id)
    }
    fn org(&self, id: &str) -> Option<&Org> {
        self.orgs.find(id)
    }
    fn requests(&self) -> Option<&HashMap<String, RequestState>> {
        self.requests
    }
    fn ours(&self) -> &[&str] {
        self.ours
    }
}

pub fn verdict(record: &JournalRecord, e: &impl Evidence) -> Verdict {
    let item = record.item_id.as_str();
    let channel = record.channel_id.as_deref();
    let org = record.org_id.as_deref();
    match record.action {
        JournalAction::ApproveInvite => match e.invite(item) {
            Some(invite) if waiting_on(invite, e.ours()) == WaitingOn::Us => Verdict::StillWaiting(
                "the invitation is still pending and still waits on our approval".into(),
            ),
            Some(_) => Verdict::Applied(
                "the invitation now waits on the other org: our approval is recorded".into(),
            ),
            None if e.channel_has(channel, org) => Verdict::Applied(
                "the invitation left the pending list and its channel is now connected".into(),
            ),
            None => Verdict::NotApplied(
                "the invitation left the pending list without connecting the channel (declined, revoked or expired)".into(),
            ),
        },
        JournalAction::DeclineInvite => match e.invite(item) {
            Some(_) => Verdict::StillWaiting("the invitation is still pending".into()),
            None if org.is_some() && e.channel_has(channel, org) => Verdict::NotApplied(
                "the invitation was approved instead: its channel is connected".into(),
            ),
            None => Verdict::Applied(
                "the invitation left the pending list and its channel is not connected".into(),
            ),
        },
        JournalAction::ApproveRequest | JournalAction::DenyRequest => {
            let Some(statuses) = e.requests() else {
                return Verdict::Undetermined("the requests' statuses are not loaded".into());
            };
            let wanted = if record.action == JournalAction::ApproveRequest {
                RequestState::Approved
            } else {
                RequestState::Denied
            };
            match statuses.get(item) {
                Some(state) if *state == wanted => Verdict::Applied(format!(
                    "Slack lists the request as {}",
                    state_word(*state)
                )),
                Some(RequestState::Pending) => {
                    Verdict::StillWaiting("Slack lists the request as still pending".into())
                }
                Some(state) => Verdict::NotApplied(format!(
                    "Slack lists the request as {}",
                    state_word(*state)
                )),
                None => Verdict::Undetermined(
                    "Slack no longer lists the request (it may have expired)".into(),
                ),
            }
        }
        JournalAction::DisconnectChannel => {
            if e.channel_has(Some(item), org) {
                Verdict::StillWaiting(match org {
                    Some(_) => "the org is still in the channel".into(),
                    None => "the channel is still shared".into(),
                })
            } else {
                Verdict::Applied(match org {
                    Some(_) => "the org is no longer in the channel".into(),
                    None => "the channel is no longer shared".into(),
                })
            }
        }
        JournalAction::DisconnectOrg => match e.org(item) {
            Some(org) if org.connection_status.as_deref() != Some("DISCONNECTED") => {
                Verdict::StillWaiting("the org is still connected".into())
            }
            Some(_) => Verdict::Applied("the org is disconnected".into()),
            // Slack keeps a disconnected org listed as DISCONNECTED: one it
            // does not list at all proves nothing either way.
            None => Verdict::Undetermined("Slack does not list that org at all".into()),
        },
        JournalAction::UpgradePermission | JournalAction::DowngradePermission => {
            let wanted_limited = record.action == JournalAction::DowngradePermission;
            let Some(org) = org else {
                return Verdict::Undetermined("the journal does not name the org".into());
            };
            let Some(channel) = e.channel(item).filter(|_| e.channel_has(Some(item), Some(org)))
            else {
                return Verdict::Undetermined("the org is no longer in the channel".into());
            };
            let limited = channel
                .connected_limited_team_ids
                .iter()
                .any(|t| &**t == org);
            let words = crate::text::words::permission_words(limited);
            if limited == wanted_limited {
                Verdict::Applied(format!("the org may now {words}"))
            } else {
                Verdict::StillWaiting(format!("the org may still {words}"))
            }
        }
    }
}

fn state_word(state: RequestState) -> &'static str {
    match state {
        RequestState::Pending => "still pending",
        RequestState::Approved => "approved",
        RequestState::Denied => "denied",
    }
}
