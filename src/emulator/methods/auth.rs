//! auth.test and auth.teams.list.

use serde_json::{Value, json};

use super::{Ctx, Reply, next_or_empty, reply};
use crate::emulator::api_error::ApiError;
use crate::emulator::pagination;

pub(super) fn test(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let me = &cx.state.me;
    let mut body = json!({
        "url": me.url,
        "team": me.team,
        "user": me.user,
        "team_id": me.team_id,
        "user_id": me.user_id,
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
    teams.insert(cx.state.me.team_id.clone(), cx.state.me.team.clone());
    for org in cx.state.orgs.values() {
        for ws in &org.connected_workspaces {
            teams
                .entry(ws.workspace_id.clone())
                .or_insert_with(|| ws.workspace_name.clone().unwrap_or_default());
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
