//! The words of every confirmation, built from the rows both front ends
//! hold, so the TUI dialog and the CLI question can never drift apart.
//! Each plan also carries the decision it confirms ([`PlannedWrite`]),
//! with what it is about for the journal.

use crate::decision::DecisionKind;
use crate::model::invites::{
    WaitingOn, acceptance_awaiting_us, channel_name, invite_summary, other_team, target_team,
    waiting_on,
};
use crate::model::orgs::ChannelCounts;
use crate::model::requests::{is_external_limited, request_summary};
use crate::model::risk_flags::Signal;
use std::sync::Arc;

use crate::model::rows::{Invite, Org, Request, Team};
use crate::slack::WriteCall;
use crate::text::words::permission_words;

/// What a decision is about, in the journal's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct About {
    /// The other org's name and ID.
    pub org: Option<String>,
    pub org_id: Option<String>,
    pub channel: Option<String>,
    pub channel_id: Option<String>,
}

impl About {
    /// One org in one channel (a disconnect, a permission change).
    pub fn org_in_channel(
        team_id: &str,
        team_name: &str,
        channel_id: &str,
        channel_name: &str,
    ) -> About {
        About {
            org: Some(team_name.to_owned()),
            org_id: Some(team_id.to_owned()),
            channel: Some(channel_name.to_owned()),
            channel_id: Some(channel_id.to_owned()),
        }
    }
}

/// A write the admin has described but not yet confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedWrite {
    pub kind: DecisionKind,
    pub item_id: String,
    /// "invite I0A to #ops from Acme", for notices.
    pub summary: String,
    pub about: About,
    /// The workspace of ours the item belongs to, when an org-wide token
    /// must name it: sent as `team_id` and journaled.
    pub workspace: Option<Arc<Team>>,
}

impl PlannedWrite {
    /// The call this write sends: the decision's own, with `team_id` when
    /// the item's workspace has to be named.
    pub fn call(&self) -> WriteCall {
        write_call(
            &self.kind,
            &self.item_id,
            self.workspace.as_ref().map(|w| &*w.id),
        )
    }
}

/// The call `kind` sends for `item_id`, with `team_id` when the item's
/// workspace has to be named (an org-wide token).
pub fn write_call(kind: &DecisionKind, item_id: &str, workspace: Option<&str>) -> WriteCall {
    let mut call = kind.call(item_id);
    if let Some(team) = workspace {
        call.args.push(("team_id", team.to_owned()));
    }
    call
}

/// What the admin reads before saying yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// "Approve invite I0A?"
    pub title: String,
    /// One line each; may hold remote text (cleaned where it is shown).
    pub lines: Vec<String>,
    /// "approve", "deny", "disconnect": what `y` does.
    pub yes_label: &'static str,
}

/// A confirmation and the decision it sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub confirmation: Confirmation,
    pub write: PlannedWrite,
}

/// With an org-wide token, the first line names the item's workspace.
fn workspace_line(workspace: Option<&Arc<Team>>) -> Option<String> {
    workspace.map(|w| format!("Workspace: {}", w.label()))
}

fn private_or_public(private: bool) -> &'static str {
    if private { "private" } else { "public" }
}

/// Approving or declining `invite`, with nothing to confirm yet (a batch).
pub fn invite_write(invite: &Invite, ours: &[&str], approve: bool) -> PlannedWrite {
    let target_team = target_team(invite, ours);
    let other = other_team(invite, ours);
    let channel = invite.channel();
    let about = About {
        org: other.and_then(|t| t.name.as_deref().map(str::to_owned)),
        org_id: target_team
            .clone()
            .or_else(|| other.map(|t| t.id.to_string())),
        channel: channel.and_then(|c| c.name.as_deref().map(str::to_owned)),
        channel_id: channel.map(|c| c.id.to_string()),
    };
    let kind = if approve {
        DecisionKind::ApproveInvite { target_team }
    } else {
        DecisionKind::DeclineInvite { target_team }
    };
    PlannedWrite {
        kind,
        item_id: invite.id().to_owned(),
        summary: invite_summary(invite, ours),
        about,
        workspace: invite.workspace.clone(),
    }
}

