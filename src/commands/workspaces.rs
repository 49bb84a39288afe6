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

/// The workspaces `client` covers, narrowed to `team` when given. A `team`
/// the org token can't reach is a usage error naming the ones it can.
pub async fn workspaces(client: &SlackClient, team: Option<&str>) -> anyhow::Result<Workspaces> {
    let auth = client
        .auth_test()
        .await
        .context("could not check the token")?;
    resolve(client, auth, team).await
}

/// The one workspace a decision acts in: `None` for a workspace-level
/// token. An org-wide token must name it with `--team`; without it the
/// words list the workspaces to choose from.
pub async fn decision_workspace(
    client: &SlackClient,
    auth: &AuthTest,
    team: Option<&str>,
    what: &str,
) -> anyhow::Result<Option<AuthTeam>> {
    let scope = resolve(client, auth.clone(), team).await?;
    if !scope.auth.is_org_install() {
        return Ok(None);
    }
    match scope.teams.as_slice() {
        [Some(one)] if team.is_some() => Ok(Some(one.clone())),
        all => {
            let teams: Vec<AuthTeam> = all.iter().flatten().cloned().collect();
            Err(UsageError::new(format!(
                "this is an org-wide token, so say which workspace the {what} is in: \
                 add --team T… (its workspaces: {})",
                listed(&teams)
            ))
            .into())
        }
    }
}

async fn resolve(
    client: &SlackClient,
    auth: AuthTest,
    team: Option<&str>,
) -> anyhow::Result<Workspaces> {
    if !auth.is_org_install() {
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
