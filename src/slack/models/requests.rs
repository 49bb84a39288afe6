//! `conversations.requestSharedInvite.list`: a member's request to invite
//! someone outside, with the channel it is for and its connections.

use serde::{Deserialize, Serialize};

use super::{ConnectTeam, ConnectUser, null_as_default};

/// `{team, is_private}` in a request's channel connections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelConnection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<ConnectTeam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestChannel {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_im: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub connections: Vec<ChannelConnection>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub pending_connections: Vec<ChannelConnection>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub previous_connections: Vec<ChannelConnection>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_user_id: Option<String>,
}

/// One element of `conversations.requestSharedInvite.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteRequest {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_last_updated: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_denied: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviting_team: Option<ConnectTeam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviting_user: Option<ConnectUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewing_user: Option<ConnectUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_external_limited: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_sponsored: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_user: Option<TargetUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<RequestChannel>,
}

impl InviteRequest {
    pub fn recipient_email(&self) -> Option<&str> {
        self.target_user
            .as_ref()
            .and_then(|t| t.recipient_email.as_deref())
            .or(self.recipient_email.as_deref())
            .filter(|s| !s.is_empty())
    }
}
