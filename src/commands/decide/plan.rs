//! Look the item up before deciding, so the confirmation names the org and
//! the channel in the TUI's own words ([`crate::decision::plan`]), and so
//! the call is the one the TUI would make (e.g. an approval of an invite we
//! sent names the accepting team).

use futures::StreamExt;

use crate::decision::plan::{self, RequestFacts};
use crate::exit::UsageError;
use crate::model::channels::external_teams;
use crate::model::identity::our_ids;
use crate::model::invites::{WaitingOn, channel_name, other_team, waiting_on};
use crate::model::orgs::{ChannelCounts, confirm_text, display_name, typed_confirms};
use std::sync::Arc;

use crate::model::rows::{Channel, Interner, Invite, Org, Request, Team};
use crate::slack::MAX_MESSAGE_CHARS;
use crate::slack::models::{
    AuthTeam, AuthTest, ConnectInvite, ExternalOrg, InviteRequest, SharedChannel,
};
use crate::slack::{Page, RequestFilter, SlackClient, SlackError};

/// One decision, ready to confirm and send.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The words, the same as the TUI dialog's, and the decision.
    pub shared: plan::Plan,
    /// "Approved invite I0A1 (#deals with Globex)."
    pub done: String,
}

impl Plan {
    pub fn item_id(&self) -> &str {
        &self.shared.write.item_id
    }

    /// "approve": what the admin types `y` to.
    pub fn verb(&self) -> &'static str {
        self.shared.confirmation.yes_label
    }
}

/// The first item `found` picks, reading pages only until it appears.
pub(super) async fn find<T>(
    mut pages: impl futures::Stream<Item = Result<Page<T>, SlackError>> + Unpin,
    found: impl Fn(&T) -> bool,
) -> Result<Option<T>, SlackError> {
    while let Some(page) = pages.next().await {
        if let Some(item) = page?.items.into_iter().find(|i| found(i)) {
            return Ok(Some(item));
        }
    }
    Ok(None)
}

/// With an org-wide token, the row of our workspace the item is in: the
/// plan then names it in the confirmation, the call (`team_id`) and the
/// journal, as the TUI's does.
fn workspace_row(team: Option<&AuthTeam>) -> Option<Arc<Team>> {
    team.map(|t| {
        Arc::new(Team {
            id: Arc::from(t.id.as_str()),
            name: t.name.as_deref().filter(|n| !n.is_empty()).map(Arc::from),
            domain: None,
            is_verified: None,
        })
    })
}

/// The org row of a connected org, when it is one.
pub(super) async fn connected_org(
    client: &SlackClient,
    team_id: &str,
) -> Result<Option<Org>, SlackError> {
    let org = find(client.external_orgs(), |o: &ExternalOrg| {
        o.team_id == team_id
    })
    .await?;
    Ok(org.map(|org| Org::from_wire(&org, &mut Interner::default())))
}

/// `approve` / `decline INVITE_ID`.
pub async fn invite(
    client: &SlackClient,
    auth: &AuthTest,
    team: Option<&AuthTeam>,
    invite_id: &str,
    approve: bool,
) -> anyhow::Result<Plan> {
    let team_id = team.map(|t| t.id.as_str());
    let pages = client.invites_in(team_id);
    let wire: ConnectInvite = find(pages, |i: &ConnectInvite| i.id() == invite_id)
        .await?
        .ok_or_else(|| {
            UsageError::new(format!(
                "no pending invitation {invite_id}: it may have expired or been decided \
                 (`connect-triage list invites` shows the pending ones)"
            ))
        })?;
    let mut ours = our_ids(auth);
    // A workspace of the org is our side too.
    ours.extend(team_id);
    // The TUI's own rules, on the TUI's own row type.
    let invite =
        Invite::from_wire(&wire, &mut Interner::default()).in_workspace(workspace_row(team));
    let verb = if approve { "approve" } else { "decline" };
    if waiting_on(&invite, &ours) != WaitingOn::Us {
        return Err(UsageError::new(format!(
            "nothing to {verb} on {invite_id}: it waits on the other org \
             (not accepted yet, or we already reviewed it)"
        ))
        .into());
    }
    let other = other_team(&invite, &ours);
    let org = match other {
        Some(team) => connected_org(client, &team.id).await?,
        None => None,
    };
    let shared = plan::invite(&invite, &ours, org.as_ref(), approve).map_err(UsageError::new)?;
    let about = format!(
        "#{} with {}",
        channel_name(&invite),
        other
            .and_then(|t| t.name.as_deref())
            .unwrap_or("another org")
    );
    Ok(Plan {
        shared,
        done: format!(
            "{} invite {invite_id} ({about}).",
            if approve { "Approved" } else { "Declined" }
        ),
    })
}

/// The options of `request approve`.
#[derive(Debug, Clone, Default)]
pub struct ApproveOptions {
    /// `--channel`: into this channel instead.
    pub channel: Option<String>,
    /// `--post-only` (true) or `--post-and-invite` (false); `None` keeps the request's.
    pub limited: Option<bool>,
    pub replace_message: bool,
}

