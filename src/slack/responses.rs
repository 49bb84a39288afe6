//! The typed body of a successful answer, one per method.
//!
//! Envelope fields (`ok`, `error`, `needed`, ...) are read by
//! [`super::envelope`]; these types hold only the payload. Every field is
//! defaulted so a missing or `null` part never fails the decode.

use serde::{Deserialize, Serialize};

use super::models::{
    AuthTeam, AuthTest, ConnectInvite, ExternalOrg, InviteRequest, ResponseMetadata, SharedChannel,
    null_as_default,
};

/// Methods whose payload is only `{"ok": true}` (approve, decline, disconnect, ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Empty {}

/// `conversations.listConnectInvites`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListConnectInvites {
    #[serde(default, deserialize_with = "null_as_default")]
    pub invites: Vec<ConnectInvite>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
}

/// `conversations.requestSharedInvite.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestSharedInviteList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub invite_requests: Vec<InviteRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
}

/// `team.externalTeams.list`; the next cursor is a team ID.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExternalTeamsList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub organizations: Vec<ExternalOrg>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
}

/// `admin.conversations.search`; its cursor is at the top level, not in `response_metadata`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationsSearch {
    #[serde(default, deserialize_with = "null_as_default")]
    pub conversations: Vec<SharedChannel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
}

/// `conversations.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationsList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub channels: Vec<SharedChannel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
}

/// `conversations.info`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationsInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<SharedChannel>,
}

/// `auth.teams.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthTeamsList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub teams: Vec<AuthTeam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_metadata: Option<ResponseMetadata>,
}

/// `apps.connections.open`: the Socket Mode WebSocket to connect to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectionsOpen {
    #[serde(default, deserialize_with = "null_as_default")]
    pub url: String,
}

/// `users.discoverableContacts.lookup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiscoverableLookup {
    #[serde(default)]
    pub is_discoverable: Option<bool>,
}

/// `auth.test` is the model itself.
pub type AuthTestResponse = AuthTest;

/// `conversations.requestSharedInvite.approve` and `.deny`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestDecision {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `conversations.inviteShared` (not called by the tool; parsed for completeness).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteShared {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_legacy_shared_channel: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conf_code: Option<String>,
}

/// `conversations.acceptSharedInvite` (not called by the tool; parsed for completeness).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AcceptSharedInvite {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implicit_approval: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_open_scdm: Option<bool>,
}

/// `team.externalTeams.disconnect`: the job runs in the background on Slack's side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExternalTeamsDisconnect {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_enqueued: Option<bool>,
}
