//! Slack Connect events (Events API `event_callback` bodies, §4), as Socket
//! Mode delivers them. Like every wire type, nothing here fails on a
//! missing, `null` or unknown field: an event we cannot use is `Other`.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::{ConnectChannel, ConnectTeam, ConnectUser, InviteDetail, UserProfile};

/// The outer `event_callback` body of an `events_api` envelope.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct EventCallback {
    #[serde(default, deserialize_with = "lenient")]
    pub event_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub event_time: Option<i64>,
    /// In shared channels this is the channel's source workspace, so the
    /// receiving workspace comes from `authorizations` first.
    #[serde(default, deserialize_with = "lenient")]
    pub team_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub authorizations: Vec<Authorization>,
    #[serde(default)]
    pub event: Option<Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Authorization {
    #[serde(default, deserialize_with = "lenient")]
    pub team_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub enterprise_id: Option<String>,
}

impl EventCallback {
    /// The workspace of ours the event was delivered for.
    pub fn workspace(&self) -> Option<&str> {
        self.authorizations
            .first()
            .and_then(|a| a.team_id.as_deref())
            .or(self.team_id.as_deref())
            .filter(|t| !t.is_empty())
    }

    /// The typed inner event (`Other` for every type we do not act on).
    pub fn connect_event(&self) -> ConnectEvent {
        self.event
            .clone()
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or(ConnectEvent::Other)
    }
}

/// The inner events the tool acts on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type")]
pub enum ConnectEvent {
    #[serde(rename = "shared_channel_invite_received")]
    InviteReceived(InviteEvent),
    #[serde(rename = "shared_channel_invite_accepted")]
    InviteAccepted(InviteEvent),
    #[serde(rename = "shared_channel_invite_approved")]
    InviteApproved(InviteEvent),
    #[serde(rename = "shared_channel_invite_declined")]
    InviteDeclined(InviteEvent),
    #[serde(rename = "shared_channel_invite_requested")]
    InviteRequested(RequestedEvent),
    #[serde(rename = "channel_shared")]
    ChannelShared(ChannelEvent),
    #[serde(rename = "channel_unshared")]
    ChannelUnshared(ChannelEvent),
    #[serde(other)]
    Other,
}

/// The four `shared_channel_invite_*` events: one shape, each filling its own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteEvent {
    #[serde(default, deserialize_with = "lenient")]
    pub invite: Option<InviteDetail>,
    #[serde(default, deserialize_with = "lenient")]
    pub channel: Option<ConnectChannel>,
    #[serde(default, deserialize_with = "lenient")]
    pub approval_required: Option<bool>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub teams_in_channel: Vec<ConnectTeam>,
    #[serde(default, deserialize_with = "lenient")]
    pub accepting_user: Option<ConnectUser>,
    #[serde(default, deserialize_with = "lenient")]
    pub approving_team_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub approving_user: Option<ConnectUser>,
    #[serde(default, deserialize_with = "lenient")]
    pub declining_team_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub declining_user: Option<ConnectUser>,
    #[serde(default, deserialize_with = "lenient")]
    pub event_ts: Option<String>,
}

impl InviteEvent {
    pub fn invite_id(&self) -> Option<&str> {
        self.invite
            .as_ref()
            .map(|i| i.id.as_str())
            .filter(|s| !s.is_empty())
    }

    /// Who decided (approved or declined) and for which side.
    pub fn decider(&self) -> (Option<&ConnectUser>, Option<&str>) {
        match (&self.approving_user, &self.declining_user) {
            (Some(user), _) => (Some(user), self.approving_team_id.as_deref()),
            (None, Some(user)) => (Some(user), self.declining_team_id.as_deref()),
            (None, None) => (
                None,
                self.approving_team_id
                    .as_deref()
                    .or(self.declining_team_id.as_deref()),
            ),
        }
    }

    /// A team of the channel by ID (names the accepting or deciding side).
    pub fn team(&self, id: &str) -> Option<&ConnectTeam> {
        self.teams_in_channel.iter().find(|t| t.id == id)
    }

    pub fn ts(&self) -> Option<i64> {
        event_seconds(self.event_ts.as_deref())
    }
}

