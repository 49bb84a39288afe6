//! Which of our workspaces a command covers. A workspace-level token is
//! its one workspace. An org-wide (Enterprise) token reaches several, and
//! must name one (`team_id`) to list invites or requests: every workspace
//! from `auth.teams.list`, or the one `--team` names.

use anyhow::Context as _;

use crate::exit::UsageError;
use crate::slack::SlackClient;
use crate::slack::models::{AuthTeam, AuthTest};

/// Who the token is, and the workspaces to go through in order.
pub struct Workspaces {
    pub auth: AuthTest,
    /// `None` alone for a workspace-level token: its own workspace, unnamed.
    pub teams: Vec<Option<AuthTeam>>,
}

impl Workspaces {
    /// Whether the token is an org-wide install.
    pub fn is_org(&self) -> bool {
        self.auth.is_enterprise_install == Some(true)
    }
}

/// The workspaces `client` covers, narrowed to `team` when given. A `team`
/// the org token can't reach is a usage error naming the ones it can.
pub async fn workspaces(client: &SlackClient, team: Option<&str>) -> anyhow::Result<Workspaces> {
    let auth = client
        .auth_test()
        .await
        .context("could not check the token")?;
    if auth.is_enterprise_install != Some(true) {
        if let Some(id) = team
            && auth.team_id.as_deref() != Some(id)
        {
            return Err(UsageError::new(format!(
                "--team {id}: this token belongs to one workspace, {}, and can't act on another",
                auth.team_id.as_deref().unwrap_or("?")
            ))
            .into());
        }
        return Ok(Workspaces {
            auth,
            teams: vec![None],
        });
    }
    let all = client
        .auth_teams_list()
        .await
        .context("could not list the org's workspaces")?;
    let teams =
        match team {
            None => all.into_iter().map(Some).collect(),
            Some(id) => match all.iter().find(|t| t.id == id) {
                Some(found) => vec![Some(found.clone())],
                None => return Err(UsageError::new(format!(
                    "--team {id} is not a workspace this org-wide token reaches; it reaches: {}",
                    listed(&all)
                ))
                .into()),
            },
        };
    Ok(Workspaces { auth, teams })
}

/// `T1 (Name), T2 (Name)`, for messages.
pub fn listed(teams: &[AuthTeam]) -> String {
    teams
        .iter()
        .map(|t| match t.name.as_deref().filter(|n| !n.is_empty()) {
            Some(name) => format!("{} ({})", t.id, crate::text::sanitize::clean(name)),
            None => t.id.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
