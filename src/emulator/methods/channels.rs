//! admin.conversations.search, admin.conversations.disconnectShared, conversations.list.

use std::collections::BTreeSet;
use std::ops::Bound;

use serde_json::{Value, json};

use super::{Ctx, Reply, next_or_empty, reply};
use crate::emulator::api_error::ApiError;
use crate::emulator::args::Args;
use crate::emulator::events;
use crate::emulator::pagination;
use crate::slack::models::SharedChannel;

const SEARCH_TYPES: [&str; 12] = [
    "private",
    "private_exclude",
    "archived",
    "exclude_archived",
    "private_exclude_archived",
    "multi_workspace",
    "org_wide",
    "external_shared_exclude",
    "external_shared",
    "external_shared_private",
    "external_shared_archived",
    "exclude_org_shared",
];

fn flag(v: Option<bool>) -> bool {
    v == Some(true)
}

fn matches_type(ch: &SharedChannel, t: &str) -> bool {
    let private = flag(ch.is_private);
    let archived = flag(ch.is_archived);
    let ext = flag(ch.is_ext_shared);
    match t {
        "private" => private,
        "private_exclude" => !private,
        "archived" => archived,
        "exclude_archived" => !archived,
        "private_exclude_archived" => private && !archived,
        "multi_workspace" => flag(ch.is_org_shared),
        "org_wide" => flag(ch.is_global_shared),
        "external_shared_exclude" => !ext,
        "external_shared" => ext && !private && !archived,
        "external_shared_private" => ext && private && !archived,
        "external_shared_archived" => ext && archived,
        "exclude_org_shared" => !flag(ch.is_org_shared),
        _ => false,
    }
}

/// Entries of a sort index strictly after `after`, ascending or descending.
fn scan<'a, K: Ord + Clone>(
    set: &'a BTreeSet<(K, String)>,
    after: Option<(K, String)>,
    desc: bool,
) -> Box<dyn Iterator<Item = &'a (K, String)> + 'a> {
    match (after, desc) {
        (None, false) => Box::new(set.iter()),
        (None, true) => Box::new(set.iter().rev()),
        (Some(k), false) => Box::new(set.range((Bound::Excluded(k), Bound::Unbounded))),
        (Some(k), true) => Box::new(set.range((Bound::Unbounded, Bound::Excluded(k))).rev()),
    }
}

fn take<'a, K: 'a>(
    cx: &'a Ctx<'_>,
    iter: impl Iterator<Item = &'a (K, String)>,
    limit: usize,
    keep: &dyn Fn(&SharedChannel) -> bool,
) -> (Vec<(&'a K, &'a SharedChannel)>, bool) {
    let with_channel = iter.filter_map(|(k, id)| cx.state.channels.get(id).map(|c| (k, c)));
    pagination::take_page(with_channel, limit, |c| keep(c))
}