/// `shared_channel_invite_requested`, in either of its shapes: the Events
/// API one (`channel` object, a full user as `actor`) or the workflow
/// trigger one (flat `channel_id`/`channel_name`/`channel_type`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RequestedEvent {
    #[serde(default, deserialize_with = "lenient")]
    pub actor: Option<EventActor>,
    #[serde(default, deserialize_with = "lenient")]
    pub channel: Option<Value>,
    #[serde(default, deserialize_with = "lenient")]
    pub channel_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub channel_name: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub channel_type: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub channel_date_created: Option<i64>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub target_users: Vec<RequestTarget>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub teams_in_channel: Vec<ConnectTeam>,
    #[serde(default, deserialize_with = "lenient")]
    pub is_external_limited: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub event_ts: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RequestTarget {
    #[serde(default, deserialize_with = "lenient")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub invite_id: Option<String>,
}

/// The requesting member: a full user object, or the workflow trigger's flat one.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct EventActor {
    #[serde(default, deserialize_with = "lenient")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub team_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub real_name: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub profile: Option<UserProfile>,
}

impl EventActor {
    pub fn to_user(&self) -> ConnectUser {
        let mut profile = self.profile.clone().unwrap_or_default();
        profile.real_name = profile
            .real_name
            .filter(|n| !n.is_empty())
            .or_else(|| self.real_name.clone().filter(|n| !n.is_empty()));
        profile.display_name = profile
            .display_name
            .filter(|n| !n.is_empty())
            .or_else(|| self.display_name.clone().filter(|n| !n.is_empty()));
        ConnectUser {
            id: self.id.clone().unwrap_or_default(),
            team_id: self.team_id.clone(),
            name: self.name.clone(),
            profile: Some(Box::new(profile)),
            ..ConnectUser::default()
        }
    }
}

impl RequestedEvent {
    /// The channel, from whichever shape carried it.
    pub fn channel(&self) -> ConnectChannel {
        let from_object = self
            .channel
            .as_ref()
            .filter(|v| v.is_object())
            .and_then(|v| serde_json::from_value::<ConnectChannel>(v.clone()).ok());
        let mut channel = from_object.unwrap_or_default();
        if channel.id.is_empty() {
            channel.id = self
                .channel_id
                .clone()
                .or_else(|| self.channel.as_ref()?.as_str().map(str::to_owned))
                .unwrap_or_default();
        }
        if channel.name.is_none() {
            channel.name = self.channel_name.clone();
        }
        if channel.is_private.is_none() {
            channel.is_private = self.channel_type.as_deref().map(|t| t == "private");
        }
        channel
    }

    pub fn ts(&self) -> Option<i64> {
        event_seconds(self.event_ts.as_deref())
    }
}

/// `channel_shared` / `channel_unshared`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ChannelEvent {
    /// A channel ID here (an object in some payloads: its `id` is used).
    #[serde(default, deserialize_with = "lenient")]
    pub channel: Option<Value>,
    #[serde(default, deserialize_with = "lenient")]
    pub connected_team_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub previously_connected_team_id: Option<String>,
    /// `channel_unshared`: whether the channel is still shared with someone.
    #[serde(default, deserialize_with = "lenient")]
    pub is_ext_shared: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub event_ts: Option<String>,
}

impl ChannelEvent {
    pub fn channel_id(&self) -> Option<&str> {
        match self.channel.as_ref()? {
            Value::String(id) => Some(id.as_str()),
            Value::Object(o) => o.get("id").and_then(Value::as_str),
            _ => None,
        }
        .filter(|id| !id.is_empty())
    }

    /// The org that joined or left.
    pub fn team_id(&self) -> Option<&str> {
        self.connected_team_id
            .as_deref()
            .or(self.previously_connected_team_id.as_deref())
            .filter(|id| !id.is_empty())
    }
}

/// `"1626876010.000100"` → whole seconds.
fn event_seconds(ts: Option<&str>) -> Option<i64> {
    ts?.split('.').next()?.parse().ok()
}

/// A field of the wrong type or `null` reads as absent, not as a failed event.
fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    // Through `Option<T>` so a raw `Value` field reads `null` as `None`, not `Some(Null)`.
    Ok(serde_json::from_value::<Option<T>>(value).ok().flatten())
}

/// A list whose bad elements are skipped (and `null` is empty).
fn lenient_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    Ok(match value {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect(),
        _ => Vec::new(),
    })
}
