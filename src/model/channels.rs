//! Channel rules: which orgs in a shared channel are not us.

use crate::model::rows::{Channel, InlineText};
use crate::model::sort::RowKeys;
use std::sync::Arc;

/// The external teams in a channel (everyone connected who is not us).
pub fn external_teams<'a>(channel: &'a Channel, ours: &[&str]) -> Vec<&'a str> {
    let mut teams: Vec<&str> = channel
        .connected_team_ids
        .iter()
        .chain(&channel.connected_limited_team_ids)
        .map(|t| &**t)
        .filter(|id| {
            !id.is_empty()
                && !ours.contains(id)
                && !channel.internal_team_ids.iter().any(|t| &**t == *id)
        })
        .collect();
    let mut seen = Vec::with_capacity(teams.len());
    teams.retain(|id| {
        let first = !seen.contains(id);
        seen.push(*id);
        first
    });
    teams
}

/// Last activity in seconds, whichever field and unit Slack used.
pub fn last_activity(channel: &Channel) -> Option<i64> {
    channel.last_activity
}

pub fn is_private(channel: &Channel) -> bool {
    channel.is_private.unwrap_or(false)
}

/// What a channel row is sorted by; `org_name` names an external team.
pub fn keys(
    channel: &Channel,
    ours: &[&str],
    org_name: &dyn Fn(&str) -> Option<Arc<str>>,
) -> RowKeys {
    let org = external_teams(channel, ours)
        .first()
        .map(|id| InlineText::from(org_name(id).as_deref().unwrap_or(id)))
        .unwrap_or_default();
    RowKeys {
        group: 0,
        expires: i64::MAX,
        when: channel.last_activity.unwrap_or(i64::MAX),
        org,
        channel: InlineText::from(channel.name.as_deref().unwrap_or(&channel.id)),
        ..RowKeys::default()
    }
}
