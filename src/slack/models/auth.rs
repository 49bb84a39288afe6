//! `auth.test` and `auth.teams.list`: who the token is and where.

use serde::{Deserialize, Serialize};

use super::null_as_default;

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
    /// Not Slack's: an org-wide token's workspaces (from `auth.teams.list`),
    /// whose side of an invite is ours too.
    #[serde(skip)]
    pub workspace_ids: Vec<String>,
}

impl AuthTest {
    /// Whether the token is an org-wide (Enterprise) install.
    pub fn is_org_install(&self) -> bool {
        self.is_enterprise_install == Some(true)
    }
}

/// One element of `auth.teams.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthTeam {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
