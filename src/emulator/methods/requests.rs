//! conversations.requestSharedInvite.list, .approve and .deny.

use std::cmp::Reverse;
use std::sync::Arc;

use serde_json::{Value, json};

use super::{Ctx, Reply, reply};
use crate::emulator::api_error::ApiError;
use crate::emulator::pagination::{self, take_page};
use crate::emulator::records::{Direction, InviteRec, RequestStatus, Text};
use crate::slack::models::ConnectChannel;

/// Slack's limit for approval and denial messages.
use crate::slack::MAX_MESSAGE_CHARS;
/// How long an invitation sent on approval stays valid (Slack: 14 days).
const INVITE_LIFETIME: i64 = 14 * 24 * 3600;

pub(super) fn list(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let limit = pagination::page_size(cx.args.int("limit")?, 200, 1, 1000);
    let include_approved = cx.args.bool("include_approved")?.unwrap_or(false);
    let include_denied = cx.args.bool("include_denied")?.unwrap_or(false);
    let include_expired = cx.args.bool("include_expired")?.unwrap_or(false);
    let user_id = cx.args.str("user_id");
    let invite_ids = cx.args.list("invite_ids")?;
    let after = match cx.args.str("cursor") {
        None => None,
        Some(c) => {
            let (t, id) = pagination::int_id_key(&pagination::decode("requests", &c)?)?;
            Some((Reverse(t), id))
        }
    };
    let now = cx.now;
    let (page, more) = take_page(cx.state.requests.after(after.as_ref()), limit, |r| {
        if !cx.reaches(&r.workspace) {
            return false;
        }
        let shown = match r.status(now) {
            RequestStatus::Pending => true,
            RequestStatus::Approved => include_approved,
            RequestStatus::Denied => include_denied,
            RequestStatus::Expired => include_expired,
        };
        shown
            && user_id
                .as_ref()
                .is_none_or(|u| r.inviting_user.as_ref().is_some_and(|iu| &iu.id == u))
            && invite_ids
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|i| **i == *r.id))
    });
    let items: Vec<Value> = page
        .iter()
        .map(|(_, r)| serde_json::to_value(r.to_wire()).unwrap_or(Value::Null))
        .collect();
    let mut body = json!({ "invite_requests": items });
    // Unlike the other lists, response_metadata is present only when a next page exists.
    if more && let Some(((Reverse(t), id), _)) = page.last() {
        body["response_metadata"] =
            json!({"next_cursor": pagination::encode("requests", vec![json!(t), json!(id)])});
    }
    reply(body)
}

/// The request, checked to be still open.
fn open_request(cx: &Ctx<'_>, id: &str) -> Result<(), ApiError> {
    let rec = cx
        .state
        .requests
        .get(id)
        .filter(|rec| cx.reaches(&rec.workspace))
        .ok_or_else(|| ApiError::new("invite_not_found"))?;
    match rec.status(cx.now) {
        RequestStatus::Pending => Ok(()),
        RequestStatus::Approved => Err(ApiError::new("invite_already_approved")),
        RequestStatus::Denied => Err(ApiError::new("invite_already_denied")),
        RequestStatus::Expired => Err(ApiError::new("invite_expired")),
    }
}

