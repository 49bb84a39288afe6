//! Wire types for the Slack Connect methods we call and emulate.
//!
//! Every field is optional or defaulted: Slack adds fields freely and omits
//! others per token type, so decoding must never fail on a missing, `null` or
//! unknown field. Fields that are `None` are not serialized, so the emulator
//! can hand back exactly what a data file gave it.

// Split by method family for size; every type stays at
// `crate::slack::models::TypeName`, which the rest of the crate names.
mod auth;
mod channels;
mod events;
mod invites;
mod requests;
mod teams;

pub use auth::{AuthTeam, AuthTest};
pub use channels::SharedChannel;
pub use events::{
    ChannelEvent, ConnectEvent, EventActor, EventCallback, InviteEvent, RequestTarget,
    RequestedEvent,
};
pub use invites::{Acceptance, ConnectInvite, InviteDetail, InvitePayload, Review};
pub use requests::{ChannelConnection, InviteRequest, RequestChannel, TargetUser};
pub use teams::{ConnectedWorkspace, ExternalOrg};

use serde::{Deserialize, Deserializer, Serialize};

/// `null` reads as the field's default, as absence does (`#[serde(default)]`
/// alone rejects it): Slack sends `null` for "none" in places, and one such
/// field must not fail a whole page. Only for defaulted fields; `Option`
/// fields already read `null` as `None`.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// `response_metadata` as Slack sends it (all parts optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResponseMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub messages: Vec<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
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
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<Box<TeamIcon>>,
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
    #[serde(default, deserialize_with = "null_as_default")]
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
    pub profile: Option<Box<UserProfile>>,
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
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_im: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_lists_and_strings_read_as_empty() {
        let channel: SharedChannel =
            serde_json::from_str(r#"{"id": null, "connected_team_ids": null}"#).unwrap();
        assert_eq!(channel, SharedChannel::default());
        let org: ExternalOrg =
            serde_json::from_str(r#"{"team_id": "T1", "connected_workspaces": null}"#).unwrap();
        assert_eq!(org.team_id, "T1");
        assert!(org.connected_workspaces.is_empty());
        let metadata: ResponseMetadata =
            serde_json::from_str(r#"{"next_cursor": null, "messages": null}"#).unwrap();
        assert_eq!(metadata, ResponseMetadata::default());
    }

    /// No model has a plain `bool` yet; the helper is what one would use.
    #[test]
    fn null_bool_reads_as_false_and_required_fields_stay_required() {
        #[derive(Debug, Deserialize)]
        struct Flags {
            #[serde(default, deserialize_with = "null_as_default")]
            on: bool,
            count: u32,
        }
        let flags: Flags = serde_json::from_str(r#"{"on": null, "count": 3}"#).unwrap();
        assert!(!flags.on);
        assert_eq!(flags.count, 3);
        assert!(serde_json::from_str::<Flags>(r#"{"on": true, "count": null}"#).is_err());
        assert!(serde_json::from_str::<Flags>(r#"{"on": true}"#).is_err());
    }

    #[test]
    fn a_null_raw_channel_in_an_event_is_absent() {
        let event: ChannelEvent = serde_json::from_str(r#"{"channel": null}"#).unwrap();
        assert_eq!(event, ChannelEvent::default());
    }

    #[test]
    fn a_wrong_type_is_still_an_error_and_output_is_unchanged() {
        assert!(serde_json::from_str::<SharedChannel>(r#"{"connected_team_ids": "T1"}"#).is_err());
        let channel: SharedChannel = serde_json::from_str(r#"{"shared_team_ids": null}"#).unwrap();
        assert_eq!(serde_json::to_string(&channel).unwrap(), r#"{"id":""}"#);
    }
}