/// `request approve|deny REQUEST_ID [--message TEXT]` and approve's options.
pub async fn request(
    client: &SlackClient,
    team: Option<&AuthTeam>,
    request_id: &str,
    approve: bool,
    message: Option<&str>,
    options: &ApproveOptions,
) -> anyhow::Result<Plan> {
    let message = message.filter(|m| !m.trim().is_empty());
    if let Some(text) = message {
        let count = text.chars().count();
        if count > MAX_MESSAGE_CHARS {
            return Err(UsageError::new(format!(
                "--message is {count} characters; Slack allows {MAX_MESSAGE_CHARS}"
            ))
            .into());
        }
    }
    let pending = client.invite_requests_in(team.map(|t| t.id.as_str()), RequestFilter::default());
    let request: InviteRequest = find(pending, |r: &InviteRequest| r.id == request_id)
        .await?
        .ok_or_else(|| {
            UsageError::new(format!(
                "no pending request {request_id}: it may have expired or been decided \
                 (`connect-triage list requests` shows the pending ones)"
            ))
        })?;
    let row =
        Request::from_wire(&request, &mut Interner::default()).in_workspace(workspace_row(team));
    let facts = RequestFacts::of(&row);
    let message = message.map(str::to_owned);
    let shared = if approve {
        let channel = match &options.channel {
            Some(id) => Some((id.clone(), override_channel_name(client, id).await?)),
            None => None,
        };
        crate::decision::plan_request::approve_request(
            &facts,
            &crate::decision::plan_request::ApprovalChoice {
                limited: options.limited.unwrap_or(facts.requested_limited),
                replace_message: options.replace_message && message.is_some(),
                message,
                channel,
            },
        )
    } else {
        plan::deny(&facts, message)
    };
    let done = format!(
        "{} request {request_id} (invite {} to #{}).",
        if approve { "Approved" } else { "Denied" },
        row.recipient_email().unwrap_or("?"),
        shared.write.about.channel.as_deref().unwrap_or("?")
    );
    Ok(Plan { shared, done })
}

/// `disconnect channel CHANNEL_ID [--team TEAM_ID]`.
pub async fn channel(
    client: &SlackClient,
    auth: &AuthTest,
    channel_id: &str,
    team: Option<&str>,
) -> anyhow::Result<Plan> {
    let (_, external, name) = shared_channel(client, auth, channel_id).await?;
    let external: Vec<&str> = external.iter().map(String::as_str).collect();
    let leaving = match (team, external.as_slice()) {
        (Some(team), _) if external.contains(&team) => team.to_owned(),
        (Some(team), _) => {
            return Err(UsageError::new(format!(
                "{team} is not an external org in #{name}; the external orgs there are: {}",
                list_or_none(&external)
            ))
            .into());
        }
        (None, []) => {
            return Err(
                UsageError::new(format!("#{name} has no external org to disconnect")).into(),
            );
        }
        (None, [only]) => (*only).to_owned(),
        (None, several) => {
            return Err(UsageError::new(format!(
                "#{name} is shared with {} external orgs; say which one leaves with --team ({})",
                several.len(),
                several.join(", ")
            ))
            .into());
        }
    };
    let org = connected_org(client, &leaving).await?;
    let team_name = org.as_ref().map_or(leaving.as_str(), display_name);
    Ok(Plan {
        shared: plan::disconnect_channel(channel_id, &name, &leaving, team_name),
        done: format!("Disconnected {team_name} ({leaving}) from #{name}."),
    })
}

/// A shared channel by ID, the external orgs in it, and its name; a
/// usage error when no shared channel has that ID.
pub(super) async fn shared_channel(
    client: &SlackClient,
    auth: &AuthTest,
    channel_id: &str,
) -> anyhow::Result<(SharedChannel, Vec<String>, String)> {
    let channel: SharedChannel = find(client.shared_channels(), |c: &SharedChannel| {
        c.id == channel_id
    })
    .await?
    .ok_or_else(|| {
        UsageError::new(format!(
            "no shared channel {channel_id} (`connect-triage list channels` shows them)"
        ))
    })?;
    let ours = our_ids(auth);
    let row = Channel::from_wire(&channel, &mut Interner::default());
    let external = external_teams(&row, &ours)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let name = channel.name.clone().unwrap_or_else(|| channel.id.clone());
    Ok((channel, external, name))
}

/// A channel's name for the confirmation: shared channels are listed;
/// another channel is named by its ID (Slack checks it exists).
async fn override_channel_name(client: &SlackClient, id: &str) -> anyhow::Result<String> {
    let found = find(client.shared_channels(), |c: &SharedChannel| c.id == id).await?;
    Ok(found.and_then(|c| c.name).unwrap_or_else(|| id.to_owned()))
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// `disconnect org TEAM_ID --confirm-name NAME`.
pub async fn org(client: &SlackClient, team_id: &str, confirm_name: &str) -> anyhow::Result<Plan> {
    let row = connected_org(client, team_id).await?.ok_or_else(|| {
        UsageError::new(format!(
            "no connected org {team_id} (`connect-triage list teams` shows them)"
        ))
    })?;
    let name = display_name(&row).to_owned();
    if row.connection_status.as_deref() == Some("DISCONNECTED") {
        return Err(UsageError::new(format!("{team_id} is already disconnected")).into());
    }
    let expected = confirm_text(&name, team_id);
    if !typed_confirms(confirm_name, expected) {
        let hint = if expected == name {
            format!(
                "--confirm-name does not match the org's name; type it exactly as \
                 `connect-triage list teams` shows it for {team_id} (nothing was sent)"
            )
        } else {
            format!(
                "the name of {team_id} has characters that can't be typed as shown; \
                 confirm with its team ID instead: --confirm-name {team_id} (nothing was sent)"
            )
        };
        return Err(UsageError::new(hint).into());
    }
    Ok(Plan {
        shared: plan::disconnect_org(team_id, &name, &ChannelCounts::of(&row)),
        done: format!("Disconnected {name} ({team_id}); Slack finishes it in the background."),
    })
}
