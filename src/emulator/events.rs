//! The inner Events API events a state change makes (slack-connect-api.md
//! §4), in the shapes of the samples in fixtures/wave2/events. Built while
//! the state is locked, sent once it is released.

use serde_json::{Map, Value, json};

use crate::emulator::people::full_user;
use crate::emulator::records::{InviteRec, RequestRec, UserRef};
use crate::emulator::state::State;
use crate::slack::models::{ConnectChannel, ConnectTeam};

/// One event a change made; the hub wraps it in its delivery.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Emitted {
    /// The workspace of ours it concerns (`payload.team_id`).
    pub team_id: String,
    /// For `event_context`.
    pub channel_id: String,
    /// The inner event, without `event_ts` (the hub stamps it).
    pub event: Value,
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn team(t: &ConnectTeam) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

pub(crate) fn channel_object(c: &ConnectChannel) -> Value {
    json!({
        "id": c.id,
        "is_private": c.is_private.unwrap_or(false),
        "is_im": c.is_im.unwrap_or(false),
        "name": c.name.clone().unwrap_or_default(),
    })
}

/// The `invite` of an event: the same id and fields listConnectInvites shows.
fn invite_object(rec: &InviteRec, now: i64) -> Value {
    let mut m = object(json!({
        "id": rec.id,
        "date_created": rec.date_created,
        "date_invalid": rec.date_invalid.unwrap_or(rec.date_created),
        "inviting_team": team(&rec.inviting_team),
    }));
    if let Some(u) = &rec.inviting_user {
        m.insert("inviting_user".into(), full_user(u, now));
    }
    if let Some(e) = &rec.recipient_email {
        m.insert("recipient_email".into(), json!(e));
    }
    if let Some(u) = &rec.recipient_user_id {
        m.insert("recipient_user_id".into(), json!(u));
    }
    Value::Object(m)
}

/// The channel's host, then every team connected to our copy of it.
fn teams_in_channel(state: &State, host: &ConnectTeam, channel_id: &str) -> Vec<Value> {
    let mut out = vec![team(host)];
    let mut seen = vec![host.id.clone()];
    if let Some(ch) = state.channels.get(channel_id) {
        let ours = ch.internal_team_ids.first().unwrap_or(&state.me.team_id);
        for id in std::iter::once(ours).chain(&ch.connected_team_ids) {
            if !seen.contains(id) {
                seen.push(id.clone());
                if let Some(t) = state.team(id) {
                    out.push(team(&t));
                }
            }
        }
    }
    out
}

fn invite_event(state: &State, kind: &str, rec: &InviteRec, now: i64) -> Map<String, Value> {
    object(json!({
        "type": kind,
        "invite": invite_object(rec, now),
        "channel": channel_object(&rec.channel),
        "teams_in_channel": teams_in_channel(state, &rec.inviting_team, &rec.channel.id),
    }))
}

fn emitted(rec: &InviteRec, event: Map<String, Value>) -> Emitted {
    Emitted {
        team_id: rec.workspace.to_string(),
        channel_id: rec.channel.id.clone(),
        event: Value::Object(event),
    }
}

/// `shared_channel_invite_received`: a new invite came to us.
pub(crate) fn received(rec: &InviteRec, now: i64) -> Emitted {
    let event = object(json!({
        "type": "shared_channel_invite_received",
        "invite": invite_object(rec, now),
        "channel": channel_object(&rec.channel),
    }));
    emitted(rec, event)
}

/// `shared_channel_invite_accepted`.
pub(crate) fn accepted(
    state: &State,
    rec: &InviteRec,
    user: &UserRef,
    approval_required: bool,
    now: i64,
) -> Emitted {
    let mut e = invite_event(state, "shared_channel_invite_accepted", rec, now);
    e.insert("approval_required".into(), json!(approval_required));
    e.insert("accepting_user".into(), full_user(user, now));
    emitted(rec, e)
}

/// `shared_channel_invite_approved` (`approving: true`) or `_declined`:
/// `team_id` decided, as `user`.
pub(crate) fn decided(
    state: &State,
    rec: &InviteRec,
    approving: bool,
    team_id: &str,
    user: &UserRef,
    now: i64,
) -> Emitted {
    let (kind, side) = if approving {
        ("shared_channel_invite_approved", "approving")
    } else {
        ("shared_channel_invite_declined", "declining")
    };
    let mut e = invite_event(state, kind, rec, now);
    e.insert(format!("{side}_team_id"), json!(team_id));
    e.insert(format!("{side}_user"), full_user(user, now));
    emitted(rec, e)
}

/// `channel_shared`: `team_id` joined the channel (the channel is an id here, as in the sample).
pub(crate) fn channel_shared(workspace: &str, channel_id: &str, team_id: &str) -> Emitted {
    Emitted {
        team_id: workspace.to_owned(),
        channel_id: channel_id.to_owned(),
        event: json!({
            "type": "channel_shared",
            "connected_team_id": team_id,
            "channel": channel_id,
        }),
    }
}

/// `channel_unshared`: `team_id` left; `still_shared` when another external team remains.
pub(crate) fn channel_unshared(
    state: &State,
    channel_id: &str,
    team_id: &str,
    still_shared: bool,
) -> Emitted {
    let workspace = state
        .channels
        .get(channel_id)
        .and_then(|c| c.internal_team_ids.first().cloned())
        .unwrap_or_else(|| state.me.team_id.clone());
    Emitted {
        team_id: workspace,
        channel_id: channel_id.to_owned(),
        event: json!({
            "type": "channel_unshared",
            "previously_connected_team_id": team_id,
            "channel": channel_id,
            "is_ext_shared": still_shared,
        }),
    }
}

/// `shared_channel_invite_requested`, the Events API shape: a `channel`
/// object and the member as a full user (`actor`); `invite_id` is the
/// request's id in requestSharedInvite.list.
pub(crate) fn requested(req: &RequestRec, now: i64) -> Emitted {
    let ch = req.channel.as_deref().cloned().unwrap_or_default();
    let mut teams = vec![team(&req.inviting_team)];
    for conn in &ch.connections {
        if let Some(t) = &conn.team
            && t.id != req.inviting_team.id
        {
            teams.push(team(t));
        }
    }
    let email = req
        .target_user
        .as_ref()
        .and_then(|t| t.recipient_email.clone())
        .or_else(|| req.recipient_email.clone())
        .unwrap_or_default();
    let created = ch.date_created.unwrap_or(req.date_created);
    let actor = req
        .inviting_user
        .as_deref()
        .map(|u| full_user(u, now))
        .unwrap_or(Value::Null);
    Emitted {
        team_id: req.workspace.to_string(),
        channel_id: ch.id.clone(),
        event: json!({
            "type": "shared_channel_invite_requested",
            "channel": {
                "id": ch.id,
                "is_im": ch.is_im.unwrap_or(false),
                "is_private": ch.is_private.unwrap_or(false),
                "date_created": created,
                "message_latest_counted_timestamp": now * 1_000_000,
                "name": ch.name.clone().unwrap_or_default(),
            },
            "actor": actor,
            "is_external_limited": req.is_external_limited.unwrap_or(true),
            "target_users": [{"invite_id": req.id, "email": email}],
            "teams_in_channel": teams,
        }),
    }
}
