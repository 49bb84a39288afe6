//! auth.test and auth.teams.list.

use serde_json::{Value, json};

use super::{Ctx, Reply, next_or_empty, reply};
use crate::emulator::api_error::ApiError;
use crate::emulator::pagination;

/// The org's ID when the data file names none.
pub(crate) const ORG_ID: &str = "E0EMU00001";

pub(super) fn test(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let me = &cx.state.me;
    // The token's own user (a second admin's token names its own).
    let who = cx.state.token_user(cx.token);
    let user = who.name.clone().unwrap_or_else(|| who.id.clone());
    let user_id = who.id.clone();
    if cx.token.is_org_level() {
        // An org install: the org is the team (its id in `team_id` too,
        // one of the two shapes Slack is seen to give).
        let org = me
            .enterprise_id
            .clone()
            .unwrap_or_else(|| ORG_ID.to_owned());
        return reply(json!({
            "url": me.url,
            "team": me.team,
            "user": user,
            "team_id": org,
            "user_id": user_id,
            "enterprise_id": org,
            "is_enterprise_install": true,
        }));
    }
    if let Some(ws) = cx
        .workspace
        .as_ref()
        .and_then(|id| cx.state.workspaces.iter().find(|w| w.id == *id))
    {
        let mut body = json!({
            "url": format!("https://{}.slack.com/", ws.domain),
            "team": ws.name,
            "user": user,
            "team_id": &*ws.id,
            "user_id": user_id,
            "is_enterprise_install": false,
        });
        if let Some(e) = &me.enterprise_id {
            body["enterprise_id"] = json!(e);
        }
        return reply(body);
    }
    let mut body = json!({
        "url": me.url,
        "team": me.team,
        "user": user,
        "team_id": me.team_id,
        "user_id": user_id,
        "is_enterprise_install": false,
    });
    if let Some(e) = &me.enterprise_id {
        body["enterprise_id"] = json!(e);
    }
    reply(body)
}

/// The workspaces of our org: ours, plus every workspace of ours that an
/// external org lists as connected to it.
pub(super) fn teams_list(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let limit = pagination::page_size(cx.args.int("limit")?, 100, 1, 1000);
    let mut teams: std::collections::BTreeMap<String, String> = Default::default();
    if cx.token.is_org_level() {
        // The workspaces the org install was granted.
        for ws in &cx.state.workspaces {
            if cx.reaches(&ws.id) {
                teams.insert(ws.id.to_string(), ws.name.clone());
            }
        }
    } else {
        teams.insert(cx.state.me.team_id.clone(), cx.state.me.team.clone());
        for org in cx.state.orgs.values() {
            for ws in &org.connected_workspaces {
                teams
                    .entry(ws.workspace_id.clone())
                    .or_insert_with(|| ws.workspace_name.clone().unwrap_or_default());
            }
        }
    }
    let start = match cx.args.str("cursor") {
        None => None,
        Some(c) => match pagination::decode("teams", &c)?.as_slice() {
            [Value::String(id)] => Some(id.clone()),
            _ => return Err(ApiError::new("invalid_cursor")),
        },
    };
    let mut iter = teams
        .iter()
        .filter(|(id, _)| start.as_ref().is_none_or(|s| *id > s))
        .peekable();
    let page: Vec<(&String, &String)> = iter.by_ref().take(limit).collect();
    let next = (iter.peek().is_some())
        .then(|| {
            page.last()
                .map(|(id, _)| pagination::encode("teams", vec![json!(id)]))
        })
        .flatten();
    reply(json!({
        "teams": page.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>(),
        "response_metadata": {"next_cursor": next_or_empty(next)},
    }))
}
