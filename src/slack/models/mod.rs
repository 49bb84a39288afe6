//! Wire types for the Slack Connect methods we call and emulate.
//!
//! Every field is optional or defaulted: Slack adds fields freely and omits
//! others per token type, so decoding must never fail on a missing or unknown
//! field. Fields that are `None` are not serialized, so the emulator can hand
//! back exactly what a data file gave it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `response_metadata` as Slack sends it (all parts optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResponseMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl ResponseMetadata {
    /// The cursor of the next page, if one exists (`""`, `null` and absence all mean "last page").
    pub fn next(&self) -> Option<&str> {
        self.next_cursor.as_deref().filter(|c| !c.is_empty())
    }
}

/// Team or org icon (§2.1). Strings may be missing; `{}` is valid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamIcon {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_34: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_44: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_68: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_88: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_102: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_132: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_230: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_original: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_default: Option<bool>,
}

/// A Slack Connect team: `inviting_team`, `accepting_team`, `reviewing_team`, `connections[].team` (§2.1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectTeam {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<TeamIcon>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_verified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_sponsorship: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_name_normalized: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name_normalized: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_72: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_custom_image: Option<bool>,
}

/// A Slack Connect user: `inviting_user`, `accepting_user`, `reviewing_user`, ... (§2.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectUser {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_can_share_contact_card: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<UserProfile>,
}

impl ConnectUser {
    /// The best human name Slack gave us: real name, display name, then handle, then id.
    pub fn display(&self) -> &str {
        let profile = self.profile.as_ref();
        [
            profile.and_then(|p| p.real_name.as_deref()),
            profile.and_then(|p| p.display_name.as_deref()),
            self.name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .unwrap_or(&self.id)
    }

    pub fn email(&self) -> Option<&str> {
        self.profile
            .as_ref()
            .and_then(|p| p.email.as_deref())
            .filter(|e| !e.is_empty())
    }
}

/// The `channel` of an invite or event (§2.3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectChannel {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_im: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The `invite` object inside a listConnectInvites element (§2.4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteDetail {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_invalid: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviting_team: Option<ConnectTeam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviting_user: Option<ConnectUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sig: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_review: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewing_team: Option<ConnectTeam>,
}

/// One accepting side of an invite, with its approval state and reviews.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Acceptance {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_accepted: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_invalid: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_last_updated: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepting_team: Option<ConnectTeam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepting_user: Option<ConnectUser>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
}

/// `invite_payload` of the flattened invite shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InvitePayload {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_sponsored: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_external_limited: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ConnectChannel>,
}

/// One element of `conversations.listConnectInvites`.
///
/// Both shapes of the API doc are accepted: the documented one (`invite`,
/// `channel`, `acceptances`, ...) and the flattened one recorded in Slack's
/// samples (`id`, `inviting_team`, `invite_payload`, ... at the top level).
/// Read through the accessor methods, which look in both places.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectInvite {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_last_updated: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite: Option<InviteDetail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ConnectChannel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acceptances: Vec<Acceptance>,
    // Flattened shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_invalid: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviting_team: Option<ConnectTeam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviting_user: Option<ConnectUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sig: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_payload: Option<InvitePayload>,
}

impl ConnectInvite {
    pub fn id(&self) -> &str {
        self.invite
            .as_ref()
            .map(|i| i.id.as_str())
            .filter(|s| !s.is_empty())
            .or(self.id.as_deref())
            .unwrap_or("")
    }

    pub fn is_incoming(&self) -> bool {
        self.direction.as_deref() == Some("incoming")
    }

    pub fn date_created(&self) -> Option<i64> {
        self.invite
            .as_ref()
            .and_then(|i| i.date_created)
            .or(self.date_created)
    }

    pub fn date_invalid(&self) -> Option<i64> {
        self.invite
            .as_ref()
            .and_then(|i| i.date_invalid)
            .or(self.date_invalid)
    }

    pub fn inviting_team(&self) -> Option<&ConnectTeam> {
        self.invite
            .as_ref()
            .and_then(|i| i.inviting_team.as_ref())
            .or(self.inviting_team.as_ref())
    }

    pub fn inviting_user(&self) -> Option<&ConnectUser> {
        self.invite
            .as_ref()
            .and_then(|i| i.inviting_user.as_ref())
            .or(self.inviting_user.as_ref())
    }

    pub fn recipient_email(&self) -> Option<&str> {
        self.invite
            .as_ref()
            .and_then(|i| i.recipient_email.as_deref())
            .or(self.recipient_email.as_deref())
            .filter(|s| !s.is_empty())
    }

    pub fn recipient_user_id(&self) -> Option<&str> {
        self.invite
            .as_ref()
            .and_then(|i| i.recipient_user_id.as_deref())
            .or(self.recipient_user_id.as_deref())
            .filter(|s| !s.is_empty())
    }

    pub fn channel(&self) -> Option<&ConnectChannel> {
        self.channel.as_ref().or(self
            .invite_payload
            .as_ref()
            .and_then(|p| p.channel.as_ref()))
    }

    /// Post-only ("external limited") when Slack says so; unknown counts as limited,
    /// which is also Slack's default for `inviteShared`.
    pub fn is_external_limited(&self) -> bool {
        self.invite_payload
            .as_ref()
            .and_then(|p| p.is_external_limited)
            .unwrap_or(true)
    }
}

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
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_im: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connections: Vec<ChannelConnection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_connections: Vec<ChannelConnection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
    #[serde(default)]
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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectedWorkspace {
    #[serde(default)]
    pub workspace_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_name: Option<String>,
}

/// One element of `team.externalTeams.list` (§3.10).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExternalOrg {
    #[serde(default)]
    pub team_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_channel_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_channel_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub im_channel_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mpim_channel_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connected_workspaces: Vec<ConnectedWorkspace>,
    /// Per-org preference overrides; kept as raw JSON because their inner
    /// shapes vary per key and we only display them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slack_connect_prefs: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_active_timestamp: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_sponsored: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canvas: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lists: Option<Value>,
}

/// One element of `admin.conversations.search` or `conversations.list`,
/// restricted to the fields that matter for Slack Connect.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SharedChannel {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A plain string in admin.conversations.search, an object in conversations.list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_members: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_general: Option<bool>,
    /// Microsecond-scale integer in admin.conversations.search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_ts: Option<i64>,
    /// Milliseconds, conversations.list only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_shared: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_ext_shared: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_org_shared: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_global_shared: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_pending_ext_shared: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_frozen: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_disconnect_in_progress: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_host_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_team_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connected_team_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connected_limited_team_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_connected_team_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internal_team_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_team_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_user_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_manager_count: Option<i64>,
}

impl SharedChannel {
    pub fn members(&self) -> Option<i64> {
        self.member_count.or(self.num_members)
    }

    /// Purpose text from either wire shape (string or `{value}` object).
    pub fn purpose_text(&self) -> Option<&str> {
        match self.purpose.as_ref()? {
            Value::String(s) => Some(s),
            Value::Object(o) => o.get("value").and_then(Value::as_str),
            _ => None,
        }
    }
}

/// `auth.test`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthTest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enterprise_install: Option<bool>,
}

/// One element of `auth.teams.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthTeam {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
