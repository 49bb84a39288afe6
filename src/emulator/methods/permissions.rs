//! conversations.externalInvitePermissions.set: one org's permission in a
//! shared channel, post only (`connected_limited_team_ids`) or post and
//! invite.
//!
//! Where the docs are silent the emulator chooses:
//! - A team that already has the asked-for permission is left as it is,
//!   and the answer is `ok` (setting a permission is idempotent).
//! - Only the channel's host may change an org's permission: in a channel
//!   another org hosts, the answer is `restricted_action`.
//! - Our own side is never a `target_team`: `invalid_target_team`.

use serde_json::json;

use super::{Ctx, Reply, reply};
use crate::emulator::api_error::ApiError;

pub(super) fn set(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let channel_id = cx.args.require("channel")?;
    let team = cx.args.require("target_team")?;
    let upgrade = match cx.args.require("action")?.as_str() {
        "upgrade" => true,
        "downgrade" => false,
        _ => return Err(ApiError::new("invalid_action")),
    };
    let me = cx.state.me.clone();
    let ch = cx
        .state
        .channels
        .by_id
        .get_mut(&channel_id)
        .ok_or_else(|| ApiError::new("channel_not_found"))?;
    if ch.is_ext_shared != Some(true) || ch.connected_team_ids.is_empty() {
        return Err(ApiError::new("not_supported"));
    }
    if me.is_us(&team) || !ch.connected_team_ids.contains(&team) {
        return Err(ApiError::new("invalid_target_team"));
    }
    let host = ch.conversation_host_id.as_deref().unwrap_or(&me.team_id);
    if !me.is_us(host) {
        return Err(ApiError::new("restricted_action"));
    }
    ch.connected_limited_team_ids.retain(|t| *t != team);
    if !upgrade {
        ch.connected_limited_team_ids.push(team);
    }
    reply(json!({}))
}