pub(super) fn search(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let limit = pagination::page_size(cx.args.int("limit")?, 10, 1, 20);
    let types = cx.args.list("search_channel_types")?.unwrap_or_default();
    if types.iter().any(|t| !SEARCH_TYPES.contains(&t.as_str())) {
        return Err(ApiError::new("invalid_search_channel_type"));
    }
    let sort = cx.args.str("sort").unwrap_or_else(|| "member_count".into());
    if !["relevant", "name", "member_count", "created"].contains(&sort.as_str()) {
        return Err(ApiError::new("invalid_sort"));
    }
    let desc = match cx.args.str("sort_dir").as_deref() {
        None | Some("desc") => true,
        Some("asc") => false,
        Some(_) => return Err(ApiError::new("invalid_sort_dir")),
    };
    let query = cx.args.str("query").map(|q| q.to_lowercase());
    let connected = cx.args.list("connected_team_ids")?;
    let team_ids = cx.args.list("team_ids")?;
    let signature = format!("{types:?}|{query:?}|{connected:?}|{team_ids:?}");
    let me = cx.state.me.team_id.clone();
    let keep = move |ch: &SharedChannel| {
        (types.is_empty() || types.iter().any(|t| matches_type(ch, t)))
            && query.as_ref().is_none_or(|q| {
                ch.name
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains(q))
            })
            && connected
                .as_ref()
                .is_none_or(|ts| ch.connected_team_ids.iter().any(|t| ts.contains(t)))
            && team_ids.as_ref().is_none_or(|ts| {
                if ch.internal_team_ids.is_empty() {
                    ts.contains(&me)
                } else {
                    ch.internal_team_ids.iter().any(|t| ts.contains(t))
                }
            })
    };
    let version = cx.state.version;
    let total = match &cx.state.search_count {
        Some((sig, v, n)) if *sig == signature && *v == version => *n,
        _ => {
            let n = cx.state.channels.by_id.values().filter(|c| keep(c)).count();
            cx.state.search_count = Some((signature, version, n));
            n
        }
    };
    if cx.args.bool("total_count_only")?.unwrap_or(false) {
        return reply(json!({ "conversations": [], "total_count": total }));
    }
    // "relevant" has no meaning without a search engine; it orders like the default.
    let index = if sort == "relevant" {
        "member_count"
    } else {
        sort.as_str()
    };
    let dir = if desc { "desc" } else { "asc" };
    let cursor = match cx.args.str("cursor") {
        None => None,
        Some(c) => {
            let parts = pagination::decode("search", &c)?;
            match parts.as_slice() {
                [Value::String(s), Value::String(d), key, Value::String(id)]
                    if s == index && d == dir =>
                {
                    Some((key.clone(), id.clone()))
                }
                _ => return Err(ApiError::new("invalid_cursor")),
            }
        }
    };
    let channels = &cx.state.channels;
    let (items, last_key, more): (Vec<&SharedChannel>, Option<(Value, String)>, bool) = match index
    {
        "name" => {
            let after = match cursor {
                None => None,
                Some((Value::String(k), id)) => Some((k, id)),
                Some(_) => return Err(ApiError::new("invalid_cursor")),
            };
            let (page, more) = take(cx, scan(&channels.by_name, after, desc), limit, &keep);
            let last = page.last().map(|(k, c)| (json!(k), c.id.clone()));
            (page.into_iter().map(|(_, c)| c).collect(), last, more)
        }
        _ => {
            let set = if index == "created" {
                &channels.by_created
            } else {
                &channels.by_members
            };
            let after = match cursor {
                None => None,
                Some((Value::Number(n), id)) => Some((
                    n.as_i64().ok_or_else(|| ApiError::new("invalid_cursor"))?,
                    id,
                )),
                Some(_) => return Err(ApiError::new("invalid_cursor")),
            };
            let (page, more) = take(cx, scan(set, after, desc), limit, &keep);
            let last = page.last().map(|(k, c)| (json!(k), c.id.clone()));
            (page.into_iter().map(|(_, c)| c).collect(), last, more)
        }
    };
    let next = more
        .then_some(last_key)
        .flatten()
        .map(|(k, id)| pagination::encode("search", vec![json!(index), json!(dir), k, json!(id)]));
    #[derive(serde::Serialize)]
    struct Page<'a> {
        ok: bool,
        conversations: Vec<&'a SharedChannel>,
        total_count: usize,
        next_cursor: String,
    }
    let page = Page {
        ok: true,
        conversations: items,
        total_count: total,
        next_cursor: next.unwrap_or_default(),
    };
    serde_json::to_string(&page)
        .map(Reply::Body)
        .map_err(|_| ApiError::new("internal_error"))
}

