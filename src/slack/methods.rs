//! The Slack Connect methods, as typed calls on [`SlackClient`].

use serde::Serialize;

use super::client::{CallKind, SlackClient};
use super::error::SlackError;
use super::models::{AuthTeam, AuthTest};
use super::responses::{
    AuthTeamsList, ConnectionsOpen, DiscoverableLookup, Empty, RequestDecision,
};

/// Which requests `conversations.requestSharedInvite.list` returns besides pending ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub include_approved: bool,
    pub include_denied: bool,
    pub include_expired: bool,
    /// Only requests made by this user.
    pub user_id: Option<String>,
}

/// The overrides an admin may give when approving a request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestApproval {
    pub is_external_limited: Option<bool>,
    pub channel_id: Option<String>,
    pub message: Option<ApprovalMessage>,
}

/// `message` of `requestSharedInvite.approve`; sent as a JSON string in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalMessage {
    pub text: String,
    /// True replaces the requester's text; false appends to it.
    pub is_override: bool,
}

pub(super) fn flag(value: bool) -> String {
    value.to_string()
}

impl SlackClient {
    pub async fn auth_test(&self) -> Result<AuthTest, SlackError> {
        self.call("auth.test", &[], CallKind::Read).await
    }

    /// Every workspace an org-wide token can act on (all pages).
    pub async fn auth_teams_list(&self) -> Result<Vec<AuthTeam>, SlackError> {
        let mut teams = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut args = vec![("limit", "1000".to_owned())];
            if let Some(c) = &cursor {
                args.push(("cursor", c.clone()));
            }
            let page: AuthTeamsList = self.call("auth.teams.list", &args, CallKind::Read).await?;
            teams.extend(page.teams);
            let next = page
                .response_metadata
                .and_then(|m| m.next_cursor)
                .filter(|c| !c.is_empty());
            if next.is_none() || next == cursor {
                return Ok(teams);
            }
            cursor = next;
        }
    }

    /// A new Socket Mode WebSocket URL (with an app-level token). Single
    /// use: every connection asks for its own.
    pub async fn connections_open(&self) -> Result<String, SlackError> {
        let open: ConnectionsOpen = self
            .call("apps.connections.open", &[], CallKind::Read)
            .await?;
        Ok(open.url)
    }

    /// Whether `email` is someone discoverable on Slack. Slack's answer
    /// without its field is an answer we cannot read, not a "no".
    pub async fn is_discoverable(&self, email: &str) -> Result<bool, SlackError> {
        let answer: DiscoverableLookup = self
            .call(
                "users.discoverableContacts.lookup",
                &[("email", email.to_owned())],
                CallKind::Read,
            )
            .await?;
        answer.is_discoverable.ok_or(SlackError::Decode {
            method: "users.discoverableContacts.lookup",
            message: "the answer has no is_discoverable".to_owned(),
            snippet: String::new(),
        })
    }

    pub async fn approve_invite(
        &self,
        invite_id: &str,
        target_team: Option<&str>,
    ) -> Result<(), SlackError> {
        self.perform(&WriteCall::approve_invite(invite_id, target_team))
            .await
    }

    pub async fn decline_invite(
        &self,
        invite_id: &str,
        target_team: Option<&str>,
    ) -> Result<(), SlackError> {
        self.perform(&WriteCall::decline_invite(invite_id, target_team))
            .await
    }

    /// Approve a member's request; Slack sends the invitation. Returns the invite ID.
    pub async fn approve_request(
        &self,
        invite_id: &str,
        approval: &RequestApproval,
    ) -> Result<String, SlackError> {
        let call = WriteCall::approve_request(invite_id, approval);
        let answer: RequestDecision = self.write(call.method, &call.args).await?;
        Ok(answer
            .invite_id
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| invite_id.to_owned()))
    }

    pub async fn deny_request(
        &self,
        invite_id: &str,
        message: Option<&str>,
    ) -> Result<(), SlackError> {
        let call = WriteCall::deny_request(invite_id, message);
        self.write::<RequestDecision>(call.method, &call.args)
            .await
            .map(drop)
    }

    /// Disconnect every channel and DM with an external org (Slack finishes in the background).
    pub async fn disconnect_org(&self, target_team: &str) -> Result<(), SlackError> {
        self.perform(&WriteCall::disconnect_org(target_team)).await
    }

    /// Remove one team from a shared channel; `leaving_team` is required with more than two teams.
    pub async fn disconnect_channel(
        &self,
        channel_id: &str,
        leaving_team: Option<&str>,
    ) -> Result<(), SlackError> {
        self.perform(&WriteCall::disconnect_channel(channel_id, leaving_team))
            .await
    }

    /// Send one write exactly as `call` describes it; `Ok` when Slack said `ok`.
    pub async fn perform(&self, call: &WriteCall) -> Result<(), SlackError> {
        self.write::<Empty>(call.method, &call.args).await.map(drop)
    }

    async fn write<T: serde::de::DeserializeOwned>(
        &self,
        method: &'static str,
        args: &[(&'static str, String)],
    ) -> Result<T, SlackError> {
        self.call(method, args, CallKind::Write).await
    }
}

/// One write call, as data: the method and its form arguments. The typed
/// methods above send these, and `--dry-run` prints them, so what is
/// printed is what would be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteCall {
    pub method: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl WriteCall {
    pub fn approve_invite(invite_id: &str, target_team: Option<&str>) -> WriteCall {
        WriteCall {
            method: "conversations.approveSharedInvite",
            args: invite_args(invite_id, target_team),
        }
    }

    pub fn decline_invite(invite_id: &str, target_team: Option<&str>) -> WriteCall {
        WriteCall {
            method: "conversations.declineSharedInvite",
            args: invite_args(invite_id, target_team),
        }
    }

    pub fn approve_request(invite_id: &str, approval: &RequestApproval) -> WriteCall {
        let mut args = vec![("invite_id", invite_id.to_owned())];
        if let Some(channel) = &approval.channel_id {
            args.push(("channel_id", channel.clone()));
        }
        if let Some(limited) = approval.is_external_limited {
            args.push(("is_external_limited", flag(limited)));
        }
        if let Some(message) = &approval.message {
            let json = serde_json::to_string(message).expect("a message always serializes");
            args.push(("message", json));
        }
        WriteCall {
            method: "conversations.requestSharedInvite.approve",
            args,
        }
    }

    pub fn deny_request(invite_id: &str, message: Option<&str>) -> WriteCall {
        let mut args = vec![("invite_id", invite_id.to_owned())];
        if let Some(message) = message {
            args.push(("message", message.to_owned()));
        }
        WriteCall {
            method: "conversations.requestSharedInvite.deny",
            args,
        }
    }

    pub fn disconnect_org(target_team: &str) -> WriteCall {
        WriteCall {
            method: "team.externalTeams.disconnect",
            args: vec![("target_team", target_team.to_owned())],
        }
    }

    /// `upgrade`: post and invite; else `downgrade`: post only.
    pub fn set_permission(channel_id: &str, target_team: &str, upgrade: bool) -> WriteCall {
        WriteCall {
            method: "conversations.externalInvitePermissions.set",
            args: vec![
                ("channel", channel_id.to_owned()),
                ("target_team", target_team.to_owned()),
                (
                    "action",
                    if upgrade { "upgrade" } else { "downgrade" }.to_owned(),
                ),
            ],
        }
    }

    pub fn disconnect_channel(channel_id: &str, leaving_team: Option<&str>) -> WriteCall {
        let mut args = vec![("channel_id", channel_id.to_owned())];
        if let Some(team) = leaving_team {
            args.push(("leaving_team_ids", team.to_owned()));
        }
        WriteCall {
            method: "admin.conversations.disconnectShared",
            args,
        }
    }
}

fn invite_args(invite_id: &str, target_team: Option<&str>) -> Vec<(&'static str, String)> {
    let mut args = vec![("invite_id", invite_id.to_owned())];
    if let Some(team) = target_team {
        args.push(("target_team", team.to_owned()));
    }
    args
}
