//! The one encoding of a decision. Everything else derives from it: the
//! pane it belongs to, its words, its journal action and the write call.

use crate::journal::JournalAction;
use crate::model::ListKind;
use crate::slack::{ApprovalMessage, RequestApproval, WriteCall};

/// Identifies one decision from the key press to Slack's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DecisionId(pub u64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionKind {
    ApproveInvite {
        /// The accepting team, when we are the inviting side.
        target_team: Option<String>,
    },
    DeclineInvite {
        target_team: Option<String>,
    },
    ApproveRequest {
        /// `Some` only when the admin changed the requested permission.
        is_external_limited: Option<bool>,
        /// Added to the requester's message, or in its place with `replace_message`.
        message: Option<String>,
        /// Approve into this channel instead of the requested one.
        channel_id: Option<String>,
        replace_message: bool,
    },
    DenyRequest {
        message: Option<String>,
    },
    DisconnectChannel {
        leaving_team: Option<String>,
    },
    DisconnectOrg,
    /// An org's permission in a shared channel: post and invite
    /// (`upgrade`) or post only.
    SetPermission {
        team: String,
        upgrade: bool,
    },
}

impl DecisionKind {
    pub fn pane(&self) -> ListKind {
        match self {
            DecisionKind::ApproveInvite { .. } | DecisionKind::DeclineInvite { .. } => {
                ListKind::Invites
            }
            DecisionKind::ApproveRequest { .. } | DecisionKind::DenyRequest { .. } => {
                ListKind::Requests
            }
            DecisionKind::DisconnectChannel { .. } | DecisionKind::SetPermission { .. } => {
                ListKind::Channels
            }
            DecisionKind::DisconnectOrg => ListKind::Orgs,
        }
    }

    /// The journal's name for it.
    pub fn action(&self) -> JournalAction {
        match self {
            DecisionKind::ApproveInvite { .. } => JournalAction::ApproveInvite,
            DecisionKind::DeclineInvite { .. } => JournalAction::DeclineInvite,
            DecisionKind::ApproveRequest { .. } => JournalAction::ApproveRequest,
            DecisionKind::DenyRequest { .. } => JournalAction::DenyRequest,
            DecisionKind::DisconnectChannel { .. } => JournalAction::DisconnectChannel,
            DecisionKind::DisconnectOrg => JournalAction::DisconnectOrg,
            DecisionKind::SetPermission { upgrade: true, .. } => JournalAction::UpgradePermission,
            DecisionKind::SetPermission { upgrade: false, .. } => {
                JournalAction::DowngradePermission
            }
        }
    }

    /// The one write this decision makes on `item_id`.
    pub fn call(&self, item_id: &str) -> WriteCall {
        match self {
            DecisionKind::ApproveInvite { target_team } => {
                WriteCall::approve_invite(item_id, target_team.as_deref())
            }
            DecisionKind::DeclineInvite { target_team } => {
                WriteCall::decline_invite(item_id, target_team.as_deref())
            }
            DecisionKind::ApproveRequest {
                is_external_limited,
                message,
                channel_id,
                replace_message,
            } => {
                let approval = RequestApproval {
                    is_external_limited: *is_external_limited,
                    channel_id: channel_id.clone(),
                    message: message.clone().map(|text| ApprovalMessage {
                        text,
                        is_override: *replace_message,
                    }),
                };
                WriteCall::approve_request(item_id, &approval)
            }
            DecisionKind::DenyRequest { message } => {
                WriteCall::deny_request(item_id, message.as_deref())
            }
            DecisionKind::DisconnectChannel { leaving_team } => {
                WriteCall::disconnect_channel(item_id, leaving_team.as_deref())
            }
            DecisionKind::DisconnectOrg => WriteCall::disconnect_org(item_id),
            DecisionKind::SetPermission { team, upgrade } => {
                WriteCall::set_permission(item_id, team, *upgrade)
            }
        }
    }

    /// The message sent with a request's decision.
    pub fn message(&self) -> Option<&str> {
        match self {
            DecisionKind::ApproveRequest { message, .. }
            | DecisionKind::DenyRequest { message } => message.as_deref(),
            _ => None,
        }
    }

    /// "approve", for "Could not approve ...".
    pub fn verb(&self) -> &'static str {
        match self {
            DecisionKind::ApproveInvite { .. } | DecisionKind::ApproveRequest { .. } => "approve",
            DecisionKind::DeclineInvite { .. } => "decline",
            DecisionKind::DenyRequest { .. } => "deny",
            DecisionKind::DisconnectChannel { .. } | DecisionKind::DisconnectOrg => "disconnect",
            DecisionKind::SetPermission { .. } => "change",
        }
    }

    /// "approving", for a row in flight.
    pub fn verb_ing(&self) -> &'static str {
        match self {
            DecisionKind::ApproveInvite { .. } | DecisionKind::ApproveRequest { .. } => "approving",
            DecisionKind::DeclineInvite { .. } => "declining",
            DecisionKind::DenyRequest { .. } => "denying",
            DecisionKind::DisconnectChannel { .. } | DecisionKind::DisconnectOrg => "disconnecting",
            DecisionKind::SetPermission { .. } => "changing",
        }
    }

    /// "approved", for a notice or a row that stays after success.
    pub fn verb_past(&self) -> &'static str {
        match self {
            DecisionKind::ApproveInvite { .. } | DecisionKind::ApproveRequest { .. } => "approved",
            DecisionKind::DeclineInvite { .. } => "declined",
            DecisionKind::DenyRequest { .. } => "denied",
            DecisionKind::DisconnectChannel { .. } | DecisionKind::DisconnectOrg => "disconnected",
            DecisionKind::SetPermission { .. } => "changed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_names_its_own_method_and_item() {
        let cases = [
            (
                DecisionKind::ApproveInvite {
                    target_team: Some("T2".into()),
                },
                "conversations.approveSharedInvite",
                vec![("invite_id", "I1"), ("target_team", "T2")],
            ),
            (
                DecisionKind::DeclineInvite { target_team: None },
                "conversations.declineSharedInvite",
                vec![("invite_id", "I1")],
            ),
            (
                DecisionKind::ApproveRequest {
                    is_external_limited: Some(false),
                    message: None,
                    channel_id: None,
                    replace_message: false,
                },
                "conversations.requestSharedInvite.approve",
                vec![("invite_id", "I1"), ("is_external_limited", "false")],
            ),
            (
                DecisionKind::DenyRequest {
                    message: Some("no".into()),
                },
                "conversations.requestSharedInvite.deny",
                vec![("invite_id", "I1"), ("message", "no")],
            ),
            (
                DecisionKind::DisconnectChannel {
                    leaving_team: Some("T2".into()),
                },
                "admin.conversations.disconnectShared",
                vec![("channel_id", "I1"), ("leaving_team_ids", "T2")],
            ),
            (
                DecisionKind::DisconnectOrg,
                "team.externalTeams.disconnect",
                vec![("target_team", "I1")],
            ),
        ];
        for (kind, method, args) in cases {
            let call = kind.call("I1");
            assert_eq!(call.method, method);
            let got: Vec<(&str, &str)> = call.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert_eq!(got, args, "{method}");
            assert_eq!(kind.action().as_str().split('_').next(), Some(kind.verb()));
        }
    }
}