pub(super) fn approve(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let id = cx.args.require("invite_id")?;
    open_request(cx, &id)?;
    let limited_override = cx.args.bool("is_external_limited")?;
    let message = match cx.args.object("message")? {
        None => None,
        Some(m) => {
            let text = m.get("text").and_then(Value::as_str);
            let is_override = m.get("is_override").and_then(|v| match v {
                Value::Bool(b) => Some(*b),
                Value::String(s) => match s.to_ascii_lowercase().as_str() {
                    "true" | "1" => Some(true),
                    "false" | "0" => Some(false),
                    _ => None,
                },
                _ => None,
            });
            match (text, is_override) {
                (Some(t), Some(o)) => Some((t.to_owned(), o)),
                _ => {
                    return Err(ApiError::invalid(
                        "message",
                        "message needs both text and is_override",
                    ));
                }
            }
        }
    };
    if let Some((text, _)) = &message
        && text.chars().count() > MAX_MESSAGE_CHARS
    {
        return Err(ApiError::new("message_too_long"));
    }
    let channel_override = match cx.args.str("channel_id") {
        None => None,
        Some(ch_id) => {
            let ch = cx
                .state
                .channels
                .get(&ch_id)
                .ok_or_else(|| ApiError::new("channel_not_found"))?;
            Some(ConnectChannel {
                id: ch.id.clone(),
                is_im: Some(false),
                is_private: ch.is_private,
                name: ch.name.clone(),
            })
        }
    };

    let now = cx.now;
    let me = cx.state.me.team_ref.clone();
    let Some(req) = cx.state.requests.get(&id) else {
        return Err(ApiError::new("invite_not_found"));
    };
    let channel = channel_override
        .or_else(|| {
            req.channel.as_deref().map(|c| ConnectChannel {
                id: c.id.clone(),
                is_im: c.is_im,
                is_private: c.is_private,
                name: c.name.clone(),
            })
        })
        .ok_or_else(|| ApiError::new("channel_not_found"))?;
    // The request already is Slack's held invitation: approving sends it
    // under the same id, so it appears among the outgoing invites.
    let invite = InviteRec {
        id: req.id.clone(),
        direction: Direction::Outgoing,
        status: Some("sent".into()),
        invite_type: Some("channel".into()),
        date_created: now,
        date_invalid: Some(now + INVITE_LIFETIME),
        date_last_updated: Some(now),
        inviting_team: Arc::clone(&me),
        inviting_user: req.inviting_user.clone(),
        link: Some(format!(
            "https://join.slack.com/share/{}",
            req.id.to_lowercase()
        )),
        recipient_user_id: req
            .target_user
            .as_ref()
            .and_then(|t| t.recipient_user_id.clone()),
        recipient_email: req
            .target_user
            .as_ref()
            .and_then(|t| t.recipient_email.as_deref())
            .or(req.recipient_email.as_deref())
            .map(Text::from),
        sig: None,
        channel,
        is_external_limited: limited_override.or(req.is_external_limited).unwrap_or(true),
        is_sponsored: req.is_sponsored,
        acceptances: Vec::new(),
        workspace: req.workspace.clone(),
    };
    let invite_id = invite.id.clone();
    if cx.state.invites.contains(&invite_id) || cx.state.past_outcome.contains_key(&invite_id) {
        return Err(ApiError::new("internal_error"));
    }
    cx.state.add_invite(invite);
    if let Some(req) = cx.state.requests.get_mut(&id) {
        req.decided = RequestStatus::Approved;
        req.date_last_updated = Some(now);
        req.approval_replaces = message.as_ref().is_some_and(|(_, replaces)| *replaces);
        req.approval_message = message.map(|(text, _)| text);
    }
    reply(json!({ "invite_id": invite_id }))
}

pub(super) fn deny(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let id = cx.args.require("invite_id")?;
    open_request(cx, &id)?;
    let message = cx.args.raw_str("message").filter(|m| !m.trim().is_empty());
    if message
        .as_ref()
        .is_some_and(|m| m.chars().count() > MAX_MESSAGE_CHARS)
    {
        return Err(ApiError::new("message_too_long"));
    }
    let now = cx.now;
    let reviewer = cx.state.token_user(cx.token);
    let Some(req) = cx.state.requests.get_mut(&id) else {
        return Err(ApiError::new("invite_not_found"));
    };
    req.decided = RequestStatus::Denied;
    req.date_denied = Some(now);
    req.date_last_updated = Some(now);
    req.reviewing_user = Some(reviewer);
    req.deny_message = message;
    reply(json!({ "invite_id": id }))
}
