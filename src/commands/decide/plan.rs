//! Look the item up before deciding, so the confirmation names the org and
//! the channel, and so the call is the one the TUI would make (e.g. an
//! approval of an invite we sent names the accepting team).

use futures::StreamExt;

use crate::app::dialogs::typed_name_matches;
use crate::exit::UsageError;
use crate::journal::JournalAction;
use crate::model::channels::external_teams;
use crate::model::invites::{
    WaitingOn, acceptance_awaiting_us, other_team, target_team, waiting_on, we_invited,
};
use crate::model::orgs::display_name;
use crate::model::requests::is_external_limited;
use crate::model::rows::{Channel, Interner, Invite, Org, Request};
use crate::slack::MAX_MESSAGE_CHARS;
use crate::slack::models::{AuthTest, ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};
use crate::slack::{
    ApprovalMessage, Page, RequestApproval, RequestFilter, SlackClient, SlackError, WriteCall,
};
use crate::text::words::capitalized;
use crate::text::words::permission_words;

/// One decision, ready to confirm and send.
#[derive(Debug, Clone)]
pub struct Plan {
    pub action: JournalAction,
    pub item_id: String,
    /// "Approve invite I0A1?"
    pub question: String,
    /// What the decision is about, one line each (remote text: cleaned when printed).
    pub lines: Vec<String>,
    /// "approve": what the admin types `y` to.
    pub verb: &'static str,
    pub call: WriteCall,
    pub org: Option<String>,
    pub org_id: Option<String>,
    pub channel: Option<String>,
    pub channel_id: Option<String>,
    pub message: Option<String>,
    /// "Approved invite I0A1 (#deals with Globex)."
    pub done: String,
}

/// Our team and enterprise IDs from `auth.test`: a side is ours if it is either.
pub fn our_ids(auth: &AuthTest) -> Vec<&str> {
    [auth.team_id.as_deref(), auth.enterprise_id.as_deref()]
        .into_iter()
        .flatten()
        .filter(|id| !id.is_empty())
        .collect()
}

/// The first item `found` picks, reading pages only until it appears.
async fn find<T>(
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

fn private_or_public(private: bool) -> &'static str {
    if private { "private" } else { "public" }
}

/// `approve` / `decline INVITE_ID`.
pub async fn invite(
    client: &SlackClient,
    auth: &AuthTest,
    invite_id: &str,
    approve: bool,
) -> anyhow::Result<Plan> {
    let wire: ConnectInvite = find(client.invites(), |i: &ConnectInvite| i.id() == invite_id)
        .await?
        .ok_or_else(|| {
            UsageError::new(format!(
                "no pending invitation {invite_id}: it may have expired or been decided \
                 (`connect-triage list invites` shows the pending ones)"
            ))
        })?;
    let ours = our_ids(auth);
    // The TUI's own rules, on the TUI's own row type.
    let invite = Invite::from_wire(&wire, &ours, &mut Interner::default());
    let verb = if approve { "approve" } else { "decline" };
    if waiting_on(&invite, &ours) != WaitingOn::Us {
        return Err(UsageError::new(format!(
            "nothing to {verb} on {invite_id}: it waits on the other org \
             (not accepted yet, or we already reviewed it)"
        ))
        .into());
    }
    let other = other_team(&invite, &ours);
    let org = other.and_then(|t| t.name.as_deref().map(str::to_owned));
    let org_id = other.map(|t| t.id.to_string());
    let channel = invite.channel();
    let channel_name = channel.and_then(|c| c.name.as_deref().map(str::to_owned));
    let verified = match other.and_then(|t| t.is_verified) {
        Some(true) => "verified by Slack",
        _ => "NOT verified by Slack",
    };
    let mut lines = vec![
        format!(
            "Channel: #{} ({}, {}), they could {}",
            channel_name.as_deref().unwrap_or("?"),
            channel.map_or("?", |c| &*c.id),
            private_or_public(channel.and_then(|c| c.is_private).unwrap_or(false)),
            permission_words(invite.is_external_limited())
        ),
        format!(
            "Org: {} ({}), {verified}",
            org.as_deref().unwrap_or("?"),
            org_id.as_deref().unwrap_or("?")
        ),
        format!(
            "Invited by: {}{}",
            invite.inviting_user().map_or("?", |u| u.display()),
            if we_invited(&invite, &ours) {
                " (we invited them)"
            } else {
                ""
            }
        ),
    ];
    if let Some(acceptance) = acceptance_awaiting_us(&invite, &ours) {
        let user = acceptance
            .accepting_user
            .as_ref()
            .map_or("?", |u| u.display());
        lines.push(format!("Accepted by: {user}"));
    }
    let target = target_team(&invite, &ours);
    let (action, call) = if approve {
        (
            JournalAction::ApproveInvite,
            WriteCall::approve_invite(invite_id, target.as_deref()),
        )
    } else {
        (
            JournalAction::DeclineInvite,
            WriteCall::decline_invite(invite_id, target.as_deref()),
        )
    };
    let about = format!(
        "#{} with {}",
        channel_name.as_deref().unwrap_or("?"),
        org.as_deref().unwrap_or("another org")
    );
    Ok(Plan {
        action,
        item_id: invite_id.to_owned(),
        question: format!("{} invite {invite_id}?", capitalized(verb)),
        lines,
        verb,
        call,
        org,
        org_id,
        channel_id: channel.map(|c| c.id.to_string()),
        channel: channel_name,
        message: None,
        done: format!(
            "{} invite {invite_id} ({about}).",
            if approve { "Approved" } else { "Declined" }
        ),
    })
}

