//! A write with no reliable answer is re-checked before anything more is
//! sent: the item is looked up again, and the TUI's own rules
//! ([`crate::app::flow::verdict`]) tell whether it was applied. Only what
//! the lookup proves unapplied, with the item still waiting for exactly
//! this decision, may be sent again.

use std::collections::HashMap;

use crate::app::flow::verdict::{Evidence, RequestState, Verdict, verdict};
use crate::journal::{JournalAction, JournalRecord};
use crate::model::identity::our_ids;
use crate::model::rows::{Channel, Interner, Invite, Org};
use crate::slack::models::{ConnectInvite, InviteRequest, SharedChannel};
use crate::slack::{SlackClient, SlackError};

use super::plan::{connected_org, find};

/// What Slack lists now about one decision's item.
struct Looked<'a> {
    invite: Option<Invite>,
    channel: Option<Channel>,
    org: Option<Org>,
    requests: Option<HashMap<String, RequestState>>,
    ours: Vec<&'a str>,
}

impl Evidence for Looked<'_> {
    fn invite(&self, id: &str) -> Option<&Invite> {
        self.invite.as_ref().filter(|i| &*i.id == id)
    }
    fn channel(&self, id: &str) -> Option<&Channel> {
        self.channel.as_ref().filter(|c| &*c.id == id)
    }
    fn org(&self, id: &str) -> Option<&Org> {
        self.org.as_ref().filter(|o| &*o.team_id == id)
    }
    fn requests(&self) -> Option<&HashMap<String, RequestState>> {
        self.requests.as_ref()
    }
    fn ours(&self) -> &[&str] {
        &self.ours
    }
}

/// Whether the decision `record` journals was applied, from a fresh lookup.
/// `team` is our workspace the item is in, with an org-wide token.
pub(super) async fn recheck(
    client: &SlackClient,
    auth: &crate::slack::models::AuthTest,
    team: Option<&str>,
    record: &JournalRecord,
) -> Result<Verdict, SlackError> {
    let mut ours = our_ids(auth);
    ours.extend(team);
    let mut looked = Looked {
        invite: None,
        channel: None,
        org: None,
        requests: None,
        ours,
    };
    let item = record.item_id.as_str();
    let mut interner = Interner::default();
    match record.action {
        JournalAction::ApproveInvite | JournalAction::DeclineInvite => {
            let wire = find(client.invites_in(team), |i: &ConnectInvite| i.id() == item).await?;
            looked.invite = wire.map(|w| Invite::from_wire(&w, &mut interner));
            // Gone from the pending list: the channel tells approved from declined.
            if looked.invite.is_none()
                && let Some(channel) = record.channel_id.as_deref()
            {
                looked.channel = shared_channel(client, channel, &mut interner).await?;
            }
        }
        JournalAction::ApproveRequest | JournalAction::DenyRequest => {
            let state = request_state(client, team, item).await?;
            looked.requests = Some(state.map(|s| (item.to_owned(), s)).into_iter().collect());
        }
        JournalAction::DisconnectChannel
        | JournalAction::UpgradePermission
        | JournalAction::DowngradePermission => {
            looked.channel = shared_channel(client, item, &mut interner).await?;
        }
        JournalAction::DisconnectOrg => looked.org = connected_org(client, item).await?,
    }
    Ok(verdict(record, &looked))
}

async fn shared_channel(
    client: &SlackClient,
    id: &str,
    interner: &mut Interner,
) -> Result<Option<Channel>, SlackError> {
    let wire = find(client.shared_channels(), |c: &SharedChannel| c.id == id).await?;
    Ok(wire.map(|w| Channel::from_wire(&w, interner)))
}

/// One request's status: the first listing that shows it (pending first).
async fn request_state(
    client: &SlackClient,
    team: Option<&str>,
    id: &str,
) -> Result<Option<RequestState>, SlackError> {
    for (state, filter) in RequestState::listings() {
        let pages = client.invite_requests_in(team, filter);
        if find(pages, |r: &InviteRequest| r.id == id).await?.is_some() {
            return Ok(Some(state));
        }
    }
    Ok(None)
}