pub(super) fn disconnect_shared(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let channel_id = cx.args.require("channel_id")?;
    let leaving = cx.args.list("leaving_team_ids")?;
    let me = cx.state.me.clone();
    let ch = cx
        .state
        .channels
        .get(&channel_id)
        .ok_or_else(|| ApiError::new("channel_not_found"))?;
    if !flag(ch.is_ext_shared) || ch.connected_team_ids.is_empty() {
        return Err(ApiError::new("not_supported"));
    }
    let host = ch
        .conversation_host_id
        .clone()
        .unwrap_or_else(|| me.team_id.clone());
    let mut teams: Vec<String> = vec![host.clone()];
    if !me.is_us(&host) {
        teams.push(me.team_id.clone());
    }
    teams.extend(
        ch.connected_team_ids
            .iter()
            .filter(|t| !teams.contains(t))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let leaving_team = match leaving.as_deref() {
        Some([one]) => one.clone(),
        Some(_) => {
            return Err(ApiError::invalid(
                "leaving_team_ids",
                "only one team can leave per call",
            ));
        }
        None if teams.len() > 2 => return Err(ApiError::new("leaving_team_required")),
        // Two teams: the one that is not the host leaves.
        None => teams
            .iter()
            .find(|t| **t != host)
            .cloned()
            .unwrap_or_default(),
    };
    if leaving_team == host || (me.is_us(&host) && me.is_us(&leaving_team)) {
        return Err(ApiError::new("cannot_kick_home_team"));
    }
    if me.is_us(&leaving_team) {
        // Our side leaves a channel hosted elsewhere: our copy keeps no external team.
        let connected = ch.connected_team_ids.clone();
        for team in connected {
            if cx.state.remove_team_from_channel(&channel_id, &team) {
                unshared(cx, &channel_id, &team);
            }
        }
        return reply(json!({}));
    }
    if !cx
        .state
        .remove_team_from_channel(&channel_id, &leaving_team)
    {
        return Err(ApiError::new("leaving_team_not_in_channel"));
    }
    unshared(cx, &channel_id, &leaving_team);
    reply(json!({}))
}

/// `channel_unshared` for a team that just left.
fn unshared(cx: &mut Ctx<'_>, channel_id: &str, team_id: &str) {
    let still = cx.state.still_shared(channel_id);
    let event = events::channel_unshared(cx.state, channel_id, team_id, still);
    cx.events.push(event);
}

const LIST_TYPES: [(&str, &str); 4] = [
    ("public_channel", "channels:read"),
    ("private_channel", "groups:read"),
    ("mpim", "mpim:read"),
    ("im", "im:read"),
];

fn list_types(args: &Args) -> Result<Vec<String>, ApiError> {
    let types = args
        .list("types")?
        .unwrap_or_else(|| vec!["public_channel".into()]);
    if types
        .iter()
        .any(|t| !LIST_TYPES.iter().any(|(n, _)| n == t))
    {
        return Err(ApiError::new("invalid_types"));
    }
    Ok(types)
}

/// conversations.list needs the read scope of each conversation type asked for.
pub(super) fn list_scopes(args: &Args) -> Vec<&'static str> {
    let types = list_types(args).unwrap_or_default();
    LIST_TYPES
        .iter()
        .filter(|(n, _)| types.iter().any(|t| t == n))
        .map(|(_, s)| *s)
        .collect()
}

/// The conversations.list shape of a channel: `purpose` is an object and the
/// member count is `num_members`.
fn list_shape(ch: &SharedChannel) -> Value {
    let mut v = serde_json::to_value(ch).unwrap_or(Value::Null);
    let private = flag(ch.is_private);
    if let Value::Object(m) = &mut v {
        if let Some(Value::String(p)) = m.get("purpose").cloned() {
            m.insert(
                "purpose".into(),
                json!({"value": p, "creator": "", "last_set": 0}),
            );
        }
        if let Some(n) = m.remove("member_count") {
            m.insert("num_members".into(), n);
        }
        m.insert("is_channel".into(), json!(!private));
        m.insert("is_group".into(), json!(false));
        m.insert("is_im".into(), json!(false));
        m.insert("is_mpim".into(), json!(false));
        m.entry("is_shared")
            .or_insert(json!(flag(ch.is_ext_shared)));
    }
    v
}

pub(super) fn list(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let types = list_types(cx.args)?;
    let limit = pagination::page_size(cx.args.int("limit")?, 100, 1, 999);
    let exclude_archived = cx.args.bool("exclude_archived")?.unwrap_or(false);
    let want_public = types.iter().any(|t| t == "public_channel");
    let want_private = types.iter().any(|t| t == "private_channel");
    let after = match cx.args.str("cursor") {
        None => None,
        Some(c) => match pagination::decode("list", &c)?.as_slice() {
            [Value::String(id)] => Some(id.clone()),
            _ => return Err(ApiError::new("invalid_cursor")),
        },
    };
    let iter: Box<dyn Iterator<Item = (&String, &SharedChannel)>> = match &after {
        None => Box::new(cx.state.channels.by_id.iter()),
        Some(id) => Box::new(
            cx.state
                .channels
                .by_id
                .range::<String, _>((Bound::Excluded(id), Bound::Unbounded)),
        ),
    };
    // A workspace sees the channels it is in (`internal_team_ids`; none
    // listed is our first workspace's).
    let ours = cx.state.workspaces[0].id.clone();
    let in_workspace = |c: &SharedChannel| match &cx.workspace {
        None => true,
        Some(ws) if c.internal_team_ids.is_empty() => *ws == ours,
        Some(ws) => c.internal_team_ids.iter().any(|t| **t == **ws),
    };
    let (page, more) = pagination::take_page(iter, limit, |c| {
        let private = flag(c.is_private);
        ((private && want_private) || (!private && want_public))
            && !(exclude_archived && flag(c.is_archived))
            && in_workspace(c)
    });
    let next = more
        .then(|| page.last())
        .flatten()
        .map(|(id, _)| pagination::encode("list", vec![json!(id)]));
    reply(json!({
        "channels": page.iter().map(|(_, c)| list_shape(c)).collect::<Vec<_>>(),
        "response_metadata": {"next_cursor": next_or_empty(next)},
    }))
}