/// Approve or decline `invite`; `org` is the other org's row when we are
/// connected to it already. Refused when the invite waits on them.
pub fn invite(
    invite: &Invite,
    ours: &[&str],
    org: Option<&Org>,
    approve: bool,
) -> Result<Plan, String> {
    let verb = if approve { "approve" } else { "decline" };
    if waiting_on(invite, ours) != WaitingOn::Us {
        return Err(format!(
            "Nothing to {verb} on {}: it waits on them (not accepted yet, or we already reviewed it).",
            invite.id()
        ));
    }
    let other = other_team(invite, ours);
    let other_name = other
        .and_then(|t| t.name.as_deref())
        .unwrap_or("another org");
    let other_id = other.map(|t| &*t.id).unwrap_or("?");
    let private = invite.channel().and_then(|c| c.is_private).unwrap_or(false);
    let verified = match other.and_then(|t| t.is_verified) {
        Some(true) => "verified by Slack",
        _ => "NOT verified by Slack",
    };
    let mut lines: Vec<String> = workspace_line(invite.workspace.as_ref())
        .into_iter()
        .collect();
    lines.extend([
        format!(
            "Channel: #{} ({}), they could {}",
            channel_name(invite),
            private_or_public(private),
            permission_words(invite.is_external_limited())
        ),
        format!("Org: {other_name} ({other_id}), {verified}"),
        format!(
            "Invited by: {}",
            invite.inviting_user().map(|u| u.display()).unwrap_or("?")
        ),
    ]);
    if let Some(acceptance) = acceptance_awaiting_us(invite, ours) {
        let user = acceptance
            .accepting_user
            .as_ref()
            .map(|u| u.display())
            .unwrap_or("?");
        lines.push(format!("Accepted by: {user}"));
    }
    lines.push(match org {
        Some(org) => format!(
            "Already shared with them: {}",
            ChannelCounts::of(org).describe()
        ),
        None => "Not connected to us yet: a new org.".to_owned(),
    });
    lines.push(if approve {
        format!(
            "Approving connects {other_name} to #{}.",
            channel_name(invite)
        )
    } else {
        "Declining ends this invitation for the channel.".to_owned()
    });
    Ok(Plan {
        confirmation: Confirmation {
            title: format!(
                "{} invite {}?",
                if approve { "Approve" } else { "Decline" },
                invite.id()
            ),
            lines,
            yes_label: verb,
        },
        write: invite_write(invite, ours, approve),
    })
}

/// "Needs care: looks like Stripe (T0STRIPE01)": a line per risk signal of
/// the invite or request a confirmation decides, gravest first.
pub fn needs_care_lines(signals: &[Signal]) -> Vec<String> {
    signals
        .iter()
        .map(|s| format!("Needs care: {}", s.evidence))
        .collect()
}

/// A request as its dialogs show it, kept while the admin writes a message
/// (the row may leave the list meanwhile).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts {
    pub id: String,
    pub summary: String,
    /// Requester, channel, recipient (remote text).
    pub lines: Vec<String>,
    /// The permission the member asked for.
    pub requested_limited: bool,
    pub about: About,
    /// Our workspace the request was made in, with an org-wide token.
    pub workspace: Option<Arc<Team>>,
}

