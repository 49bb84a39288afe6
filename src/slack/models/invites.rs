//! `conversations.listConnectInvites`: an invite in either of its wire
//! shapes, its accepting sides and their reviews.

use serde::{Deserialize, Serialize};

use super::{ConnectChannel, ConnectTeam, ConnectUser, null_as_default};

/// The `invite` object inside a listConnectInvites element (§2.4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteDetail {
    #[serde(default, deserialize_with = "null_as_default")]
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
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
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
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
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
