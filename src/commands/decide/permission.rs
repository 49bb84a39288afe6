//! `permission CHANNEL_ID --team TEAM_ID upgrade|downgrade`: the channel and
//! the org are looked up first, so the confirmation says the permission now
//! and after in the TUI's words ([`crate::decision::plan_permission`]).

use super::plan::{Plan, connected_org, shared_channel};
use crate::decision::plan_permission::{PermissionChange, set_permission};
use crate::exit::UsageError;
use crate::model::orgs::display_name;
use crate::slack::SlackClient;
use crate::slack::models::AuthTest;
use crate::text::words::permission_words;

/// The plan, or `None` when the org has that permission already (said on
/// stdout; nothing is sent, and that is a success).
pub async fn plan(
    client: &SlackClient,
    auth: &AuthTest,
    channel_id: &str,
    team: &str,
    upgrade: bool,
) -> anyhow::Result<Option<Plan>> {
    let (channel, external, name) = shared_channel(client, auth, channel_id).await?;
    if !external.iter().any(|t| t == team) {
        return Err(UsageError::new(format!(
            "{team} is not an external org in #{name}; the external orgs there are: {}",
            if external.is_empty() {
                "none".to_owned()
            } else {
                external.join(", ")
            }
        ))
        .into());
    }
    let now_limited = channel.connected_limited_team_ids.iter().any(|t| t == team);
    let org = connected_org(client, team).await?;
    let team_name = org.as_ref().map_or(team, display_name);
    if now_limited != upgrade {
        println!(
            "{} may already {} in #{name}; nothing to change.",
            crate::text::sanitize::clean(team_name),
            permission_words(now_limited)
        );
        return Ok(None);
    }
    let shared = set_permission(&PermissionChange {
        channel_id,
        channel_name: &name,
        is_private: channel.is_private.unwrap_or(false),
        team_id: team,
        team_name,
        now_limited,
    });
    Ok(Some(Plan {
        done: format!(
            "Changed {team_name}'s permission in #{name}: they may now {}.",
            permission_words(!now_limited)
        ),
        shared,
    }))
}