impl RequestFacts {
    pub fn of(request: &Request) -> RequestFacts {
        let channel = request.channel.as_ref();
        let mut lines: Vec<String> = workspace_line(request.workspace.as_ref())
            .into_iter()
            .collect();
        lines.extend([
            format!(
                "Requester: {}",
                request
                    .inviting_user
                    .as_ref()
                    .map(|u| u.display())
                    .unwrap_or("?")
            ),
            format!(
                "Channel: #{} ({})",
                channel.and_then(|c| c.name.as_deref()).unwrap_or("?"),
                private_or_public(channel.and_then(|c| c.is_private).unwrap_or(false))
            ),
            format!(
                "Invite goes to: {}",
                request.recipient_email().unwrap_or("?")
            ),
        ]);
        RequestFacts {
            id: request.id.to_string(),
            summary: request_summary(request),
            lines,
            requested_limited: is_external_limited(request),
            about: About {
                channel: channel.and_then(|c| c.name.as_deref().map(str::to_owned)),
                channel_id: channel.map(|c| c.id.to_string()),
                ..About::default()
            },
            workspace: request.workspace.clone(),
        }
    }

    pub(crate) fn write(&self, kind: DecisionKind) -> PlannedWrite {
        PlannedWrite {
            kind,
            item_id: self.id.clone(),
            summary: self.summary.clone(),
            about: self.about.clone(),
            workspace: self.workspace.clone(),
        }
    }
}

/// Approving or denying `request` as asked, with no message (a batch).
pub fn request_write(request: &Request, approve: bool) -> PlannedWrite {
    let kind = if approve {
        DecisionKind::ApproveRequest {
            is_external_limited: None,
            message: None,
            channel_id: None,
            replace_message: false,
        }
    } else {
        DecisionKind::DenyRequest { message: None }
    };
    RequestFacts::of(request).write(kind)
}

fn quoted_lines(message: &Option<String>) -> Vec<String> {
    match message {
        Some(text) => text.lines().map(|line| format!("  │ {line}")).collect(),
        None => vec!["  (no message)".to_owned()],
    }
}

/// Deny a request, telling the requester `message`.
pub fn deny(request: &RequestFacts, message: Option<String>) -> Plan {
    let mut lines = request.lines.clone();
    lines.push("The requester is told; the outsider gets nothing. Message:".to_owned());
    lines.extend(quoted_lines(&message));
    Plan {
        confirmation: Confirmation {
            title: format!("Deny request {}?", request.id),
            lines,
            yes_label: "deny",
        },
        write: request.write(DecisionKind::DenyRequest { message }),
    }
}

/// Remove the team `team_id` from a shared channel.
pub fn disconnect_channel(
    channel_id: &str,
    channel_name: &str,
    team_id: &str,
    team_name: &str,
) -> Plan {
    Plan {
        confirmation: Confirmation {
            title: format!("Disconnect {team_name} from #{channel_name}?"),
            lines: vec![
                format!("Channel: #{channel_name} ({channel_id})"),
                format!("Leaving: {team_name} ({team_id})"),
                "Their members lose access to the channel. Slack cannot undo this;".to_owned(),
                "reconnecting needs a new invitation.".to_owned(),
            ],
            yes_label: "disconnect",
        },
        write: PlannedWrite {
            kind: DecisionKind::DisconnectChannel {
                leaving_team: Some(team_id.to_owned()),
            },
            item_id: channel_id.to_owned(),
            summary: format!("{team_name} from #{channel_name}"),
            about: About::org_in_channel(team_id, team_name, channel_id, channel_name),
            workspace: None,
        },
    }
}

/// Disconnect every channel and DM with an org.
pub fn disconnect_org(team_id: &str, name: &str, counts: &ChannelCounts) -> Plan {
    Plan {
        confirmation: Confirmation {
            title: format!("Disconnect the whole org {name}?"),
            lines: vec![
                format!("Org: {name} ({team_id})"),
                format!("This cuts {}.", counts.describe()),
                "Every shared channel and DM with them ends. Slack cannot undo this.".to_owned(),
            ],
            yes_label: "disconnect",
        },
        write: PlannedWrite {
            kind: DecisionKind::DisconnectOrg,
            item_id: team_id.to_owned(),
            summary: format!("org {name}"),
            about: About {
                org: Some(name.to_owned()),
                org_id: Some(team_id.to_owned()),
                ..About::default()
            },
            workspace: None,
        },
    }
}
