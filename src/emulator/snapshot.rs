//! What tests can see of the emulator's state, in wire shapes.

use crate::slack::models::{ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};

use super::config::FaultKind;
use super::records::{InviteOutcome, InviteRec, RequestStatus};
use super::state::State;

/// One accepting side of an invite and who has approved it.
#[derive(Debug, Clone, PartialEq)]
pub struct SideApproval {
    pub accepting_team_id: String,
    pub approval_status: String,
    /// Team ids that have an `approval` review.
    pub approved_by: Vec<String>,
    /// Team ids whose approval is still needed (the inviting and the accepting side).
    pub awaiting: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InviteSnapshot {
    pub id: String,
    /// `incoming` or `outgoing`.
    pub direction: String,
    pub outcome: InviteOutcome,
    pub approvals: Vec<SideApproval>,
    /// Our workspace it belongs to.
    pub workspace: String,
    /// As listConnectInvites shows (or showed) it.
    pub invite: ConnectInvite,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestSnapshot {
    pub id: String,
    pub status: RequestStatus,
    /// The message a deny was sent with (Slack sends it to the requester only).
    pub deny_message: Option<String>,
    /// The message an approval was sent with (its `text`).
    pub approval_message: Option<String>,
    /// That message replaced the requester's (`is_override: true`).
    pub approval_replaces: bool,
    /// Our workspace it was made in.
    pub workspace: String,
    pub request: InviteRequest,
}

/// The emulator's state, for tests.
#[derive(Debug, Clone, PartialEq)]
pub struct StateSnapshot {
    pub now: i64,
    pub self_team_id: String,
    /// Invites still pending (what listConnectInvites lists), newest first.
    pub invites: Vec<InviteSnapshot>,
    /// Invites that left the list: approved by every side, declined or expired.
    pub past_invites: Vec<InviteSnapshot>,
    pub requests: Vec<RequestSnapshot>,
    pub orgs: Vec<ExternalOrg>,
    pub channels: Vec<SharedChannel>,
}

impl StateSnapshot {
    pub fn invite(&self, id: &str) -> Option<&InviteSnapshot> {
        self.invites.iter().find(|i| i.id == id)
    }

    pub fn past_invite(&self, id: &str) -> Option<&InviteSnapshot> {
        self.past_invites.iter().find(|i| i.id == id)
    }

    pub fn request(&self, id: &str) -> Option<&RequestSnapshot> {
        self.requests.iter().find(|r| r.id == id)
    }

    pub fn org(&self, team_id: &str) -> Option<&ExternalOrg> {
        self.orgs.iter().find(|o| o.team_id == team_id)
    }

    pub fn channel(&self, id: &str) -> Option<&SharedChannel> {
        self.channels.iter().find(|c| c.id == id)
    }
}

/// One request the emulator answered (or dropped), for tests.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedRequest {
    pub method: String,
    /// HTTP status sent; 0 when the connection was closed without an answer.
    pub status: u16,
    /// Slack's error code when the answer carried one.
    pub error: Option<String>,
    /// Arguments as received (the token is never recorded).
    pub args: Vec<(String, String)>,
    /// The injected fault, if any.
    pub fault: Option<FaultKind>,
    /// Whether the call changed the state (writes that succeeded).
    pub applied: bool,
    /// Whether the method is one that changes state, whatever came of the
    /// call (refused, rate limited, faulted): "was a write sent" at all.
    pub write: bool,
}

fn invite_snapshot(rec: &InviteRec, outcome: InviteOutcome) -> InviteSnapshot {
    InviteSnapshot {
        id: rec.id.to_string(),
        direction: rec.direction.as_str().to_owned(),
        outcome,
        approvals: rec
            .acceptances
            .iter()
            .map(|a| {
                let sides = [rec.inviting_team.id.clone(), a.team.id.clone()];
                SideApproval {
                    accepting_team_id: a.team.id.clone(),
                    approval_status: a.approval_status.to_string(),
                    approved_by: a
                        .reviews
                        .iter()
                        .filter(|r| &*r.kind == "approval")
                        .map(|r| r.team.id.clone())
                        .collect(),
                    awaiting: sides.into_iter().filter(|t| !a.approved_by(t)).collect(),
                }
            })
            .collect(),
        workspace: rec.workspace.to_string(),
        invite: rec.to_wire(),
    }
}

impl State {
    pub fn snapshot(&self, now: i64) -> StateSnapshot {
        StateSnapshot {
            now,
            self_team_id: self.me.team_id.clone(),
            invites: self
                .invites
                .values()
                .map(|r| invite_snapshot(r, InviteOutcome::Pending))
                .collect(),
            past_invites: self
                .past_invites
                .iter()
                .map(|(r, o)| invite_snapshot(r, *o))
                .collect(),
            requests: self
                .requests
                .values()
                .map(|r| RequestSnapshot {
                    id: r.id.to_string(),
                    status: r.status(now),
                    deny_message: r.deny_message.clone(),
                    approval_message: r.approval_message.clone(),
                    approval_replaces: r.approval_replaces,
                    workspace: r.workspace.to_string(),
                    request: r.to_wire(),
                })
                .collect(),
            orgs: self.orgs.values().cloned().collect(),
            channels: self.channels.by_id.values().cloned().collect(),
        }
    }
}