/// `request approve|deny REQUEST_ID [--message TEXT]`.
pub async fn request(
    client: &SlackClient,
    request_id: &str,
    approve: bool,
    message: Option<&str>,
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
    let pending = client.invite_requests(RequestFilter::default());
    let request: InviteRequest = find(pending, |r: &InviteRequest| r.id == request_id)
        .await?
        .ok_or_else(|| {
            UsageError::new(format!(
                "no pending request {request_id}: it may have expired or been decided \
                 (`connect-triage list requests` shows the pending ones)"
            ))
        })?;
    let channel = request.channel.as_ref();
    let channel_name = channel.and_then(|c| c.name.clone());
    let recipient = request.recipient_email().unwrap_or("?").to_owned();
    let lines = vec![
        format!(
            "Requester: {}",
            request.inviting_user.as_ref().map_or("?", |u| u.display())
        ),
        format!(
            "Channel: #{} ({})",
            channel_name.as_deref().unwrap_or("?"),
            channel.map_or("?", |c| c.id.as_str())
        ),
        format!("Invite goes to: {recipient}"),
        format!(
            "They could: {}",
            permission_words(is_external_limited(&Request::from_wire(
                &request,
                &mut Interner::default()
            )))
        ),
    ];
    let (action, call, verb) = if approve {
        let approval = RequestApproval {
            is_external_limited: None,
            channel_id: None,
            // Added to the requester's own text, never replacing it (as the TUI).
            message: message.map(|text| ApprovalMessage {
                text: text.to_owned(),
                is_override: false,
            }),
        };
        (
            JournalAction::ApproveRequest,
            WriteCall::approve_request(request_id, &approval),
            "approve",
        )
    } else {
        (
            JournalAction::DenyRequest,
            WriteCall::deny_request(request_id, message),
            "deny",
        )
    };
    Ok(Plan {
        action,
        item_id: request_id.to_owned(),
        question: format!("{} request {request_id}?", capitalized(verb)),
        lines,
        verb,
        call,
        org: None,
        org_id: None,
        channel_id: channel.map(|c| c.id.clone()),
        channel: channel_name.clone(),
        message: message.map(str::to_owned),
        done: format!(
            "{} request {request_id} (invite {recipient} to #{}).",
            if approve { "Approved" } else { "Denied" },
            channel_name.as_deref().unwrap_or("?")
        ),
    })
}

/// `disconnect channel CHANNEL_ID [--team TEAM_ID]`.
pub async fn channel(
    client: &SlackClient,
    auth: &AuthTest,
    channel_id: &str,
    team: Option<&str>,
) -> anyhow::Result<Plan> {
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
    let external = external_teams(&row, &ours);
    let name = channel.name.clone().unwrap_or_else(|| channel.id.clone());
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
    let lines = vec![
        format!(
            "Channel: #{name} ({}, {})",
            channel.id,
            private_or_public(channel.is_private == Some(true))
        ),
        format!("Org that leaves it: {leaving}"),
        format!(
            "Still in it afterwards: us{}",
            external
                .iter()
                .filter(|t| **t != leaving)
                .map(|t| format!(", {t}"))
                .collect::<String>()
        ),
    ];
    Ok(Plan {
        action: JournalAction::DisconnectChannel,
        item_id: channel_id.to_owned(),
        question: format!("Disconnect {leaving} from #{name}?"),
        lines,
        verb: "disconnect",
        call: WriteCall::disconnect_channel(channel_id, Some(&leaving)),
        org: None,
        org_id: Some(leaving.clone()),
        channel: channel.name.clone(),
        channel_id: Some(channel.id.clone()),
        message: None,
        done: format!("Disconnected {leaving} from #{name}."),
    })
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
    let org: ExternalOrg = find(client.external_orgs(), |o: &ExternalOrg| {
        o.team_id == team_id
    })
    .await?
    .ok_or_else(|| {
        UsageError::new(format!(
            "no connected org {team_id} (`connect-triage list teams` shows them)"
        ))
    })?;
    let row = Org::from_wire(&org, &mut Interner::default());
    let name = display_name(&row).to_owned();
    if org.connection_status.as_deref() == Some("DISCONNECTED") {
        return Err(UsageError::new(format!("{team_id} is already disconnected")).into());
    }
    if !typed_name_matches(confirm_name, &name) {
        return Err(UsageError::new(format!(
            "--confirm-name does not match the org's name; type it exactly as \
             `connect-triage list teams` shows it for {team_id} (nothing was sent)"
        ))
        .into());
    }
    let counts = crate::model::orgs::ChannelCounts::of(&row);
    let lines = vec![
        format!(
            "Org: {name} ({team_id}{})",
            org.team_domain
                .as_deref()
                .map(|d| format!(", {d}"))
                .unwrap_or_default()
        ),
        format!("Shared with them now: {}", counts.describe()),
        "Every shared channel and DM with them is disconnected; this cannot be undone.".to_owned(),
    ];
    Ok(Plan {
        action: JournalAction::DisconnectOrg,
        item_id: team_id.to_owned(),
        question: format!("Disconnect the whole org {name}?"),
        lines,
        verb: "disconnect",
        call: WriteCall::disconnect_org(team_id),
        org: Some(name.clone()),
        org_id: Some(team_id.to_owned()),
        channel: None,
        channel_id: None,
        message: None,
        done: format!("Disconnected {name} ({team_id}); Slack finishes it in the background."),
    })
}
