//! team.externalTeams.list and team.externalTeams.disconnect.

use std::cmp::Ordering;

use serde_json::{Value, json};

use super::{Ctx, Reply, next_or_empty, reply};
use crate::emulator::api_error::ApiError;
use crate::emulator::events;
use crate::emulator::pagination;
use crate::slack::models::ExternalOrg;

const STATUSES: [&str; 5] = [
    "CONNECTED",
    "DISCONNECTED",
    "BLOCKED",
    "IN_REVIEW",
    "DISCONNECTING",
];

fn compare(field: &str, a: &ExternalOrg, b: &ExternalOrg) -> Ordering {
    let by_field = match field {
        "last_active_timestamp" => a.last_active_timestamp.cmp(&b.last_active_timestamp),
        "connection_status" => a.connection_status.cmp(&b.connection_status),
        _ => {
            let name = |o: &ExternalOrg| o.team_name.clone().unwrap_or_default().to_lowercase();
            name(a).cmp(&name(b))
        }
    };
    by_field.then_with(|| a.team_id.cmp(&b.team_id))
}

/// Orgs are few (thousands at most), so each page sorts them afresh; the
/// cursor is the team id of the last org returned, as Slack's is a team id.
pub(super) fn list(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let limit = pagination::page_size(cx.args.int("limit")?, 20, 1, 25);
    let field = cx
        .args
        .str("sort_field")
        .unwrap_or_else(|| "team_name".into());
    if !["team_name", "last_active_timestamp", "connection_status"].contains(&field.as_str()) {
        return Err(ApiError::invalid(
            "sort_field",
            "must be one of team_name, last_active_timestamp, connection_status",
        ));
    }
    let desc = match cx.args.str("sort_direction").as_deref() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(_) => return Err(ApiError::invalid("sort_direction", "must be asc or desc")),
    };
    let status = cx.args.str("connection_status_filter");
    if let Some(s) = &status
        && !STATUSES.contains(&s.as_str())
    {
        return Err(ApiError::invalid(
            "connection_status_filter",
            "unknown connection status",
        ));
    }
    let workspaces = cx.args.list("workspace_filter")?;
    if let Some(ws) = &workspaces
        && ws.iter().any(|w| !w.starts_with(['T', 'E']))
    {
        return Err(ApiError::new("invalid_workspace_filter"));
    }
    let prefs = cx.args.list("slack_connect_pref_filter")?;

    let mut all: Vec<&ExternalOrg> = cx.state.orgs.values().collect();
    all.sort_by(|a, b| {
        let o = compare(&field, a, b);
        if desc { o.reverse() } else { o }
    });
    let start = match cx.args.str("cursor") {
        None => 0,
        Some(team_id) => {
            all.iter()
                .position(|o| o.team_id == team_id)
                .ok_or_else(|| ApiError::new("invalid_cursor"))?
                + 1
        }
    };
    let keep = |o: &ExternalOrg| {
        status
            .as_ref()
            .is_none_or(|s| o.connection_status.as_deref() == Some(s))
            && workspaces.as_ref().is_none_or(|ws| {
                o.connected_workspaces
                    .iter()
                    .any(|c| ws.contains(&c.workspace_id))
            })
            && prefs.as_ref().is_none_or(|ps| {
                o.slack_connect_prefs
                    .as_ref()
                    .and_then(Value::as_object)
                    .is_some_and(|m| ps.iter().any(|p| m.contains_key(p)))
            })
    };
    let total = all.iter().filter(|o| keep(o)).count();
    let mut rest = all[start.min(all.len())..].iter().filter(|o| keep(o));
    let page: Vec<&ExternalOrg> = rest.by_ref().take(limit).copied().collect();
    let next = (page.len() == limit && rest.next().is_some())
        .then(|| page.last().map(|o| o.team_id.clone()))
        .flatten();
    reply(json!({
        "organizations": page,
        "total_count": total,
        "response_metadata": {"next_cursor": next_or_empty(next)},
    }))
}

pub(super) fn disconnect(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let Some(target) = cx.args.str("target_team") else {
        return Err(ApiError::new("missing_argument").with("arg", json!("target_team")));
    };
    if !cx.state.orgs.contains_key(&target) || cx.state.me.is_us(&target) {
        return Err(ApiError::new("invalid_target_team"));
    }
    for channel in cx.state.disconnect_org(&target) {
        let still = cx.state.still_shared(&channel);
        let event = events::channel_unshared(cx.state, &channel, &target, still);
        cx.events.push(event);
    }
    reply(json!({}))
}
