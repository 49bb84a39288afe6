//! Shared channels, as `admin.conversations.search` and
//! `conversations.list` describe them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::null_as_default;

/// One element of `admin.conversations.search` or `conversations.list`,
/// restricted to the fields that matter for Slack Connect.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SharedChannel {
    #[serde(default, deserialize_with = "null_as_default")]
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
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub connected_team_ids: Vec<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub connected_limited_team_ids: Vec<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub pending_connected_team_ids: Vec<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub internal_team_ids: Vec<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
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
