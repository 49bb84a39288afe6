//! `team.externalTeams.list`: the orgs we are connected with.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::null_as_default;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectedWorkspace {
    #[serde(default, deserialize_with = "null_as_default")]
    pub workspace_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_name: Option<String>,
}

/// One element of `team.externalTeams.list` (§3.10).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExternalOrg {
    #[serde(default, deserialize_with = "null_as_default")]
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
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
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
